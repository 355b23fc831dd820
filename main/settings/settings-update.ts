/**
 * Applies a change from the window to the settings, all or nothing: the change is merged into
 * the current settings and the result checked against the same schema as the settings file,
 * and the first problem is reported in the user's terms before anything changes.
 */
import type { z } from 'zod';
import { InvalidSettingError, parseSettings } from '../engine/monitor-settings.ts';
import { appSettingsSchema } from './app-settings.ts';
import type { AppSettings } from './app-settings.ts';
import { mergeSettingsPatch, settingsPatchSchema } from './settings-patch.ts';
import type { SettingsPatch } from './settings-patch.ts';

export function applySettingsUpdate(current: AppSettings, update: SettingsPatch): AppSettings {
  // The window's contract already refuses such a change; this also covers main's own callers.
  const patch = settingsPatchSchema.safeParse(update, { error: shapeProblem });
  if (!patch.success)
    throw new InvalidSettingError(patch.error.issues[0]?.message ?? 'Invalid setting.');
  return parseSettings(appSettingsSchema, mergeSettingsPatch(current, patch.data));
}

/**
 * Words for a change of the wrong shape, which zod would describe without saying where. A
 * schema's own message (a range, a whole number) takes precedence over these.
 */
function shapeProblem(issue: z.core.$ZodRawIssue): string | undefined {
  const where = (key?: PropertyKey): string =>
    [...(issue.path ?? []), ...(key === undefined ? [] : [key])].map(String).join('.');
  if (issue.code === 'unrecognized_keys')
    return `There is no setting called ${issue.keys.map((key) => `"${where(key)}"`).join(', ')}.`;
  if (issue.code === 'invalid_type')
    return `The setting "${where()}" must be ${issue.expected === 'object' ? 'a group of settings' : `of type ${issue.expected}`}.`;
  return undefined;
}
