/**
 * Turns whatever the settings file holds into valid settings, keeping every value that is
 * still good. A hand-edited typo in one field must not wipe the rest of a user's setup, which
 * is what parsing the whole object at once (or electron-store's clearInvalidConfig) would do.
 */
import { z } from 'zod';
import { SETTINGS_SCHEMA_VERSION, appSettingsSchema, defaultAppSettings } from './app-settings.ts';
import type { AppSettings } from './app-settings.ts';
import { migrateSettings } from './migrations.ts';
import type { RawSettings } from './migrations.ts';
import { groupSchemaOf, isRecord, pathOf } from './settings-tree.ts';
import type { SettingsRecord } from './settings-tree.ts';

export interface ReadSettingsResult {
  settings: AppSettings;
  /** Dotted paths of values that were present but invalid and fell back to their defaults. */
  resetFields: string[];
  /**
   * The schemaVersion of a file written by a newer version of the app, whose fields were kept
   * as far as this version understands them; null otherwise.
   */
  futureVersion: number | null;
}

interface Walk {
  resetFields: string[];
}

/**
 * Reads a group one setting at a time, each parsed with its own schema from the group's shape.
 * A nested group is read the same way and then checked as a whole, so its cross-field rules
 * (poll: interval against budget) still apply; when they fail, the group goes back to its
 * defaults as one.
 */
function readGroup(
  schema: z.ZodObject,
  raw: RawSettings,
  defaults: SettingsRecord,
  path: string,
  walk: Walk,
): RawSettings {
  const result: RawSettings = {};
  for (const [key, fieldSchema] of Object.entries(schema.shape)) {
    result[key] = readField(fieldSchema, raw[key], defaults[key], pathOf(path, key), walk);
  }
  return result;
}

function readField(
  schema: z.core.$ZodType,
  value: unknown,
  fallback: unknown,
  path: string,
  walk: Walk,
): unknown {
  // Absent is not an error: a field added since the file was written simply takes its default.
  if (value === undefined) return fallback;
  if (isRecord(fallback)) {
    if (!isRecord(value)) return reset(path, fallback, walk);
    const group = groupSchemaOf(schema, path);
    const resetsBefore = walk.resetFields.length;
    const checked = group.safeParse(readGroup(group, value, fallback, path, walk));
    if (checked.success) return checked.data;
    // The group is reset as a whole, so its own path replaces those of the leaves inside it.
    walk.resetFields.splice(resetsBefore);
    return reset(path, fallback, walk);
  }
  const parsed = z.safeParse(schema, value);
  return parsed.success ? parsed.data : reset(path, fallback, walk);
}

function reset(path: string, fallback: unknown, walk: Walk): unknown {
  walk.resetFields.push(path);
  return fallback;
}

const topLevelFields = Object.keys(appSettingsSchema.shape).filter(
  (key) => key !== 'schemaVersion',
);

function allDefaults(
  resetFields: string[],
  futureVersion: number | null = null,
): ReadSettingsResult {
  return { settings: structuredClone(defaultAppSettings), resetFields, futureVersion };
}

/** Never throws: anything unusable becomes the default, and says so in `resetFields`. */
export function readSettings(raw: unknown): ReadSettingsResult {
  // No file yet: defaults, and nothing to tell the user.
  if (raw === undefined) return allDefaults([]);
  if (!isRecord(raw)) return allDefaults([...topLevelFields]);

  const { raw: migrated, version } = migrateSettings(raw);
  const walk: Walk = { resetFields: version.kind === 'unreadable' ? ['schemaVersion'] : [] };
  // The version is ours from here on: migrations have run, or the file is parsed as far as it fits.
  const candidate = { ...migrated, schemaVersion: SETTINGS_SCHEMA_VERSION };
  const walked = readGroup(appSettingsSchema, candidate, defaultAppSettings, '', walk);

  const futureVersion = version.kind === 'future' ? version.version : null;
  const settings = appSettingsSchema.safeParse(walked);
  // Unreachable while every field is walked above; kept so a schema change that breaks the walk
  // degrades to defaults instead of throwing at start-up.
  if (!settings.success) return allDefaults([...topLevelFields], futureVersion);
  return { settings: settings.data, resetFields: walk.resetFields, futureVersion };
}
