/**
 * Requests per hour at the 20 s floor: one simulated hour of polling against the simulator,
 * counting what reached it. Batching keeps this flat whatever the number of locks.
 */
import { LockMonitor } from '../../main/engine/lock-monitor.ts';
import { TedeeSimulator } from '../../main/demo/tedee-simulator.ts';
import { originOf } from '../../main/tedee/api-address.ts';
import { TedeeClient } from '../../main/tedee/client.ts';
import { ManualClock } from '../../test/support/manual-clock.ts';
import { generatedLocks } from './generated-locks.ts';

const HOUR_MS = 3_600_000;
const KEY = 'bench.key';

export async function requestsPerHour(lockCount: number): Promise<number> {
  const clock = new ManualClock();
  const simulator = await TedeeSimulator.start({
    keys: [KEY],
    locks: generatedLocks(lockCount),
    now: () => clock.now(),
  });
  const api = new TedeeClient({
    personalKey: KEY,
    apiUrl: simulator.baseUrl,
    keyOrigin: originOf(simulator.baseUrl),
    now: () => clock.now(),
  });
  const monitor = new LockMonitor({ api, clock, poll: { intervalSeconds: 20 } });
  const start = clock.now();
  monitor.start();
  await clock.advanceTo(start + HOUR_MS - 1, () => monitor.idle());
  await monitor.stop();
  await simulator.close();
  return simulator.requests().filter((request) => request.at < start + HOUR_MS).length;
}
