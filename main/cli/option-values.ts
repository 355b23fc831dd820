/**
 * Turns the text of one flag into a checked value. The limits and their messages come from the
 * engine's settings schemas, so the CLI, the settings window and the settings file say the same
 * thing about the same mistake. Values are never echoed back: they could be anything, a key
 * pasted into the wrong place included.
 */
import type { LockSelection } from '../engine/monitored-locks.ts';
import {
  alertSettingsSchema,
  defaultAlertSettings,
  defaultPollSettings,
  InvalidSettingError,
  MIN_INTERVAL_SECONDS,
  parseSettings,
  pollSettingsSchema,
} from '../engine/monitor-settings.ts';
import { isAllowedApiProtocol } from '../tedee/api-address.ts';

export type Checked<Value> = { ok: true; value: Value } | { ok: false; message: string };

/** Plain decimal numbers only: Number() would also take '0x20', '1e2' and ''. */
const DECIMAL = /^[+-]?\d+(?:\.\d+)?$/;

export function checkInterval(text: string): Checked<number> {
  const flag = '--interval';
  if (!DECIMAL.test(text.trim())) {
    return fail(flag, `Give a number of seconds, at least ${MIN_INTERVAL_SECONDS}.`);
  }
  const seconds = Number(text);
  return fromSchema(
    flag,
    () =>
      parseSettings(pollSettingsSchema, { ...defaultPollSettings, intervalSeconds: seconds })
        .intervalSeconds,
  );
}

export function checkLowBattery(text: string): Checked<number> {
  const flag = '--low-battery';
  if (!DECIMAL.test(text.trim())) return fail(flag, 'Give a whole number of percent.');
  return fromSchema(
    flag,
    () =>
      parseSettings(alertSettingsSchema, {
        ...defaultAlertSettings,
        lowBatteryPercent: Number(text),
      }).lowBatteryPercent,
  );
}

/** `48213,48377`: Tedee lock ids, comma-separated; repeats are dropped. */
export function checkLockIds(text: string): Checked<LockSelection> {
  const parts = text.split(',').map((part) => part.trim());
  const valid = parts.every((part) => /^\d{1,15}$/.test(part) && Number(part) > 0);
  if (!valid)
    return fail('--locks', 'Give lock ids separated by commas, e.g. --locks 48213,48377.');
  return { ok: true, value: { ids: [...new Set(parts.map(Number))] } };
}

export function checkLockId(text: string): Checked<number> {
  const id = text.trim();
  if (!/^\d{1,15}$/.test(id) || Number(id) === 0)
    return fail('--lock', 'Give one lock id, e.g. --lock 48213.');
  return { ok: true, value: Number(id) };
}

/** Tedee sends at most 200 entries per request (tedee-bridge-and-activity.md §3.1). */
export const MAX_ACTIVITY_LIMIT = 200;
export const DEFAULT_ACTIVITY_LIMIT = 20;

export function checkActivityLimit(text: string): Checked<number> {
  const limit = text.trim();
  if (!/^\d{1,3}$/.test(limit) || Number(limit) < 1 || Number(limit) > MAX_ACTIVITY_LIMIT)
    return fail('--limit', `Give a whole number of entries from 1 to ${MAX_ACTIVITY_LIMIT}.`);
  return { ok: true, value: Number(limit) };
}

/** `source` names where the value came from (the flag or the environment variable). */
export function checkApiUrl(text: string, source: string): Checked<string> {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return fail(source, 'Give an http:// or https:// address, e.g. https://api.tedee.com.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return fail(source, 'Give an http:// or https:// address, e.g. https://api.tedee.com.');
  }
  if (!isAllowedApiProtocol(url)) {
    // The key would cross the network readable by anyone on the way.
    return fail(
      source,
      'http:// is allowed only for this computer (localhost, 127.x.x.x, [::1]); use https://.',
    );
  }
  if (url.search !== '' || url.hash !== '')
    return fail(source, 'Give the address without ? or # parts.');
  return { ok: true, value: text.trim() };
}

function fromSchema<Value>(flag: string, parse: () => Value): Checked<Value> {
  try {
    return { ok: true, value: parse() };
  } catch (error) {
    if (error instanceof InvalidSettingError) return fail(flag, error.message);
    throw error;
  }
}

function fail(flag: string, message: string): { ok: false; message: string } {
  return { ok: false, message: `${flag}: ${message}` };
}
