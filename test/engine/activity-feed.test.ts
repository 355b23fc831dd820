/**
 * The activity log in the engine, against the simulator on simulated time: a baseline at start,
 * a fetch only when a lock changed, the per-lock minute, the budget share syncs leave, paging
 * to catch up, no duplicates across restarts, and a key without DeviceActivity.Read.
 */
import { describe, expect, it } from 'vitest';
import { SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import type { ActivityAuthor } from '../../main/demo/tedee-simulator.ts';
import type { ActivityNews } from '../../main/engine/activity-feed.ts';
import { ActivityStore } from '../../main/engine/activity-store.ts';
import { LockMonitor } from '../../main/engine/lock-monitor.ts';
import {
  HEALTH_READS_PER_HOUR,
  OPERATION_RESERVE_PER_HOUR,
} from '../../main/engine/monitor-settings.ts';
import type { MonitorEvent } from '../../main/engine/lock-monitor.ts';
import { originOf } from '../../main/tedee/api-address.ts';
import { apiPaths } from '../../main/tedee/api-paths.ts';
import { TedeeClient } from '../../main/tedee/client.ts';
import { ascending } from '../support/ascending.ts';
import { ACTIVITY_GAP_MS } from '../support/tedee-limits.ts';
import { HARNESS_SCOPES, startHarness, TEST_KEY } from './monitor-harness.ts';

const { frontDoor, garage, backDoor } = SAMPLE_LOCK_IDS;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ANNA: ActivityAuthor = { userId: 20417, name: 'Anna' };

type Harness = Awaited<ReturnType<typeof startHarness>>;

function newsOf(events: readonly MonitorEvent[]): ActivityNews[] {
  return events.flatMap((event) => (event.type === 'activity' ? [event.news] : []));
}

function announcedIds(events: readonly MonitorEvent[]): number[] {
  return newsOf(events).flatMap((news) => news.announced.map((entry) => entry.id));
}

function queriesFor(h: Harness, lockId: number) {
  return h.simulator.activityQueries().filter((query) => query.lockId === lockId);
}

/** Everything but syncs and the lock list: one share, what the planned syncs leave. */
const SPARE_PATHS: ReadonlySet<string> = new Set([
  apiPaths.deviceDetails,
  apiPaths.doorSensors,
  apiPaths.personalAccessKeys,
  apiPaths.deviceActivity,
]);

function activityRequests(h: Harness) {
  return h.simulator.requests().filter((request) => request.path.endsWith('/deviceactivity'));
}

/** The most requests of `times` that fall in any one hour. */
function busiestHour(times: readonly number[]): number {
  return Math.max(
    0,
    ...times.map((start) => times.filter((at) => at >= start && at < start + HOUR).length),
  );
}

describe('the baseline at start', () => {
  it('fetches every lock once, keeps entries from before the start and announces none of them', async () => {
    const h = await startHarness({ manualStart: true });
    const before = h.clock.now() - 5 * MINUTE;
    const wrongPin = h.simulator.logActivity(frontDoor, { event: 62, at: before });
    const unlock = h.simulator.logActivity(frontDoor, {
      event: 61,
      author: ANNA,
      at: before + 1000,
    });
    h.monitor.start();
    await h.advance(0);
    expect(
      h.simulator
        .activityQueries()
        .map((query) => query.lockId)
        .sort(ascending),
    ).toEqual([frontDoor, garage, backDoor].sort(ascending));
    expect(
      h.monitor.activity.page(frontDoor, { afterId: null, limit: 10 }).entries.map((e) => e.id),
    ).toEqual([unlock, wrongPin]);
    expect(announcedIds(h.events)).toEqual([]);
    expect(h.alerts().map((alert) => alert.kind)).not.toContain('incorrect-pin');
    expect(h.lastSnapshot().activity).toEqual({ kind: 'available' });
  });
});

describe('fetching on change', () => {
  it('asks again only for a lock whose last state change moved, and announces its entry', async () => {
    const h = await startHarness();
    await h.advance(0);
    const baseline = h.simulator.activityQueries().length;
    await h.advance(30 * MINUTE);
    expect(h.simulator.activityQueries()).toHaveLength(baseline);

    const entry = h.simulator.changeLock(
      frontDoor,
      { state: 'unlocked' },
      { event: 61, author: ANNA },
    );
    await h.advance(MINUTE);
    expect(
      h.simulator
        .activityQueries()
        .slice(baseline)
        .map((query) => query.lockId),
    ).toEqual([frontDoor]);
    expect(announcedIds(h.events)).toEqual([entry]);
    const [news] = newsOf(h.events).filter((item) => item.announced.length > 0);
    expect(news?.announced[0]).toMatchObject({ id: entry, user: 'Anna', event: 61 });
  });

  it('fetches at once when the bridge says a lock changed, without waiting for a sync', async () => {
    const h = await startHarness({ poll: { intervalSeconds: 600, budgetPerHour: 350 } });
    await h.advance(2 * MINUTE);
    const entry = h.simulator.logActivity(garage, { event: 34 });
    const syncs = h.syncRequests().length;
    h.monitor.lockStatusChanged(garage);
    await h.advance(0);
    expect(h.syncRequests()).toHaveLength(syncs);
    expect(announcedIds(h.events)).toEqual([entry]);
  });

  it('looks once more a minute later when Tedee had not logged the change yet', async () => {
    const h = await startHarness();
    await h.advance(2 * MINUTE);
    h.simulator.updateLock(backDoor, { state: 'unlocked' });
    await h.advance(30_000);
    const late = h.simulator.logActivity(backDoor, { event: 35 });
    await h.advance(2 * MINUTE);
    expect(announcedIds(h.events)).toEqual([late]);
    const after = queriesFor(h, backDoor).slice(1);
    expect(after.map((query) => query.returned)).toEqual([0, 1]);
    // One more look, not a poll of the log: nothing further without another change.
    await h.advance(30 * MINUTE);
    expect(queriesFor(h, backDoor)).toHaveLength(3);
  });

  it('never asks for one lock twice within 60 s, and still delivers every entry', async () => {
    const h = await startHarness({ poll: { intervalSeconds: 20, budgetPerHour: 350 } });
    await h.advance(0);
    const ids: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const state = i % 2 === 0 ? 'unlocked' : 'locked';
      ids.push(h.simulator.changeLock(frontDoor, { state }, { event: i % 2 === 0 ? 33 : 32 }));
      await h.advance(20_000);
    }
    await h.advance(5 * MINUTE);
    const times = queriesFor(h, frontDoor).map((query) => query.at);
    for (let i = 1; i < times.length; i += 1)
      expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(ACTIVITY_GAP_MS);
    expect(announcedIds(h.events).sort(ascending)).toEqual(ids.sort(ascending));
  });
});

describe('catching up', () => {
  it('follows a full page of unknown entries with the page before it, without duplicates', async () => {
    const h = await startHarness();
    await h.advance(MINUTE);
    const start = h.clock.now();
    const ids = Array.from({ length: 70 }, (_, i) =>
      h.simulator.logActivity(frontDoor, { event: 32 + (i % 2), at: start + i }),
    );
    h.simulator.updateLock(frontDoor, { state: 'unlocked' });
    await h.advance(3 * MINUTE);
    const queries = queriesFor(h, frontDoor);
    expect(queries.map((query) => query.before === null)).toEqual([true, true, false]);
    const announced = announcedIds(h.events);
    expect(new Set(announced).size).toBe(announced.length);
    expect(announced.sort(ascending)).toEqual(ids.sort(ascending));
  });
});

describe('across restarts', () => {
  it('takes nothing twice from a saved log, and announces only what happened after the new start', async () => {
    const h = await startHarness();
    await h.advance(MINUTE);
    const first = h.simulator.changeLock(
      frontDoor,
      { state: 'unlocked' },
      { event: 61, author: ANNA },
    );
    await h.advance(2 * MINUTE);
    await h.monitor.stop();
    const saved = JSON.parse(JSON.stringify(h.monitor.activity)) as unknown;

    const whileClosed = h.simulator.changeLock(frontDoor, { state: 'locked' }, { event: 36 });
    await h.advance(10 * MINUTE);
    const client = new TedeeClient({
      personalKey: TEST_KEY,
      apiUrl: h.simulator.baseUrl,
      keyOrigin: originOf(h.simulator.baseUrl),
      now: () => h.clock.now(),
    });
    const restarted = new LockMonitor({
      api: client,
      clock: h.clock,
      activity: ActivityStore.fromJSON(saved),
    });
    const events: MonitorEvent[] = [];
    restarted.subscribe((event) => events.push(event));
    restarted.start();
    await h.clock.advanceBy(0, () => restarted.idle());
    await h.clock.advanceBy(MINUTE, () => restarted.idle());
    const afterRestart = h.simulator.changeLock(frontDoor, { state: 'unlocked' }, { event: 33 });
    await h.clock.advanceBy(2 * MINUTE, () => restarted.idle());
    await restarted.stop();

    const added = newsOf(events).flatMap((news) => news.added.map((entry) => entry.id));
    expect(added).not.toContain(first);
    expect(added.sort(ascending)).toEqual([whileClosed, afterRestart].sort(ascending));
    expect(announcedIds(events)).toEqual([afterRestart]);
    const kept = restarted.activity.page(frontDoor, { afterId: null, limit: 50 }).entries;
    expect(kept.map((entry) => entry.id)).toEqual([afterRestart, whileClosed, first]);
  });
});

describe('the budget', () => {
  it('leaves syncs their share: activity spends only what the plan leaves, and catches up later', async () => {
    // 60 s polling plans 61 requests an hour; a budget of 90 less the operations' reserve of 20
    // leaves 9, which the activity log shares with the reads about bridges, door sensors and the
    // key (Account.Read: all answer 200).
    const h = await startHarness({
      poll: { intervalSeconds: 60, budgetPerHour: 90 },
      account: { keyScopes: [...HARNESS_SCOPES, 'Account.Read'] },
    });
    await h.advance(0);
    const locks = [frontDoor, garage, backDoor];
    const logged: number[] = [];
    for (let minute = 0; minute < 120; minute += 5) {
      for (const lockId of locks) {
        const state = (minute / 5) % 2 === 0 ? 'unlocked' : 'locked';
        logged.push(h.simulator.changeLock(lockId, { state }, { event: 33 }));
      }
      await h.advance(5 * MINUTE);
    }
    const syncTimes = h.syncRequests().map((request) => request.at);
    expect(syncTimes.length).toBeGreaterThanOrEqual(120);
    for (let i = 1; i < syncTimes.length; i += 1)
      expect((syncTimes[i] ?? 0) - (syncTimes[i - 1] ?? 0)).toBeLessThanOrEqual(MINUTE);
    const spare = h.simulator.requests().filter((request) => SPARE_PATHS.has(request.path));
    expect(activityRequests(h).length).toBeGreaterThan(0);
    expect(busiestHour(spare.map((request) => request.at))).toBeLessThanOrEqual(9);
    expect(busiestHour(h.simulator.requests().map((request) => request.at))).toBeLessThanOrEqual(
      90 - OPERATION_RESERVE_PER_HOUR,
    );
    expect(h.simulator.requests().every((request) => request.status === 200)).toBe(true);

    // Entries came late (a lock's turn comes about every 20 minutes), not never.
    await h.advance(2 * HOUR);
    expect(announcedIds(h.events).sort(ascending)).toEqual(logged.sort(ascending));
    const loggedAt = new Map(
      locks.flatMap((lockId) =>
        h.simulator.activityOf(lockId).map((entry) => [entry.id, entry.at]),
      ),
    );
    const delays = h.events.flatMap((event) =>
      event.type === 'activity'
        ? event.news.announced.map((entry) => event.at - (loggedAt.get(entry.id) ?? event.at))
        : [],
    );
    expect(Math.max(...delays)).toBeGreaterThan(10 * MINUTE);
  });

  it('is shown in the snapshot as the share the syncs and the health reads leave', async () => {
    const h = await startHarness({ poll: { intervalSeconds: 30, budgetPerHour: 350 } });
    expect(h.lastSnapshot().activityPerHour).toBe(
      350 - OPERATION_RESERVE_PER_HOUR - 121 - HEALTH_READS_PER_HOUR,
    );
    h.monitor.updatePollSettings({
      intervalSeconds: 20,
      budgetPerHour: 181 + OPERATION_RESERVE_PER_HOUR,
    });
    expect(h.lastSnapshot().activityPerHour).toBe(0);
  });
});

describe('a key without DeviceActivity.Read', () => {
  it('marks the feature, asks again at most once an hour, and leaves everything else alone', async () => {
    const h = await startHarness({ account: { keyScopes: ['Device.Read'] } });
    await h.advance(0);
    expect(h.lastSnapshot().activity).toMatchObject({ kind: 'needs-scope' });
    for (let minute = 0; minute < 3 * 60; minute += 10) {
      h.simulator.changeLock(
        frontDoor,
        { state: minute % 20 === 0 ? 'unlocked' : 'locked' },
        { event: 33 },
      );
      await h.advance(10 * MINUTE);
    }
    const refused = activityRequests(h);
    expect(refused.every((request) => request.status === 403)).toBe(true);
    expect(refused.length).toBeGreaterThanOrEqual(3);
    expect(refused.length).toBeLessThanOrEqual(4);
    const times = refused.map((request) => request.at);
    for (let i = 1; i < times.length; i += 1)
      expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(HOUR);
    expect(h.lastSnapshot().status.kind).toBe('ok');
    expect(h.syncRequests().length).toBeGreaterThanOrEqual(3 * 120 - 1);
  });

  it('asks again at once when the key changes', async () => {
    const h = await startHarness({ account: { keyScopes: ['Device.Read'] } });
    await h.advance(0);
    expect(h.lastSnapshot().activity).toMatchObject({ kind: 'needs-scope' });
    h.simulator.addKey({ key: TEST_KEY, scopes: HARNESS_SCOPES });
    const entry = h.simulator.logActivity(garage, { event: 34 });
    h.monitor.setApi(
      new TedeeClient({
        personalKey: TEST_KEY,
        apiUrl: h.simulator.baseUrl,
        keyOrigin: originOf(h.simulator.baseUrl),
        now: () => h.clock.now(),
      }),
    );
    await h.advance(MINUTE);
    expect(h.lastSnapshot().activity).toEqual({ kind: 'available' });
    expect(h.monitor.activity.has(garage, entry)).toBe(true);
  });
});
