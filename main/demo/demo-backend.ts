/**
 * Demo mode: the built-in Tedee simulator and a simulated Tedee Bridge, each on a loopback
 * port, with the same scripted demo locks, so the demo shows live mode (callbacks from the
 * bridge) with the cloud behind it. The key and the token are made up on the spot and known
 * only to this process, so the demo needs no account and has nothing to leak.
 */
import { randomBytes } from 'node:crypto';
import { systemClock } from '../engine/clock.ts';
import type { Clock } from '../engine/clock.ts';
import { BridgeSimulator } from './bridge-simulator.ts';
import { demoActivityHistory, demoLocks, startDemoScript } from './demo-script.ts';
import type { DemoTarget } from './demo-script.ts';
import { DEMO_UPDATE_LOCK_ID, demoDoorSensors } from './demo-surroundings.ts';
import { TedeeSimulator } from './tedee-simulator.ts';

export interface DemoBackend {
  apiUrl: string;
  key: string;
  /** The simulated bridge: its address (`http://127.0.0.1:PORT`) and its encrypted-mode token. */
  bridge: { address: string; token: string };
  stop(): Promise<void>;
}

/** @param clock the story's and the simulators' time; tests pass a manual one. */
export async function startDemoBackend(clock: Clock = systemClock): Promise<DemoBackend> {
  const key = randomBytes(24).toString('base64url');
  const token = randomBytes(12).toString('base64url');
  const now = () => clock.now();
  const cloud = await TedeeSimulator.start({
    // Every scope the app uses, so the demo shows the activity log and locks and unlocks.
    keys: [{ key, scopes: ['Device.Read', 'DeviceActivity.Read', 'Lock.Operate'] }],
    locks: demoLocks(now()),
    doorSensors: demoDoorSensors(),
    now,
  });
  // Firmware updates are a cloud fact (GET /my/device/details); the bridge does not tell them.
  cloud.updateLock(DEMO_UPDATE_LOCK_ID, { updateAvailable: true });
  for (const { lockId, activity } of demoActivityHistory(now()))
    cloud.logActivity(lockId, activity);
  const bridge = await BridgeSimulator.start({ token, locks: demoLocks(now()), now });
  // One story, told by both: what the bridge calls back is what the cloud reports later; the
  // activity log is the cloud's alone.
  const both: DemoTarget = {
    updateLock(id, patch) {
      cloud.updateLock(id, patch);
      bridge.updateLock(id, patch);
    },
    logActivity: (lockId, activity) => cloud.logActivity(lockId, activity),
  };
  const script = startDemoScript(both, { clock });
  return {
    apiUrl: cloud.baseUrl,
    key,
    bridge: { address: bridge.baseUrl, token },
    async stop() {
      script.stop();
      await Promise.all([cloud.close(), bridge.close()]);
    },
  };
}
