/**
 * The activity log under load: every lock changes once every 10 minutes (at its own moment,
 * with an activity entry), at the default settings (30 s interval, 350 requests per hour),
 * for CHANGE_HOURS simulated hours, then CATCH_UP_HOURS without changes. Counted: the busiest
 * hour of requests (all of them, and the activity ones), and for every entry the simulated time
 * from the change to the activity news that showed it (the window's list takes it from there).
 */
import { LockMonitor } from '../../main/engine/lock-monitor.ts';
import { TedeeSimulator } from '../../main/demo/tedee-simulator.ts';
import { originOf } from '../../main/tedee/api-address.ts';
import { TedeeClient } from '../../main/tedee/client.ts';
import { ManualClock } from '../../test/support/manual-clock.ts';
import { FIRST_LOCK_ID, generatedLocks } from './generated-locks.ts';

const KEY = 'bench.key';
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const CHANGE_EVERY_MS = 10 * MINUTE_MS;
const CHANGE_HOURS = 2;
const CATCH_UP_HOURS = 2;

export interface ActivityLoadFigures {
  locks: number;
  busiestHourRequests: number;
  busiestHourActivity: number;
  entries: number;
  /** Entries never shown by the end of the catch-up. */
  missing: number;
  p50Ms: number;
  p95Ms: number;
}

export async function activityLoad(
  lockCount: number,
  random: () => number,
): Promise<ActivityLoadFigures> {
  const clock = new ManualClock();
  const simulator = await TedeeSimulator.start({
    keys: [{ key: KEY, scopes: ['Device.Read', 'DeviceActivity.Read'] }],
    locks: generatedLocks(lockCount),
    now: () => clock.now(),
  });
  const api = new TedeeClient({
    personalKey: KEY,
    apiUrl: simulator.baseUrl,
    keyOrigin: originOf(simulator.baseUrl),
    now: () => clock.now(),
  });
  const monitor = new LockMonitor({ api, clock });
  const changedAt = new Map<number, number>();
  const shownAt = new Map<number, number>();
  monitor.subscribe((event) => {
    if (event.type !== 'activity') return;
    for (const entry of event.news.announced) shownAt.set(entry.id, event.at);
  });
  const start = clock.now();
  monitor.start();
  const settle = () => monitor.idle();
  await clock.advanceTo(start + MINUTE_MS, settle);

  // Every lock at its own minute of the ten, so the changes are spread as in a real house.
  const offsets = Array.from({ length: lockCount }, () => Math.floor(random() * CHANGE_EVERY_MS));
  const changes = offsets
    .flatMap((offset, index) =>
      Array.from({ length: (CHANGE_HOURS * HOUR_MS) / CHANGE_EVERY_MS }, (_, round) => ({
        at: start + MINUTE_MS + round * CHANGE_EVERY_MS + offset,
        lockId: FIRST_LOCK_ID + index,
        round,
      })),
    )
    .sort((a, b) => a.at - b.at);
  for (const change of changes) {
    await clock.advanceTo(change.at, settle);
    const state = change.round % 2 === 0 ? 'unlocked' : 'locked';
    const id = simulator.changeLock(
      change.lockId,
      { state },
      { event: state === 'locked' ? 32 : 33 },
    );
    changedAt.set(id, clock.now());
  }
  await clock.advanceTo(clock.now() + CATCH_UP_HOURS * HOUR_MS, settle);
  await monitor.stop();
  await simulator.close();

  const times = simulator.requests().map((request) => request.at);
  const activityTimes = simulator
    .requests()
    .filter((request) => request.path.endsWith('/deviceactivity'))
    .map((request) => request.at);
  const delays = [...changedAt]
    .flatMap(([id, at]) => {
      const shown = shownAt.get(id);
      return shown === undefined ? [] : [shown - at];
    })
    .sort((a, b) => a - b);
  return {
    locks: lockCount,
    busiestHourRequests: busiestHour(times),
    busiestHourActivity: busiestHour(activityTimes),
    entries: changedAt.size,
    missing: changedAt.size - delays.length,
    p50Ms: percentile(delays, 0.5),
    p95Ms: percentile(delays, 0.95),
  };
}

function busiestHour(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last += 1) {
    while ((sorted[first] ?? 0) <= (sorted[last] ?? 0) - HOUR_MS) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}
