/**
 * The one gate every request to a bridge passes, whatever asks for it (a heartbeat, a
 * callback check, a registration, a retry): one request at a time, and the next one starts at
 * least a second after the previous one ended. Tedee asks for at most one request per second
 * (§1.6); counting from the end rather than the start also keeps the spacing at the bridge,
 * where a slow answer would otherwise bunch two arrivals together.
 *
 * Time comes from an injected clock, as in main/engine, so tests check the spacing on
 * simulated time.
 */
import type { Clock } from '../engine/clock.ts';
import { sleepOn, untilAborted } from './clock-sleep.ts';

export const MIN_REQUEST_SPACING_MS = 1_000;

export class BridgeRequestGuard {
  readonly #clock: Clock;
  /** Settles when every request queued so far has finished or given up. */
  #queue: Promise<void> = Promise.resolve();
  #lastEndedAt = Number.NEGATIVE_INFINITY;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /**
   * Runs `send` when its turn comes. A `signal` aborted while waiting rejects with its reason
   * and sends nothing; once sent, the request is the caller's to abort.
   */
  run<Result>(send: () => Promise<Result>, signal?: AbortSignal): Promise<Result> {
    const previous = this.#queue;
    const turn = (async () => {
      await untilAborted(previous, signal);
      // Capped, so a clock stepped back by an hour does not hold requests for an hour.
      const wait = Math.min(
        MIN_REQUEST_SPACING_MS,
        this.#lastEndedAt + MIN_REQUEST_SPACING_MS - this.#clock.now(),
      );
      await sleepOn(this.#clock, wait, signal);
      try {
        return await send();
      } finally {
        this.#lastEndedAt = this.#clock.now();
      }
    })();
    // Waits for the previous requests too: one that gave up early must not let the next
    // request overtake a request still in flight.
    this.#queue = Promise.all([previous, turn.then(ignore, ignore)]).then(ignore);
    return turn;
  }
}

function ignore(): void {}
