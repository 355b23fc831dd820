/**
 * Every Tedee error, whole: its class, kind, name and message are what the tray, the window and
 * the CLI show and decide by, so each is pinned literally (a message that loses its cause or its
 * advice is a bug the user sees).
 */
import { describe, expect, it } from 'vitest';
import {
  AuthError,
  BadResponseError,
  ForbiddenError,
  KeyOriginError,
  MissingScopeError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  TedeeError,
  TimeoutError,
} from '../../main/tedee/errors.ts';

const RETRY_AT = Date.UTC(2026, 10, 25, 12, 5, 0);

describe('each error', () => {
  it.each([
    [
      new AuthError(),
      'auth',
      'AuthError',
      'Tedee rejected the Personal Access Key (HTTP 401). It may be wrong, expired or revoked.',
    ],
    [
      new ForbiddenError(),
      'forbidden',
      'ForbiddenError',
      'Tedee refused access (HTTP 403). The Personal Access Key needs the Device.Read scope: create a key with it at https://portal.tedee.com/personal-access-keys.',
    ],
    [
      new ForbiddenError('Lock.Operate'),
      'forbidden',
      'ForbiddenError',
      'Tedee refused access (HTTP 403). The Personal Access Key needs the Lock.Operate scope: create a key with it at https://portal.tedee.com/personal-access-keys.',
    ],
    [
      new MissingScopeError('DeviceActivity.Read', 'the activity log'),
      'missing-scope',
      'MissingScopeError',
      'The Personal Access Key lacks the DeviceActivity.Read scope, so the activity log cannot be read. Create a key with DeviceActivity.Read ticked at https://portal.tedee.com/personal-access-keys.',
    ],
    [
      new NotFoundError('lock 42'),
      'not-found',
      'NotFoundError',
      'Tedee does not know lock 42 (HTTP 404).',
    ],
    [
      new RateLimitedError(RETRY_AT),
      'rate-limited',
      'RateLimitedError',
      "Tedee's request limit is reached (HTTP 429); retry after 2026-11-25T12:05:00.000Z.",
    ],
    [
      new ServerError(503),
      'server',
      'ServerError',
      'The Tedee service failed (HTTP 503). It is usually temporary.',
    ],
    [
      new NetworkError('dns', 'api.tedee.com'),
      'network',
      'NetworkError',
      'Cannot find api.tedee.com: check the internet connection.',
    ],
    [
      new NetworkError('refused', 'api.tedee.com'),
      'network',
      'NetworkError',
      'api.tedee.com refused the connection.',
    ],
    [
      new NetworkError('reset', 'api.tedee.com'),
      'network',
      'NetworkError',
      'The connection to api.tedee.com was interrupted.',
    ],
    [
      new NetworkError('other', 'api.tedee.com'),
      'network',
      'NetworkError',
      'Cannot reach api.tedee.com: check the internet connection.',
    ],
    [new TimeoutError(15_400), 'timeout', 'TimeoutError', 'Tedee did not answer within 15 s.'],
    [
      new BadResponseError('an HTML page'),
      'bad-response',
      'BadResponseError',
      'Tedee sent a response this app cannot read: an HTML page.',
    ],
    [
      new KeyOriginError('https://api.tedee.com', 'https://elsewhere.example'),
      'key-origin',
      'KeyOriginError',
      'The Personal Access Key was given for https://api.tedee.com, so it is not sent to https://elsewhere.example. Enter the key again for the new address.',
    ],
  ])('%s has its kind, name and message', (error, kind, name, message) => {
    expect(error).toBeInstanceOf(TedeeError);
    expect(error).toBeInstanceOf(Error);
    expect(error.kind).toBe(kind);
    expect(error.name).toBe(name);
    expect(error.message).toBe(message);
    expect(String(error)).toBe(`${name}: ${message}`);
  });
});

describe('the details callers decide by', () => {
  it('a ForbiddenError keeps the scope it names, Device.Read unless told', () => {
    expect(new ForbiddenError().scope).toBe('Device.Read');
    expect(new ForbiddenError('Lock.Operate').scope).toBe('Lock.Operate');
  });

  it('a RateLimitedError keeps when to retry', () => {
    expect(new RateLimitedError(RETRY_AT).retryAt).toBe(RETRY_AT);
  });

  it('a ServerError keeps its status', () => {
    expect(new ServerError(502).status).toBe(502);
  });

  it('a NetworkError keeps its failure', () => {
    expect(new NetworkError('refused', 'localhost').failure).toBe('refused');
  });

  it('a TimeoutError rounds to the nearest second', () => {
    expect(new TimeoutError(15_500).message).toBe('Tedee did not answer within 16 s.');
  });
});
