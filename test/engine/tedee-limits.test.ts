/**
 * Tedee's limits (tedee-api.md §3) and the app's own budget, checked against the literal
 * numbers Tedee publishes (test/support/tedee-limits.ts), at run time where the engine
 * enforces them.
 */
import { describe, expect, it } from 'vitest';
import { SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import {
  defaultPollSettings,
  parseSettings,
  pollSettingsSchema,
} from '../../main/engine/monitor-settings.ts';
import { LockMonitor } from '../../main/engine/lock-monitor.ts';
import { apiPaths } from '../../main/tedee/api-paths.ts';
import { startHarness } from './monitor-harness.ts';
import {
  ACCOUNT_LIMIT_PER_HOUR,
  DEFAULT_BUDGET_PER_HOUR,
  LOCK_LIST_LIMIT,
  SYNC_GAP_MS,
} from '../support/tedee-limits.ts';

const HOUR_MS = 3_600_000;

const { garage } = SAMPLE_LOCK_IDS;

describe('one sync per lock every 20 seconds', () => {
  it('a refresh 19.999 s after a sync waits for 20 s, to the millisecond', async () => {
    const h = await startHarness({ selection: { ids: [garage] } });
    await h.advance(0);
    const firstSync = h.syncRequests()[0]!.at;
    await h.advance(SYNC_GAP_MS - 1);
    expect(h.monitor.refreshNow()).toBe(firstSync + SYNC_GAP_MS);
    expect(h.lastSnapshot().refreshAllowedAt).toBe(firstSync + SYNC_GAP_MS);
    await h.advance(1);
    expect(h.syncRequests().map((request) => request.at - firstSync)).toEqual([0, 20_000]);
  });

  it('a sync that failed counts: a refresh right after a 503 still waits 20 s', async () => {
    const h = await startHarness({ selection: { ids: [garage] } });
    await h.advance(0);
    h.simulator.queueFault({ kind: 'status', status: 503 });
    await h.advance(30_000);
    const failedAt = h.syncRequests()[1]!.at;
    expect(h.lastSnapshot().status.kind).toBe('offline');
    await h.advance(1_000);
    expect(h.monitor.refreshNow()).toBe(failedAt + SYNC_GAP_MS);
    await h.advance(SYNC_GAP_MS);
    expect(h.syncRequests().map((request) => [request.at - failedAt, request.status])).toEqual([
      [-30_000, 200],
      [0, 503],
      [20_000, 200],
    ]);
    expect(h.simulator.shortestSyncGap()?.gapMs).toBe(20_000);
  });

  it('the interval cannot be set below 20 s', () => {
    expect(
      parseSettings(pollSettingsSchema, { ...defaultPollSettings, intervalSeconds: 20 })
        .intervalSeconds,
    ).toBe(20);
    expect(() =>
      parseSettings(pollSettingsSchema, { ...defaultPollSettings, intervalSeconds: 19 }),
    ).toThrow(
      'The interval must be at least 20 seconds: Tedee allows one sync per lock every 20 seconds.',
    );
  });
});

describe('the hourly budget', () => {
  it('is 350 requests per hour and a 30 s interval by default', () => {
    const defaults = { intervalSeconds: 30, budgetPerHour: DEFAULT_BUDGET_PER_HOUR };
    expect(defaultPollSettings).toEqual(defaults);
    expect(new LockMonitor({ api: null }).settings).toEqual(defaults);
  });

  it('can be raised to Tedee’s 700 per account and no further', () => {
    const atLimit = { budgetPerHour: ACCOUNT_LIMIT_PER_HOUR };
    expect(parseSettings(pollSettingsSchema, { ...defaultPollSettings, ...atLimit })).toMatchObject(
      atLimit,
    );
    expect(() =>
      parseSettings(pollSettingsSchema, {
        ...defaultPollSettings,
        budgetPerHour: ACCOUNT_LIMIT_PER_HOUR + 1,
      }),
    ).toThrow('Tedee allows at most 700 requests per hour per account.');
  });

  it('holds at run time: a budget of 150 with a refresh asked every 20 s polls at most 130 in any hour, keeping 20 for lock operations', async () => {
    // Every 20 s would be 180 syncs and a lock list an hour; the budget less the operations'
    // reserve of 20 has to stop 51 of them.
    const h = await startHarness({ poll: { intervalSeconds: 30, budgetPerHour: 150 } });
    for (let elapsed = 0; elapsed < 2 * HOUR_MS; elapsed += SYNC_GAP_MS) {
      h.monitor.refreshNow();
      await h.advance(SYNC_GAP_MS);
    }
    const times = h.simulator.requests().map((request) => request.at);
    const busiestHour = Math.max(
      ...times.map((start) => times.filter((at) => at >= start && at < start + HOUR_MS).length),
    );
    expect(busiestHour).toBe(130);
    // No 429: only the key list refuses, with 403, a key that has Device.Read alone.
    const refused = h.simulator.requests().filter((request) => request.status !== 200);
    expect(new Set(refused.map((request) => `${request.status} ${request.path}`))).toEqual(
      new Set([`403 ${apiPaths.personalAccessKeys}`]),
    );
  });
});

describe('the lock list: 10 requests per 10 minutes with a Personal Access Key', () => {
  it('the 11th list asked within 10 minutes waits until the 1st is 10 minutes old', async () => {
    // No lock selected: a poll is a lock-list check only, and refreshLockList asks for one now.
    const h = await startHarness({ selection: { ids: [] } });
    await h.advance(0);
    for (let elapsed = 0; elapsed < LOCK_LIST_LIMIT.windowMs + 2_000; elapsed += 1_000) {
      await h.advance(1_000);
      h.monitor.refreshLockList();
    }
    const lists = h.simulator
      .requests()
      .filter((request) => request.path === '/api/v37/my/lock')
      .map((request) => request.at - h.simulator.requests()[0]!.at);
    expect(lists.slice(0, 12)).toEqual([
      0, 1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 7_000, 8_000, 9_000, 600_000, 601_000,
    ]);
  });
});
