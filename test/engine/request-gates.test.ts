/**
 * The gates every request passes, on their own and on plain numbers: the per-lock 20 s guard,
 * the sliding windows behind the hourly budget and the lock-list limit, a 429's Retry-After,
 * how the spare share and the operations' reserve divide the budget, and the activity log's
 * minute per lock. The engine tests show them at work; these pin each rule's edges.
 */
import { describe, expect, it } from 'vitest';
import { RequestGates } from '../../main/engine/request-gates.ts';
import { SlidingWindowLimit } from '../../main/engine/sliding-window-limit.ts';
import { SyncGuard } from '../../main/engine/sync-guard.ts';
import { ACTIVITY_GAP_MS, LOCK_LIST_LIMIT, SYNC_GAP_MS } from '../support/tedee-limits.ts';

const HOUR_MS = 3_600_000;

describe('SyncGuard', () => {
  it('allows a lock it never synced at once, and a synced one 20 s after its sync', () => {
    const guard = new SyncGuard();
    expect(guard.earliestAllowed([1], 500)).toBe(500);
    guard.record([1], 1_000);
    expect(guard.earliestAllowed([1], 1_000)).toBe(1_000 + SYNC_GAP_MS);
    expect(guard.earliestAllowed([1], 1_000 + SYNC_GAP_MS)).toBe(1_000 + SYNC_GAP_MS);
    expect(guard.earliestAllowed([1], 90_000)).toBe(90_000);
    expect(guard.earliestAllowed([2], 1_000)).toBe(1_000);
  });

  it('waits for the most recently synced of the locks asked for', () => {
    const guard = new SyncGuard();
    guard.record([1, 2], 0);
    guard.record([2], 5_000);
    expect(guard.earliestAllowed([1, 2, 3], 6_000)).toBe(5_000 + SYNC_GAP_MS);
    expect(guard.earliestAllowed([1, 3], 6_000)).toBe(SYNC_GAP_MS);
  });

  it('forgets the locks it is told are gone, and only those', () => {
    const guard = new SyncGuard();
    guard.record([1, 2, 3], 0);
    guard.forgetAllBut(new Set([2]));
    expect(guard.earliestAllowed([1], 1_000)).toBe(1_000);
    expect(guard.earliestAllowed([3], 1_000)).toBe(1_000);
    expect(guard.earliestAllowed([2], 1_000)).toBe(SYNC_GAP_MS);
  });
});

describe('SlidingWindowLimit', () => {
  it('allows `limit` events in any window, the next when the oldest leaves it', () => {
    const limit = new SlidingWindowLimit(3, 10_000);
    for (const at of [0, 1_000, 2_000]) {
      expect(limit.earliestAllowed(at)).toBe(at);
      limit.record(at);
    }
    expect(limit.earliestAllowed(2_000)).toBe(10_000);
    expect(limit.earliestAllowed(9_999)).toBe(10_000);
    expect(limit.earliestAllowed(10_000)).toBe(10_000);
    limit.record(10_000);
    expect(limit.earliestAllowed(10_000)).toBe(11_000);
  });

  it('counts only the events inside the window before `now`', () => {
    const limit = new SlidingWindowLimit(2, 10_000);
    limit.record(0);
    limit.record(5_000);
    expect(limit.earliestAllowed(9_000)).toBe(10_000);
    expect(limit.earliestAllowed(12_000)).toBe(12_000);
  });

  it('keeps its history under a new limit', () => {
    const limit = new SlidingWindowLimit(3, 10_000);
    limit.record(0);
    limit.record(1_000);
    const lower = limit.withLimit(2);
    expect([lower.limit, lower.windowMs]).toEqual([2, 10_000]);
    expect(lower.earliestAllowed(2_000)).toBe(10_000);
    expect(limit.withLimit(5).earliestAllowed(2_000)).toBe(2_000);
  });

  it('takes a limit of one event per window', () => {
    const limit = new SlidingWindowLimit(1, 10_000);
    limit.record(0);
    expect(limit.earliestAllowed(1)).toBe(10_000);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a limit of %s', (value) => {
    expect(() => new SlidingWindowLimit(value, 1_000)).toThrow(
      new RangeError(`limit must be a positive integer, got ${value}`),
    );
  });
});

describe('RequestGates', () => {
  it('holds every request to the hourly budget, syncs and lock lists alike', () => {
    const gates = new RequestGates(3, 0);
    gates.recordLockList(0);
    gates.recordSync([1], 0);
    gates.recordSync([2], 1_000);
    expect(gates.requestAllowedAt(2_000)).toBe(HOUR_MS);
    expect(gates.syncAllowedAt([3], 2_000)).toBe(HOUR_MS);
    expect(gates.lockListAllowedAt(2_000)).toBe(HOUR_MS);
  });

  it('counts the requests already sent against a new budget', () => {
    const gates = new RequestGates(10, 0);
    for (const at of [0, 1_000, 2_000]) gates.recordSync([at], at);
    gates.setBudget(3);
    expect(gates.requestAllowedAt(3_000)).toBe(HOUR_MS);
    gates.setBudget(4);
    expect(gates.requestAllowedAt(3_000)).toBe(3_000);
  });

  it('syncs a lock 20 s after its last sync, and another lock at once', () => {
    const gates = new RequestGates(100, 0);
    gates.recordSync([1], 0);
    expect(gates.syncAllowedAt([1], 1_000)).toBe(SYNC_GAP_MS);
    expect(gates.syncAllowedAt([2], 1_000)).toBe(1_000);
    gates.forgetLocksExcept(new Set([2]));
    expect(gates.syncAllowedAt([1], 1_000)).toBe(1_000);
  });

  it('lists locks 10 times in 10 minutes, whatever the budget', () => {
    const gates = new RequestGates(700, 0);
    for (let call = 0; call < LOCK_LIST_LIMIT.calls; call += 1) {
      expect(gates.lockListAllowedAt(call)).toBe(call);
      gates.recordLockList(call);
    }
    expect(gates.lockListAllowedAt(10)).toBe(LOCK_LIST_LIMIT.windowMs);
    expect(gates.syncAllowedAt([1], 10)).toBe(10);
  });

  it('sends nothing before a 429 Retry-After, until a success clears it', () => {
    const gates = new RequestGates(100, 0);
    gates.rateLimitedUntil(60_000);
    expect(gates.requestAllowedAt(1_000)).toBe(60_000);
    expect(gates.syncAllowedAt([1], 1_000)).toBe(60_000);
    expect(gates.lockListAllowedAt(1_000)).toBe(60_000);
    expect(gates.requestAllowedAt(70_000)).toBe(70_000);
    gates.clearRateLimit();
    expect(gates.requestAllowedAt(1_000)).toBe(1_000);
  });

  it('says a 429 is what holds requests back only until its Retry-After', () => {
    const gates = new RequestGates(100, 0);
    expect(gates.rateLimitedAt(1_000)).toBe(false);
    gates.rateLimitedUntil(60_000);
    expect(gates.rateLimitedAt(1_000)).toBe(true);
    expect(gates.rateLimitedAt(59_999)).toBe(true);
    expect(gates.rateLimitedAt(60_000)).toBe(false);
    gates.rateLimitedUntil(90_000);
    gates.clearRateLimit();
    expect(gates.rateLimitedAt(1_000)).toBe(false);
  });
});

describe('RequestGates: the sync that confirms a lock operation', () => {
  it('waits 20 s after the last sync of its lock, and for the budget', () => {
    const gates = new RequestGates(100, 20);
    gates.recordSync([1], 0);
    expect(gates.operationSyncAllowedAt([1], 1_000)).toBe(SYNC_GAP_MS);
    expect(gates.operationSyncAllowedAt([2], 1_000)).toBe(1_000);
    gates.rateLimitedUntil(30_000);
    expect(gates.operationSyncAllowedAt([1], 1_000)).toBe(30_000);
  });

  it('counts for the 20 s of its lock and for the whole budget', () => {
    const gates = new RequestGates(3, 2);
    gates.recordOperationSync([1], 0);
    expect(gates.syncAllowedAt([1], 1_000)).toBe(SYNC_GAP_MS);
    expect(gates.operationSyncAllowedAt([1], 1_000)).toBe(SYNC_GAP_MS);
    expect(gates.syncAllowedAt([2], 1_000)).toBe(1_000);
    gates.recordOperationSync([2], 1_000);
    gates.recordOperation(2_000);
    expect(gates.operationAllowedAt(3_000)).toBe(HOUR_MS);
  });
});

describe("RequestGates: the spare share and the operations' reserve", () => {
  it('leaves spare reads only what the syncs leave of the budget less the reserve', () => {
    // 100 an hour, 20 kept for operations: syncs planning 80 leave nothing spare, 78 leave 2.
    const gates = new RequestGates(100, 20);
    expect(gates.spareAllowedAt(80, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(gates.spareAllowedAt(78, 0)).toBe(0);
    gates.recordSpare(0);
    gates.recordSpare(1_000);
    expect(gates.spareAllowedAt(78, 2_000)).toBe(HOUR_MS);
  });

  it('leaves a single spare read when the syncs leave exactly one', () => {
    const gates = new RequestGates(100, 20);
    expect(gates.spareAllowedAt(79, 0)).toBe(0);
    gates.recordSpare(0);
    expect(gates.spareAllowedAt(79, 1_000)).toBe(HOUR_MS);
  });

  it('counts spare reads as monitoring: they may fill its share, never the reserve', () => {
    const gates = new RequestGates(8, 3);
    for (let at = 0; at < 5; at += 1) {
      expect(gates.spareAllowedAt(0, at)).toBe(at);
      gates.recordSpare(at);
    }
    expect(gates.spareAllowedAt(0, 10)).toBe(HOUR_MS);
    expect(gates.requestAllowedAt(10)).toBe(HOUR_MS);
    expect(gates.syncAllowedAt([1], 10)).toBe(HOUR_MS);
    // The reserve is untouched: three operations go out, the fourth waits for the hour.
    for (let at = 10; at < 13; at += 1) {
      expect(gates.operationAllowedAt(at)).toBe(at);
      gates.recordOperation(at);
    }
    expect(gates.operationAllowedAt(13)).toBe(HOUR_MS);
  });
});

describe('RequestGates: the activity log', () => {
  it('asks each lock at most once a minute, other locks at once', () => {
    const gates = new RequestGates(700, 20);
    gates.recordActivity(1, 0);
    expect(gates.activityAllowedAt(1, 0, 1_000)).toBe(ACTIVITY_GAP_MS);
    expect(gates.activityAllowedAt(2, 0, 1_000)).toBe(1_000);
    gates.forgetLocksExcept(new Set([2]));
    expect(gates.activityAllowedAt(1, 0, 1_000)).toBe(1_000);
  });

  it('still keeps the minute of a lock that stays when others are forgotten', () => {
    const gates = new RequestGates(700, 20);
    gates.recordActivity(1, 0);
    gates.recordActivity(2, 0);
    gates.forgetLocksExcept(new Set([2]));
    expect(gates.activityAllowedAt(2, 0, 1_000)).toBe(ACTIVITY_GAP_MS);
    expect(gates.activityAllowedAt(1, 0, 1_000)).toBe(1_000);
  });

  it('shares one spare window with the health reads', () => {
    // 100 less 20 for operations, 76 planned for syncs: 4 spare, whoever takes them.
    const gates = new RequestGates(100, 20);
    expect(gates.sparePerHour(76)).toBe(4);
    gates.recordSpare(0);
    gates.recordSpare(1);
    gates.recordActivity(1, 2);
    expect(gates.activityAllowedAt(2, 76, 3)).toBe(3);
    gates.recordActivity(2, 3);
    expect(gates.activityAllowedAt(3, 76, 4)).toBe(HOUR_MS);
    expect(gates.spareAllowedAt(76, 4)).toBe(HOUR_MS);
    // Syncs do not wait for them: their plan is still open.
    expect(gates.syncAllowedAt([1], 4)).toBe(4);
    expect(gates.sparePerHour(80)).toBe(0);
    expect(gates.activityAllowedAt(3, 80, 4)).toBe(Number.POSITIVE_INFINITY);
  });

  it('never lets polling and the activity log together eat into the reserve', () => {
    // 30 an hour, 20 kept for operations: monitoring has 10, polling plans 6, 4 are spare.
    const gates = new RequestGates(30, 20);
    let monitoring = 0;
    for (let at = 0; at < 600_000; at += 1_000) {
      const lockId = (at / 1_000) % 7;
      if (gates.syncAllowedAt([lockId], at) <= at) {
        gates.recordSync([lockId], at);
        monitoring += 1;
      }
      if (gates.activityAllowedAt(lockId, 6, at) <= at) {
        gates.recordActivity(lockId, at);
        monitoring += 1;
      }
    }
    expect(monitoring).toBe(10);
    // Every one of the 20 kept for operations is still there, and no more.
    for (let at = 600_000; at < 600_020; at += 1) {
      expect(gates.operationAllowedAt(at)).toBe(at);
      gates.recordOperation(at);
    }
    expect(gates.operationAllowedAt(600_020)).toBe(HOUR_MS);
  });
});
