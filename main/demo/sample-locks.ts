/**
 * A small, varied account for tests to start from: both models, a door sensor, a lock on the
 * charger. Ids and the first serial match the documentation samples in test/fixtures/tedee,
 * so simulator output can be compared with them by eye.
 */
import type { SimulatedLockInit } from './simulated-lock.ts';

export const SAMPLE_LOCK_IDS = { frontDoor: 48213, garage: 48377, backDoor: 48402 } as const;

/** Fresh objects on every call, so one test's changes cannot leak into the next. */
export function sampleLocks(): SimulatedLockInit[] {
  return [
    {
      id: SAMPLE_LOCK_IDS.frontDoor,
      name: 'Front door',
      serialNumber: '23140207-004512',
      model: 'lock-pro',
      connected: true,
      state: 'locked',
      door: 'closed',
      battery: 76,
      charging: false,
      revision: 7,
    },
    {
      id: SAMPLE_LOCK_IDS.garage,
      name: 'Garage',
      serialNumber: '24310511-000873',
      model: 'lock-go',
      connected: true,
      state: 'unlocked',
      door: 'not-paired',
      battery: 54,
      charging: false,
      revision: 2,
    },
    {
      id: SAMPLE_LOCK_IDS.backDoor,
      name: 'Back door',
      serialNumber: '23140207-005190',
      model: 'lock-pro',
      connected: true,
      state: 'locked',
      door: 'not-paired',
      battery: 41,
      charging: true,
      revision: 3,
    },
  ];
}
