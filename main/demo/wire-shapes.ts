/**
 * Turns a simulated lock into the JSON objects Tedee sends (tedee-api.md §5). The output types
 * come from the client's own zod schemas (their *input* side), so a field the client starts to
 * require fails to compile here before it fails at run time.
 */
import type { z } from 'zod';
import { deviceTypeOf, doorStateToNumber, lockStateToNumber } from '../tedee/lock-enums.ts';
import type {
  wireDeviceStateSchema,
  wireLockSchema,
  wireLockSyncSchema,
} from '../tedee/wire-schemas.ts';
import type { SimulatedLock } from './simulated-lock.ts';

/**
 * 'current': API v1.35 and later, state under `deviceState`.
 * 'legacy': before v1.35, the same fields under `lockProperties`.
 */
export type ResponseShape = 'current' | 'legacy';

export type EmittedDeviceState = z.input<typeof wireDeviceStateSchema>;
export type EmittedLockSync = z.input<typeof wireLockSyncSchema>;

/** Fields of a real Lock the client ignores; emitted so the simulator looks like Tedee to anyone. */
export interface LockExtras {
  connectedToId: number | null;
  beaconMajor: number | null;
  beaconMinor: number | null;
  timeZone: string;
  userIdentity: string;
  created: string;
  deviceRevision: number;
  targetDeviceRevision: number;
  accessLevel: number;
  accessDetails: null;
  deviceSettings: Record<string, boolean | number>;
  softwareVersions: { softwareType: number; version: string; updateAvailable: boolean }[];
}
export type EmittedLock = z.input<typeof wireLockSchema> & LockExtras;

const OWNER_IDENTITY = '7c0e5a2b-91d4-4f3e-a8b6-2d5f0c9e1a47';
const OWNER_ACCESS_LEVEL = 2;

/** Tedee sends no state while the lock is offline or has no bridge to report through. */
function deviceState(lock: SimulatedLock): EmittedDeviceState | null {
  if (lock.connected !== true) return null;
  return {
    state: lockStateToNumber(lock.state),
    doorState: doorStateToNumber(lock.door),
    isCharging: lock.charging,
    batteryLevel: lock.battery,
    stateChangeResult: lock.stateChangeResult,
    lastStateChangedDate: new Date(lock.lastStateChangedAt).toISOString(),
  };
}

/** The state member under its version-specific name. */
function stateMember(lock: SimulatedLock, shape: ResponseShape) {
  const state = deviceState(lock);
  return shape === 'legacy' ? { lockProperties: state } : { deviceState: state };
}

export function toWireLockSync(lock: SimulatedLock, shape: ResponseShape): EmittedLockSync {
  return {
    id: lock.id,
    isConnected: lock.connected,
    ...stateMember(lock, shape),
    revision: lock.revision,
  };
}

export function toWireLock(lock: SimulatedLock, shape: ResponseShape): EmittedLock {
  const paired = lock.connected !== null;
  return {
    id: lock.id,
    name: lock.name,
    serialNumber: lock.serialNumber,
    type: deviceTypeOf(lock.model),
    isConnected: lock.connected,
    ...stateMember(lock, shape),
    revision: lock.revision,
    connectedToId: paired ? lock.bridgeId : null,
    // Beacons come from the bridge pairing; the sample of an unpaired lock has them null.
    beaconMajor: paired ? 112 : null,
    beaconMinor: paired ? lock.id % 1000 : null,
    timeZone: lock.timeZone,
    userIdentity: OWNER_IDENTITY,
    created: zonelessUtc(lock.createdAt),
    // Settings are never changed through the simulator, so the device is always up to date.
    deviceRevision: lock.revision,
    targetDeviceRevision: lock.revision,
    accessLevel: OWNER_ACCESS_LEVEL,
    accessDetails: null,
    deviceSettings: defaultDeviceSettings(lock),
    softwareVersions: [
      { softwareType: 0, version: lock.firmwareVersion, updateAvailable: lock.updateAvailable },
    ],
  };
}

function defaultDeviceSettings(lock: SimulatedLock): Record<string, boolean | number> {
  const doorSensor = lock.door !== 'not-paired';
  return {
    autoLockEnabled: true,
    autoLockDelay: 30,
    autoLockImplicitEnabled: false,
    autoLockImplicitDelay: 10,
    pullSpringEnabled: lock.model === 'lock-pro',
    pullSpringDuration: 3,
    autoPullSpringEnabled: false,
    postponedLockEnabled: false,
    postponedLockDelay: 5,
    buttonLockEnabled: true,
    buttonUnlockEnabled: true,
    isAsync: false,
    openDoorAlertEnabled: doorSensor,
    openDoorAlertThreshold: 600,
    autoLockAfterDoorClosedEnabled: false,
    doorStateEventLoggingEnabled: doorSensor,
  };
}

/** Tedee writes `created` without milliseconds or zone (tedee-api.md §5, "Date formats"). */
function zonelessUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}
