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
import { addressScope, parseBridgeAddress } from '../bridge/bridge-address.ts';
import type { BridgeAuthMode } from '../bridge/bridge-token.ts';
import { isValidInstanceId } from '../bridge/callback-url.ts';
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

/**
 * `--bridge`: http:// to a private, link-local or loopback IP address, as the bridge has no
 * TLS and its token opens doors. The value is not echoed: the message says what is accepted.
 */
export function checkBridgeAddress(text: string): Checked<string> {
  const parsed = parseBridgeAddress(text);
  if (!parsed.ok)
    return fail(
      '--bridge',
      "Give http:// and the bridge's IP address on the local network (private, link-local or loopback), e.g. http://192.168.1.20 or http://127.0.0.1:8080.",
    );
  return { ok: true, value: parsed.address.baseUrl };
}

export function checkBridgeAuth(text: string): Checked<BridgeAuthMode> {
  if (text === 'encrypted' || text === 'plain') return { ok: true, value: text };
  return fail(
    '--bridge-auth',
    'Give encrypted or plain (the "Encrypted token" switch in the Tedee app).',
  );
}

/** `--callback-host`: an IP address of this computer that the bridge can reach. */
export function checkCallbackHost(text: string): Checked<string> {
  const host = text.trim().replace(/^\[(.*)\]$/, '$1');
  if (addressScope(host) === 'not-an-ip')
    return fail('--callback-host', "Give one of this computer's IP addresses, e.g. 192.168.1.21.");
  return { ok: true, value: host };
}

export function checkCallbackPort(text: string): Checked<number> {
  const port = /^\d{1,5}$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!(port >= 1 && port <= 65_535))
    return fail('--callback-port', 'Give a port from 1 to 65535.');
  return { ok: true, value: port };
}

/** `--instance NAME`: tells several watches on one computer apart in their callback paths. */
export function checkInstance(text: string): Checked<string> {
  if (!isValidInstanceId(text)) return fail('--instance', 'Give 1 to 32 letters, digits, - or _.');
  return { ok: true, value: text };
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
