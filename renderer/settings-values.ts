/**
 * Turns what the settings form holds into the update main expects: each field checked with
 * the same zod schemas main uses (so the messages match what main would answer), and only the
 * settings that differ from the current ones sent, in the settings' own shape.
 */
import type { SettingsUpdate, WindowState } from '../preload/contract.ts';
import {
  alertSettingsSchema,
  HEALTH_READS_PER_HOUR,
  OPERATION_RESERVE_PER_HOUR,
  pollSettingsSchema,
  projectedRequestsPerHour,
} from '../main/engine/monitor-settings.ts';
import type { AlertKind } from '../main/engine/monitor-settings.ts';
import {
  apiUrlSchema,
  COMPACT_LIST_MESSAGE,
  windowSettingsSchema,
} from '../main/settings/app-settings.ts';
import { settingsPatchBetween } from '../main/settings/settings-patch.ts';

type AppSettings = WindowState['settings'];

/** The form's values as typed: numbers stay text until checked, so "" and "2.5" can be told apart. */
export interface SettingsDraft {
  intervalSeconds: string;
  budgetPerHour: string;
  lowBatteryPercent: string;
  leftUnlockedMinutes: string;
  doorOpenMinutes: string;
  alertsEnabled: Record<AlertKind, boolean>;
  /** The locks every unlock is alerted for; null for every lock. */
  unlockedLockSerials: string[] | null;
  startAtLogin: boolean;
  allowUnlock: boolean;
  apiUrl: string;
  compactAbove: string;
}

export type DraftField =
  | 'intervalSeconds'
  | 'budgetPerHour'
  | 'lowBatteryPercent'
  | 'leftUnlockedMinutes'
  | 'doorOpenMinutes'
  | 'compactAbove'
  | 'apiUrl';
export type DraftErrors = Partial<Record<DraftField, string>>;
export type DraftCheck = { ok: true; update: SettingsUpdate } | { ok: false; errors: DraftErrors };

const MAX_MINUTES = 24 * 60;

export function draftOf(settings: AppSettings): SettingsDraft {
  return {
    intervalSeconds: String(settings.poll.intervalSeconds),
    budgetPerHour: String(settings.poll.budgetPerHour),
    lowBatteryPercent: String(settings.alerts.lowBatteryPercent),
    leftUnlockedMinutes: String(settings.alerts.leftUnlockedMinutes),
    doorOpenMinutes: String(settings.alerts.doorOpenMinutes),
    alertsEnabled: { ...settings.alerts.enabled },
    unlockedLockSerials:
      settings.alerts.unlockedLockSerials === null
        ? null
        : [...settings.alerts.unlockedLockSerials],
    startAtLogin: settings.startAtLogin,
    allowUnlock: settings.operations.allowUnlock,
    apiUrl: settings.apiUrl,
    compactAbove: String(settings.window.compactAbove),
  };
}

/** A whole number typed as digits only; anything else (empty, "2.5", "1e3") is null. */
export function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : null;
}

export function checkDraft(draft: SettingsDraft, current: AppSettings): DraftCheck {
  const errors: DraftErrors = {};
  const interval = wholeNumber(draft.intervalSeconds);
  const budget = wholeNumber(draft.budgetPerHour);
  if (interval === null) errors.intervalSeconds = 'Enter the interval in whole seconds.';
  if (budget === null) errors.budgetPerHour = 'Enter the budget as a whole number of requests.';
  if (interval !== null && budget !== null) {
    const poll = pollSettingsSchema.safeParse({ intervalSeconds: interval, budgetPerHour: budget });
    for (const issue of poll.success ? [] : poll.error.issues) {
      const field = issue.path[0] === 'budgetPerHour' ? 'budgetPerHour' : 'intervalSeconds';
      errors[field] ??= issue.message;
    }
  }

  const lowBattery = wholeNumber(draft.lowBatteryPercent);
  if (lowBattery === null)
    errors.lowBatteryPercent = 'Enter the low-battery threshold as a whole percentage.';
  else {
    const check = alertSettingsSchema.shape.lowBatteryPercent.safeParse(lowBattery);
    if (!check.success)
      errors.lowBatteryPercent = check.error.issues[0]?.message ?? 'Out of range.';
  }

  const leftUnlocked = minutes(draft.leftUnlockedMinutes);
  if (leftUnlocked === null)
    errors.leftUnlockedMinutes = `Enter whole minutes from 1 to ${MAX_MINUTES}.`;
  const doorOpen = minutes(draft.doorOpenMinutes);
  if (doorOpen === null) errors.doorOpenMinutes = `Enter whole minutes from 1 to ${MAX_MINUTES}.`;

  // Not digits at all ("", "2.5", "-1") gets the same message as a number out of range.
  const compactCheck = windowSettingsSchema.shape.compactAbove.safeParse(
    wholeNumber(draft.compactAbove),
  );
  if (!compactCheck.success) errors.compactAbove = COMPACT_LIST_MESSAGE;

  const apiUrl = apiUrlSchema.safeParse(draft.apiUrl);
  if (!apiUrl.success) errors.apiUrl = apiUrl.error.issues[0]?.message ?? 'Enter a valid address.';

  if (Object.keys(errors).length > 0 || interval === null || budget === null || lowBattery === null)
    return { ok: false, errors };
  if (leftUnlocked === null || doorOpen === null || !apiUrl.success || !compactCheck.success)
    return { ok: false, errors };

  // The form's values put back in their places; the settings it has no field for stay as they are.
  const next: AppSettings = {
    ...current,
    poll: { intervalSeconds: interval, budgetPerHour: budget },
    alerts: {
      ...current.alerts,
      enabled: draft.alertsEnabled,
      unlockedLockSerials: draft.unlockedLockSerials,
      lowBatteryPercent: lowBattery,
      leftUnlockedMinutes: leftUnlocked,
      doorOpenMinutes: doorOpen,
    },
    startAtLogin: draft.startAtLogin,
    apiUrl: apiUrl.data,
    window: { ...current.window, compactAbove: compactCheck.data },
    operations: { allowUnlock: draft.allowUnlock },
  };
  return { ok: true, update: settingsPatchBetween(current, next) };
}

function minutes(text: string): number | null {
  const value = wholeNumber(text);
  return value !== null && value >= 1 && value <= MAX_MINUTES ? value : null;
}

export interface Projection {
  text: string;
  overBudget: boolean;
}

/**
 * The live estimate under the interval field: what the typed interval costs per hour, the
 * reads about bridges, door sensors and the key, which get only what the syncs leave over,
 * what is left of that for the activity log, and the share a budget keeps for locking and
 * unlocking.
 */
export function projectionOf(
  draft: Pick<SettingsDraft, 'intervalSeconds' | 'budgetPerHour'>,
  accountLimitPerHour: number,
): Projection {
  const interval = wholeNumber(draft.intervalSeconds);
  if (interval === null || interval === 0)
    return { text: 'Enter an interval to see how many requests it needs.', overBudget: false };
  const projected = projectedRequestsPerHour(interval);
  const budget = wholeNumber(draft.budgetPerHour);
  const limit = `Tedee allows ${accountLimitPerHour} per account`;
  const extra = HEALTH_READS_PER_HOUR;
  const extraWhat = 'bridges, door sensors and the key';
  if (budget === null) {
    return {
      text: `About ${projected} requests an hour, and up to ${extra} for ${extraWhat} (${limit}).`,
      overBudget: false,
    };
  }
  const reserve = `${OPERATION_RESERVE_PER_HOUR} kept for locking and unlocking`;
  if (projected + OPERATION_RESERVE_PER_HOUR > budget) {
    return {
      text: `About ${projected} requests an hour, plus ${reserve}: more than your budget of ${budget} (${limit}).`,
      overBudget: true,
    };
  }
  // What the syncs leave of the budget less the reserve is the spare share (request-gates.ts),
  // shared by these reads and the activity log: neither ever takes more.
  const left = budget - OPERATION_RESERVE_PER_HOUR - projected;
  if (left <= extra) {
    const spare =
      left > 0
        ? `${extraWhat} get the ${left} left, and nothing is left for the activity log`
        : `nothing is left for ${extraWhat} or the activity log`;
    return {
      text: `About ${projected} requests an hour, plus ${reserve}, within your budget of ${budget} (${limit}); ${spare}.`,
      overBudget: false,
    };
  }
  return {
    text: `About ${projected + extra} requests an hour (${extra} of them for ${extraWhat}), plus ${reserve}: within your budget of ${budget} (${limit}); the activity log may use the other ${left - extra}.`,
    overBudget: false,
  };
}
