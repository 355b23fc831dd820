/**
 * The per-lock half of the state model: which locks the user watches, what Tedee last said
 * about each, and what the lock list says they are called.
 *
 * The selection is kept by serial number because Tedee gives a lock a new id when it is
 * re-added to an account (tedee-api.md §5); ids given on the command line are turned into
 * serials as soon as the lock list is known.
 */
import type { BridgeEvent } from '../bridge/bridge-events.ts';
import type { BridgeLock } from '../bridge/bridge-model.ts';
import type { LockDetails, LockStatus } from '../tedee/lock-model.ts';
import type { MonitoredLock } from './monitor-snapshot.ts';

export type LockSelection = 'all' | { serials: readonly string[] } | { ids: readonly number[] };

/** The locks the bridge told about, and those of them whose shown values changed. */
export interface BridgeObservation {
  observed: number[];
  changed: number[];
}

export interface SyncOutcome {
  /** A selected lock was missing, unknown, or its revision moved: names may be out of date. */
  lockListOutdated: boolean;
}

/** What is kept of a lock; whether it is stale depends on when it is asked (`list`). */
type KnownLock = Omit<MonitoredLock, 'stale'>;

export class MonitoredLocks {
  #selection: LockSelection;
  /** From the last lock list, in Tedee's order; null until one arrived. */
  #catalog: LockDetails[] | null = null;
  readonly #latest = new Map<number, KnownLock>();

  constructor(selection: LockSelection = 'all') {
    this.#selection = selection;
  }

  get catalogKnown(): boolean {
    return this.#catalog !== null;
  }

  /** Every lock of the account, selected or not (for a chooser). */
  get catalog(): readonly LockDetails[] {
    return this.#catalog ?? [];
  }

  select(selection: LockSelection): void {
    this.#selection = selection;
    if (this.#catalog) this.#resolveIdsToSerials();
    this.#forgetUnselected();
  }

  /**
   * Takes a new lock list. Returns the names of selected locks that are no longer in the
   * account, which stop being monitored.
   */
  applyLockList(locks: readonly LockDetails[]): string[] {
    const before = this.#selectedDetails();
    this.#catalog = [...locks];
    this.#resolveIdsToSerials();
    const selectedSerials = new Set(this.#selectedDetails().map((lock) => lock.serial));
    const gone = before
      .filter((lock) => !selectedSerials.has(lock.serial))
      .map((lock) => lock.name);
    if (this.#selection !== 'all' && 'serials' in this.#selection) {
      const known = new Set(locks.map((lock) => lock.serial));
      this.#selection = { serials: this.#selection.serials.filter((serial) => known.has(serial)) };
    }
    // A re-added lock keeps its serial but has a new id: carry its last values over. A lock
    // without a serial is known by its id only (another one may lack a serial too).
    for (const lock of this.#selectedDetails()) {
      const previous =
        lock.serial === null ? this.#latest.get(lock.id) : this.#bySerial(lock.serial);
      this.#latest.set(lock.id, {
        ...(previous ?? fromDetails(lock)),
        id: lock.id,
        name: lock.name,
        model: lock.model,
      });
    }
    this.#forgetUnselected();
    return gone;
  }

  /** The serial of a lock seen in the lock list (or the bridge's); null when it has none. */
  serialOf(lockId: number): string | null {
    return this.#latest.get(lockId)?.serial ?? null;
  }

  selectedIds(): number[] {
    return this.#selectedDetails().map((lock) => lock.id);
  }

  /**
   * A cloud sync. Locks in `liveSerials` follow the bridge live: the cloud's older view of
   * their state does not overwrite it, only their revision is taken. (The set holds serials
   * only; it is typed to take a lock's `serial | null`, which a lock without one never matches.)
   */
  applySync(
    statuses: readonly LockStatus[],
    at: number,
    liveSerials: ReadonlySet<string | null> = new Set(),
  ): SyncOutcome {
    const catalogById = new Map(this.catalog.map((lock) => [lock.id, lock]));
    let lockListOutdated = false;
    for (const status of statuses) {
      const details = catalogById.get(status.id);
      const previous = this.#latest.get(status.id);
      if (!details || !previous) {
        lockListOutdated = true;
        continue;
      }
      if (status.revision !== null && status.revision !== details.status.revision)
        lockListOutdated = true;
      if (liveSerials.has(previous.serial)) {
        this.#latest.set(status.id, { ...previous, revision: status.revision });
        continue;
      }
      // A disconnected lock comes without a state: keep the last known values (Tedee sends
      // deviceState null), so the user still sees how the door was left.
      const reported =
        status.state === null ? { connected: status.connected, revision: status.revision } : status;
      this.#latest.set(status.id, {
        ...previous,
        ...reported,
        source: 'cloud',
        lastSyncedAt: at,
        disconnectedSince: status.connected === false ? (previous.disconnectedSince ?? at) : null,
      });
    }
    const answered = new Set(statuses.map((status) => status.id));
    if (this.selectedIds().some((id) => !answered.has(id))) lockListOutdated = true;
    return { lockListOutdated };
  }

  /**
   * What the bridge answered to `GET /lock`, for the selected locks it knows (matched by
   * serial: ids may differ after a lock was re-added). The bridge keeps no change time, so
   * `lastChanged` stays the last one known.
   */
  applyBridgeLocks(locks: readonly BridgeLock[], at: number): BridgeObservation {
    const observation: BridgeObservation = { observed: [], changed: [] };
    for (const bridgeLock of locks) {
      const { connected, state, door, battery, charging, jammed } = bridgeLock.status;
      const values = { connected, state, door, battery, charging, lastOperationFailed: jammed };
      const lock = this.#bySerial(bridgeLock.serial);
      if (lock) this.#applyBridgeValues(lock, values, at, observation);
    }
    return observation;
  }

  /** One callback, about one lock (or none this app watches). */
  applyBridgeEvent(event: BridgeEvent, at: number): BridgeObservation {
    const observation: BridgeObservation = { observed: [], changed: [] };
    if (event.kind === 'bridge-cloud-connection') return observation;
    const lock = this.#bySerial(event.serial);
    if (lock) this.#applyBridgeValues(lock, valuesOfEvent(event, lock), at, observation);
    return observation;
  }

  /** The selected locks in Tedee's order, marked stale when older than `staleAfterMs`. */
  list(now: number, staleAfterMs: number): MonitoredLock[] {
    return this.selectedIds().flatMap((id) => {
      const lock = this.#latest.get(id);
      if (!lock) return [];
      const stale = lock.lastSyncedAt === null || now - lock.lastSyncedAt > staleAfterMs;
      return [{ ...lock, stale }];
    });
  }

  #bySerial(serial: string): KnownLock | undefined {
    for (const lock of this.#latest.values()) if (lock.serial === serial) return lock;
    return undefined;
  }

  #applyBridgeValues(
    lock: KnownLock,
    values: Partial<KnownLock>,
    at: number,
    observation: BridgeObservation,
  ): void {
    const next: KnownLock = {
      ...lock,
      ...values,
      source: 'bridge',
      lastSyncedAt: at,
      disconnectedSince:
        (values.connected ?? lock.connected) === false ? (lock.disconnectedSince ?? at) : null,
    };
    this.#latest.set(lock.id, next);
    observation.observed.push(lock.id);
    if (SHOWN_FIELDS.some((field) => next[field] !== lock[field]))
      observation.changed.push(lock.id);
  }

  #selectedDetails(): LockDetails[] {
    const catalog = this.#catalog ?? [];
    const selection = this.#selection;
    if (selection === 'all') return catalog;
    if ('serials' in selection) {
      // A lock without a serial is never among them.
      const wanted = new Set<string | null>(selection.serials);
      return catalog.filter((lock) => wanted.has(lock.serial));
    }
    const wanted = new Set(selection.ids);
    return catalog.filter((lock) => wanted.has(lock.id));
  }

  /** Locks without a serial cannot be remembered by serial; those stay selected by id. */
  #resolveIdsToSerials(): void {
    const selection = this.#selection;
    if (selection === 'all' || !('ids' in selection)) return;
    const chosen = this.#selectedDetails();
    if (chosen.some((lock) => lock.serial === null)) return;
    this.#selection = { serials: chosen.map((lock) => lock.serial as string) };
  }

  #forgetUnselected(): void {
    const selected = new Set(this.selectedIds());
    for (const id of this.#latest.keys()) if (!selected.has(id)) this.#latest.delete(id);
  }
}

/** What a snapshot line or a card shows of a lock; a change of any of them is worth telling. */
const SHOWN_FIELDS = [
  'connected',
  'state',
  'door',
  'battery',
  'charging',
  'lastOperationFailed',
  'lastChanged',
  'source',
] as const satisfies readonly (keyof KnownLock)[];

/** The values one callback reports; `lastChanged` is the event's time when the state moved. */
function valuesOfEvent(
  event: Exclude<BridgeEvent, { kind: 'bridge-cloud-connection' }>,
  lock: KnownLock,
): Partial<KnownLock> {
  switch (event.kind) {
    case 'lock-status':
      return {
        state: event.state,
        lastOperationFailed: event.jammed,
        // Firmware before 2025-03 sends no doorState: the door is as last known.
        door: event.door ?? lock.door,
        lastChanged: event.state === lock.state ? lock.lastChanged : event.at,
      };
    case 'lock-connection':
      return { connected: event.connected };
    case 'battery-level':
      return { battery: event.battery };
    case 'charging':
      return { charging: event.charging };
    case 'fully-charged':
      return { charging: false, battery: 100 };
    case 'settings-changed':
      return {};
  }
}

/** The lock list of a bridge, without the bridge-only `jammed` (bridge-only mode). */
export function detailsOfBridgeLocks(locks: readonly BridgeLock[]): LockDetails[] {
  return locks.map(({ status: { jammed, ...status }, ...lock }) => ({
    ...lock,
    status: { ...status, lastOperationFailed: jammed },
  }));
}

/** Before its first sync a lock shows what the lock list said about it. */
function fromDetails(lock: LockDetails): KnownLock {
  return {
    ...lock.status,
    serial: lock.serial,
    name: lock.name,
    model: lock.model,
    source: 'cloud',
    lastSyncedAt: null,
    disconnectedSince: null,
  };
}
