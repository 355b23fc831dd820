/**
 * zod schemas of the cloud answers about what surrounds the locks (tedee-bridge-and-activity.md
 * §4): device details (bridges, firmware), door sensors and the account's Personal Access Keys.
 * As in wire-schemas.ts, only the fields the app reads are declared and anything a monitor can
 * live without is optional, so a missing value degrades to "unknown" instead of a failed read.
 */
import { z } from 'zod';

/** softwareType 0 is the device's firmware, 1 a bridge's Wi-Fi module. */
const wireSoftwareVersionSchema = z.object({
  softwareType: z.number().int().nullish(),
  version: z.string().nullish(),
  updateAvailable: z.boolean().nullish(),
});

const softwareVersions = z.array(wireSoftwareVersionSchema).nullish();

export const wireBridgeSchema = z.object({
  id: z.number().int(),
  name: z.string().nullish(),
  /** The bridge's link to the Tedee cloud (tedee-bridge-and-activity.md §4.1). */
  isConnected: z.boolean().nullish(),
  softwareVersions,
});

export const wireDetailsLockSchema = z.object({
  id: z.number().int(),
  /** The cloud id of the bridge the lock is paired with; null without a bridge. */
  connectedToId: z.number().int().nullish(),
  softwareVersions,
});

/** `GET /my/device/details`: an object of device lists, not an array. */
export const wireDeviceDetailsSchema = z.object({
  bridges: z.array(wireBridgeSchema).nullish(),
  locks: z.array(wireDetailsLockSchema).nullish(),
});
export type WireDeviceDetails = z.infer<typeof wireDeviceDetailsSchema>;

export const wireDoorSensorSchema = z.object({
  id: z.number().int(),
  name: z.string().nullish(),
  connectedToLockId: z.number().int().nullish(),
  /** The battery is sent only when it changed within the last 30 days. */
  deviceState: z
    .object({
      batteryLevel: z.number().nullish(),
      batteryLevelModifiedTime: z.string().nullish(),
    })
    .nullish(),
});

/** `GET /my/doorsensor`: a page object; asked without paging parameters it holds every sensor. */
export const wireDoorSensorPageSchema = z.object({
  doorSensors: z.array(wireDoorSensorSchema),
});
export type WireDoorSensorPage = z.infer<typeof wireDoorSensorPageSchema>;

/** One entry of `GET /my/personalaccesskey`; `prefix` is the start of the key, not the key. */
export const wirePersonalAccessKeySchema = z.object({
  prefix: z.string().nullish(),
  validTo: z.string().nullish(),
});
export type WirePersonalAccessKey = z.infer<typeof wirePersonalAccessKeySchema>;
