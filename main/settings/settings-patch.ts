/**
 * A change to the settings, in the shape they are stored in: any setting at any depth may be
 * left out, meaning "unchanged", and a key that is not a setting is refused. The window sends
 * one (the contract's updateSettings), main merges it into the current settings and checks the
 * result (settings-update.ts). Its schema is derived from the settings schema and the defaults,
 * so a new setting needs no line here.
 *
 * The version and the lock selection are not part of it: the version is not the user's to set,
 * and the selection has its own verb (selectLocks), which also tells the monitor.
 */
import { z } from 'zod';
import { appSettingsSchema, defaultAppSettings } from './app-settings.ts';
import type { AppSettings } from './app-settings.ts';
import { groupSchemaOf, isRecord, pathOf } from './settings-tree.ts';
import type { SettingsRecord } from './settings-tree.ts';

/** Every key optional at every depth of a group; a value that is not a group is sent whole. */
type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

export type PatchableSettings = Omit<AppSettings, 'schemaVersion' | 'selection'>;
export type SettingsPatch = DeepPartial<PatchableSettings>;

/** Each setting keeps its own rules (ranges, lengths, messages); each group refuses unknown keys. */
function patchSchemaOf(group: z.ZodObject, defaults: SettingsRecord, path: string): z.ZodObject {
  const shape = Object.entries(group.shape).map(([key, schema]) => {
    const fallback = defaults[key];
    const fieldPath = pathOf(path, key);
    const field = isRecord(fallback)
      ? patchSchemaOf(groupSchemaOf(schema, fieldPath), fallback, fieldPath)
      : schema;
    return [key, field.optional()];
  });
  // Cross-field rules of a group (poll: interval against budget) are left to the merged result:
  // half of a pair alone cannot be judged.
  return z.strictObject(Object.fromEntries(shape));
}

// The derivation loses zod's static types; test/settings/settings-patch.test.ts holds the schema
// to this type's shape.
export const settingsPatchSchema = patchSchemaOf(
  appSettingsSchema.omit({ schemaVersion: true, selection: true }),
  defaultAppSettings,
  '',
) as unknown as z.ZodType<SettingsPatch, SettingsPatch>;

/** `current` with every setting the patch names replaced, groups merged key by key. */
export function mergeSettingsPatch(current: AppSettings, patch: SettingsPatch): unknown {
  return merged(current, patch);
}

function merged(current: unknown, patch: unknown): unknown {
  if (!isRecord(current) || !isRecord(patch)) return patch;
  const result: SettingsRecord = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) result[key] = merged(current[key], value);
  }
  return result;
}

/** The smallest patch that turns `current` into `next`: only the settings that differ. */
export function settingsPatchBetween(current: AppSettings, next: PatchableSettings): SettingsPatch {
  return difference(current, next) ?? {};
}

function difference(current: unknown, next: unknown): unknown {
  if (!isRecord(current) || !isRecord(next)) return sameValue(current, next) ? undefined : next;
  const changed = Object.entries(next)
    .map(([key, value]) => [key, difference(current[key], value)] as const)
    .filter(([, value]) => value !== undefined);
  return changed.length === 0 ? undefined : Object.fromEntries(changed);
}

/** A list setting (the serials of alerts.unlockedLockSerials) is equal when its items are. */
function sameValue(current: unknown, next: unknown): boolean {
  if (Array.isArray(current) && Array.isArray(next))
    return current.length === next.length && current.every((item, i) => Object.is(item, next[i]));
  return Object.is(current, next);
}
