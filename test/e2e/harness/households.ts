/**
 * The simulated accounts the e2e tests start from, built on the simulator's sample locks
 * (Front door and Back door: Lock PRO, Garage: Lock GO), and how to read the simulator's
 * request log in the terms the tests care about.
 */
import { SAMPLE_LOCK_IDS, sampleLocks } from '../../../main/demo/sample-locks.ts';
import type { SimulatedLockInit, TedeeSimulator } from '../../../main/demo/tedee-simulator.ts';
import { apiPaths } from '../../../main/tedee/api-paths.ts';

export const LOCK = SAMPLE_LOCK_IDS;

/** Everything locked, connected and charged enough; nobody on the charger. */
export function calmHousehold(): SimulatedLockInit[] {
  return sampleLocks().map((lock) => ({
    ...lock,
    state: 'locked',
    connected: true,
    charging: false,
  }));
}

/** Requests as "GET /api/v37/my/lock 200", in order. */
export function requestLines(simulator: TedeeSimulator): string[] {
  return simulator
    .requests()
    .map((request) => `${request.method} ${request.path} ${request.status ?? 'no answer'}`);
}

/** How many syncs of the account's locks Tedee answered. */
export function answeredSyncs(simulator: TedeeSimulator): number {
  return simulator
    .requests()
    .filter((request) => request.path === apiPaths.syncAll && request.status === 200).length;
}
