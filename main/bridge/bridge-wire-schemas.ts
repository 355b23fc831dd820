/**
 * zod schemas of the Bridge local API's answers and callback bodies, as they arrive on the
 * wire (tedee-bridge-and-activity.md §1.7–§1.9). Flags are the integers 0 and 1, never
 * booleans; enums stay plain integers here so that a value Tedee adds later (255 and 18 have
 * both turned up in the field) becomes "unknown" in normalise, not a failed poll. Only the
 * fields the app reads are declared; zod drops the rest, so an added field never breaks parsing.
 */
import { z } from 'zod';

export const wireFlagSchema = z.union([z.literal(0), z.literal(1)]);

export const wireBridgeSchema = z.object({
  name: z.string(),
  serialNumber: z.string(),
  /** Added to the API in 2023-09; older firmware omits it. */
  currentTime: z.string().optional(),
  /** Bridge ↔ Tedee cloud (inferred from the matching callback event). */
  isConnected: wireFlagSchema.optional(),
  version: z.string().optional(),
});
export type WireBridge = z.infer<typeof wireBridgeSchema>;

export const wireBridgeLockSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  type: z.number().int(),
  serialNumber: z.string(),
  isConnected: wireFlagSchema,
  state: z.number().int(),
  jammed: wireFlagSchema,
  /** Documented since 2025-03; older firmware omits it. */
  doorState: z.number().int().optional(),
  /** 0..100, 255 when the lock does not know (also while it is offline). */
  batteryLevel: z.number().int(),
  isCharging: wireFlagSchema,
});
export type WireBridgeLock = z.infer<typeof wireBridgeLockSchema>;

export const wireCallbackSchema = z.object({
  id: z.number().int(),
  url: z.string(),
  /** Added in 2024-01; a callback without it is called with POST. */
  method: z.string().optional(),
  /** Single-key objects `{ "<header name>": "<value>" }`. */
  headers: z.array(z.record(z.string(), z.string())).optional(),
});
export type WireCallback = z.infer<typeof wireCallbackSchema>;

/** POST /callback answers `{ id }` with 200 since 2024-01; before that, 204 without a body. */
export const wireCallbackIdSchema = z.object({ id: z.number().int() });

/** Every error the bridge documents: `{"error-description": "...", "error-code"?: n}`. */
export const wireErrorSchema = z.object({
  'error-description': z.string().optional(),
  'error-code': z.number().int().optional(),
});
