/**
 * Applies a change from the window to the settings, all or nothing: every value is checked
 * against the same schemas as the settings file and the CLI, and the first problem is
 * reported in the user's terms before anything changes.
 */
import {
  alertSettingsSchema,
  InvalidSettingError,
  parseSettings,
  pollSettingsSchema,
} from '../engine/monitor-settings.ts';
// oxlint-disable-next-line tedee-tray/layers -- the last settings→contract import; the settings-shape change (issue 12.4) removes it
import type { SettingsUpdate } from '../../preload/contract.ts';
import { apiUrlSchema } from './app-settings.ts';
import type { AppSettings } from './app-settings.ts';

export function applySettingsUpdate(current: AppSettings, update: SettingsUpdate): AppSettings {
  const { alertsEnabled, startAtLogin, apiUrl, intervalSeconds, budgetPerHour, ...alertValues } =
    update;
  const poll = parseSettings(pollSettingsSchema, {
    ...current.poll,
    ...definedOnly({ intervalSeconds, budgetPerHour }),
  });
  const alerts = parseSettings(alertSettingsSchema, {
    ...current.alerts,
    ...definedOnly(alertValues),
    enabled: { ...current.alerts.enabled, ...definedOnly(alertsEnabled ?? {}) },
  });
  return {
    ...current,
    poll,
    alerts,
    startAtLogin: startAtLogin ?? current.startAtLogin,
    apiUrl: apiUrl === undefined ? current.apiUrl : parseApiUrl(apiUrl),
  };
}

function parseApiUrl(value: string): string {
  const parsed = apiUrlSchema.safeParse(value);
  if (!parsed.success)
    throw new InvalidSettingError(parsed.error.issues[0]?.message ?? 'Invalid API address.');
  return parsed.data;
}

/** An absent field means "unchanged", so it must not overwrite the current value. */
function definedOnly<T extends object>(values: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
