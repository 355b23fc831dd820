/**
 * Everything the tray app remembers between runs except the key (see key-vault.ts), as one
 * versioned zod schema. Reading never throws: a field that fails its schema falls back to
 * its default, and the others are kept (a hand-edited typo must not wipe a user's setup).
 *
 * The schema holds the rules and `defaultAppSettings` the defaults. A setting whose default is
 * an object is a group of settings (settings-tree.ts): the file is read and a change from the
 * window is applied key by key inside it, so a new setting needs its schema, its default and
 * its form field, and nothing else.
 */
import { z } from 'zod';
import {
  alertSettingsSchema,
  defaultAlertSettings,
  defaultPollSettings,
  keyExpiryDateSchema,
  pollSettingsSchema,
} from '../engine/monitor-settings.ts';
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

const MAX_API_URL_LENGTH = 500;

export const apiUrlSchema = z
  .string()
  .max(MAX_API_URL_LENGTH, `The API address must be at most ${MAX_API_URL_LENGTH} characters.`)
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

/** How many locks the window lists as full cards before it switches to one line per lock. */
export const COMPACT_LIST_RANGE = { min: 0, max: 1000 } as const;
export const COMPACT_LIST_MESSAGE = `The one-line list must start above a whole number of locks from ${COMPACT_LIST_RANGE.min} to ${COMPACT_LIST_RANGE.max}.`;

export const windowSettingsSchema = z.object({
  /** Above this many locks the list starts with one line per lock; 0: always one line. */
  compactAbove: z
    .number()
    .int(COMPACT_LIST_MESSAGE)
    .min(COMPACT_LIST_RANGE.min, COMPACT_LIST_MESSAGE)
    .max(COMPACT_LIST_RANGE.max, COMPACT_LIST_MESSAGE),
});
/**
 * Moving locks from this computer. Locking is always offered (it is the safe direction);
 * unlocking and pulling the latch only once the user turns this on, and it turns itself off
 * whenever the key changes.
 */
export const operationSettingsSchema = z.object({ allowUnlock: z.boolean() });

export const appSettingsSchema = z.object({
  schemaVersion: z.literal(SETTINGS_SCHEMA_VERSION),
  poll: pollSettingsSchema,
  alerts: alertSettingsSchema,
  selection: lockSelectionSettingSchema,
  startAtLogin: z.boolean(),
  apiUrl: apiUrlSchema,
  /** The expiry date the user picked for the key, YYYY-MM-DD; null when not entered. */
  keyExpiresOn: keyExpiryDateSchema,
  window: windowSettingsSchema,
  operations: operationSettingsSchema,
});
export type AppSettings = z.infer<typeof appSettingsSchema>;

// Parsed, so a default that breaks its own rule fails at start-up rather than in use.
export const defaultAppSettings: AppSettings = appSettingsSchema.parse({
  schemaVersion: SETTINGS_SCHEMA_VERSION,
  poll: defaultPollSettings,
  alerts: defaultAlertSettings,
  selection: 'all',
  startAtLogin: false,
  apiUrl: DEFAULT_API_URL,
  keyExpiresOn: null,
  window: { compactAbove: 50 },
  operations: { allowUnlock: false },
});
