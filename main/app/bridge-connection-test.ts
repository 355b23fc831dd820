/**
 * "Test connection" in the window's Bridge section: asks the bridge once (GET /bridge) and says
 * what works, one line per check, instead of one error for the first thing that failed.
 *
 * - reachable: the bridge answered at all (a 401 is an answer);
 * - authenticated: the token works in the chosen mode; after a rejection the other mode is
 *   tried once, so a wrong "Encrypted token" switch is named as such;
 * - clock: our clock against the bridge's (`currentTime`, or the `Date` of its 401), since an
 *   encrypted token carries the time;
 * - callbacks: the bridge's API has no way to make it call us on demand (it calls back only
 *   when a lock changes), so this reads the running live mode instead of registering a
 *   temporary callback: whether callbacks have arrived, or why none do.
 */
import { randomBytes } from 'node:crypto';
import { BridgeClient } from '../bridge/bridge-client.ts';
import { BridgeAuthError, BridgeError, CLOCK_SKEW_TOLERANCE_MS } from '../bridge/bridge-errors.ts';
import type { BridgeInfo } from '../bridge/bridge-model.ts';
import type { BridgeAuthMode } from '../bridge/bridge-token.ts';
import type { Clock } from '../engine/clock.ts';
import type { LiveStatus } from '../engine/live-status.ts';
import type { BridgeTest, BridgeCheckName } from '../../preload/contract.ts';

type Check = BridgeTest['checks'][number];

export interface BridgeTestInput {
  address: string;
  /** null: no token kept yet; reachability is still tested (a rejected token is an answer). */
  token: string | null;
  authMode: BridgeAuthMode;
  live: LiveStatus;
  /** Our clock, against the bridge's; also the token's timestamps and the request spacing. */
  clock: Clock;
}

const OTHER_MODE: Readonly<Record<BridgeAuthMode, BridgeAuthMode>> = {
  encrypted: 'plain',
  plain: 'encrypted',
};

export async function testBridgeConnection(input: BridgeTestInput): Promise<BridgeTest> {
  const client = (token: string, auth: BridgeAuthMode) =>
    new BridgeClient({
      bridgeUrl: input.address,
      token,
      auth,
      clock: input.clock,
      // Someone is waiting in front of the window: a bridge on the LAN answers in milliseconds.
      timeoutMs: 5_000,
    });
  const callbacks = callbacksCheck(input.live);
  // Without a token, a made-up one still shows whether the bridge answers (it answers 401).
  const token = input.token ?? randomBytes(9).toString('base64url');
  try {
    const info = await client(token, input.authMode).getBridge();
    const at = input.clock.now();
    return result(
      ok(
        'reachable',
        `${info.name} answers at ${input.address} (firmware ${info.firmwareVersion ?? 'unknown'}).`,
      ),
      input.token === null
        ? unknown('authenticated', 'No token is saved yet.')
        : ok('authenticated', `The token works (${input.authMode} mode).`),
      clockFromInfo(info, at),
      callbacks,
    );
  } catch (error) {
    if (!(error instanceof BridgeError)) throw error;
    if (!(error instanceof BridgeAuthError))
      return result(
        failed('reachable', error.message),
        unknown('authenticated', 'Not tried: the bridge did not answer.'),
        unknown('clock', 'Not tried: the bridge did not answer.'),
        callbacks,
      );
    const authenticated =
      input.token === null
        ? unknown('authenticated', 'No token is saved yet.')
        : await authenticationFailure(
            error,
            () => client(token, OTHER_MODE[input.authMode]).getBridge(),
            input.authMode,
          );
    return result(
      ok('reachable', `The bridge answers at ${input.address}.`),
      authenticated,
      clockFromOffset(error.clockOffsetMs),
      callbacks,
    );
  }
}

/** The token was rejected: in the other mode it may work, which says which switch is wrong. */
async function authenticationFailure(
  error: BridgeAuthError,
  tryOtherMode: () => Promise<BridgeInfo>,
  mode: BridgeAuthMode,
): Promise<Check> {
  // A skewed clock explains the rejection; the other mode would only hide it.
  if (error.clockSkewed) return failed('authenticated', error.message);
  try {
    await tryOtherMode();
    return failed(
      'authenticated',
      `The token works in ${OTHER_MODE[mode]} mode, not in ${mode} mode: choose "${OTHER_MODE[mode]}" here, or switch "Encrypted token" in the Tedee app.`,
    );
  } catch {
    return failed('authenticated', error.message);
  }
}

function clockFromInfo(info: BridgeInfo, at: number): Check {
  const bridgeTime = info.currentTime === null ? Number.NaN : Date.parse(info.currentTime);
  if (Number.isNaN(bridgeTime))
    return unknown('clock', "The bridge's firmware does not report its clock.");
  return clockFromOffset(at - bridgeTime);
}

function clockFromOffset(offsetMs: number | null): Check {
  if (offsetMs === null) return unknown('clock', 'The bridge did not say what time it is.');
  const seconds = Math.round(Math.abs(offsetMs) / 1000);
  if (Math.abs(offsetMs) <= CLOCK_SKEW_TOLERANCE_MS)
    return ok(
      'clock',
      `This computer's clock agrees with the bridge's (within ${Math.max(seconds, 1)} s).`,
    );
  const direction = offsetMs > 0 ? 'ahead of' : 'behind';
  return failed(
    'clock',
    `This computer's clock is ${seconds} s ${direction} the bridge's. Encrypted tokens carry the time: set the clock automatically.`,
  );
}

function callbacksCheck(live: LiveStatus): Check {
  switch (live.mode) {
    case 'callbacks':
      return ok('callbacks', 'The bridge calls this computer back when a lock changes.');
    case 'lan-polling':
      return failed(
        'callbacks',
        "None arrive: the bridge's calls cannot reach this computer, so it is polled every few seconds instead. Allow incoming connections to Tedee Tray in the firewall.",
      );
    case 'bridge-unreachable':
      return unknown('callbacks', 'Not yet seen: live mode cannot reach the bridge.');
    case 'off':
      return unknown(
        'callbacks',
        'Not yet seen: turn live mode on and save; the bridge calls back when a lock changes.',
      );
  }
}

function result(...checks: Check[]): BridgeTest {
  return { checks };
}

function ok(name: BridgeCheckName, detail: string): Check {
  return { name, outcome: 'ok', detail };
}

function failed(name: BridgeCheckName, detail: string): Check {
  return { name, outcome: 'failed', detail };
}

function unknown(name: BridgeCheckName, detail: string): Check {
  return { name, outcome: 'unknown', detail };
}
