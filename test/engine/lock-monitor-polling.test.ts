/**
 * The engine's polling rules against the simulator over loopback, on simulated time.
 */
import { describe, expect, it } from 'vitest';
import { SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import { LockMonitor } from '../../main/engine/lock-monitor.ts';
import { InvalidSettingError } from '../../main/engine/monitor-settings.ts';
import { startHarness } from './monitor-harness.ts';
import { ascending } from '../support/ascending.ts';
import { SYNC_GAP_MS } from '../support/tedee-limits.ts';

const { frontDoor, garage, backDoor } = SAMPLE_LOCK_IDS;

describe('what is asked of Tedee', () => {
  it('syncs one selected lock with the single-lock endpoint', async () => {
    const h = await startHarness({ selection: { ids: [garage] } });
    await h.advance(95_000);
    const syncs = h.syncRequests();
    expect(syncs.length).toBe(4); // t = 0, 30, 60, 90 s
    expect(syncs.every((request) => request.path === `/api/v37/my/lock/${garage}/sync`)).toBe(true);
  });

  it('syncs several locks with one batched request per cycle', async () => {
    const h = await startHarness({ selection: { ids: [frontDoor, backDoor] } });
    await h.advance(65_000);
    const syncs = h.syncRequests();
    expect(syncs.map((request) => request.path)).toEqual(Array(3).fill('/api/v37/my/lock/sync'));
    expect(
      syncs.every(
        (request) =>
          request.lockIds.toSorted(ascending).join() ===
          [frontDoor, backDoor].toSorted(ascending).join(),
      ),
    ).toBe(true);
  });

  it('polls at the configured interval', async () => {
    const h = await startHarness({ poll: { intervalSeconds: 45 } });
    await h.advance(180_000);
    const times = h.syncRequests().map((request) => request.at - h.syncRequests()[0]!.at);
    expect(times).toEqual([0, 45_000, 90_000, 135_000, 180_000]);
  });

  it('fetches the lock list at start and then only when something changed', async () => {
    const h = await startHarness();
    await h.advance(10 * 60_000);
    const lists = () =>
      h.simulator.requests().filter((request) => request.path === '/api/v37/my/lock');
    expect(lists().length).toBe(1);
    expect(h.lastSnapshot().locks.map((lock) => lock.name)).toEqual([
      'Front door',
      'Garage',
      'Back door',
    ]);

    h.simulator.renameLock(garage, 'Garage side door');
    await h.advance(70_000);
    expect(lists().length).toBe(2);
    expect(h.lastSnapshot().locks.map((lock) => lock.name)).toContain('Garage side door');
  });

  it('never fetches the lock list more than 10 times in 10 minutes, however often asked', async () => {
    const h = await startHarness();
    for (let second = 0; second < 20 * 60; second += 5) {
      h.monitor.refreshLockList();
      await h.advance(5_000);
    }
    const lists = h.simulator.requests().filter((request) => request.path === '/api/v37/my/lock');
    for (const [index, request] of lists.entries()) {
      const tenthLater = lists[index + 10];
      if (tenthLater) expect(tenthLater.at - request.at).toBeGreaterThanOrEqual(10 * 60_000);
    }
    expect(lists.length).toBeGreaterThanOrEqual(10);
    expect(h.simulator.requests().every((request) => request.status !== 429)).toBe(true);
  });
});

describe('the 20 s guard', () => {
  it('a refresh asked too early happens at the earliest allowed moment, and says when', async () => {
    const h = await startHarness();
    await h.advance(0);
    const firstSync = h.syncRequests()[0]!.at;
    await h.advance(5_000);
    const promised = h.monitor.refreshNow();
    expect(promised).toBe(firstSync + SYNC_GAP_MS);
    expect(h.lastSnapshot().refreshAllowedAt).toBe(firstSync + SYNC_GAP_MS);
    await h.advance(20_000);
    expect(h.syncRequests().map((request) => request.at)).toEqual([
      firstSync,
      firstSync + SYNC_GAP_MS,
    ]);
  });

  it('a refresh when allowed happens at once', async () => {
    const h = await startHarness();
    await h.advance(25_000);
    const promised = h.monitor.refreshNow();
    expect(promised).toBe(h.clock.now());
    await h.settle();
    await h.advance(0);
    expect(h.syncRequests().at(-1)!.at).toBe(promised);
  });

  it('a new selection waits for the locks it shares with the last sync', async () => {
    const h = await startHarness({ selection: { ids: [frontDoor] } });
    await h.advance(3_000);
    const promised = h.monitor.select({ ids: [frontDoor, garage] });
    await h.advance(40_000);
    const [first, second] = h.syncRequests();
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(SYNC_GAP_MS);
    expect(promised).toBe(first!.at + SYNC_GAP_MS);
    expect(second!.lockIds.toSorted(ascending)).toEqual([frontDoor, garage].toSorted(ascending));
  });

  it('waking from sleep syncs as soon as the guard allows, not before', async () => {
    const h = await startHarness();
    await h.advance(10_000);
    h.monitor.suspend();
    await h.advance(60 * 60_000);
    expect(h.syncRequests().length).toBe(1);
    h.monitor.wake();
    await h.advance(0);
    expect(h.syncRequests().length).toBe(2);
    h.monitor.suspend();
    h.monitor.wake();
    await h.advance(1_000);
    expect(h.syncRequests().length).toBe(2);
    expect(h.simulator.shortestSyncGap()!.gapMs).toBeGreaterThanOrEqual(SYNC_GAP_MS);
  });
});

describe('settings', () => {
  it('rejects an interval below 20 s with a clear message instead of raising it', async () => {
    expect(() => new LockMonitor({ api: null, poll: { intervalSeconds: 19 } })).toThrow(
      /at least 20 seconds/,
    );
    const h = await startHarness();
    expect(() => h.monitor.updatePollSettings({ intervalSeconds: 10 })).toThrow(
      InvalidSettingError,
    );
    expect(h.monitor.settings.intervalSeconds).toBe(30);
  });

  it('refuses a setting that would plan more than the budget and says so', async () => {
    const h = await startHarness();
    expect(() => h.monitor.updatePollSettings({ budgetPerHour: 100 })).toThrow(
      'Polling every 30 s needs about 121 requests per hour, and 20 more are kept for locking and unlocking: 141, more than the budget of 100.',
    );
    expect(
      h.monitor.updatePollSettings({ budgetPerHour: 100, intervalSeconds: 60 }).budgetPerHour,
    ).toBe(100);
  });

  it('a longer interval takes effect from the last sync', async () => {
    const h = await startHarness();
    await h.advance(5_000);
    h.monitor.updatePollSettings({ intervalSeconds: 120 });
    await h.advance(200_000);
    expect(h.syncRequests().map((request) => request.at - h.syncRequests()[0]!.at)).toEqual([
      0, 120_000,
    ]);
  });
});

describe('pausing', () => {
  it('sends nothing while paused and resumes by itself at the given time', async () => {
    const h = await startHarness();
    await h.advance(1_000);
    const until = h.clock.now() + 60 * 60_000;
    h.monitor.pause(until);
    expect(h.lastSnapshot().status).toMatchObject({ kind: 'paused', retryAt: until });
    expect(h.lastSnapshot().tray).toBe('paused');
    await h.advance(60 * 60_000 - 2_000);
    expect(h.syncRequests().length).toBe(1);
    await h.advance(2_000);
    expect(h.syncRequests().length).toBe(2);
    expect(h.lastSnapshot().status.kind).toBe('ok');
  });

  it('pause until resumed waits for resume()', async () => {
    const h = await startHarness();
    await h.advance(1_000);
    h.monitor.pause();
    await h.advance(3 * 60 * 60_000);
    expect(h.syncRequests().length).toBe(1);
    h.monitor.resume();
    await h.advance(0);
    expect(h.syncRequests().length).toBe(2);
  });
});
