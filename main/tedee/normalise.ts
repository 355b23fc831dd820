/**
 * Turns parsed wire objects into the app's lock model.
 */
import { doorStateFromNumber, lockModelFromDeviceType, lockStateFromNumber } from './lock-enums.ts';
import { isoTime } from './iso-time.ts';
import type { LockDetails, LockStatus } from './lock-model.ts';
import type { WireLock, WireLockSync } from './wire-schemas.ts';

export function toLockStatus(wire: WireLockSync): LockStatus {
  // Tedee renamed lockProperties to deviceState in v1.35; accept whichever is present.
  const device = wire.deviceState ?? wire.lockProperties ?? null;
  return {
    id: wire.id,
    connected: wire.isConnected ?? null,
    state: device ? lockStateFromNumber(device.state) : null,
    door: device?.doorState == null ? null : doorStateFromNumber(device.doorState),
    battery: batteryPercent(device?.batteryLevel),
    charging: device?.isCharging ?? null,
    lastOperationFailed: (device?.stateChangeResult ?? 0) > 0,
    lastChanged: isoTime(device?.lastStateChangedDate),
    revision: wire.revision ?? null,
  };
}

export function toLockDetails(wire: WireLock): LockDetails {
  return {
    id: wire.id,
    serial: wire.serialNumber ?? null,
    name: wire.name,
    model: lockModelFromDeviceType(wire.type),
    status: toLockStatus(wire),
  };
}

/** 255 means unknown on the bridge API; the cloud does not say, so anything outside 0..100 is. */
export function batteryPercent(level: number | null | undefined): number | null {
  if (level == null || !Number.isFinite(level) || level < 0 || level > 100) return null;
  return Math.round(level);
}
