/**
 * Turns simulated locks into what a Tedee Bridge sends: GET /lock objects and callback events
 * (tedee-bridge-and-activity.md §1.7, §1.9). Flags are 0/1 integers, as on the real bridge.
 * The lock object types come from the client's zod schemas (input side), so a field the client
 * starts to require fails to compile here first.
 */
import type { z } from 'zod';
import type { wireBridgeLockSchema } from '../bridge/bridge-wire-schemas.ts';
import { deviceTypeOf, doorStateToNumber, lockStateToNumber } from '../tedee/lock-enums.ts';
import type { SimulatedLock } from './simulated-lock.ts';

/** The fields the client ignores are sent too, so the simulator looks like a bridge to anyone. */
export type EmittedBridgeLock = z.input<typeof wireBridgeLockSchema> & {
  rssi: number;
  deviceRevision: number;
  version: string;
  deviceSettings: Record<string, number>;
};

export interface BridgeEventBody {
  event: string;
  timestamp: string;
  data: Record<string, number | string>;
}

const flag = (value: boolean): 0 | 1 => (value ? 1 : 0);

/** The simulated lock's `stateChangeResult` stands for a failed move; the bridge calls it jammed. */
const jammed = (lock: SimulatedLock): boolean => lock.stateChangeResult !== 0;

export function toWireBridgeLock(lock: SimulatedLock): EmittedBridgeLock {
  return {
    id: lock.id,
    name: lock.name,
    type: deviceTypeOf(lock.model),
    serialNumber: lock.serialNumber,
    isConnected: flag(lock.connected === true),
    rssi: -58,
    deviceRevision: lock.revision,
    version: lock.firmwareVersion,
    state: lockStateToNumber(lock.state),
    jammed: flag(jammed(lock)),
    doorState: doorStateToNumber(lock.door),
    batteryLevel: lock.battery,
    isCharging: flag(lock.charging),
    deviceSettings: { autoLockEnabled: 0, pullSpringEnabled: 0, buttonLockEnabled: 1 },
  };
}

/** The events a real bridge sends for the difference between two snapshots of a lock. */
export function eventsForChange(
  before: SimulatedLock,
  after: SimulatedLock,
  timestamp: string,
): BridgeEventBody[] {
  const device = {
    deviceType: deviceTypeOf(after.model),
    deviceId: after.id,
    serialNumber: after.serialNumber,
  };
  const event = (name: string, data: Record<string, number> = {}): BridgeEventBody => ({
    event: name,
    timestamp,
    data: { ...device, ...data },
  });
  const events: BridgeEventBody[] = [];
  if (before.connected !== after.connected)
    events.push(
      event('device-connection-changed', { isConnected: flag(after.connected === true) }),
    );
  if (
    before.state !== after.state ||
    jammed(before) !== jammed(after) ||
    before.door !== after.door
  )
    events.push(
      event('lock-status-changed', {
        state: lockStateToNumber(after.state),
        jammed: flag(jammed(after)),
        doorState: doorStateToNumber(after.door),
      }),
    );
  if (before.battery !== after.battery)
    events.push(event('device-battery-level-changed', { batteryLevel: after.battery }));
  if (before.charging !== after.charging)
    events.push(
      event(after.charging ? 'device-battery-start-charging' : 'device-battery-stop-charging'),
    );
  return events;
}
