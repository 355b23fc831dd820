/**
 * Everything that can go wrong talking to Tedee, as one typed error per cause, so callers
 * can decide by class (stop polling, back off, wait for Retry-After) and show the message.
 *
 * Messages are written here, never copied from the request: the Personal Access Key lives
 * only in the Authorization header and must not reach any message, log or thrown object.
 */

export abstract class TedeeError extends Error {
  abstract readonly kind: string;
}

export class AuthError extends TedeeError {
  readonly kind = 'auth';
  constructor() {
    super(
      'Tedee rejected the Personal Access Key (HTTP 401). It may be wrong, expired or revoked.',
    );
    this.name = 'AuthError';
  }
}

export class ForbiddenError extends TedeeError {
  readonly kind = 'forbidden';
  /** The scope the refused call needs: Device.Read to read, Lock.Operate to move a lock. */
  readonly scope: string;
  constructor(scope = 'Device.Read') {
    super(
      `Tedee refused access (HTTP 403). The Personal Access Key needs the ${scope} scope: ` +
        'create a key with it at https://portal.tedee.com/personal-access-keys.',
    );
    this.name = 'ForbiddenError';
    this.scope = scope;
  }
}

/**
 * The key works but lacks a scope an optional feature needs (a 403 from that feature's
 * endpoint): the feature waits, everything else goes on.
 */
export class MissingScopeError extends TedeeError {
  readonly kind = 'missing-scope';
  readonly scope: string;
  constructor(scope: string, feature: string) {
    super(
      `The Personal Access Key lacks the ${scope} scope, so ${feature} cannot be read. ` +
        `Create a key with ${scope} ticked at https://portal.tedee.com/personal-access-keys.`,
    );
    this.name = 'MissingScopeError';
    this.scope = scope;
  }
}

export class NotFoundError extends TedeeError {
  readonly kind = 'not-found';
  constructor(what: string) {
    super(`Tedee does not know ${what} (HTTP 404).`);
    this.name = 'NotFoundError';
  }
}

export class RateLimitedError extends TedeeError {
  readonly kind = 'rate-limited';
  /** When the next request is allowed, as epoch milliseconds. */
  readonly retryAt: number;
  constructor(retryAt: number) {
    super(
      `Tedee's request limit is reached (HTTP 429); retry after ${new Date(retryAt).toISOString()}.`,
    );
    this.name = 'RateLimitedError';
    this.retryAt = retryAt;
  }
}

export class ServerError extends TedeeError {
  readonly kind = 'server';
  readonly status: number;
  constructor(status: number) {
    super(`The Tedee service failed (HTTP ${status}). It is usually temporary.`);
    this.name = 'ServerError';
    this.status = status;
  }
}

export type NetworkFailure = 'dns' | 'refused' | 'reset' | 'other';

export class NetworkError extends TedeeError {
  readonly kind = 'network';
  readonly failure: NetworkFailure;
  constructor(failure: NetworkFailure, host: string) {
    super(networkMessage(failure, host));
    this.name = 'NetworkError';
    this.failure = failure;
  }
}

export class TimeoutError extends TedeeError {
  readonly kind = 'timeout';
  constructor(timeoutMs: number) {
    super(`Tedee did not answer within ${Math.round(timeoutMs / 1000)} s.`);
    this.name = 'TimeoutError';
  }
}

export class BadResponseError extends TedeeError {
  readonly kind = 'bad-response';
  constructor(detail: string) {
    super(`Tedee sent a response this app cannot read: ${detail}.`);
    this.name = 'BadResponseError';
  }
}

/**
 * The client was asked to send the key somewhere it was not given for. Only origins appear in
 * the message: they are addresses the user typed, never secret, and they say what to do.
 */
export class KeyOriginError extends TedeeError {
  readonly kind = 'key-origin';
  constructor(keyOrigin: string, requestOrigin: string) {
    super(
      `The Personal Access Key was given for ${keyOrigin}, so it is not sent to ${requestOrigin}. Enter the key again for the new address.`,
    );
    this.name = 'KeyOriginError';
  }
}

function networkMessage(failure: NetworkFailure, host: string): string {
  switch (failure) {
    case 'dns':
      return `Cannot find ${host}: check the internet connection.`;
    case 'refused':
      return `${host} refused the connection.`;
    case 'reset':
      return `The connection to ${host} was interrupted.`;
    case 'other':
      return `Cannot reach ${host}: check the internet connection.`;
  }
}
