/**
 * The simulator in its own process, so that CPU and heap figures measure the app alone.
 * Usage: node scripts/bench/simulator-process.ts LOCKS [--churn]
 * Prints one JSON line {"baseUrl","key"} when listening. With --churn it keeps changing lock
 * states and batteries, so the engine's history and alert state see real traffic.
 */
import { TedeeSimulator } from '../../main/demo/tedee-simulator.ts';
import { FIRST_LOCK_ID, generatedLocks } from './generated-locks.ts';

const KEY = 'bench.key';
const lockCount = Number(process.argv[2] ?? '5');
const churn = process.argv.includes('--churn');

const simulator = await TedeeSimulator.start({
  keys: [KEY],
  locks: generatedLocks(lockCount),
  // The benchmark drives simulated days in seconds; Tedee's real limits would stop it.
  limits: { global: { max: 1e9, windowMs: 3_600_000 }, lockList: { max: 1e9, windowMs: 600_000 } },
});
process.stdout.write(`${JSON.stringify({ baseUrl: simulator.baseUrl, key: KEY })}\n`);

if (churn) {
  let step = 0;
  setInterval(() => {
    step += 1;
    const id = FIRST_LOCK_ID + (step % lockCount);
    simulator.updateLock(id, {
      state: step % 3 === 0 ? 'unlocked' : 'locked',
      battery: 100 - (step % 90),
      connected: step % 17 !== 0,
    });
  }, 20).unref();
}

process.on('SIGTERM', () => void simulator.close().then(() => process.exit(0)));
