/**
 * What surrounds the demo locks: a door sensor on the front door (its battery known) and a
 * firmware update offered for the garage lock, so the demo shows "Update available" and the
 * door-sensor reads without an account.
 */
import { DEMO_LOCK_IDS } from './demo-script.ts';
import type { SimulatedDoorSensorInit } from './simulated-door-sensors.ts';

export const DEMO_UPDATE_LOCK_ID = DEMO_LOCK_IDS.garage;

/** Fresh objects on every call: the simulator keeps what it is given. */
export function demoDoorSensors(): SimulatedDoorSensorInit[] {
  return [{ id: 61901, name: 'Front door sensor', lockId: DEMO_LOCK_IDS.frontDoor, battery: 64 }];
}
