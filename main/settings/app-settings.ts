/**
 * Everything the tray app remembers between runs except the key (see key-vault.ts), as one
 * versioned zod schema. Reading never throws: a field that fails its schema falls back to
 * its default, and the others are kept (a hand-edited typo must not wipe a user's setup).
 */
import { z } from 'zod';
import { alertSettingsSchema, pollSettingsSchema } from '../engine/monitor-settings.ts';
import { isAllowedApiProtocol } from '../tedee/api-address.ts';
import { DEFAULT_API_URL } from '../tedee/api-paths.ts';

export const SETTINGS_SCHEMA_VERSION = 1;

/** https for Tedee (or a proxy); plain http only to this machine, for the simulator. */
export function isAllowedApiUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.username || url.password || url.search || url.hash) return false;
    return isAllowedApiProtocol(url);
  } catch {
    return false;
  }
}

export const apiUrlSchema = z
  .string()
  .trim()
  .refine(
    isAllowedApiUrl,
    'The API address must be an https:// address (http:// only for this computer: localhost, 127.x.x.x or [::1]).',
  );

/** Locks are remembered by serial number: Tedee changes a lock's id when it is re-added. */
export const lockSelectionSettingSchema = z.union([
  z.literal('all'),
  z.object({ serials: z.array(z.string().min(1).max(100)).max(500) }),
]);
export type LockSelectionSetting = z.infer<typeof lockSelectionSettingSchema>;

export const appSettingsSchema = z.object({
  schemaVersion: z.literal(SETTINGS_SCHEMA_VERSION).default(SETTINGS_SCHEMA_VERSION),
  poll: pollSettingsSchema.default(pollSettingsSchema.parse({})),
  alerts: alertSettingsSchema.default(alertSettingsSchema.parse({})),
  selection: lockSelectionSettingSchema.default('all'),
  startAtLogin: z.boolean().default(false),
  apiUrl: apiUrlSchema.default(DEFAULT_API_URL),
});
export type AppSettings = z.infer<typeof appSettingsSchema>;

export const defaultAppSettings: AppSettings = appSettingsSchema.parse({});
