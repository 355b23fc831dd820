/**
 * Time from a change in the simulator to the snapshot that shows it, at the default 30 s
 * interval. Changes land at random moments; the wait until the next poll is simulated time,
 * and the poll's own round trip over loopback is measured in real time and added.
 */
import { performance } from 'node:perf_hooks';
import { LockMonitor } from '../../main/engine/lock-monitor.ts';
import type { TedeeApi } from '../../main/engine/lock-monitor.ts';
import { TedeeSimulator } from '../../main/demo/tedee-simulator.ts';
import { originOf } from '../../main/tedee/api-address.ts';
import { TedeeClient } from '../../main/tedee/client.ts';
import { ManualClock } from '../../test/support/manual-clock.ts';
import { FIRST_LOCK_ID, generatedLocks } from './generated-locks.ts';

const KEY = 'bench.key';

export interface LatencyFigures {
  intervalSeconds: number;
  samples: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export async function changeToSnapshotLatency(
  samples: number,
  random: () => number,
): Promise<LatencyFigures> {
  const clock = new ManualClock();
  const simulator = await TedeeSimulator.start({
    keys: [KEY],
    locks: generatedLocks(5),
    now: () => clock.now(),
    limits: { global: { max: 1_000_000, windowMs: 3_600_000 } },
  });
  const client = new TedeeClient({
    personalKey: KEY,
    apiUrl: simulator.baseUrl,
    keyOrigin: originOf(simulator.baseUrl),
    now: () => clock.now(),
  });
  let lastRoundTripMs = 0;
  const timedApi: TedeeApi = {
    listLocks: (signal) => client.listLocks(signal),
    syncLock: (id, signal) => client.syncLock(id, signal),
    deviceDetails: (signal) => client.deviceDetails(signal),
    doorSensors: (signal) => client.doorSensors(signal),
    personalKeyValidTo: (signal) => client.personalKeyValidTo(signal),
    syncLocks: async (ids, signal) => {
      const started = performance.now();
      const result = await client.syncLocks(ids, signal);
      lastRoundTripMs = performance.now() - started;
      return result;
    },
  };
  const monitor = new LockMonitor({ api: timedApi, clock });
  const intervalMs = monitor.settings.intervalSeconds * 1000;
  const settle = () => monitor.idle();
  monitor.start();
  await clock.advanceBy(0, settle);

  const latencies: number[] = [];
  let locked = true;
  for (let sample = 0; sample < samples; sample += 1) {
    await clock.advanceBy(Math.floor(random() * intervalMs), settle);
    locked = !locked;
    const changedAt = clock.now();
    simulator.updateLock(FIRST_LOCK_ID, { state: locked ? 'locked' : 'unlocked' });
    const wanted = locked ? 'locked' : 'unlocked';
    while (monitor.snapshot().locks[0]?.state !== wanted) await clock.advanceBy(1_000, settle);
    latencies.push((monitor.snapshot().lastSyncedAt ?? changedAt) - changedAt + lastRoundTripMs);
  }
  await monitor.stop();
  await simulator.close();

  latencies.sort((a, b) => a - b);
  const at = (quantile: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(quantile * latencies.length))] ?? 0;
  return {
    intervalSeconds: intervalMs / 1000,
    samples,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    maxMs: at(1),
  };
}
