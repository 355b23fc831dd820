/**
 * The reads about what surrounds the locks, made after a successful sync in the same poll:
 *
 * - device details (bridges online or not, which bridge each lock uses, firmware updates)
 *   every 10 minutes (hourly while the bridge follows every lock live: their connection is
 *   then seen locally, and live mode keeps the cloud at 15 requests an hour), and at once when two or more locks of one bridge drop in the same sync
 *   (is it the bridge?) or a lock of a bridge known offline is back (is the bridge back?);
 * - door sensors (their batteries) once an hour;
 * - the key's expiry date once a day, from the key list, which needs Account.Read: a 401 or
 *   403 there means "not available", not a rejected key (the docs show the endpoint only with
 *   OAuth tokens), and changes no status.
 *
 * Each read goes through the spare share of the budget (request-gates.ts), so the syncs always
 * come first; a read the budget does not allow now waits for a later poll. A read that fails
 * is tried again at its next turn; a 429 holds every request until its Retry-After.
 */
import { AuthError, ForbiddenError, RateLimitedError } from '../tedee/errors.ts';
import type { DeviceDetails, DoorSensorReading } from '../tedee/health-model.ts';
import type { LockStatus } from '../tedee/lock-model.ts';
import type { Clock } from './clock.ts';
import type { RequestGates } from './request-gates.ts';

/** What the engine needs of the Tedee client for these reads. */
export interface HealthApi {
  deviceDetails(signal?: AbortSignal): Promise<DeviceDetails>;
  doorSensors(signal?: AbortSignal): Promise<DoorSensorReading[]>;
  /** Epoch ms; null when the key list has no entry for the key. */
  personalKeyValidTo(signal?: AbortSignal): Promise<number | null>;
}

const MINUTE_MS = 60_000;
export const HEALTH_READ_EVERY_MS = {
  details: 10 * MINUTE_MS,
  doorSensors: 60 * MINUTE_MS,
  keyExpiry: 24 * 60 * MINUTE_MS,
} as const;
export const DETAILS_EVERY_WHILE_LIVE_MS = 60 * MINUTE_MS;

type ReadName = keyof typeof HEALTH_READ_EVERY_MS;

/** What the reads found; null until a read succeeded. */
export interface HealthFacts {
  details: { at: number; value: DeviceDetails } | null;
  doorSensors: { at: number; value: DoorSensorReading[] } | null;
  /** 'unavailable': the key may not read the key list (401/403). */
  keyValidTo: { at: number; value: number | null | 'unavailable' } | null;
}

export class HealthReads {
  readonly #clock: Clock;
  readonly #gates: RequestGates;
  readonly #syncsPerHour: () => number;
  readonly #allLive: () => boolean;
  #facts: HealthFacts = { details: null, doorSensors: null, keyValidTo: null };
  /** When each read was last sent, answered or not. */
  #sentAt: Record<ReadName, number | null> = { details: null, doorSensors: null, keyExpiry: null };
  #detailsWanted = false;

  constructor(
    clock: Clock,
    gates: RequestGates,
    syncsPerHour: () => number,
    allLive: () => boolean = () => false,
  ) {
    this.#clock = clock;
    this.#gates = gates;
    this.#syncsPerHour = syncsPerHour;
    this.#allLive = allLive;
  }

  get facts(): HealthFacts {
    return this.#facts;
  }

  /**
   * A new key may belong to another account: what was found is dropped, the details and the
   * new key's expiry are read at the next poll. The door sensors keep their hourly turn, which
   * is a limit, not a cadence.
   */
  forget(): void {
    this.#facts = { details: null, doorSensors: null, keyValidTo: null };
    this.#sentAt = { ...this.#sentAt, details: null, keyExpiry: null };
  }

  /** Looks at one sync for a reason to read the device details at once. */
  noteSync(connectedBefore: ReadonlyMap<number, boolean | null>, statuses: readonly LockStatus[]) {
    const details = this.#facts.details?.value;
    const bridgeOf = (id: number) => details?.locks.find((lock) => lock.id === id)?.bridgeId;
    const offline = new Set(
      details?.bridges.filter((bridge) => bridge.connected === false).map((bridge) => bridge.id),
    );
    const droppedPerBridge = new Map<number | undefined, number>();
    for (const status of statuses) {
      const bridgeId = bridgeOf(status.id);
      if (status.connected === true && bridgeId != null && offline.has(bridgeId))
        this.#detailsWanted = true;
      // undefined: not in the details (yet), which may well be the same bridge.
      if (status.connected !== false || connectedBefore.get(status.id) === false) continue;
      if (bridgeId === null) continue;
      const dropped = (droppedPerBridge.get(bridgeId) ?? 0) + 1;
      droppedPerBridge.set(bridgeId, dropped);
      if (dropped >= 2) this.#detailsWanted = true;
    }
  }

  /** Sends the reads that are due, one after another, as far as the spare budget allows. */
  async runDue(api: HealthApi, signal: AbortSignal): Promise<void> {
    const reads: Array<[ReadName, () => Promise<Partial<HealthFacts>>]> = [
      ['details', async () => ({ details: this.#dated(await api.deviceDetails(signal)) })],
      ['doorSensors', async () => ({ doorSensors: this.#dated(await api.doorSensors(signal)) })],
      ['keyExpiry', async () => ({ keyValidTo: this.#dated(await keyValidTo(api, signal)) })],
    ];
    for (const [name, read] of reads) {
      const now = this.#clock.now();
      if (!this.#due(name, now)) continue;
      if (this.#gates.spareAllowedAt(this.#syncsPerHour(), now) > now) return;
      this.#gates.recordSpare(now);
      this.#sentAt[name] = now;
      if (name === 'details') this.#detailsWanted = false;
      try {
        const found = await read();
        // An aborted poll changes nothing after the abort.
        if (signal.aborted) return;
        this.#facts = { ...this.#facts, ...found };
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof RateLimitedError) {
          this.#gates.rateLimitedUntil(error.retryAt);
          return;
        }
        // Anything else: the facts stay as they were, and the read comes round again.
      }
    }
  }

  #dated<Value>(value: Value): { at: number; value: Value } {
    return { at: this.#clock.now(), value };
  }

  #due(name: ReadName, now: number): boolean {
    if (name === 'details' && this.#detailsWanted) return true;
    const sentAt = this.#sentAt[name];
    const everyMs =
      name === 'details' && this.#allLive()
        ? DETAILS_EVERY_WHILE_LIVE_MS
        : HEALTH_READ_EVERY_MS[name];
    return sentAt === null || now - sentAt >= everyMs;
  }
}

/** The key's expiry, or 'unavailable' when the key may not read the key list. */
async function keyValidTo(
  api: HealthApi,
  signal: AbortSignal,
): Promise<number | null | 'unavailable'> {
  try {
    return await api.personalKeyValidTo(signal);
  } catch (error) {
    if (error instanceof AuthError || error instanceof ForbiddenError) return 'unavailable';
    throw error;
  }
}
