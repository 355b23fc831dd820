/**
 * The one place that enforces Tedee's rule: no two syncs covering the same lock less than
 * 20 s apart. Every path that syncs (the schedule, retries, wake, "refresh now", a new
 * selection) asks it first, and a sync is recorded when it is sent, not when it succeeds,
 * because a request that failed may still have reached Tedee.
 */

/** tedee-api.md §3: sync and sync-single "no more than once every 20 seconds". */
export const MIN_SYNC_GAP_MS = 20_000;

export class SyncGuard {
  readonly #lastSyncAt = new Map<number, number>();

  /** The earliest time at or after `now` when a sync covering all `lockIds` is allowed. */
  earliestAllowed(lockIds: readonly number[], now: number): number {
    let earliest = now;
    for (const id of lockIds) {
      const last = this.#lastSyncAt.get(id);
      if (last !== undefined) earliest = Math.max(earliest, last + MIN_SYNC_GAP_MS);
    }
    return earliest;
  }

  record(lockIds: readonly number[], at: number): void {
    for (const id of lockIds) this.#lastSyncAt.set(id, at);
  }

  /** A lock that left the account or the selection no longer needs remembering. */
  forgetAllBut(lockIds: ReadonlySet<number>): void {
    for (const id of this.#lastSyncAt.keys()) if (!lockIds.has(id)) this.#lastSyncAt.delete(id);
  }
}
