/**
 * The JSON Tedee sends for device details and door sensors (tedee-bridge-and-activity.md §4),
 * typed from the client's own schemas (their input side) as wire-shapes.ts does for locks.
 */
import type { z } from 'zod';
import type { wireBridgeSchema, wireDoorSensorPageSchema } from '../tedee/health-wire-schemas.ts';
import type { SimulatedBridge } from './simulated-bridges.ts';
import type { SimulatedDoorSensor } from './simulated-door-sensors.ts';
import type { SimulatedLock } from './simulated-lock.ts';
import { toWireLock } from './wire-shapes.ts';
import type { EmittedLock, ResponseShape } from './wire-shapes.ts';

/** Device type 1 is a bridge, 8 a door sensor (tedee-api.md §6). */
const BRIDGE_DEVICE_TYPE = 1;
const DOOR_SENSOR_DEVICE_TYPE = 8;
/** What the documentation sample shows for a page asked without paging parameters. */
const ALL_ITEMS_PER_PAGE = 2_147_483_647;

type EmittedBridge = z.input<typeof wireBridgeSchema> & {
  serialNumber: string;
  type: number;
  isUpdating: boolean;
  wasConfigured: boolean;
};

export interface EmittedDeviceDetails {
  bridges: EmittedBridge[];
  locks: EmittedLock[];
  keypads: [];
  gates: [];
  dryContacts: [];
}

type EmittedDoorSensorPage = z.input<typeof wireDoorSensorPageSchema> & {
  page: number;
  itemsPerPage: number;
};

export function toWireDeviceDetails(
  bridges: readonly SimulatedBridge[],
  locks: readonly SimulatedLock[],
  shape: ResponseShape,
): EmittedDeviceDetails {
  return {
    bridges: bridges.map((bridge) => ({
      id: bridge.id,
      name: bridge.name,
      serialNumber: bridge.serialNumber,
      type: BRIDGE_DEVICE_TYPE,
      isConnected: bridge.connected,
      isUpdating: false,
      wasConfigured: true,
      softwareVersions: [
        {
          softwareType: 0,
          version: bridge.firmwareVersion,
          updateAvailable: bridge.updateAvailable,
        },
        { softwareType: 1, version: '1.0.4', updateAvailable: false },
      ],
    })),
    locks: locks.map((lock) => toWireLock(lock, shape)),
    keypads: [],
    gates: [],
    dryContacts: [],
  };
}

/** `batteryModifiedAt`: when the sensor last reported a change, for `batteryLevelModifiedTime`. */
export function toWireDoorSensorPage(
  sensors: readonly SimulatedDoorSensor[],
  batteryModifiedAt: number,
): EmittedDoorSensorPage {
  return {
    page: 1,
    itemsPerPage: ALL_ITEMS_PER_PAGE,
    doorSensors: sensors.map((sensor) => ({
      id: sensor.id,
      name: sensor.name,
      serialNumber: sensor.serialNumber,
      type: DOOR_SENSOR_DEVICE_TYPE,
      connectedToLockId: sensor.lockId,
      // Left out altogether, not null, when older than 30 days: the documented behaviour.
      deviceState:
        sensor.battery === null
          ? {}
          : {
              batteryLevel: sensor.battery,
              batteryLevelModifiedTime: new Date(batteryModifiedAt).toISOString(),
            },
      isConnected: null,
    })),
  };
}
