/**
 * The client against a fake fetch: the request exactly as sent, and how each status, envelope,
 * body and network failure is read. Faster and more exact than the simulator for the edges
 * (299 and 300, 499 and 500, each error code) that decide between retrying and giving up.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeSchemaIssue, networkFailureOf, TedeeClient } from '../../main/tedee/client.ts';
import type { FetchFunction } from '../../main/tedee/client.ts';
import {
  BadResponseError,
  ForbiddenError,
  MissingScopeError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ServerError,
} from '../../main/tedee/errors.ts';
import { failureOf } from '../support/tedee-failure.ts';

const KEY = 'fake.RmV0Y2hLZXlGb3JSZXF1ZXN0cw==';
const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);

interface Sent {
  url: string;
  init: RequestInit;
}

/** A client whose fetch answers `status` and `body` (an object is sent as JSON). */
function clientAnswering(status: number, body: unknown, headers: Record<string, string> = {}) {
  const sent: Sent[] = [];
  const fetch: FetchFunction = (url, init) => {
    sent.push({ url, init });
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    // Response refuses a status below 200, which a broken proxy can still send.
    const response = new Response(text, { status: Math.max(status, 200), headers });
    return Promise.resolve(Object.defineProperty(response, 'status', { value: status }));
  };
  const client = new TedeeClient({
    personalKey: KEY,
    apiUrl: 'https://api.tedee.com//',
    keyOrigin: 'https://api.tedee.com',
    fetch,
    now: () => NOW,
  });
  return { client, sent };
}

function clientFailingWith(error: unknown) {
  return new TedeeClient({
    personalKey: KEY,
    apiUrl: 'https://api.tedee.com',
    keyOrigin: 'https://api.tedee.com',
    fetch: () => Promise.reject(error),
  });
}

const ok = (result: unknown) => ({ result, success: true, errorMessages: [], statusCode: 200 });
const lockSync = { id: 7, isConnected: true, deviceState: { state: 6, batteryLevel: 80 } };

describe('the request', () => {
  it('is a GET with the key, asking for JSON, without cookies, cache or redirects', async () => {
    const { client, sent } = clientAnswering(200, ok(lockSync));
    await client.syncLock(7);
    expect(client.apiUrl).toBe('https://api.tedee.com');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('https://api.tedee.com/api/v37/my/lock/7/sync');
    expect(sent[0]!.init).toMatchObject({
      method: 'GET',
      headers: { Authorization: `PersonalKey ${KEY}`, Accept: 'application/json' },
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
    });
  });

  it('asks for several locks in one query, or for all without one', async () => {
    const { client, sent } = clientAnswering(200, ok([lockSync]));
    await client.syncLocks([7, 8]);
    await client.syncLocks();
    expect(sent.map(({ url }) => url)).toEqual([
      'https://api.tedee.com/api/v37/my/lock/sync?id=7&id=8',
      'https://api.tedee.com/api/v37/my/lock/sync',
    ]);
  });

  it('refuses an empty list of ids rather than asking for every lock', async () => {
    const { client, sent } = clientAnswering(200, ok([lockSync]));
    await expect(client.syncLocks([])).rejects.toThrow(
      new RangeError('syncLocks needs at least one lock id, or none to sync all'),
    );
    expect(sent).toEqual([]);
  });

  it('asks for an activity page of 1 to 200 entries, and refuses any other size unsent', async () => {
    const { client, sent } = clientAnswering(200, ok([]));
    await client.listActivity(7, { elements: 1 });
    await client.listActivity(7, { elements: 200, before: '2026-11-25T11:00:00.000Z' });
    await expect(client.listActivity(7, { elements: 0 })).rejects.toThrow(
      new RangeError('elements must be 1..200, got 0'),
    );
    await expect(client.listActivity(7, { elements: 1.5 })).rejects.toThrow(
      new RangeError('elements must be 1..200, got 1.5'),
    );
    expect(sent.map(({ url }) => url)).toEqual([
      'https://api.tedee.com/api/v37/my/deviceactivity?deviceId=7&elements=1',
      'https://api.tedee.com/api/v37/my/deviceactivity?deviceId=7&elements=200&lastElemDate=2026-11-25T11%3A00%3A00.000Z',
    ]);
  });

  it('starts an operation with a POST, and a 403 names the Lock.Operate scope', async () => {
    const started = clientAnswering(202, ok({ operationId: 1_700_000_000_000 }));
    expect(await started.client.startOperation(7, 'unlock')).toBe('1700000000000');
    expect(started.sent[0]).toMatchObject({
      url: 'https://api.tedee.com/api/v37/my/lock/7/operation/unlock',
      init: { method: 'POST' },
    });
    const refused = clientAnswering(403, { success: false, statusCode: 403 });
    const error = await failureOf(refused.client.startOperation(7, 'lock'), KEY);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ForbiddenError).scope).toBe('Lock.Operate');
  });
});

describe('a 404', () => {
  it.each([
    ['the lock list', (client: TedeeClient) => client.listLocks()],
    ['lock 7', (client: TedeeClient) => client.syncLock(7)],
    ['these locks', (client: TedeeClient) => client.syncLocks([7, 8])],
    ['the device details', (client: TedeeClient) => client.deviceDetails()],
    ['the door sensors', (client: TedeeClient) => client.doorSensors()],
    ['the Personal Access Keys', (client: TedeeClient) => client.personalKeyValidTo()],
    ['the activity of lock 7', (client: TedeeClient) => client.listActivity(7, { elements: 5 })],
    ['lock 7', (client: TedeeClient) => client.startOperation(7, 'lock')],
    ['operation 1700000000000', (client: TedeeClient) => client.operationStatus('1700000000000')],
  ])('says that Tedee does not know %s', async (what, call) => {
    const { client } = clientAnswering(404, { success: false, statusCode: 404 });
    const error = await failureOf(call(client), KEY);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(`Tedee does not know ${what} (HTTP 404).`);
  });
});

describe('a 403 on the activity log', () => {
  it('is a missing scope that names the log, not a refused key', async () => {
    const { client } = clientAnswering(403, { success: false, statusCode: 403 });
    const error = await failureOf(client.listActivity(7, { elements: 5 }), KEY);
    expect(error).toBeInstanceOf(MissingScopeError);
    expect(error.message).toContain(
      'lacks the DeviceActivity.Read scope, so the activity log cannot be read.',
    );
  });
});

describe('an operation status', () => {
  it.each([
    [{ operationId: '1', status: 'PENDING' }, { status: 'pending' }],
    [
      { operationId: '1', status: 'COMPLETED', result: 0 },
      { status: 'completed', result: 0 },
    ],
    [
      { operationId: '1', status: 'completed', result: 3 },
      { status: 'completed', result: 3 },
    ],
    [
      { operationId: '1', status: 'COMPLETED' },
      { status: 'completed', result: 0 },
    ],
  ])('%j reads as %j', async (answer, expected) => {
    const { client } = clientAnswering(200, ok(answer));
    expect(await client.operationStatus('1')).toEqual(expected);
  });
});

describe('the status of an answer', () => {
  it.each([200, 202, 299])('%s with a successful envelope is a success', async (status) => {
    const { client } = clientAnswering(status, ok(lockSync));
    expect((await client.syncLock(7)).id).toBe(7);
  });

  it.each([199, 300, 400, 499])('%s is an unexpected status', async (status) => {
    const { client } = clientAnswering(status, ok(lockSync));
    const error = await failureOf(client.syncLock(7), KEY);
    expect(error).toBeInstanceOf(BadResponseError);
    expect(error.message).toBe(
      `Tedee sent a response this app cannot read: unexpected HTTP status ${status}.`,
    );
  });

  it('500 and above is a server failure', async () => {
    const { client } = clientAnswering(500, { success: false, statusCode: 500 });
    expect(await failureOf(client.syncLock(7), KEY)).toBeInstanceOf(ServerError);
  });

  it('a 429 waits for its Retry-After', async () => {
    const { client } = clientAnswering(429, '', { 'Retry-After': '30' });
    const error = await failureOf(client.syncLock(7), KEY);
    expect((error as RateLimitedError).retryAt).toBe(NOW + 30_000);
  });
});

describe('a failure envelope in a 2xx answer', () => {
  it('is read by the status it reports', async () => {
    const { client } = clientAnswering(
      200,
      { success: false, statusCode: 429 },
      {
        'Retry-After': '30',
      },
    );
    const error = await failureOf(client.syncLock(7), KEY);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAt).toBe(NOW + 30_000);
  });

  it.each([
    [null, 'it reports a failure without saying which'],
    [200, 'it reports a failure without saying which'],
    [299, 'it reports a failure without saying which'],
    [199, 'unexpected HTTP status 199'],
    [300, 'unexpected HTTP status 300'],
  ])('reporting %s is a bad response: %s', async (statusCode, detail) => {
    const { client } = clientAnswering(200, { success: false, statusCode });
    const error = await failureOf(client.syncLock(7), KEY);
    expect(error.message).toBe(`Tedee sent a response this app cannot read: ${detail}.`);
  });

  it('reporting nothing, in a 503, is that server failure', async () => {
    const { client } = clientAnswering(503, { success: false });
    const error = await failureOf(client.syncLock(7), KEY);
    expect((error as ServerError).status).toBe(503);
  });
});

describe('the body of an answer', () => {
  it.each([
    ['  <html>proxy</html>', 'expected JSON but received an HTML page (HTTP 200)'],
    ['', 'the body is empty'],
    ['  \n', 'the body is empty'],
    ['{"result":', 'the body is not valid JSON'],
    ['"text"', 'field "(body)": Invalid input: expected object, received string'],
  ])('%j is a bad response: %s', async (body, detail) => {
    const { client } = clientAnswering(200, body);
    const error = await failureOf(client.syncLock(7), KEY);
    expect(error.message).toBe(`Tedee sent a response this app cannot read: ${detail}.`);
  });
});

describe('describeSchemaIssue', () => {
  const issueAt = (path: Array<string | number>) =>
    describeSchemaIssue(
      new z.ZodError([{ code: 'custom', path, message: 'is wrong', input: undefined }]),
    );

  it('names the path of the first issue as code would write it', () => {
    expect(issueAt(['result', 0, 'deviceState', 'batteryLevel'])).toBe(
      'field "result[0].deviceState.batteryLevel": is wrong',
    );
    expect(issueAt([0, 'id'])).toBe('field "[0].id": is wrong');
    expect(issueAt([])).toBe('field "(body)": is wrong');
  });

  it('says the shape is wrong when zod names no issue', () => {
    expect(describeSchemaIssue(new z.ZodError([]))).toBe('it does not match the expected shape');
  });
});

describe('network failures', () => {
  const nodeFailure = (code: unknown) =>
    new TypeError('fetch failed', { cause: Object.assign(new Error('socket'), { code }) });

  it.each([
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['ECONNREFUSED', 'refused'],
    ['ECONNRESET', 'reset'],
    ['EPIPE', 'reset'],
    ['UND_ERR_SOCKET', 'reset'],
    ['UND_ERR_CLOSED', 'reset'],
    ['ETIMEDOUT', 'other'],
  ])("Node's %s is a %s failure", (code, failure) => {
    expect(networkFailureOf(nodeFailure(code))).toBe(failure);
  });

  it.each([
    ['net::ERR_NAME_NOT_RESOLVED', 'dns'],
    ['net::ERR_CONNECTION_REFUSED', 'refused'],
    ['net::ERR_CONNECTION_RESET', 'reset'],
    ['net::ERR_CONNECTION_CLOSED', 'reset'],
    ['net::ERR_EMPTY_RESPONSE', 'reset'],
    ['net::ERR_TIMED_OUT', 'other'],
  ])("Electron's %s is a %s failure", (message, failure) => {
    expect(networkFailureOf(new Error(message))).toBe(failure);
  });

  it('reads the message when the cause has no code, and anything not an Error as other', () => {
    expect(networkFailureOf(new Error('net::ERR_CONNECTION_REFUSED'))).toBe('refused');
    expect(networkFailureOf(nodeFailure(42))).toBe('other');
    expect(
      networkFailureOf(
        Object.assign(new Error('net::ERR_CONNECTION_RESET'), { cause: 'ECONNREFUSED' }),
      ),
    ).toBe('reset');
    expect(
      networkFailureOf(Object.assign(new Error('net::ERR_CONNECTION_RESET'), { cause: null })),
    ).toBe('reset');
    expect(networkFailureOf(new Error('net::ERR_CONNECTION_RESET', { cause: { code: 42 } }))).toBe(
      'reset',
    );
    expect(networkFailureOf('ECONNREFUSED')).toBe('other');
    expect(networkFailureOf({ message: 'net::ERR_CONNECTION_REFUSED' })).toBe('other');
    expect(networkFailureOf(undefined)).toBe('other');
  });

  it('names the host it could not reach', async () => {
    const error = await failureOf(clientFailingWith(nodeFailure('ENOTFOUND')).listLocks(), KEY);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toBe('Cannot find api.tedee.com: check the internet connection.');
  });
});
