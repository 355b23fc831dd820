/**
 * The per-lock half of the state model: which locks the user watches, what Tedee last said
 * about each, and what the lock list says they are called.
 *
 * The selection is kept by serial number because Tedee gives a lock a new id when it is
 * re-added to an account (tedee-api.md §5); ids given on the command line are turned into
 * serials as soon as the lock list is known.
 */
import type { LockDetails, LockStatus } from '../tedee/lock-model.ts';
import type { MonitoredLock } from './monitor-snapshot.ts';

export type LockSelection = 'all' | { serials: readonly string[] } | { ids: readonly number[] };

export interface SyncOutcome {
  /** A selected lock was missing, unknown, or its revision moved: names may be out of date. */
  lockListOutdated: boolean;
}

export class MonitoredLocks {
  #selection: LockSelection;
  /** From the last lock list, in Tedee's order; null until one arrived. */
  #catalog: LockDetails[] | null = null;
  readonly #latest = new Map<number, MonitoredLock>();

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
    // A re-added lock keeps its serial but has a new id: carry its last values over.
    for (const lock of this.#selectedDetails()) {
      const previous = [...this.#latest.values()].find((known) => known.serial === lock.serial);
      if (previous && previous.id !== lock.id)
        this.#latest.set(lock.id, { ...previous, id: lock.id });
      this.#latest.set(lock.id, {
        ...(this.#latest.get(lock.id) ?? fromDetails(lock)),
        name: lock.name,
        model: lock.model,
      });
    }
    this.#forgetUnselected();
    return gone;
  }

  selectedIds(): number[] {
    return this.#selectedDetails().map((lock) => lock.id);
  }

  applySync(statuses: readonly LockStatus[], at: number): SyncOutcome {
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

  /** The selected locks in Tedee's order, marked stale when older than `staleAfterMs`. */
  list(now: number, staleAfterMs: number): MonitoredLock[] {
    return this.selectedIds().flatMap((id) => {
      const lock = this.#latest.get(id);
      if (!lock) return [];
      const stale = lock.lastSyncedAt === null || now - lock.lastSyncedAt > staleAfterMs;
      return [{ ...lock, stale }];
    });
  }

  #selectedDetails(): LockDetails[] {
    const catalog = this.#catalog ?? [];
    const selection = this.#selection;
    if (selection === 'all') return catalog;
    if ('serials' in selection) {
      const wanted = new Set(selection.serials);
      return catalog.filter((lock) => lock.serial !== null && wanted.has(lock.serial));
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

/** Before its first sync a lock shows what the lock list said about it. */
function fromDetails(lock: LockDetails): MonitoredLock {
  return {
    ...lock.status,
    serial: lock.serial,
    name: lock.name,
    model: lock.model,
    source: 'cloud',
    lastSyncedAt: null,
    disconnectedSince: null,
    stale: true,
  };
}
