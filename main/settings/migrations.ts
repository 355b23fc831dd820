/**
 * Upgrades of the settings file from older layouts, applied before the file is parsed. Our own
 * `schemaVersion` field decides which run, not electron-store's `migrations` option: that one
 * keys on the app's version, is documented by its author as buggy and unsupported, and cannot
 * tell a pre-release file apart from a current one.
 *
 * A migration only moves values; it never validates them. read-settings.ts parses the result
 * field by field, so a bad value a migration carries over still falls back on its own.
 */
import { SETTINGS_SCHEMA_VERSION } from './app-settings.ts';
import { isRecord } from './settings-tree.ts';
import type { SettingsRecord } from './settings-tree.ts';

export type RawSettings = SettingsRecord;

export interface SettingsMigration {
  /** The schemaVersion a file must have for this step to run; the step yields `from + 1`. */
  from: number;
  migrate(raw: RawSettings): RawSettings;
}

/** A version the file names, or why it cannot be used as one. */
export type FileVersion =
  { kind: 'known'; version: number } | { kind: 'future'; version: number } | { kind: 'unreadable' };

export interface MigrationResult {
  raw: RawSettings;
  version: FileVersion;
}

/**
 * Version 0 is the pre-release layout: poll and alert fields sat flat at the top level and
 * the lock selection was a bare list of serials (empty meaning "all locks").
 */
function fromPreRelease(raw: RawSettings): RawSettings {
  const { intervalSeconds, lowBatteryPercent, selectedSerials, ...rest } = raw;
  const migrated: RawSettings = { ...rest };
  if (intervalSeconds !== undefined) {
    migrated.poll = { ...(isRecord(rest.poll) ? rest.poll : {}), intervalSeconds };
  }
  if (lowBatteryPercent !== undefined) {
    migrated.alerts = { ...(isRecord(rest.alerts) ? rest.alerts : {}), lowBatteryPercent };
  }
  if (Array.isArray(selectedSerials)) {
    migrated.selection = selectedSerials.length === 0 ? 'all' : { serials: selectedSerials };
  } else if (selectedSerials !== undefined) {
    // Not a list: hand the value on so the selection falls back to its default and is reported.
    migrated.selection = selectedSerials;
  }
  return migrated;
}

/** In order; each step takes `from` to `from + 1`. The last one must end at SETTINGS_SCHEMA_VERSION. */
export const settingsMigrations: readonly SettingsMigration[] = [
  { from: 0, migrate: fromPreRelease },
];

/** A file without schemaVersion predates versioning: version 0. */
export function fileVersionOf(raw: RawSettings): FileVersion {
  const version = raw.schemaVersion;
  if (version === undefined) return { kind: 'known', version: 0 };
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0)
    return { kind: 'unreadable' };
  return version > SETTINGS_SCHEMA_VERSION
    ? { kind: 'future', version }
    : { kind: 'known', version };
}

/**
 * Runs every step from the file's version up to ours. A future or unreadable version is left
 * as it is: the caller keeps whatever of it parses under the current schema.
 */
export function migrateSettings(
  raw: RawSettings,
  migrations: readonly SettingsMigration[] = settingsMigrations,
): MigrationResult {
  const version = fileVersionOf(raw);
  if (version.kind !== 'known') return { raw, version };
  let current = raw;
  for (const step of migrations) {
    if (step.from < version.version) continue;
    current = { ...step.migrate(current), schemaVersion: step.from + 1 };
  }
  return { raw: current, version };
}
