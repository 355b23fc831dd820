/**
 * The demo's story as a viewer of `watch --demo` sees it: the real engine polling the
 * simulator every 30 s (the default) on simulated time, with the script on the same clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEMO_LOCK_IDS,
  DEMO_LOOP_SECONDS,
  DEMO_TIMELINE,
  demoLocks,
  startDemoScript,
} from '../../main/demo/demo-script.ts';
import type { DemoScript } from '../../main/demo/demo-script.ts';
import { TedeeSimulator } from '../../main/demo/tedee-simulator.ts';
import type { Alert } from '../../main/engine/alert-policy.ts';
import { LockMonitor } from '../../main/engine/lock-monitor.ts';
import type { MonitorSnapshot } from '../../main/engine/monitor-snapshot.ts';
import { originOf } from '../../main/tedee/api-address.ts';
import { TedeeClient } from '../../main/tedee/client.ts';
import { ManualClock } from '../support/manual-clock.ts';

const KEY = 'demo-script-test-key';
const { frontDoor, garage, backDoor } = DEMO_LOCK_IDS;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function playDemo(minutes: number, scopes: readonly string[] = ['Device.Read']) {
  const clock = new ManualClock();
  const start = clock.now();
  const simulator = await TedeeSimulator.start({
    keys: [{ key: KEY, scopes }],
    locks: demoLocks(start),
    now: () => clock.now(),
  });
  cleanups.push(() => simulator.close());
  const script = startDemoScript(simulator, { clock });
  cleanups.push(() => script.stop());
  const client = new TedeeClient({
    personalKey: KEY,
    apiUrl: simulator.baseUrl,
    keyOrigin: originOf(simulator.baseUrl),
    now: () => clock.now(),
  });
  const monitor = new LockMonitor({ api: client, clock, random: () => 0.5 });
  cleanups.push(() => monitor.stop());

  const snapshots: MonitorSnapshot[] = [];
  const alerts: Array<Alert & { second: number }> = [];
  monitor.subscribe((event) => {
    if (event.type === 'alerts')
      alerts.push(
        ...event.alerts.map((alert) => ({ ...alert, second: (event.at - start) / 1000 })),
      );
    else if (event.type === 'snapshot' && event.cause === 'sync') snapshots.push(event.snapshot);
  });
  monitor.start();
  await clock.advanceBy(minutes * 60_000, () => monitor.idle());

  const second = (snapshot: MonitorSnapshot) => (snapshot.at - start) / 1000;
  /** The first sync (in seconds from the start) that shows a lock matching `test`. */
  const firstSeen = (
    id: number,
    test: (lock: MonitorSnapshot['locks'][number]) => boolean,
    after = 0,
  ) => {
    const found = snapshots.find(
      (snapshot) =>
        second(snapshot) >= after && snapshot.locks.some((lock) => lock.id === id && test(lock)),
    );
    return found ? second(found) : null;
  };
  const alertTimes = (kind: Alert['kind'], lockId: number) =>
    alerts
      .filter((alert) => alert.kind === kind && alert.lockId === lockId)
      .map((alert) => alert.second);
  return { simulator, script, monitor, snapshots, alerts, firstSeen, alertTimes };
}

describe('the demo script', () => {
  it('shows the front door unlocked, opened and locked again within the first two and a half minutes', async () => {
    const demo = await playDemo(3);
    const unlocked = demo.firstSeen(frontDoor, (lock) => lock.state === 'unlocked');
    expect(unlocked).not.toBeNull();
    expect(unlocked!).toBeLessThanOrEqual(75);
    expect(demo.firstSeen(frontDoor, (lock) => lock.door === 'open')).toBeLessThanOrEqual(90);
    const relocked = demo.firstSeen(frontDoor, (lock) => lock.state === 'locked', unlocked!);
    expect(relocked).not.toBeNull();
    expect(relocked!).toBeLessThanOrEqual(150);
  });

  it('raises battery-low, disconnected and reconnected alerts within minutes, and again on the next loop', async () => {
    const demo = await playDemo(DEMO_LOOP_SECONDS / 60 + 6);
    const battery = demo.alertTimes('battery-low', backDoor);
    const disconnected = demo.alertTimes('disconnected', garage);
    const reconnected = demo.alertTimes('reconnected', garage);

    expect(battery).toHaveLength(2);
    expect(battery[0]!).toBeLessThanOrEqual(180);
    expect(disconnected).toHaveLength(2);
    expect(disconnected[0]!).toBeGreaterThanOrEqual(120);
    expect(disconnected[0]!).toBeLessThanOrEqual(240);
    expect(reconnected).toHaveLength(2);
    expect(reconnected[0]!).toBeGreaterThan(disconnected[0]!);
    expect(reconnected[0]!).toBeLessThanOrEqual(330);
    // The second loop tells the same story one loop later.
    expect(battery[1]! - battery[0]!).toBe(DEMO_LOOP_SECONDS);
    expect(disconnected[1]! - disconnected[0]!).toBe(DEMO_LOOP_SECONDS);
    // Only the scripted events: nothing about the front door, nothing account-wide.
    expect(
      demo.alerts.filter((alert) => alert.lockId !== backDoor && alert.lockId !== garage),
    ).toEqual([]);
  });

  it('fills the activity lists with who did what and how, and a wrong PIN at the back door', async () => {
    const demo = await playDemo(DEMO_LOOP_SECONDS / 60, ['Device.Read', 'DeviceActivity.Read']);
    const texts = (lockId: number) =>
      demo.monitor.activity
        .page(lockId, { afterId: null, limit: 50 })
        .entries.map((entry) => [entry.event, entry.user]);
    expect(texts(frontDoor)).toEqual([
      [36, null],
      [84, null],
      [83, null],
      [61, 'Anna'],
    ]);
    expect(texts(backDoor)).toEqual([
      [66, 'Ben'],
      [61, 'Ben'],
      [62, null],
    ]);
    expect(texts(garage)).toEqual([
      [32, 'Alex'],
      [33, 'Alex'],
    ]);
    expect(demo.alertTimes('incorrect-pin', backDoor)).toHaveLength(1);
  });

  it('keeps a disconnected garage at its last known values, connected false', async () => {
    const demo = await playDemo(4);
    const during = demo.snapshots.at(-1)!.locks.find((lock) => lock.id === garage);
    expect(during).toMatchObject({ connected: false, state: 'locked', battery: 63 });
  });

  it('starts every loop from the opening scene', async () => {
    const demo = await playDemo(DEMO_LOOP_SECONDS / 60 + 0.25);
    const opening = demoLocks(0);
    for (const lock of demo.simulator.locks()) {
      const initial = opening.find((candidate) => candidate.id === lock.id)!;
      expect(lock, lock.name).toMatchObject({
        connected: initial.connected,
        state: initial.state,
        door: initial.door,
        battery: initial.battery,
      });
    }
  });

  it('changes nothing after stop()', async () => {
    const clock = new ManualClock();
    const patches: unknown[] = [];
    const script: DemoScript = startDemoScript(
      { updateLock: (id, patch) => patches.push({ id, patch }), logActivity: () => 0 },
      { clock },
    );
    await clock.advanceBy(60_000);
    const seen = patches.length;
    expect(seen).toBeGreaterThan(0);
    script.stop();
    await clock.advanceBy(20 * 60_000);
    expect(patches).toHaveLength(seen);
    expect(clock.nextTimerAt()).toBeNull();
  });

  it('only touches the demo locks, within the loop', () => {
    const ids = new Set(demoLocks().map((lock) => lock.id));
    for (const step of DEMO_TIMELINE) {
      expect(ids.has(step.lockId)).toBe(true);
      expect(step.afterSeconds).toBeGreaterThanOrEqual(0);
      expect(step.afterSeconds).toBeLessThan(DEMO_LOOP_SECONDS);
    }
    expect(() =>
      startDemoScript({ updateLock: () => {}, logActivity: () => 0 }, { loopSeconds: 10 }),
    ).toThrow(RangeError);
  });
});
