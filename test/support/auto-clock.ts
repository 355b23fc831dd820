/**
 * Simulated time that runs itself: a timer fires as soon as the event loop is idle, with the
 * clock moved to its due time. For loopback tests where real requests interleave with waits
 * on the clock (the bridge's request spacing and busy backoff): the waits cost no real time,
 * yet every time the code reads is exactly what the waits would have produced.
 */
import type { Clock, TimerHandle } from '../../main/engine/clock.ts';
import { ManualClock } from './manual-clock.ts';

export class AutoClock implements Clock {
  readonly #manual: ManualClock;

  constructor(start?: number) {
    this.#manual = new ManualClock(start);
  }

  now(): number {
    return this.#manual.now();
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const handle = this.#manual.setTimeout(callback, delayMs);
    setImmediate(() => {
      const due = this.#manual.nextTimerAt();
      if (due !== null) void this.#manual.advanceTo(due);
    });
    return handle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.#manual.clearTimeout(handle);
  }
}
