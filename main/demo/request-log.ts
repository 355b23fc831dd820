/**
 * What the simulator was asked and what it answered, so a test can check a client's manners:
 * above all Tedee's "no more than once every 20 seconds" per sync (tedee-api.md §3).
 */

export interface RequestLogEntry {
  /** Clock time (injected clock, ms) when the simulator decided the answer. */
  at: number;
  method: string;
  /** Path without the query string, as the client sent it. */
  path: string;
  /** HTTP status sent; null when no answer was sent (a reset, or the client hung up first). */
  status: number | null;
  /**
   * The locks whose state this request delivered: every lock for an unfiltered sync-all, the
   * filter ids that exist for a filtered one, [id] for a single sync. Empty for everything
   * else, including syncs that were refused or faulted, since those delivered nothing.
   */
  lockIds: number[];
  /**
   * The locks this request asked to sync, whatever became of it (a 503, a reset, a 429, a 401):
   * a failed sync may still have reached Tedee, so it counts toward the lock's 20 s. Empty for
   * everything that is not a sync.
   */
  askedLockIds: number[];
}

export interface SyncGap {
  lockId: number;
  gapMs: number;
  /** The two log entries that asked for the lock, earlier first. */
  first: RequestLogEntry;
  second: RequestLogEntry;
}

export class RequestLog {
  readonly #entries: RequestLogEntry[] = [];

  record(entry: RequestLogEntry): void {
    this.#entries.push(copyOf(entry));
  }

  /** Copies, so a test cannot rewrite history by accident. */
  entries(): RequestLogEntry[] {
    return this.#entries.map(copyOf);
  }

  clear(): void {
    this.#entries.length = 0;
  }

  /**
   * The closest pair of sync requests that both asked for the same lock, or null when no lock
   * was asked for twice. Failed syncs count: the client cannot know that a request which got no
   * answer never reached Tedee. Sync-all and sync-single count alike: Tedee's interval applies
   * to the lock's data, and a client that mixes the two endpoints must still space them out.
   */
  shortestSyncGap(): SyncGap | null {
    const lastSync = new Map<number, RequestLogEntry>();
    let shortest: SyncGap | null = null;
    // Sorted by time because a delayed request is logged when answered, possibly out of order.
    const inTimeOrder = this.#entries
      .filter((e) => e.askedLockIds.length > 0)
      .sort((a, b) => a.at - b.at);
    for (const entry of inTimeOrder) {
      for (const lockId of entry.askedLockIds) {
        const previous = lastSync.get(lockId);
        if (previous) {
          const gapMs = entry.at - previous.at;
          if (!shortest || gapMs < shortest.gapMs) {
            shortest = { lockId, gapMs, first: copyOf(previous), second: copyOf(entry) };
          }
        }
        lastSync.set(lockId, entry);
      }
    }
    return shortest;
  }
}

function copyOf(entry: RequestLogEntry): RequestLogEntry {
  return { ...entry, lockIds: [...entry.lockIds], askedLockIds: [...entry.askedLockIds] };
}
