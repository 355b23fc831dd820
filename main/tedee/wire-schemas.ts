/**
 * zod schemas of the Tedee cloud responses, as they arrive on the wire (tedee-api.md §3, §5).
 *
 * Only the fields the app reads are declared; zod drops the rest, so a field Tedee adds
 * later never breaks parsing. Fields the docs always show but a monitor can live without
 * are optional, so one missing value degrades to "unknown" instead of a failed poll.
 */
import { z } from 'zod';

/** `deviceState` (API v1.35 and later) and `lockProperties` (older) carry the same fields. */
export const wireDeviceStateSchema = z.object({
  state: z.number().int(),
  doorState: z.number().int().nullish(),
  isCharging: z.boolean().nullish(),
  batteryLevel: z.number().nullish(),
  stateChangeResult: z.number().int().nullish(),
  lastStateChangedDate: z.string().nullish(),
});
export type WireDeviceState = z.infer<typeof wireDeviceStateSchema>;

const connectionAndState = {
  /** null when the lock is not paired with a bridge. */
  isConnected: z.boolean().nullish(),
  /** null while the lock is disconnected. */
  deviceState: wireDeviceStateSchema.nullish(),
  lockProperties: wireDeviceStateSchema.nullish(),
  revision: z.number().int().nullish(),
};

export const wireLockSyncSchema = z.object({
  id: z.number().int(),
  ...connectionAndState,
});
export type WireLockSync = z.infer<typeof wireLockSyncSchema>;

export const wireLockSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  serialNumber: z.string().nullish(),
  type: z.number().int(),
  ...connectionAndState,
});
export type WireLock = z.infer<typeof wireLockSchema>;

/** The envelope around every cloud response. `result` is absent on failures. */
export function envelopeSchema<Result extends z.ZodType>(result: Result) {
  return z.object({
    result: result.optional(),
    success: z.boolean(),
    errorMessages: z.array(z.string()).nullish(),
    statusCode: z.number().int().nullish(),
  });
}

/** The 202 of `POST /my/lock/{id}/operation/...`: `operationId` is epoch ms as a string. */
export const wireOperationStartedSchema = z.object({
  operationId: z.union([z.string(), z.number()]).transform(String),
});

/** `GET /my/device/operation/{operationId}` (tedee-api.md §4.8). */
export const wireOperationStatusSchema = z.object({
  operationId: z.union([z.string(), z.number()]).transform(String),
  status: z.string(),
  result: z.number().int().nullish(),
});
