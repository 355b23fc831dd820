/**
 * Live mode through one Tedee Bridge (issue 8): what the bridge says and when to ask it.
 *
 * - Callbacks: the bridge POSTs every change to our receiver; a heartbeat `GET /lock` every
 *   30 s confirms the state and catches missed events, as Home Assistant does.
 * - LAN polling: a heartbeat that finds a change no callback reported means the bridge's calls
 *   do not reach this computer (a firewall, most often), so `GET /lock` every few seconds
 *   instead; back to callbacks as soon as one arrives. Also used while no callback could be
 *   registered.
 * - Unreachable: no answer for 30 s since the last request the bridge answered (or a rejected
 *   token); the owner follows the cloud until the bridge answers again.
 *
 * The callback is checked with `GET /callback` every 5 minutes and after the bridge was
 * unreachable or the computer slept, and deleted on stop within 2 s. Every request goes
 * through the client's one guard (one at a time, a second apart). The owner (LockMonitor)
 * hears the lock lists, the events and every change of mode, and merges them with the cloud.
 */
import { MAX_LAN_POLL_SECONDS, MIN_LAN_POLL_SECONDS } from '../engine/bridge-connection.ts';
import type { BridgeConnection } from '../engine/bridge-connection.ts';
import type { Clock, TimerHandle } from '../engine/clock.ts';
import type { LiveMode } from '../engine/live-status.ts';
import type { DoorState, LockState } from '../tedee/lock-enums.ts';
import { parseBridgeAddress } from './bridge-address.ts';
import { BridgeClient } from './bridge-client.ts';
import { BridgeAuthError, BridgeError } from './bridge-errors.ts';
import type { BridgeEvent } from './bridge-events.ts';
import type { BridgeLock } from './bridge-model.ts';
import { CallbackReceiver } from './callback-receiver.ts';
import { CallbackRegistration } from './callback-registration.ts';
import { sleepOn } from './clock-sleep.ts';
import { localAddressTowardBridge } from './local-address.ts';
import type { LocalAddressQuery } from './local-address.ts';

/** Home Assistant's poll interval with callbacks on. */
export const HEARTBEAT_MS = 30_000;
/** Counted from the last request the bridge answered. */
export const BRIDGE_UNREACHABLE_AFTER_MS = 30_000;
export const CALLBACK_CHECK_MS = 5 * 60_000;
/** After a failed request: soon, so that an outage is told from a hiccup within 30 s. */
export const RETRY_AFTER_FAILURE_MS = 5_000;
/** While the bridge is unreachable: often enough to be back within seconds. */
export const RETRY_WHILE_UNREACHABLE_MS = 10_000;
/** A bridge on the local network answers in milliseconds; this keeps a dead one from holding us. */
export const LIVE_REQUEST_TIMEOUT_MS = 5_000;
/**
 * A heartbeat may overtake the callback of the same change by a few milliseconds: before
 * concluding that callbacks do not arrive, give the callback this long.
 */
export const CALLBACK_GRACE_MS = 2_000;

export interface LiveBridgeListener {
  /** Every lock the bridge answered with (a heartbeat, a LAN poll). */
  locks(locks: readonly BridgeLock[], at: number): void;
  /** One callback from the bridge, already checked and validated. */
  event(event: BridgeEvent, at: number): void;
  /** The mode or its message changed. */
  modeChanged(): void;
}

export interface LiveBridgeOptions {
  connection: BridgeConnection;
  clock: Clock;
  listener: LiveBridgeListener;
  log?: (line: string) => void;
  /** Tests replace the network functions. */
  fetch?: typeof globalThis.fetch;
  localAddress?: (query: LocalAddressQuery) => Promise<string>;
}

/** The fields a callback event can report; a heartbeat compares only these. */
interface ReportedFields {
  state: LockState | null;
  jammed: boolean;
  door: DoorState | null;
  connected: boolean | null;
  battery: number | null;
}

export class LiveBridge {
  readonly #connection: BridgeConnection;
  readonly #clock: Clock;
  readonly #listener: LiveBridgeListener;
  readonly #log: (line: string) => void;
  readonly #client: BridgeClient;
  readonly #bridgeHost: string;
  readonly #bridgePort: number;
  readonly #known = new Map<number, ReportedFields>();
  /** Requests sent and not yet answered (see requestsSettled). */
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #localAddress: (query: LocalAddressQuery) => Promise<string>;
  #receiver: CallbackReceiver | null = null;
  /** The local address the receiver listens on (and the callback URL names). */
  #receiverHost: string | null = null;
  /** When the last callback arrived (the clock's time). */
  #lastCallbackAt = Number.NEGATIVE_INFINITY;
  #registration: CallbackRegistration | null = null;
  /** Why no callback is registered, or null. */
  #callbackProblem: string | null = null;
  #callbacksArriving = true;
  #callbackCheckAt = Number.NEGATIVE_INFINITY;
  #lastAnsweredAt: number;
  #answeredOnce = false;
  #lastFailed = false;
  #unreachable = false;
  #authError: BridgeAuthError | null = null;
  #serials: ReadonlySet<string> = new Set();
  /** The bridge's id of each lock by serial, from its last answer (ids may differ from the cloud's). */
  #bridgeIds: ReadonlyMap<string, number> = new Map();
  #timer: TimerHandle | null = null;
  #abort = new AbortController();
  #tick: Promise<void> | null = null;
  #running = false;
  #stopped = false;
  #mode: LiveMode = 'bridge-unreachable';
  #message: string;

  constructor(options: LiveBridgeOptions) {
    this.#connection = options.connection;
    this.#clock = options.clock;
    this.#listener = options.listener;
    this.#log = options.log ?? (() => {});
    const { lanPollSeconds } = options.connection;
    if (
      !Number.isInteger(lanPollSeconds) ||
      lanPollSeconds < MIN_LAN_POLL_SECONDS ||
      lanPollSeconds > MAX_LAN_POLL_SECONDS
    )
      throw new RangeError(
        `The LAN polling interval must be ${MIN_LAN_POLL_SECONDS} to ${MAX_LAN_POLL_SECONDS} whole seconds.`,
      );
    this.#localAddress = options.localAddress ?? localAddressTowardBridge;
    const parsed = parseBridgeAddress(options.connection.address);
    if (!parsed.ok) throw new RangeError(`Invalid bridge address: ${parsed.reason}`);
    this.#bridgeHost = parsed.address.host;
    this.#bridgePort = parsed.address.port;
    const send = options.fetch ?? globalThis.fetch;
    this.#client = new BridgeClient({
      bridgeUrl: options.connection.address,
      token: options.connection.token,
      auth: options.connection.authMode,
      clock: options.clock,
      timeoutMs: LIVE_REQUEST_TIMEOUT_MS,
      fetch: (input, init) => {
        const sent = send(input, init);
        this.#inFlight.add(sent);
        void sent.then(
          () => this.#inFlight.delete(sent),
          () => this.#inFlight.delete(sent),
        );
        return sent;
      },
    });
    this.#lastAnsweredAt = options.clock.now();
    this.#message = `Connecting to the bridge at ${this.#client.host}…`;
  }

  get mode(): LiveMode {
    return this.#mode;
  }

  get message(): string {
    return this.#message;
  }

  /** The bridge refused the token (after a retry with a fresh one and the clock check). */
  get authError(): BridgeAuthError | null {
    return this.#authError;
  }

  /** Before the bridge's first answer, while it has not yet failed for 30 s. */
  get connecting(): boolean {
    return !this.#answeredOnce && !this.#unreachable && this.#authError === null;
  }

  /** Serial numbers of the locks paired to the bridge, from its last answer. */
  get serials(): ReadonlySet<string> {
    return this.#serials;
  }

  /** The bridge's id of the lock with this serial, from its last answer; null when it has none. */
  bridgeIdOf(serial: string): number | null {
    return this.#bridgeIds.get(serial) ?? null;
  }

  /**
   * What lock operations send through: the same client as the heartbeats, LAN polls and
   * callback checks, so its one guard spaces them all (one at a time, a second apart).
   */
  get operator(): Pick<BridgeClient, 'operate' | 'getLock'> {
    return this.#client;
  }

  /**
   * Resolves when no request to the bridge is waiting for its answer. Waits on the clock
   * (request spacing, heartbeats) do not count, so a test on simulated time can wait for the
   * network without waiting for time it has not moved yet.
   */
  async requestsSettled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled(this.#inFlight);
  }

  /** Starts (or, after hold(), resumes) asking the bridge. */
  start(): void {
    if (this.#stopped || this.#running) return;
    this.#running = true;
    // Counting toward "unreachable" starts over: time spent held or asleep is no outage.
    this.#lastAnsweredAt = this.#clock.now();
    this.#callbackCheckAt = Number.NEGATIVE_INFINITY;
    this.#schedule(0);
  }

  /** Sends nothing until start() again (paused, asleep); the callback stays registered. */
  hold(): void {
    this.#running = false;
    this.#cancelTimer();
    this.#abort.abort();
    this.#abort = new AbortController();
  }

  /** Stops for good: deletes the callback (at most 2 s) and closes the receiver. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.hold();
    await this.#tick?.catch(() => {});
    await this.#registration?.unregister();
    await this.#receiver?.close();
  }

  #schedule(delayMs: number): void {
    this.#cancelTimer();
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = null;
      this.#tick = this.#run(this.#abort.signal).finally(() => {
        this.#tick = null;
      });
    }, delayMs);
  }

  #cancelTimer(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  async #run(signal: AbortSignal): Promise<void> {
    const startedAt = this.#clock.now();
    const answered = await this.#poll(signal);
    if (signal.aborted) return;
    if (answered && this.#clock.now() >= this.#callbackCheckAt) await this.#checkCallback(signal);
    if (signal.aborted || !this.#running) return;
    this.#settleMode();
    this.#schedule(Math.max(0, startedAt + this.#nextDelayMs() - this.#clock.now()));
  }

  /** One `GET /lock`; true when the bridge answered. */
  async #poll(signal: AbortSignal): Promise<boolean> {
    let locks: BridgeLock[];
    try {
      locks = await this.#client.listLocks(signal);
    } catch (error) {
      if (!signal.aborted) this.#onFailure(error);
      return false;
    }
    if (signal.aborted) return false;
    const now = this.#clock.now();
    if (this.#unreachable || this.#authError) this.#callbackCheckAt = Number.NEGATIVE_INFINITY;
    this.#lastAnsweredAt = now;
    this.#answeredOnce = true;
    this.#lastFailed = false;
    this.#unreachable = false;
    this.#authError = null;
    this.#serials = new Set(locks.map((lock) => lock.serial));
    this.#bridgeIds = new Map(locks.map((lock) => [lock.serial, lock.id]));
    const unreported = this.#mode === 'callbacks' && this.#foundUnreportedChange(locks);
    for (const lock of locks) this.#known.set(lock.id, reportedFieldsOf(lock.status));
    this.#listener.locks(locks, now);
    if (unreported) await this.#awaitLateCallback(now, signal);
    return true;
  }

  /** Callbacks count as lost when none arrived within the grace after the heartbeat. */
  async #awaitLateCallback(answeredAt: number, signal: AbortSignal): Promise<void> {
    try {
      await sleepOn(this.#clock, CALLBACK_GRACE_MS, signal);
    } catch {
      return;
    }
    if (this.#lastCallbackAt >= answeredAt) return;
    this.#callbacksArriving = false;
    this.#log('Bridge: a heartbeat found a change no callback reported; polling the bridge.');
  }

  #onFailure(error: unknown): void {
    this.#lastFailed = true;
    if (error instanceof BridgeAuthError) {
      this.#authError = error;
      return;
    }
    // Any other failure (unreachable, timeout, busy, an unreadable answer) counts the same:
    // the bridge did not answer usefully.
    if (this.#clock.now() - this.#lastAnsweredAt >= BRIDGE_UNREACHABLE_AFTER_MS)
      this.#unreachable = true;
  }

  /** Registers our callback when there is none, or checks that the bridge still has it. */
  async #checkCallback(signal: AbortSignal): Promise<void> {
    this.#callbackCheckAt = this.#clock.now() + CALLBACK_CHECK_MS;
    try {
      const registration = await this.#registrationFor(signal);
      if (registration.id === null) {
        await registration.register(signal);
        this.#callbacksArriving = true;
      } else if ((await registration.verify(signal)) === 're-registered') {
        this.#callbacksArriving = true;
        this.#log('Bridge: registered the callback again (the bridge had lost it).');
      }
      this.#callbackProblem = null;
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof BridgeAuthError) this.#authError = error;
      this.#callbackProblem =
        error instanceof BridgeError
          ? error.message
          : 'this computer cannot listen for the bridge on the callback address.';
      this.#log(`Bridge: no callback (${this.#callbackProblem})`);
    }
  }

  /**
   * The registration for the receiver on this computer's current address toward the bridge.
   * When that address changed (another network, a new DHCP lease), a new receiver listens
   * there and the registration starts afresh, which removes the old callback (same instance).
   */
  async #registrationFor(signal: AbortSignal): Promise<CallbackRegistration> {
    const host = await this.#localAddress({
      bridgeHost: this.#bridgeHost,
      bridgePort: this.#bridgePort,
      override: this.#connection.callbackHost ?? undefined,
    });
    if (signal.aborted) throw new Error('aborted');
    if (this.#registration && host === this.#receiverHost) return this.#registration;
    if (this.#receiver) {
      this.#log("Bridge: this computer's address toward the bridge changed; moving the callback.");
      await this.#receiver.close();
      this.#receiver = null;
      this.#registration = null;
    }
    const receiver = await CallbackReceiver.start({
      host,
      port: this.#connection.callbackPort ?? 0,
      bridgeHost: this.#bridgeHost,
      instanceId: this.#connection.instanceId,
      onEvent: (event) => this.#onEvent(event),
      log: this.#log,
    });
    if (this.#stopped) {
      await receiver.close();
      throw new Error('stopped');
    }
    this.#receiver = receiver;
    this.#receiverHost = host;
    this.#registration = new CallbackRegistration({
      client: this.#client,
      instanceId: this.#connection.instanceId,
      request: receiver.callbackRequest,
    });
    return this.#registration;
  }

  #onEvent(event: BridgeEvent): void {
    if (this.#stopped) return;
    if (event.kind !== 'bridge-cloud-connection') {
      const known = this.#known.get(event.lockId);
      if (known) this.#known.set(event.lockId, withEvent(known, event));
    }
    this.#callbacksArriving = true;
    this.#lastCallbackAt = this.#clock.now();
    this.#listener.event(event, this.#clock.now());
    if (this.#running) this.#settleMode();
  }

  #foundUnreportedChange(locks: readonly BridgeLock[]): boolean {
    return locks.some((lock) => {
      const known = this.#known.get(lock.id);
      return known !== undefined && !sameFields(known, reportedFieldsOf(lock.status));
    });
  }

  #settleMode(): void {
    const [mode, message] = this.#modeAndMessage();
    if (mode === this.#mode && message === this.#message) return;
    this.#mode = mode;
    this.#message = message;
    this.#listener.modeChanged();
  }

  #modeAndMessage(): [LiveMode, string] {
    const host = this.#client.host;
    if (this.#authError) return ['bridge-unreachable', this.#authError.message];
    if (this.#unreachable)
      return ['bridge-unreachable', `The bridge at ${host} has not answered for 30 s.`];
    if (!this.#answeredOnce) return ['bridge-unreachable', `Connecting to the bridge at ${host}…`];
    if (this.#registration?.id == null)
      return [
        'lan-polling',
        `Live by polling the bridge: it has no callback to this computer (${this.#callbackProblem ?? 'not registered yet'}).`,
      ];
    if (!this.#callbacksArriving)
      return [
        'lan-polling',
        'Live by polling the bridge: its updates cannot reach this computer. Allow incoming ' +
          `connections to port ${this.#receiver?.port ?? 0} in the firewall (Windows Defender ` +
          'Firewall, the macOS firewall, ufw or firewalld on Linux).',
      ];
    return ['callbacks', 'Live: the bridge reports every change.'];
  }

  #nextDelayMs(): number {
    if (this.#authError) return CALLBACK_CHECK_MS;
    if (this.#unreachable) return RETRY_WHILE_UNREACHABLE_MS;
    if (this.#lastFailed) return RETRY_AFTER_FAILURE_MS;
    if (this.#mode === 'callbacks') return HEARTBEAT_MS;
    return this.#connection.lanPollSeconds * 1000;
  }
}

function reportedFieldsOf(status: BridgeLock['status']): ReportedFields {
  return {
    state: status.state,
    jammed: status.jammed,
    door: status.door,
    connected: status.connected,
    battery: status.battery,
  };
}

function withEvent(
  known: ReportedFields,
  event: Exclude<BridgeEvent, { kind: 'bridge-cloud-connection' }>,
) {
  switch (event.kind) {
    case 'lock-status':
      return { ...known, state: event.state, jammed: event.jammed, door: event.door ?? known.door };
    case 'lock-connection':
      return { ...known, connected: event.connected };
    case 'battery-level':
      return { ...known, battery: event.battery };
    case 'fully-charged':
      return { ...known, battery: 100 };
    case 'charging':
    case 'settings-changed':
      return known;
  }
}

function sameFields(a: ReportedFields, b: ReportedFields): boolean {
  return (
    a.state === b.state &&
    a.jammed === b.jammed &&
    a.door === b.door &&
    a.connected === b.connected &&
    a.battery === b.battery
  );
}
