/**
 * Everything that decides when the next request to Tedee may go out, in one place:
 * - the per-lock 20 s sync guard (Tedee's rule for both sync endpoints);
 * - the hourly request budget (a share of Tedee's 700 per account);
 * - the lock-list limit (10 per 10 minutes with a Personal Access Key);
 * - the Retry-After of the last 429;
 * - the spare share of the budget: requests other than syncs and lock lists (bridges, door
 *   sensors, the key's expiry) may use only what the planned syncs leave over, so they never
 *   delay a sync.
 * Requests are recorded when they are sent, not when they succeed: a request that failed
 * may still have counted at Tedee.
 */
import { SlidingWindowLimit } from './sliding-window-limit.ts';
import { SyncGuard } from './sync-guard.ts';

/** Tedee: GET /my/lock with a Personal Access Key at most 10 times per 10 minutes. */
export const LOCK_LIST_LIMIT = { calls: 10, windowMs: 10 * 60_000 } as const;
const HOUR_MS = 3_600_000;

export class RequestGates {
  readonly #syncGuard = new SyncGuard();
  readonly #lockListLimit = new SlidingWindowLimit(LOCK_LIST_LIMIT.calls, LOCK_LIST_LIMIT.windowMs);
  #budget: SlidingWindowLimit;
  /** Only the times matter here; the limit is set at each question from the syncs' share. */
  readonly #spare = new SlidingWindowLimit(1, HOUR_MS);
  #retryAfter: number | null = null;

  constructor(budgetPerHour: number) {
    this.#budget = new SlidingWindowLimit(budgetPerHour, HOUR_MS);
  }

  /** Keeps the requests already sent, so a new budget counts them too. */
  setBudget(budgetPerHour: number): void {
    this.#budget = this.#budget.withLimit(budgetPerHour);
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

  recordSync(lockIds: readonly number[], at: number): void {
    this.#syncGuard.record(lockIds, at);
    this.#budget.record(at);
  }

  recordLockList(at: number): void {
    this.#lockListLimit.record(at);
    this.#budget.record(at);
  }

  /**
   * The earliest moment a spare request may go out, when the syncs need `syncsPerHour` of the
   * budget (projectedRequestsPerHour). Infinity when they need all of it.
   */
  spareAllowedAt(syncsPerHour: number, now: number): number {
    const spare = this.#budget.limit - syncsPerHour;
    if (spare < 1) return Number.POSITIVE_INFINITY;
    return Math.max(this.requestAllowedAt(now), this.#spare.withLimit(spare).earliestAllowed(now));
  }

  recordSpare(at: number): void {
    this.#spare.record(at);
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
  }
}
