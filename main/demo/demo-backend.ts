/**
 * Demo mode: the built-in Tedee simulator on a loopback port with the scripted demo locks.
 * The key is made up on the spot and known only to this process, so the demo needs no
 * account and has nothing to leak.
 */
import { randomBytes } from 'node:crypto';
import { demoActivityHistory, demoLocks, startDemoScript } from './demo-script.ts';
import { DEMO_UPDATE_LOCK_ID, demoDoorSensors } from './demo-surroundings.ts';
import { TedeeSimulator } from './tedee-simulator.ts';

export interface DemoBackend {
  apiUrl: string;
  key: string;
  stop(): Promise<void>;
}

export async function startDemoBackend(): Promise<DemoBackend> {
  const key = randomBytes(24).toString('base64url');
  const simulator = await TedeeSimulator.start({
    // Every scope the app uses, so the demo shows the activity log and locks and unlocks.
    keys: [{ key, scopes: ['Device.Read', 'DeviceActivity.Read', 'Lock.Operate'] }],
    locks: demoLocks(),
    doorSensors: demoDoorSensors(),
  });
  simulator.updateLock(DEMO_UPDATE_LOCK_ID, { updateAvailable: true });
  for (const { lockId, activity } of demoActivityHistory()) simulator.logActivity(lockId, activity);
  const script = startDemoScript(simulator);
  return {
    apiUrl: simulator.baseUrl,
    key,
    async stop() {
      script.stop();
      await simulator.close();
    },
  };
}
