/**
 * The client against the simulator over real loopback HTTP: every success and error path.
 */
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_LOCK_IDS, sampleLocks } from '../../main/demo/sample-locks.ts';
import { TedeeSimulator } from '../../main/demo/tedee-simulator.ts';
import { TedeeClient } from '../../main/tedee/client.ts';
import {
  AuthError,
  BadResponseError,
  ForbiddenError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  TedeeError,
  TimeoutError,
} from '../../main/tedee/errors.ts';
import { ascending } from '../support/ascending.ts';
import { closedPort } from '../support/closed-port.ts';

const KEY = 'k3y9zq.UGVyc29uYWxBY2Nlc3NLZXlGb3JUZXN0cw==';
const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const { frontDoor, garage, backDoor } = SAMPLE_LOCK_IDS;

let simulator: TedeeSimulator;
afterEach(async () => {
  await simulator?.close();
});

async function setUp(options: { timeoutMs?: number; key?: string } = {}) {
  simulator = await TedeeSimulator.start({ keys: [KEY], locks: sampleLocks(), now: () => NOW });
  const client = new TedeeClient({
    personalKey: options.key ?? KEY,
    apiUrl: simulator.baseUrl,
    now: () => NOW,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  return client;
}

async function failureOf(call: Promise<unknown>): Promise<TedeeError> {
  const error = await call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TedeeError);
  return error as TedeeError;
}

describe('successful calls', () => {
  it('listLocks gives names, serials and models', async () => {
    const client = await setUp();
    const locks = await client.listLocks();
    expect(locks.map(({ id, name, serial, model }) => ({ id, name, serial, model }))).toEqual(
      sampleLocks().map((lock) => ({
        id: lock.id,
        name: lock.name,
        serial: lock.serialNumber,
        model: lock.model,
      })),
    );
    expect(simulator.requests()[0]).toMatchObject({
      method: 'GET',
      path: '/api/v37/my/lock',
      status: 200,
    });
  });

  it('syncLock uses the single-lock endpoint', async () => {
    const client = await setUp();
    const lock = await client.syncLock(frontDoor);
    expect(lock).toMatchObject({
      id: frontDoor,
      connected: true,
      state: 'locked',
      door: 'closed',
      battery: 76,
    });
    expect(simulator.requests().map((request) => request.path)).toEqual([
      `/api/v37/my/lock/${frontDoor}/sync`,
    ]);
  });

  it('syncLocks sends one request with an id filter', async () => {
    const client = await setUp();
    const locks = await client.syncLocks([frontDoor, backDoor]);
    expect(locks.map((lock) => lock.id)).toEqual([frontDoor, backDoor]);
    expect(simulator.requests()).toHaveLength(1);
    expect(simulator.requests()[0]!.lockIds.toSorted(ascending)).toEqual(
      [frontDoor, backDoor].toSorted(ascending),
    );
  });

  it('sends the key in the PersonalKey scheme: a wrong key is refused', async () => {
    const client = await setUp({ key: 'wrong.key' });
    expect(await failureOf(client.syncLock(frontDoor))).toBeInstanceOf(AuthError);
  });

  it('reads the legacy lockProperties shape into the same values', async () => {
    const client = await setUp();
    const current = await client.syncLocks([frontDoor, garage]);
    simulator.setResponseShape('legacy');
    const legacy = await client.syncLocks([frontDoor, garage]);
    expect(legacy).toEqual(current);
    expect(legacy[1]).toMatchObject({ state: 'unlocked' });
  });

  it('a disconnected lock has no state, and a lock without bridge has connection null', async () => {
    const client = await setUp();
    simulator.updateLock(frontDoor, { connected: false });
    simulator.updateLock(garage, { connected: null });
    const [front, garageLock] = await client.syncLocks([frontDoor, garage]);
    expect(front).toMatchObject({ connected: false, state: null, battery: null });
    expect(garageLock).toMatchObject({ connected: null });
  });

  it('an unknown battery (255) is null', async () => {
    const client = await setUp();
    simulator.updateLock(frontDoor, { battery: 255 });
    expect((await client.syncLock(frontDoor)).battery).toBeNull();
  });
});

describe('HTTP errors', () => {
  it('401 is an AuthError', async () => {
    const client = await setUp();
    simulator.revokeKey(KEY);
    const error = await failureOf(client.listLocks());
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toMatch(/Personal Access Key/);
  });

  it('403 is a ForbiddenError that names the Device.Read scope', async () => {
    await setUp();
    simulator.addKey({ key: 'no-scope.key', scopes: ['Account.Read'] });
    const limited = new TedeeClient({ personalKey: 'no-scope.key', apiUrl: simulator.baseUrl });
    const error = await failureOf(limited.syncLock(frontDoor));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error.message).toContain('Device.Read');
  });

  it('404 is a NotFoundError', async () => {
    const client = await setUp();
    const error = await failureOf(client.syncLock(999_999));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain('lock 999999');
  });

  it.each([
    ['seconds', '120', NOW + 120_000],
    ['an HTTP-date', new Date(NOW + 300_000).toUTCString(), NOW + 300_000],
    ['nothing', undefined, NOW + 60_000],
    ['garbage', 'soon', NOW + 60_000],
  ])('429 with Retry-After as %s gives the retry time', async (_label, retryAfter, expected) => {
    const client = await setUp();
    simulator.queueFault({
      kind: 'status',
      status: 429,
      ...(retryAfter ? { headers: { 'Retry-After': retryAfter } } : {}),
    });
    const error = await failureOf(client.syncLock(frontDoor));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAt).toBe(expected);
  });

  it('the real 700 per hour limit answers 429 with a retry time at the next window', async () => {
    const client = await setUp();
    for (let i = 0; i < 700; i += 1) await client.syncLocks([frontDoor]);
    const error = await failureOf(client.syncLocks([frontDoor]));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAt).toBeGreaterThan(NOW);
  });

  it.each([500, 502, 503, 504])('%s is a ServerError', async (status) => {
    const client = await setUp();
    simulator.queueFault({
      kind: 'status',
      status,
      body: { json: { success: false, errorMessages: ['x'], statusCode: status } },
    });
    const error = await failureOf(client.syncLock(frontDoor));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).status).toBe(status);
  });

  it('an HTML error page from a proxy is a ServerError by its status', async () => {
    const client = await setUp();
    simulator.queueFault({ kind: 'html', status: 502 });
    expect(await failureOf(client.syncLock(frontDoor))).toBeInstanceOf(ServerError);
  });

  it('an HTML page with status 200 is a BadResponseError', async () => {
    const client = await setUp();
    simulator.queueFault({
      kind: 'status',
      status: 200,
      body: { text: '<!DOCTYPE html><html>Login</html>', contentType: 'text/html' },
    });
    const error = await failureOf(client.syncLock(frontDoor));
    expect(error).toBeInstanceOf(BadResponseError);
    expect(error.message).toContain('HTML page');
  });

  it('malformed JSON is a BadResponseError', async () => {
    const client = await setUp();
    simulator.queueFault({ kind: 'malformed-json' });
    const error = await failureOf(client.syncLocks([frontDoor, garage]));
    expect(error).toBeInstanceOf(BadResponseError);
    expect(error.message).toContain('not valid JSON');
  });

  it('a schema mismatch names the failing field', async () => {
    const client = await setUp();
    const body = {
      result: [{ id: frontDoor, isConnected: 'yes' }],
      success: true,
      errorMessages: [],
      statusCode: 200,
    };
    simulator.queueFault({ kind: 'status', status: 200, body: { json: body } });
    const error = await failureOf(client.syncLocks([frontDoor]));
    expect(error).toBeInstanceOf(BadResponseError);
    expect(error.message).toContain('result[0].isConnected');
  });

  it('an envelope that reports 401 inside a 200 is an AuthError', async () => {
    const client = await setUp();
    const body = { success: false, errorMessages: ['Unauthorized'], statusCode: 401 };
    simulator.queueFault({ kind: 'status', status: 200, body: { json: body } });
    expect(await failureOf(client.syncLock(frontDoor))).toBeInstanceOf(AuthError);
  });
});

describe('network failures', () => {
  it('a reset connection is a NetworkError', async () => {
    const client = await setUp();
    simulator.queueFault({ kind: 'reset' });
    const error = await failureOf(client.syncLock(frontDoor));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).failure).toBe('reset');
  });

  it('a refused connection is a NetworkError', async () => {
    const port = await closedPort();
    const client = new TedeeClient({ personalKey: KEY, apiUrl: `http://127.0.0.1:${port}` });
    const error = await failureOf(client.syncLock(frontDoor));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).failure).toBe('refused');
    expect(error.message).toContain(`127.0.0.1:${port}`);
  });

  it('a host that does not resolve is a NetworkError about DNS', async () => {
    const client = new TedeeClient({ personalKey: KEY, apiUrl: 'http://tedee-tray-test.invalid' });
    const error = await failureOf(client.syncLock(frontDoor));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).failure).toBe('dns');
  });

  it('a slow answer is a TimeoutError', async () => {
    const client = await setUp({ timeoutMs: 100 });
    simulator.queueFault({ kind: 'delay', ms: 2_000 });
    const error = await failureOf(client.syncLock(frontDoor));
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it('the default timeout is 15 s', async () => {
    expect(new TedeeClient({ personalKey: KEY }).timeoutMs).toBe(15_000);
  });

  it("the caller's AbortSignal cancels the call with the caller's reason", async () => {
    const client = await setUp();
    simulator.queueFault({ kind: 'delay', ms: 2_000 });
    const controller = new AbortController();
    const call = client.syncLock(frontDoor, controller.signal);
    setTimeout(() => controller.abort(new Error('user quit')), 50);
    await expect(call).rejects.toThrow('user quit');
  });
});

describe('the key never leaks', () => {
  it('no error, message, stack or inspection of a failure contains the key', async () => {
    const client = await setUp();
    const failures: unknown[] = [];
    const faults = [
      { kind: 'status', status: 401 },
      { kind: 'status', status: 403 },
      { kind: 'status', status: 429 },
      { kind: 'status', status: 500 },
      { kind: 'reset' },
      { kind: 'malformed-json' },
      { kind: 'html' },
    ] as const;
    for (const fault of faults) {
      simulator.queueFault(fault);
      failures.push(await client.syncLock(frontDoor).catch((error: unknown) => error));
    }
    failures.push(await client.syncLock(404_404).catch((error: unknown) => error));
    const port = await closedPort();
    failures.push(
      await new TedeeClient({ personalKey: KEY, apiUrl: `http://127.0.0.1:${port}` })
        .syncLock(1)
        .catch((e: unknown) => e),
    );
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(TedeeError);
      const text = `${inspect(failure, { depth: 10, showHidden: true })} ${JSON.stringify(failure)} ${(failure as Error).stack}`;
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(KEY.split('.')[1]);
    }
  });

  it('the client object does not show the key when inspected or serialised', async () => {
    const client = await setUp();
    expect(inspect(client, { depth: 10, showHidden: true })).not.toContain(KEY);
    expect(JSON.stringify(client)).not.toContain(KEY);
  });
});
