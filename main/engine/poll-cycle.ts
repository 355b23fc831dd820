/**
 * One poll of Tedee: the lock list when it is wanted and allowed, then one sync of the
 * selection, then the reads about bridges, door sensors and the key that are due
 * (health-reads.ts), every request through the gates (request-gates.ts). It says what happened in the
 * monitor's words; the monitor decides what that means for its phase, status and listeners.
 * An aborted poll (suspended, paused, stopped or a new key) changes nothing after the abort.
 */
import {
  AuthError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  TedeeError,
} from '../tedee/errors.ts';
import type { LockDetails, LockStatus } from '../tedee/lock-model.ts';
import type { ActivityApi } from './activity-feed.ts';
import type { Clock } from './clock.ts';
import type { HealthApi, HealthReads } from './health-reads.ts';
import type { MonitoredLocks } from './monitored-locks.ts';
import type { RequestGates } from './request-gates.ts';

/** What the engine needs of the Tedee client (the real one, or a test double). */
export interface TedeeApi extends HealthApi {
  listLocks(signal?: AbortSignal): Promise<LockDetails[]>;
  syncLock(id: number, signal?: AbortSignal): Promise<LockStatus>;
  syncLocks(ids: readonly number[], signal?: AbortSignal): Promise<LockStatus[]>;
  /** The activity log; a client without it (a test double) leaves the feature off. */
  listActivity?: ActivityApi['listActivity'];
}

/** What one poll found. `dropped`: names of selected locks the lock list no longer has. */
export type PollAnswer =
  /** A limit allows nothing before `at`; nothing was sent. */
  | { kind: 'not-yet'; at: number }
  | { kind: 'synced'; lockCount: number; dropped: readonly string[] }
  | { kind: 'nothing-selected'; dropped: readonly string[] }
  | { kind: 'key-rejected'; status: 'auth-error' | 'forbidden'; message: string }
  | { kind: 'rate-limited'; retryAt: number; message: string }
  /** A 404: a lock was removed or re-added under a new id; the lock list tells which. */
  | { kind: 'lock-gone' }
  | { kind: 'unreachable'; message: string };

export type PollResult = PollAnswer | { kind: 'aborted' };

export class PollCycle {
  readonly #clock: Clock;
  readonly #gates: RequestGates;
  readonly #locks: MonitoredLocks;
  readonly #health: HealthReads;
  #lockListWanted = true;
  /** The next sync confirms a lock operation: it is paid from the operations' reserve. */
  #syncForOperation = false;

  constructor(clock: Clock, gates: RequestGates, locks: MonitoredLocks, health: HealthReads) {
    this.#clock = clock;
    this.#gates = gates;
    this.#locks = locks;
    this.#health = health;
  }

  /** Fetches names and serials again at the next poll the lock-list limit allows. */
  wantLockList(): void {
    this.#lockListWanted = true;
  }

  /** The next sync confirms a lock operation (see RequestGates.operationSyncAllowedAt). */
  wantSyncForOperation(): void {
    this.#syncForOperation = true;
  }

  /** When the next sync of `ids` may go, by the rules that will apply to it. */
  syncAllowedAt(ids: readonly number[], now: number): number {
    return this.#syncForOperation
      ? this.#gates.operationSyncAllowedAt(ids, now)
      : this.#gates.syncAllowedAt(ids, now);
  }

  /** `liveSerials`: the locks the bridge follows live when the answer arrives (see applySync). */
  async run(
    api: TedeeApi,
    signal: AbortSignal,
    liveSerials: () => ReadonlySet<string>,
  ): Promise<PollResult> {
    try {
      const now = this.#clock.now();
      const allowedAt = this.#syncForOperation
        ? this.#gates.operationAllowedAt(now)
        : this.#gates.requestAllowedAt(now);
      if (allowedAt > now) return { kind: 'not-yet', at: allowedAt };
      const dropped = await this.#refreshLockListIfDue(api, signal);
      if (signal.aborted) return { kind: 'aborted' };
      if (!this.#locks.catalogKnown)
        return { kind: 'not-yet', at: this.#gates.lockListAllowedAt(this.#clock.now()) };
      const ids = this.#locks.selectedIds();
      if (ids.length === 0) {
        // Look again now and then, so a lock added to the account (or a selected lock
        // re-added) shows up without a restart. The lock-list limit still applies.
        this.#lockListWanted = true;
        return { kind: 'nothing-selected', dropped };
      }
      const syncAt = this.#clock.now();
      const syncAllowedAt = this.syncAllowedAt(ids, syncAt);
      if (syncAllowedAt > syncAt) return { kind: 'not-yet', at: syncAllowedAt };
      if (this.#syncForOperation) this.#gates.recordOperationSync(ids, syncAt);
      else this.#gates.recordSync(ids, syncAt);
      this.#syncForOperation = false;
      const statuses = await this.#sync(api, ids, signal);
      if (signal.aborted) return { kind: 'aborted' };
      const connectedBefore = new Map(
        this.#locks.list(syncAt, Number.POSITIVE_INFINITY).map((lock) => [lock.id, lock.connected]),
      );
      const { lockListOutdated } = this.#locks.applySync(
        statuses,
        this.#clock.now(),
        liveSerials(),
      );
      if (lockListOutdated) this.#lockListWanted = true;
      this.#gates.clearRateLimit();
      this.#health.noteSync(connectedBefore, statuses);
      // The sync has its answer: what these reads find (or fail at) cannot change it.
      await this.#health.runDue(api, signal);
      if (signal.aborted) return { kind: 'aborted' };
      return { kind: 'synced', lockCount: statuses.length, dropped };
    } catch (error) {
      if (signal.aborted) return { kind: 'aborted' };
      return this.#failed(error);
    }
  }

  /** @returns names of selected locks that left the account. */
  async #refreshLockListIfDue(api: TedeeApi, signal: AbortSignal): Promise<readonly string[]> {
    const now = this.#clock.now();
    if (!this.#lockListWanted || this.#gates.lockListAllowedAt(now) > now) return [];
    this.#gates.recordLockList(now);
    const locks = await api.listLocks(signal);
    if (signal.aborted) return [];
    this.#lockListWanted = false;
    const dropped = this.#locks.applyLockList(locks);
    this.#gates.forgetLocksExcept(new Set(locks.map((lock) => lock.id)));
    return dropped;
  }

  /** One lock with the single-lock endpoint, several with one batched request. */
  #sync(api: TedeeApi, ids: readonly number[], signal: AbortSignal): Promise<LockStatus[]> {
    const [onlyId] = ids;
    if (ids.length === 1 && onlyId !== undefined)
      return api.syncLock(onlyId, signal).then((status) => [status]);
    return api.syncLocks(ids, signal);
  }

  #failed(error: unknown): PollAnswer {
    if (error instanceof AuthError || error instanceof ForbiddenError) {
      const status = error instanceof AuthError ? 'auth-error' : 'forbidden';
      return { kind: 'key-rejected', status, message: error.message };
    }
    if (error instanceof RateLimitedError) {
      this.#gates.rateLimitedUntil(error.retryAt);
      return { kind: 'rate-limited', retryAt: error.retryAt, message: error.message };
    }
    if (error instanceof NotFoundError) {
      this.#lockListWanted = true;
      return { kind: 'lock-gone' };
    }
    const message =
      error instanceof TedeeError ? error.message : 'Unexpected error while asking Tedee.';
    return { kind: 'unreachable', message };
  }
}
