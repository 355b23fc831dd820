/**
 * Everything that decides when the next request to Tedee may go out, in one place:
 * - the per-lock 20 s sync guard (Tedee's rule for both sync endpoints);
 * - the hourly request budget (a share of Tedee's 700 per account);
 * - the lock-list limit (10 per 10 minutes with a Personal Access Key);
 * - the Retry-After of the last 429;
 * - the spare share of the budget: what the planned syncs leave over, shared by every request
 *   other than syncs and lock lists (bridges, door sensors, the key's expiry, the activity log)
 *   in one sliding window, so together they never delay a sync;
 * - for the activity log also: one request per lock per minute.
 * Requests are recorded when they are sent, not when they succeed: a request that failed
 * may still have counted at Tedee.
 */
import { SlidingWindowLimit } from './sliding-window-limit.ts';
import { SyncGuard } from './sync-guard.ts';

/** Tedee: GET /my/lock with a Personal Access Key at most 10 times per 10 minutes. */
export const LOCK_LIST_LIMIT = { calls: 10, windowMs: 10 * 60_000 } as const;
const HOUR_MS = 3_600_000;
/** The rule: at most one activity request per lock per 60 s. */
export const ACTIVITY_GAP_MS = 60_000;

export class RequestGates {
  readonly #syncGuard = new SyncGuard();
  readonly #lockListLimit = new SlidingWindowLimit(LOCK_LIST_LIMIT.calls, LOCK_LIST_LIMIT.windowMs);
  readonly #lastActivityAt = new Map<number, number>();
  #budget: SlidingWindowLimit;
  /**
   * Spare requests (health reads and activity together) in any hour stay within what the
   * planned syncs leave of the budget, so syncs plus spare never exceed it and a sync never
   * waits for them. null: nothing left.
   */
  #spare: SlidingWindowLimit | null;
  #retryAfter: number | null = null;

  /** @param syncsPerHour what polling plans (projectedRequestsPerHour), kept free for syncs. */
  constructor(budgetPerHour: number, syncsPerHour = budgetPerHour) {
    this.#budget = new SlidingWindowLimit(budgetPerHour, HOUR_MS);
    this.#spare = shareLimit(budgetPerHour - syncsPerHour, null);
  }

  /** Keeps the requests already sent, so a new budget counts them too. */
  setBudget(budgetPerHour: number, syncsPerHour = budgetPerHour): void {
    this.#budget = this.#budget.withLimit(budgetPerHour);
    this.#spare = shareLimit(budgetPerHour - syncsPerHour, this.#spare);
  }

  /** The most spare requests (health reads and activity together) any hour may hold. */
  get sparePerHour(): number {
    return this.#spare?.limit ?? 0;
  }

  /** The earliest moment any request may go out. */
  requestAllowedAt(now: number): number {
    return Math.max(now, this.#budget.earliestAllowed(now), this.#retryAfter ?? now);
  }

  /** The earliest moment a sync covering `lockIds` may go out. */
  syncAllowedAt(lockIds: readonly number[], now: number): number {
    return Math.max(this.requestAllowedAt(now), this.#syncGuard.earliestAllowed(lockIds, now));
  }

  lockListAllowedAt(now: number): number {
    return Math.max(this.requestAllowedAt(now), this.#lockListLimit.earliestAllowed(now));
  }

  /** The earliest moment an activity request for `lockId` may go out; Infinity when never. */
  activityAllowedAt(lockId: number, now: number): number {
    const last = this.#lastActivityAt.get(lockId);
    return Math.max(this.spareAllowedAt(now), last === undefined ? now : last + ACTIVITY_GAP_MS);
  }

  recordActivity(lockId: number, at: number): void {
    this.#lastActivityAt.set(lockId, at);
    this.recordSpare(at);
  }

  recordSync(lockIds: readonly number[], at: number): void {
    this.#syncGuard.record(lockIds, at);
    this.#budget.record(at);
  }

  recordLockList(at: number): void {
    this.#lockListLimit.record(at);
    this.#budget.record(at);
  }

  /** The earliest moment a spare request may go out; Infinity when the syncs need the budget. */
  spareAllowedAt(now: number): number {
    if (this.#spare === null) return Number.POSITIVE_INFINITY;
    return Math.max(this.requestAllowedAt(now), this.#spare.earliestAllowed(now));
  }

  recordSpare(at: number): void {
    this.#spare?.record(at);
    this.#budget.record(at);
  }

  /** A 429: nothing goes out before `retryAt`. */
  rateLimitedUntil(retryAt: number): void {
    this.#retryAfter = retryAt;
  }

  /** A success: Tedee is answering again. */
  clearRateLimit(): void {
    this.#retryAfter = null;
  }

  /** Locks that left the account no longer need remembering. */
  forgetLocksExcept(lockIds: ReadonlySet<number>): void {
    this.#syncGuard.forgetAllBut(lockIds);
    for (const id of this.#lastActivityAt.keys())
      if (!lockIds.has(id)) this.#lastActivityAt.delete(id);
  }
}

function shareLimit(
  perHour: number,
  previous: SlidingWindowLimit | null,
): SlidingWindowLimit | null {
  if (perHour < 1) return null;
  return previous ? previous.withLimit(perHour) : new SlidingWindowLimit(perHour, HOUR_MS);
}
