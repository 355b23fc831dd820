/**
 * Live mode's figures (issue 8), against the bridge simulator and the cloud simulator on
 * loopback:
 * - change → snapshot with callbacks: real time, the system clock, the real receiver; from
 *   the simulated bridge's change to the engine's snapshot that shows it;
 * - change → snapshot by LAN polling every 3 s (callbacks dropped, as by a firewall): changes
 *   at random moments; the wait until the next poll is simulated time, the round trip of the
 *   poll that shows the change is measured in real time and added;
 * - requests per hour while live by callbacks: to the cloud and to the bridge (heartbeats and
 *   callback checks included), counted over one simulated hour after the start.
 */
import { performance } from 'node:perf_hooks';
import { BridgeSimulator } from '../../main/demo/bridge-simulator.ts';
import { sampleLocks, SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import { TedeeSimulator } from '../../main/demo/tedee-simulator.ts';
import type { BridgeConnection } from '../../main/engine/bridge-connection.ts';
import type { Clock } from '../../main/engine/clock.ts';
import { LockMonitor } from '../../main/engine/lock-monitor.ts';
import type { MonitorEvent } from '../../main/engine/lock-monitor.ts';
import { originOf } from '../../main/tedee/api-address.ts';
import { TedeeClient } from '../../main/tedee/client.ts';
import { ManualClock } from '../../test/support/manual-clock.ts';

const TOKEN = 'bench-bridge-token';
const KEY = 'bench.live-key';
const LOCK = SAMPLE_LOCK_IDS.frontDoor;
const HOUR_MS = 3_600_000;

export interface Quantiles {
  samples: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export interface LiveRequestRates {
  cloudPerHour: number;
  bridgePerHour: number;
}

function connectionTo(bridge: BridgeSimulator, lanPollSeconds = 3): BridgeConnection {
  return {
    address: bridge.baseUrl,
    token: TOKEN,
    authMode: 'encrypted',
    callbackHost: '127.0.0.1',
    callbackPort: null,
    lanPollSeconds,
    instanceId: 'bench',
  };
}

function quantiles(values: number[]): Quantiles {
  const sorted = values.toSorted((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { samples: sorted.length, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: at(1) };
}

const realPause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Real time: the bridge POSTs the change, the receiver hands it to the engine. */
export async function callbackLatency(samples: number): Promise<Quantiles> {
  const bridge = await BridgeSimulator.start({ token: TOKEN, locks: sampleLocks() });
  const monitor = new LockMonitor({ api: null, bridge: connectionTo(bridge) });
  monitor.start();
  while (monitor.snapshot().live.mode !== 'callbacks') await realPause(10);

  const latencies: number[] = [];
  let locked = true;
  for (let sample = 0; sample < samples; sample += 1) {
    locked = !locked;
    const wanted = locked ? 'locked' : 'unlocked';
    const shown = new Promise<number>((resolve) => {
      const unsubscribe = monitor.subscribe((event: MonitorEvent) => {
        if (event.type !== 'snapshot') return;
        if (event.snapshot.locks.find((lock) => lock.id === LOCK)?.state !== wanted) return;
        unsubscribe();
        resolve(performance.now());
      });
    });
    const changedAt = performance.now();
    bridge.updateLock(LOCK, { state: wanted });
    latencies.push((await shown) - changedAt);
    await realPause(5);
  }
  await monitor.stop();
  await bridge.close();
  return quantiles(latencies);
}

/**
 * Waits until the engine's real work has gone quiet (requests in flight, and what follows
 * their answers: the receiver starting, the next request), so simulated time moves on only
 * when nothing real is still on its way.
 */
function settler(monitor: LockMonitor, ...simulators: Array<{ requests(): unknown[] }>) {
  let events = 0;
  monitor.subscribe(() => {
    events += 1;
  });
  const activity = () =>
    events + simulators.reduce((sum, simulator) => sum + simulator.requests().length, 0);
  return async () => {
    for (let quiet = 0; quiet < 3;) {
      const before = activity();
      await monitor.idle();
      await realPause(2);
      quiet = activity() === before ? quiet + 1 : 0;
    }
  };
}

export async function lanPollingLatency(
  samples: number,
  random: () => number,
  lanPollSeconds = 3,
): Promise<Quantiles> {
  const clock = new ManualClock();
  const bridge = await BridgeSimulator.start({
    token: TOKEN,
    locks: sampleLocks(),
    now: () => clock.now(),
  });
  const monitor = new LockMonitor({
    api: null,
    bridge: connectionTo(bridge, lanPollSeconds),
    clock: clock satisfies Clock,
  });
  const settle = settler(monitor, bridge);
  monitor.start();
  await clock.advanceBy(5_000, settle);
  // The firewall case: a heartbeat finds a change no callback reported.
  bridge.dropCallbacks(true);
  bridge.updateLock(SAMPLE_LOCK_IDS.garage, { state: 'locked' });
  await clock.advanceBy(31_000, settle);
  if (monitor.snapshot().live.mode !== 'lan-polling')
    throw new Error(`expected LAN polling, not ${monitor.snapshot().live.message}`);

  const latencies: number[] = [];
  let locked = true;
  for (let sample = 0; sample < samples; sample += 1) {
    await clock.advanceBy(Math.floor(random() * lanPollSeconds * 1000), settle);
    locked = !locked;
    const wanted = locked ? 'locked' : 'unlocked';
    const changedAt = clock.now();
    bridge.updateLock(LOCK, { state: wanted });
    let roundTripMs = 0;
    while (monitor.snapshot().locks.find((lock) => lock.id === LOCK)?.state !== wanted) {
      const due = clock.nextTimerAt() ?? clock.now() + 100;
      const started = performance.now();
      await clock.advanceTo(due, settle);
      roundTripMs = performance.now() - started;
    }
    const lock = monitor.snapshot().locks.find((candidate) => candidate.id === LOCK);
    latencies.push((lock?.lastSyncedAt ?? changedAt) - changedAt + roundTripMs);
  }
  await monitor.stop();
  await bridge.close();
  return quantiles(latencies);
}

/** One simulated hour live by callbacks, after the start-up requests. */
export async function liveRequestRates(): Promise<LiveRequestRates> {
  const clock = new ManualClock();
  const cloud = await TedeeSimulator.start({
    keys: [KEY],
    locks: sampleLocks(),
    now: () => clock.now(),
  });
  const bridge = await BridgeSimulator.start({
    token: TOKEN,
    locks: sampleLocks(),
    now: () => clock.now(),
  });
  const monitor = new LockMonitor({
    api: new TedeeClient({
      personalKey: KEY,
      apiUrl: cloud.baseUrl,
      keyOrigin: originOf(cloud.baseUrl),
      now: () => clock.now(),
    }),
    bridge: connectionTo(bridge),
    clock,
  });
  const settle = settler(monitor, cloud, bridge);
  monitor.start();
  await clock.advanceBy(10_000, settle);
  if (monitor.snapshot().live.mode !== 'callbacks')
    throw new Error(`expected callbacks, not ${monitor.snapshot().live.mode}`);
  const from = clock.now();
  await clock.advanceBy(HOUR_MS, settle);
  const inHour = (at: number) => at > from && at <= from + HOUR_MS;
  const rates = {
    cloudPerHour: cloud.requests().filter((request) => inHour(request.at)).length,
    bridgePerHour: bridge.requests().filter((request) => inHour(request.at)).length,
  };
  await monitor.stop();
  await Promise.all([cloud.close(), bridge.close()]);
  return rates;
}
