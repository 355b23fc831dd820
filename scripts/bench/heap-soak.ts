/**
 * Heap growth over a week of polling on simulated time (5 locks, default interval), with
 * the simulator in another process changing lock states all along. Measured after forced
 * garbage collection (run with --expose-gc), from the end of the first simulated day, so
 * start-up allocations do not count as growth.
 */
import { LockMonitor } from '../../main/engine/lock-monitor.ts';
import { originOf } from '../../main/tedee/api-address.ts';
import { TedeeClient } from '../../main/tedee/client.ts';
import { ManualClock } from '../../test/support/manual-clock.ts';
import { startSimulatorChild } from './simulator-child.ts';

const DAY_MS = 24 * 3_600_000;

export interface HeapFigures {
  days: number;
  cycles: number;
  /** Heap after each simulated day, to tell a plateau from a leak. */
  dailyBytes: number[];
  afterDay1Bytes: number;
  afterLastDayBytes: number;
  growthBytes: number;
  historySamples: number;
}

export async function heapGrowthOverDays(days: number): Promise<HeapFigures> {
  const collect = globalThis.gc;
  if (!collect) throw new Error('run the benchmark with node --expose-gc');
  const simulator = await startSimulatorChild(5, { churn: true });
  const clock = new ManualClock();
  const api = new TedeeClient({
    personalKey: simulator.key,
    apiUrl: simulator.baseUrl,
    keyOrigin: originOf(simulator.baseUrl),
  });
  const monitor = new LockMonitor({ api, clock });
  let cycles = 0;
  monitor.subscribe((event) => {
    if (event.type === 'snapshot' && event.cause === 'sync') cycles += 1;
  });
  const settle = () => monitor.idle();
  // Twice: the first pass can leave objects that only a second one frees (weak maps, finalizers).
  const heapNow = () => {
    collect();
    collect();
    return process.memoryUsage().heapUsed;
  };

  monitor.start();
  const dailyBytes: number[] = [];
  for (let day = 1; day <= days; day += 1) {
    await clock.advanceBy(DAY_MS, settle);
    dailyBytes.push(heapNow());
  }
  const afterDay1Bytes = dailyBytes[0] ?? 0;
  const afterLastDayBytes = dailyBytes.at(-1) ?? 0;

  const historySamples = monitor
    .snapshot()
    .locks.reduce((sum, lock) => sum + monitor.history.samplesOf(lock.id).length, 0);
  await monitor.stop();
  await simulator.stop();
  return {
    days,
    cycles,
    dailyBytes,
    afterDay1Bytes,
    afterLastDayBytes,
    growthBytes: afterLastDayBytes - afterDay1Bytes,
    historySamples,
  };
}
