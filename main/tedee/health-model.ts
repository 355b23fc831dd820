/**
 * The app's view of what surrounds the locks: bridges, firmware updates and door sensors, read
 * from the cloud's device details and door-sensor list, with unknowns as null.
 */
import { isoTime } from './iso-time.ts';
import { batteryPercent } from './normalise.ts';
import type { WireDeviceDetails, WireDoorSensorPage } from './health-wire-schemas.ts';

export interface BridgeHealth {
  id: number;
  name: string;
  /** The bridge's link to the Tedee cloud; null when Tedee did not say. */
  connected: boolean | null;
}

export interface LockFirmware {
  id: number;
  /** The bridge the lock is paired with; null without one. */
  bridgeId: number | null;
  /** Tedee offers a newer firmware for the lock. */
  updateAvailable: boolean;
}

export interface DeviceDetails {
  bridges: BridgeHealth[];
  locks: LockFirmware[];
}

export interface DoorSensorReading {
  id: number;
  name: string;
  /** The lock the sensor is paired with. */
  lockId: number | null;
  /** Percent; null when Tedee sent none (no change within 30 days), which is not "low". */
  battery: number | null;
}

export function toDeviceDetails(wire: WireDeviceDetails): DeviceDetails {
  return {
    bridges: (wire.bridges ?? []).map((bridge) => ({
      id: bridge.id,
      name: bridge.name?.trim() || `Bridge ${bridge.id}`,
      connected: bridge.isConnected ?? null,
    })),
    locks: (wire.locks ?? []).map((lock) => ({
      id: lock.id,
      bridgeId: lock.connectedToId ?? null,
      updateAvailable: (lock.softwareVersions ?? []).some(
        (software) => software.updateAvailable === true,
      ),
    })),
  };
}

export function toDoorSensorReadings(wire: WireDoorSensorPage): DoorSensorReading[] {
  return wire.doorSensors.map((sensor) => ({
    id: sensor.id,
    name: sensor.name?.trim() || `Door sensor ${sensor.id}`,
    lockId: sensor.connectedToLockId ?? null,
    battery: batteryPercent(sensor.deviceState?.batteryLevel),
  }));
}

/** Tedee's validTo as epoch ms; null when absent or unreadable. */
export function validToMs(value: string | null | undefined): number | null {
  const iso = isoTime(value);
  return iso === null ? null : Date.parse(iso);
}
