/**
 * Everything that decides when the next request to Tedee may go out, in one place:
 * - the per-lock 20 s sync guard (Tedee's rule for both sync endpoints);
 * - the hourly request budget (a share of Tedee's 700 per account), of which a reserve is
 *   kept for lock operations: monitoring (polling, the lock list) never spends it, so locking
 *   the door is never refused because polling used the hour up;
 * - the lock-list limit (10 per 10 minutes with a Personal Access Key);
 * - the Retry-After of the last 429;
 * - the spare share of monitoring: requests other than syncs and lock lists (bridges, door
 *   sensors, the key's expiry, the activity log) share, in one sliding window, only what the
 *   planned syncs leave of the budget less the reserve, so together they never delay a sync
 *   nor take an operation's request;
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
  readonly #reservePerHour: number;
  /** Every request: monitoring and operations together stay within the budget. */
  #budget: SlidingWindowLimit;
  /**
   * Spare requests (health reads and activity together). Only the times matter here; the limit
   * is set at each question from the syncs' share.
   */
  readonly #spare = new SlidingWindowLimit(1, HOUR_MS);
  /** Monitoring's requests (syncs, lock lists, spare reads): the budget less the reserve. */
  #monitoring: SlidingWindowLimit;
  #retryAfter: number | null = null;

  /**
   * @param operationReservePerHour requests of the budget that only lock operations may use
   *   (0 keeps none); the settings make sure the budget exceeds it.
   */
  constructor(budgetPerHour: number, operationReservePerHour: number) {
    this.#reservePerHour = operationReservePerHour;
    this.#budget = new SlidingWindowLimit(budgetPerHour, HOUR_MS);
    this.#monitoring = new SlidingWindowLimit(this.#monitoringLimit(budgetPerHour), HOUR_MS);
  }

  /** Keeps the requests already sent, so a new budget counts them too. */
  setBudget(budgetPerHour: number): void {
    this.#budget = this.#budget.withLimit(budgetPerHour);
    this.#monitoring = this.#monitoring.withLimit(this.#monitoringLimit(budgetPerHour));
  }

  /** The earliest moment a monitoring request (sync, lock list, spare read) may go out. */
  requestAllowedAt(now: number): number {
    return Math.max(this.operationAllowedAt(now), this.#monitoring.earliestAllowed(now));
  }

  /**
   * The earliest moment a lock operation's request may go out: the whole budget counts, but
   * monitoring never reaches the reserve, so only operations themselves can use it up.
   */
  operationAllowedAt(now: number): number {
    return Math.max(now, this.#budget.earliestAllowed(now), this.#retryAfter ?? now);
  }

  /** Whether a 429's Retry-After is what holds requests back at `now`. */
  rateLimitedAt(now: number): boolean {
    return (this.#retryAfter ?? now) > now;
  }

  recordOperation(at: number): void {
    this.#budget.record(at);
  }

  /** A sync that confirms an operation: the operation's budget, but Tedee's 20 s all the same. */
  operationSyncAllowedAt(lockIds: readonly number[], now: number): number {
    return Math.max(this.operationAllowedAt(now), this.#syncGuard.earliestAllowed(lockIds, now));
  }

  recordOperationSync(lockIds: readonly number[], at: number): void {
    this.#syncGuard.record(lockIds, at);
    this.#budget.record(at);
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
    this.#recordMonitoring(at);
  }

  recordLockList(at: number): void {
    this.#lockListLimit.record(at);
    this.#recordMonitoring(at);
  }

  /**
   * The most spare requests (health reads and activity together) any hour may hold, when the
   * syncs need `syncsPerHour` of monitoring's share (projectedRequestsPerHour); the operations'
   * reserve is never spare.
   */
  sparePerHour(syncsPerHour: number): number {
    return Math.max(0, this.#monitoring.limit - syncsPerHour);
  }

  /** The earliest moment a spare request may go out; Infinity when the syncs need it all. */
  spareAllowedAt(syncsPerHour: number, now: number): number {
    const spare = this.sparePerHour(syncsPerHour);
    if (spare < 1) return Number.POSITIVE_INFINITY;
    return Math.max(this.requestAllowedAt(now), this.#spare.withLimit(spare).earliestAllowed(now));
  }

  recordSpare(at: number): void {
    this.#spare.record(at);
    this.#recordMonitoring(at);
  }

  /**
   * The earliest moment an activity request for `lockId` may go out: a spare request, at most
   * one per lock per minute. Infinity when the syncs need the whole share.
   */
  activityAllowedAt(lockId: number, syncsPerHour: number, now: number): number {
    const last = this.#lastActivityAt.get(lockId);
    return Math.max(
      this.spareAllowedAt(syncsPerHour, now),
      last === undefined ? now : last + ACTIVITY_GAP_MS,
    );
  }

  recordActivity(lockId: number, at: number): void {
    this.#lastActivityAt.set(lockId, at);
    this.recordSpare(at);
  }

  /** A 429: nothing goes out before `retryAt`. */
  rateLimitedUntil(retryAt: number): void {
    this.#retryAfter = retryAt;
  }

  /** A success: Tedee is answering again. */
  clearRateLimit(): void {
    this.#retryAfter = null;
  }

  #recordMonitoring(at: number): void {
    this.#monitoring.record(at);
    this.#budget.record(at);
  }

  /** At least one request an hour, whatever a hand-made budget below the reserve says. */
  #monitoringLimit(budgetPerHour: number): number {
    return Math.max(1, budgetPerHour - this.#reservePerHour);
  }

  /** Locks that left the account no longer need remembering. */
  forgetLocksExcept(lockIds: ReadonlySet<number>): void {
    this.#syncGuard.forgetAllBut(lockIds);
    for (const id of this.#lastActivityAt.keys())
      if (!lockIds.has(id)) this.#lastActivityAt.delete(id);
  }
}
