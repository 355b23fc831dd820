/**
 * The activity log in live mode, against the bridge and cloud simulators over loopback: the cloud
 * is asked only every 5 minutes, so what says that a lock's log has a new entry is the bridge (its
 * lock-status-changed callback, or a state change its `GET /lock` shows when callbacks cannot
 * arrive). The fetch still passes the activity gates: one request per lock per minute.
 */
import { describe, expect, it } from 'vitest';
import { SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import type { ActivityAuthor } from '../../main/demo/tedee-simulator.ts';
import type { MonitorEvent } from '../../main/engine/lock-monitor.ts';
import { startLiveHarness } from './live-harness.ts';

const { frontDoor, garage } = SAMPLE_LOCK_IDS;
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const ANNA: ActivityAuthor = { userId: 20417, name: 'Anna' };
const SCOPES = ['Device.Read', 'DeviceActivity.Read'];

function announced(events: readonly MonitorEvent[]) {
  return events.flatMap((event) => (event.type === 'activity' ? event.news.announced : []));
}

type Harness = Awaited<ReturnType<typeof startLiveHarness>>;

/** Live by callbacks, past the first cloud sync and every lock's baseline fetch. */
async function liveWithBaseline(): Promise<Harness> {
  const h = await startLiveHarness({ scopes: SCOPES });
  await h.advance(2 * MINUTE);
  expect(h.live().mode).toBe('callbacks');
  expect(new Set(h.cloud.activityQueries().map((query) => query.lockId))).toEqual(
    new Set(Object.values(SAMPLE_LOCK_IDS)),
  );
  return h;
}

/** The locks whose activity was asked for after the first `queries` requests, in order. */
function locksAskedSince(h: Harness, queries: number): number[] {
  return h.cloud
    .activityQueries()
    .slice(queries)
    .map((query) => query.lockId);
}

/** The lock moves at the door, and Tedee logs who did it. */
function unlockedByAnna(h: Harness, lockId: number): number {
  h.changeAtTheDoor(lockId, { state: 'unlocked' });
  return h.cloud.logActivity(lockId, { event: 61, author: ANNA });
}

describe('the activity log while live', () => {
  it('a lock-status-changed callback fetches that lock’s activity, with no cloud sync', async () => {
    const h = await liveWithBaseline();
    const queries = h.cloud.activityQueries().length;
    const syncs = h.cloudSyncs().length;
    const entry = unlockedByAnna(h, frontDoor);
    await h.advance(SECOND);
    expect(h.cloudSyncs()).toHaveLength(syncs);
    expect(locksAskedSince(h, queries)).toEqual([frontDoor]);
    expect(announced(h.events)).toEqual([
      expect.objectContaining({ id: entry, event: 61, user: 'Anna' }),
    ]);
  });

  it('callbacks in quick succession never ask for one lock twice within 60 s', async () => {
    const h = await liveWithBaseline();
    const queries = h.cloud.activityQueries().length;
    const ids: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      h.changeAtTheDoor(garage, { state: i % 2 === 0 ? 'locked' : 'unlocked' });
      ids.push(h.cloud.logActivity(garage, { event: i % 2 === 0 ? 32 : 33, author: ANNA }));
      await h.advance(10 * SECOND);
    }
    await h.advance(2 * MINUTE);
    const garageTimes = h.cloud
      .activityQueries()
      .filter((query) => query.lockId === garage)
      .map((query) => query.at);
    expect(garageTimes.length).toBeGreaterThan(
      h.cloud
        .activityQueries()
        .slice(0, queries)
        .filter((query) => query.lockId === garage).length,
    );
    for (let i = 1; i < garageTimes.length; i += 1)
      expect(garageTimes[i]! - garageTimes[i - 1]!).toBeGreaterThanOrEqual(MINUTE);
    expect(announced(h.events).map((entry) => entry.id)).toEqual(ids);
  });

  it('a state change seen by LAN polling (callbacks dropped) fetches it too', async () => {
    const h = await liveWithBaseline();
    h.bridge.dropCallbacks(true);
    h.changeAtTheDoor(garage, { state: 'locked' });
    // The next heartbeat finds the change no callback reported.
    for (let second = 0; second < 40 && h.live().mode !== 'lan-polling'; second += 1)
      await h.advance(SECOND);
    expect(h.live().mode).toBe('lan-polling');
    await h.advance(MINUTE);
    const queries = h.cloud.activityQueries().length;
    const syncs = h.cloudSyncs().length;
    const entry = unlockedByAnna(h, frontDoor);
    await h.advance(4 * SECOND);
    expect(h.cloudSyncs()).toHaveLength(syncs);
    expect(locksAskedSince(h, queries)).toEqual([frontDoor]);
    expect(announced(h.events).map((activity) => activity.id)).toContain(entry);
  });
});
