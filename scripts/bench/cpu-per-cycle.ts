/**
 * CPU time the app spends per poll cycle (client, parsing, engine, alerts, history), with the
 * simulator in another process so its work is not counted. Simulated time, so the cycles run
 * back to back.
 */
import { LockMonitor } from '../../main/engine/lock-monitor.ts';
import { originOf } from '../../main/tedee/api-address.ts';
import { TedeeClient } from '../../main/tedee/client.ts';
import { ManualClock } from '../../test/support/manual-clock.ts';
import { startSimulatorChild } from './simulator-child.ts';

export async function cpuPerCycleMs(lockCount: number, cycles: number): Promise<number> {
  const simulator = await startSimulatorChild(lockCount, { churn: true });
  const clock = new ManualClock();
  const api = new TedeeClient({
    personalKey: simulator.key,
    apiUrl: simulator.baseUrl,
    keyOrigin: originOf(simulator.baseUrl),
  });
  const monitor = new LockMonitor({ api, clock, poll: { intervalSeconds: 20 } });
  const settle = () => monitor.idle();
  monitor.start();
  await clock.advanceBy(20_000 * 10, settle); // warm-up: JIT, connection pool

  const before = process.cpuUsage();
  await clock.advanceBy(20_000 * cycles, settle);
  const used = process.cpuUsage(before);

  await monitor.stop();
  await simulator.stop();
  return (used.user + used.system) / 1000 / cycles;
}
