/**
 * Everything that can go wrong talking to a Tedee Bridge, one typed error per cause, so
 * callers decide by class (ask for a new token, retry later, fall back to the cloud) and show
 * the message. Codes 405 and 406 have Tedee-specific meanings on the bridge (§1.5).
 *
 * Messages are written here, never copied from a request or an answer: the token lives only
 * in the request header and must not reach any message, log or thrown object.
 */
import type { NetworkFailure } from '../tedee/errors.ts';

/** Beyond this our clock and the bridge's disagree enough to explain a rejected token. */
export const CLOCK_SKEW_TOLERANCE_MS = 5_000;

export abstract class BridgeError extends Error {
  abstract readonly kind: string;
}

export class BridgeAuthError extends BridgeError {
  readonly kind = 'unauthorised';
  /**
   * Our clock minus the bridge's (from the `Date` header of its 401; a 401 carries no
   * currentTime), in ms; positive when ours is ahead. null when the answer had no usable date.
   */
  readonly clockOffsetMs: number | null;
  constructor(clockOffsetMs: number | null) {
    super(authMessage(clockOffsetMs));
    this.name = 'BridgeAuthError';
    this.clockOffsetMs = clockOffsetMs;
  }

  /** True when the clock difference, not the token, is the likely cause. */
  get clockSkewed(): boolean {
    return this.clockOffsetMs !== null && Math.abs(this.clockOffsetMs) > CLOCK_SKEW_TOLERANCE_MS;
  }
}

export class BridgeNotFoundError extends BridgeError {
  readonly kind = 'not-found';
  constructor(what: string) {
    super(`The bridge does not know ${what} (HTTP 404).`);
    this.name = 'BridgeNotFoundError';
  }
}

export class BridgeBusyError extends BridgeError {
  readonly kind = 'busy';
  constructor(attempts: number) {
    super(`The bridge stayed busy (HTTP 409) through ${attempts} attempts.`);
    this.name = 'BridgeBusyError';
  }
}

export class LockDisconnectedError extends BridgeError {
  readonly kind = 'lock-disconnected';
  constructor(what: string) {
    super(`The bridge has lost its connection to ${what} (HTTP 405).`);
    this.name = 'LockDisconnectedError';
  }
}

export class BluetoothError extends BridgeError {
  readonly kind = 'bluetooth';
  /** The bridge's `error-code`, undocumented; null when it sent none. */
  readonly code: number | null;
  constructor(what: string, code: number | null) {
    super(
      `${capitalised(what)} reported a Bluetooth error to the bridge (HTTP 406${code === null ? '' : `, code ${code}`}).`,
    );
    this.name = 'BluetoothError';
    this.code = code;
  }
}

export class BridgeUnreachableError extends BridgeError {
  readonly kind = 'unreachable';
  readonly failure: NetworkFailure;
  constructor(failure: NetworkFailure, host: string) {
    super(unreachableMessage(failure, host));
    this.name = 'BridgeUnreachableError';
    this.failure = failure;
  }
}

export class BridgeTimeoutError extends BridgeError {
  readonly kind = 'timeout';
  constructor(timeoutMs: number) {
    super(`The bridge did not answer within ${timeoutMs / 1000} s.`);
    this.name = 'BridgeTimeoutError';
  }
}

export class BridgeBadResponseError extends BridgeError {
  readonly kind = 'bad-response';
  constructor(detail: string) {
    super(`The bridge sent a response this app cannot read: ${detail}.`);
    this.name = 'BridgeBadResponseError';
  }
}

function authMessage(clockOffsetMs: number | null): string {
  const rejected = 'The bridge rejected the token (HTTP 401)';
  if (clockOffsetMs !== null && Math.abs(clockOffsetMs) > CLOCK_SKEW_TOLERANCE_MS) {
    const seconds = Math.round(Math.abs(clockOffsetMs) / 1000);
    const direction = clockOffsetMs > 0 ? 'ahead of' : 'behind';
    return (
      `${rejected}: your computer's clock is ${seconds} s off (${direction} the bridge's). ` +
      'Encrypted tokens carry the time, so set the clock automatically and try again.'
    );
  }
  return (
    `${rejected}. Check the token in the Tedee app (Bridge → Settings → API) and that ` +
    'its "Encrypted token" switch matches the setting here.'
  );
}

function unreachableMessage(failure: NetworkFailure, host: string): string {
  switch (failure) {
    case 'dns':
      return `Cannot find the bridge at ${host}.`;
    case 'refused':
      return `The bridge at ${host} refused the connection: is its local API turned on?`;
    case 'reset':
      return `The connection to the bridge at ${host} was interrupted.`;
    case 'other':
      return `Cannot reach the bridge at ${host}: check that this computer is on its network.`;
  }
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
