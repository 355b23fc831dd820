/**
 * The bridge client against the bridge simulator over real loopback HTTP: every call, both
 * token modes, and every error path. Times in the request log are the shared simulated clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BridgeClient } from '../../main/bridge/bridge-client.ts';
import {
  BluetoothError,
  BridgeAuthError,
  BridgeBadResponseError,
  BridgeBusyError,
  BridgeNotFoundError,
  BridgeTimeoutError,
  BridgeUnreachableError,
  LockDisconnectedError,
} from '../../main/bridge/bridge-errors.ts';
import { BridgeRequestGuard } from '../../main/bridge/bridge-request-guard.ts';
import { BRIDGE_FAULTS } from '../../main/demo/bridge-simulator.ts';
import { SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import {
  START,
  TOKEN,
  bridgeFixture,
  closeBridges,
  failureOf,
  startBridge,
} from './bridge-harness.ts';
import { closedPort } from '../support/closed-port.ts';

const { frontDoor, garage, backDoor } = SAMPLE_LOCK_IDS;

afterEach(closeBridges);

const timesOf = (entries: { at: number }[]) => entries.map((entry) => entry.at - START);

describe('reading the bridge', () => {
  it('GET /bridge gives name, serial, firmware, cloud link and the bridge clock', async () => {
    const { simulator, client } = await startBridge();
    expect(await client().getBridge()).toEqual({
      name: 'Bridge-7C31',
      serial: '22420109-001337',
      currentTime: new Date(START).toISOString(),
      connectedToCloud: true,
      firmwareVersion: '2.2.18420',
    });
    expect(simulator.requests()).toEqual([
      {
        at: START,
        method: 'GET',
        path: '/v1.0/bridge',
        status: 200,
        lockIds: [],
        askedLockIds: [],
      },
    ]);
  });

  it('GET /lock gives every lock in the app model, flags as booleans', async () => {
    const { client } = await startBridge();
    const locks = await client().listLocks();
    expect(locks.map((lock) => lock.id)).toEqual([frontDoor, garage, backDoor]);
    expect(locks[0]).toEqual({
      id: frontDoor,
      serial: '23140207-004512',
      name: 'Front door',
      model: 'lock-pro',
      status: {
        id: frontDoor,
        connected: true,
        state: 'locked',
        door: 'closed',
        battery: 76,
        charging: false,
        jammed: false,
        lastOperationFailed: false,
        lastChanged: null,
        revision: null,
      },
    });
    expect(locks[1]).toMatchObject({ model: 'lock-go', status: { state: 'unlocked' } });
    expect(locks[2]?.status.charging).toBe(true);
  });

  it('GET /lock/{id} gives one lock; a jammed, disconnected lock says so', async () => {
    const { simulator, client } = await startBridge();
    simulator.updateLock(garage, { connected: false, jammed: true, state: 'semi-locked' });
    expect((await client().getLock(garage)).status).toMatchObject({
      connected: false,
      state: 'semi-locked',
      jammed: true,
      lastOperationFailed: true,
    });
    expect(simulator.requests()[0]?.path).toBe(`/v1.0/lock/${garage}`);
  });

  it('reads the documentation sample of GET /lock', async () => {
    const { simulator, client } = await startBridge();
    simulator.queueFault({
      kind: 'status',
      status: 200,
      body: { json: bridgeFixture('bridge-get-lock') },
    });
    const [front, back] = await client().listLocks();
    expect(front).toMatchObject({
      id: 48213,
      name: 'Front Door',
      serial: '23140207-004512',
      model: 'lock-pro',
      status: { state: 'locked', door: 'closed', battery: 76, charging: true, jammed: false },
    });
    expect(back).toMatchObject({
      id: 48402,
      model: 'lock-go',
      status: {
        state: 'semi-locked',
        door: 'not-paired',
        battery: 12,
        charging: false,
        jammed: true,
      },
    });
  });

  it('reads the documentation sample of GET /bridge', async () => {
    const { simulator, client } = await startBridge();
    simulator.queueFault({
      kind: 'status',
      status: 200,
      body: { json: bridgeFixture('bridge-get-bridge') },
    });
    expect(await client().getBridge()).toEqual({
      name: 'Bridge-7C31',
      serial: '22420109-001337',
      currentTime: '2025-11-04T18:02:13.120Z',
      connectedToCloud: true,
      firmwareVersion: '2.2.18420',
    });
  });

  it('old firmware: no currentTime, isConnected, version or doorState gives nulls, not errors', async () => {
    const { simulator, client } = await startBridge();
    simulator.queueFault({
      kind: 'status',
      status: 200,
      body: { json: { name: 'B', serialNumber: 'S' } },
    });
    expect(await client().getBridge()).toEqual({
      name: 'B',
      serial: 'S',
      currentTime: null,
      connectedToCloud: null,
      firmwareVersion: null,
    });
    const lock = { ...wireLock(), doorState: undefined };
    simulator.queueFault({ kind: 'status', status: 200, body: { json: lock } });
    expect((await client().getLock(1)).status.door).toBeNull();
  });

  it('a bridge that has lost the Tedee cloud says so', async () => {
    const { simulator, client } = await startBridge();
    simulator.queueFault({
      kind: 'status',
      status: 200,
      body: { json: { name: 'B', serialNumber: 'S', isConnected: 0 } },
    });
    expect((await client().getBridge()).connectedToCloud).toBe(false);
  });

  it('a lock whose name has "<" in it is read, not taken for an HTML page', async () => {
    const { simulator, client } = await startBridge();
    simulator.queueFault({
      kind: 'status',
      status: 200,
      body: { json: [wireLock({ name: 'Garage <side>' })] },
    });
    expect((await client().listLocks())[0]?.name).toBe('Garage <side>');
  });

  it('any 2xx answer is a success', async () => {
    const { simulator, client } = await startBridge();
    simulator.queueFault({ kind: 'status', status: 299, body: { json: [wireLock()] } });
    expect(await client().listLocks()).toHaveLength(1);
  });

  it.each([
    [255, 'unknown'],
    [18, 'updating'],
    [1, 'calibrating'],
    [9, 'unknown'],
    [42, 'unknown'],
  ])('state %i reads %s', async (state, expected) => {
    const { simulator, client } = await startBridge();
    simulator.queueFault({ kind: 'status', status: 200, body: { json: wireLock({ state }) } });
    expect((await client().getLock(1)).status.state).toBe(expected);
  });

  it.each([
    [255, null],
    [100, 100],
    [0, 0],
    [101, null],
  ])('battery %i reads %s', async (batteryLevel, expected) => {
    const { simulator, client } = await startBridge();
    simulator.queueFault({
      kind: 'status',
      status: 200,
      body: { json: wireLock({ batteryLevel }) },
    });
    expect((await client().getLock(1)).status.battery).toBe(expected);
  });

  it('ignores fields it does not know', async () => {
    const { simulator, client } = await startBridge();
    simulator.queueFault({
      kind: 'status',
      status: 200,
      body: { json: [wireLock({ futureField: { nested: true }, rssi: -40 })] },
    });
    expect(await client().listLocks()).toHaveLength(1);
  });

  it.each([
    ['isConnected', true],
    ['jammed', 2],
    ['isCharging', '1'],
  ])('a flag %s = %j is a bad response that names the field', async (field, value) => {
    const { simulator, client } = await startBridge();
    simulator.queueFault({
      kind: 'status',
      status: 200,
      body: { json: [wireLock({ [field]: value })] },
    });
    const error = await failureOf(client().listLocks());
    expect(error).toBeInstanceOf(BridgeBadResponseError);
    expect(error.message).toContain(`field "[0].${field}"`);
  });
});

describe('tokens', () => {
  it('encrypted: a fresh api_token header on every request, never in the URL', async () => {
    const { client } = await startBridge();
    const sent: { url: string; token: string | null }[] = [];
    const recording: typeof fetch = (input, init) => {
      sent.push({ url: urlOf(input), token: new Headers(init?.headers).get('api_token') });
      return fetch(input, init);
    };
    const bridge = client({ fetch: recording });
    await bridge.getBridge();
    await bridge.listLocks();
    expect(sent).toHaveLength(2);
    const [first, second] = sent.map((request) => request.token ?? '');
    expect(first).toMatch(/^[0-9a-f]{64}\d{13}$/);
    expect(first?.slice(64)).toBe(String(START));
    expect(second?.slice(64)).toBe(String(START + 1000));
    for (const request of sent) expect(request.url).not.toContain('api_token');
  });

  it('plain: the token itself, accepted by a bridge in plain mode', async () => {
    const { client } = await startBridge({ simulator: { auth: 'plain' } });
    const tokens: (string | null)[] = [];
    const recording: typeof fetch = (input, init) => {
      tokens.push(new Headers(init?.headers).get('api_token'));
      return fetch(input, init);
    };
    const bridge = client({ auth: 'plain', fetch: recording });
    expect(await bridge.getBridge()).toMatchObject({ name: 'Bridge-7C31' });
    expect(tokens).toEqual([TOKEN]);
  });

  it.each([
    ['encrypted', 'plain'],
    ['plain', 'encrypted'],
  ] as const)('a %s token to a bridge set to %s is refused', async (ours, theirs) => {
    const { client } = await startBridge({ simulator: { auth: theirs } });
    expect(await failureOf(client({ auth: ours }).getBridge())).toBeInstanceOf(BridgeAuthError);
  });

  it('a wrong token: retried once with a fresh token, then an auth error without clock blame', async () => {
    const { simulator, client } = await startBridge();
    const error = await failureOf(client({ token: 'not-the-token' }).getBridge());
    expect(error).toBeInstanceOf(BridgeAuthError);
    expect((error as BridgeAuthError).clockOffsetMs).toBe(0);
    expect((error as BridgeAuthError).clockSkewed).toBe(false);
    expect(error.message).not.toContain('clock');
    expect(error.message).toContain('Encrypted token');
    expect(simulator.requests().map((entry) => entry.status)).toEqual([401, 401]);
    expect(timesOf(simulator.requests())).toEqual([0, 1000]);
  });

  it('a 401 just after the bridge booted passes on the retry', async () => {
    const { simulator, client } = await startBridge();
    simulator.queueFault({
      kind: 'status',
      status: 401,
      body: { json: bridgeFixture('bridge-error-401') },
    });
    expect(await client().listLocks()).toHaveLength(3);
    expect(simulator.requests().map((entry) => entry.status)).toEqual([401, 200]);
  });

  it.each([
    [60_000, "your computer's clock is 60 s off (ahead of the bridge's)"],
    [-90_000, "your computer's clock is 90 s off (behind the bridge's)"],
    [6_000, "your computer's clock is 6 s off (ahead of the bridge's)"],
    [-6_000, "your computer's clock is 6 s off (behind the bridge's)"],
  ])('a clock %i ms off is named in the auth error', async (offset, text) => {
    const { client } = await startBridge({
      clockOffsetMs: offset,
      simulator: { maxTokenSkewMs: 1_000 },
    });
    const error = (await failureOf(client().getBridge())) as BridgeAuthError;
    expect(error).toBeInstanceOf(BridgeAuthError);
    expect(error.clockOffsetMs).toBe(offset);
    expect(error.clockSkewed).toBe(true);
    expect(error.message).toContain(text);
  });

  it.each([5_000, -5_000])(
    'a clock exactly %i ms off is within tolerance: the token is blamed',
    async (offset) => {
      const { client } = await startBridge({
        clockOffsetMs: offset,
        simulator: { maxTokenSkewMs: 1_000 },
      });
      const error = (await failureOf(client().getBridge())) as BridgeAuthError;
      expect(error.clockOffsetMs).toBe(offset);
      expect(error.clockSkewed).toBe(false);
      expect(error.message).not.toContain('clock');
    },
  );

  it('a 401 without a Date header gives no clock diagnosis', async () => {
    const error = new BridgeAuthError(null);
    expect(error.clockSkewed).toBe(false);
    expect(error.message).not.toContain('clock');
  });
});

describe('bridge errors', () => {
  it('409 busy is retried after 1 s and 2 s, then succeeds', async () => {
    const { simulator, client } = await startBridge();
    simulator.queueFault(BRIDGE_FAULTS.busy, 2);
    expect(await client().addCallback({ url: 'http://127.0.0.1:1/a', headers: {} })).toBe(1);
    expect(simulator.requests().map((entry) => entry.status)).toEqual([409, 409, 200]);
    expect(timesOf(simulator.requests())).toEqual([0, 1000, 3000]);
  });

  it('409 three times is a BridgeBusyError', async () => {
    const { simulator, client } = await startBridge();
    simulator.queueFault(BRIDGE_FAULTS.busy, 3);
    const error = await failureOf(client().deleteCallback(1));
    expect(error).toBeInstanceOf(BridgeBusyError);
    expect(error.message).toBe('The bridge stayed busy (HTTP 409) through 3 attempts.');
    expect(simulator.requests()).toHaveLength(3);
    expect(simulator.pendingFaults).toBe(0);
  });

  it('404 is a BridgeNotFoundError naming what', async () => {
    const { client } = await startBridge();
    const error = await failureOf(client().getLock(999_999));
    expect(error).toBeInstanceOf(BridgeNotFoundError);
    expect(error.message).toBe('The bridge does not know lock 999999 (HTTP 404).');
    const callback = await failureOf(client().deleteCallback(7));
    expect(callback.message).toBe('The bridge does not know callback 7 (HTTP 404).');
  });

  it.each([
    ['GET /bridge', (bridge: BridgeClient) => bridge.getBridge(), 'the bridge'],
    ['GET /lock', (bridge: BridgeClient) => bridge.listLocks(), 'the lock list'],
    ['POST /lock/7/unlock', (bridge: BridgeClient) => bridge.operate(7, 'unlock'), 'lock 7'],
    ['GET /callback', (bridge: BridgeClient) => bridge.listCallbacks(), 'the callbacks'],
    [
      'POST /callback',
      (bridge: BridgeClient) => bridge.addCallback({ url: 'http://127.0.0.1:1/a', headers: {} }),
      'callbacks',
    ],
  ])('a 404 to %s names what the bridge does not know', async (_call, call, what) => {
    const { simulator, client } = await startBridge();
    simulator.queueFault({ kind: 'status', status: 404 });
    const error = await failureOf(call(client()));
    expect(error.message).toBe(`The bridge does not know ${what} (HTTP 404).`);
  });

  it('405 is a LockDisconnectedError, not "method not allowed"', async () => {
    const { simulator, client } = await startBridge();
    simulator.queueFault(BRIDGE_FAULTS.lockDisconnected);
    const error = await failureOf(client().getLock(frontDoor));
    expect(error).toBeInstanceOf(LockDisconnectedError);
    expect(error.message).toBe(
      `The bridge has lost its connection to lock ${frontDoor} (HTTP 405).`,
    );
  });

  it('406 is a BluetoothError with the bridge error code', async () => {
    const { simulator, client } = await startBridge();
    simulator.queueFault(BRIDGE_FAULTS.bluetooth);
    const error = (await failureOf(client().getLock(frontDoor))) as BluetoothError;
    expect(error).toBeInstanceOf(BluetoothError);
    expect(error.code).toBe(2);
    expect(error.message).toBe(
      `Lock ${frontDoor} reported a Bluetooth error to the bridge (HTTP 406, code 2).`,
    );
  });

  it('406 without a readable body has no code', async () => {
    const { simulator, client } = await startBridge();
    simulator.queueFault({ kind: 'status', status: 406, body: { text: 'BLE' } });
    const error = (await failureOf(client().getLock(frontDoor))) as BluetoothError;
    expect(error.code).toBeNull();
    expect(error.message).toBe(
      `Lock ${frontDoor} reported a Bluetooth error to the bridge (HTTP 406).`,
    );
  });

  it.each([403, 500, 503])('an undocumented status %i is a bad response', async (status) => {
    const { simulator, client } = await startBridge();
    simulator.queueFault({ kind: 'status', status });
    const error = await failureOf(client().listLocks());
    expect(error).toBeInstanceOf(BridgeBadResponseError);
    expect(error.message).toContain(`unexpected HTTP status ${status}`);
  });

  it('a redirect is not followed: it is a bad response, and the token goes nowhere else', async () => {
    const { simulator, client } = await startBridge();
    simulator.queueFault({
      kind: 'status',
      status: 302,
      headers: { Location: 'http://127.0.0.1:9/elsewhere' },
    });
    const error = await failureOf(client().listLocks());
    expect(error).toBeInstanceOf(BridgeBadResponseError);
    expect(error.message).toContain('redirects elsewhere');
  });

  it('an answer over 1 MiB is a bad response, not a memory spike', async () => {
    const { simulator, client } = await startBridge();
    simulator.queueFault({ kind: 'status', status: 200, body: { json: 'x'.repeat(1024 * 1024) } });
    const error = await failureOf(client().listLocks());
    expect(error).toBeInstanceOf(BridgeBadResponseError);
    expect(error.message).toContain('larger than 1 MiB');
  });

  it.each([
    ['an empty body', { kind: 'status', status: 200 }, 'the body is empty'],
    [
      'a body of blank lines',
      { kind: 'status', status: 200, body: { text: ' \n\n' } },
      'the body is empty',
    ],
    ['an HTML page', { kind: 'html', status: 200 }, 'HTML page'],
    [
      'an HTML page after a blank line',
      { kind: 'status', status: 200, body: { text: '\n  <html><body>Busy</body></html>' } },
      'HTML page',
    ],
    ['cut-off JSON', { kind: 'malformed-json' }, 'not valid JSON'],
    [
      'a wrong shape',
      { kind: 'status', status: 200, body: { json: { locks: [] } } },
      'field "(body)"',
    ],
  ] as const)('%s is a BridgeBadResponseError', async (_label, fault, text) => {
    const { simulator, client } = await startBridge();
    simulator.queueFault(fault);
    const error = await failureOf(client().listLocks());
    expect(error).toBeInstanceOf(BridgeBadResponseError);
    expect(error.message).toContain(text);
  });
});

describe('network failures', () => {
  it('a bridge that refuses connections is unreachable, naming host and port', async () => {
    const { simulator, client } = await startBridge();
    await simulator.setReachability('refusing');
    const error = (await failureOf(client().getBridge())) as BridgeUnreachableError;
    expect(error).toBeInstanceOf(BridgeUnreachableError);
    expect(error.failure).toBe('refused');
    expect(error.message).toContain(`127.0.0.1:${simulator.port}`);
  });

  it('a dropped connection is unreachable (reset)', async () => {
    const { simulator, client } = await startBridge();
    simulator.queueFault({ kind: 'reset' });
    const error = (await failureOf(client().getBridge())) as BridgeUnreachableError;
    expect(error.failure).toBe('reset');
  });

  it('a bridge that stops answering is a timeout, and answers again when back', async () => {
    const { simulator, client } = await startBridge();
    const bridge = client({ timeoutMs: 300 });
    await simulator.setReachability('silent');
    const error = await failureOf(bridge.getBridge());
    expect(error).toBeInstanceOf(BridgeTimeoutError);
    expect(error.message).toBe('The bridge did not answer within 0.3 s.');
    await simulator.setReachability('answering');
    expect(await bridge.getBridge()).toMatchObject({ name: 'Bridge-7C31' });
  });

  it('the default timeout is 10 s', async () => {
    const { client } = await startBridge();
    expect(client().timeoutMs).toBe(10_000);
  });

  it('a refusing bridge that comes back answers on the same port', async () => {
    const { simulator, client } = await startBridge();
    const port = simulator.port;
    await simulator.setReachability('refusing');
    await simulator.setReachability('answering');
    expect(simulator.port).toBe(port);
    expect(await client().listLocks()).toHaveLength(3);
  });
});

describe('callbacks', () => {
  const request = {
    url: 'http://127.0.0.1:47123/inst/secret',
    headers: { 'X-Tedee-Tray-Secret': 's3cr3t' },
  };

  it('adds, lists and deletes one callback, leaving the others', async () => {
    const { simulator, client } = await startBridge();
    const other = simulator.addCallback('http://192.168.1.20:8123/api/webhook/abc');
    const bridge = client();
    const id = await bridge.addCallback(request);
    expect(id).toBe(other + 1);
    expect(await bridge.listCallbacks()).toEqual([
      { id: other, url: 'http://192.168.1.20:8123/api/webhook/abc', method: 'POST', headers: {} },
      { id, url: request.url, method: 'POST', headers: request.headers },
    ]);
    expect(simulator.callbacks()[1]).toEqual({
      id,
      url: request.url,
      method: 'POST',
      headers: [request.headers],
    });
    await bridge.deleteCallback(id);
    expect(simulator.callbacks().map((callback) => callback.id)).toEqual([other]);
    expect(simulator.requests().map((entry) => `${entry.method} ${entry.path}`)).toEqual([
      'POST /v1.0/callback',
      'GET /v1.0/callback',
      `DELETE /v1.0/callback/${id}`,
    ]);
  });

  it('reads the documentation samples of the callback list and the id answer', async () => {
    const { simulator, client } = await startBridge();
    simulator.queueFault({
      kind: 'status',
      status: 200,
      body: { json: bridgeFixture('bridge-get-callback') },
    });
    simulator.queueFault({
      kind: 'status',
      status: 200,
      body: { json: bridgeFixture('bridge-post-callback-response') },
    });
    const bridge = client();
    expect((await bridge.listCallbacks())[1]).toEqual({
      id: 4,
      url: 'http://192.168.1.50:47123/tedee/cb',
      method: 'POST',
      headers: { 'X-Tedee-Tray-Secret': 'q7Vf2LxR9mTa' },
    });
    expect(await bridge.addCallback(request)).toBe(4);
  });

  it('a callback listed without method or headers (old firmware) is a POST without headers', async () => {
    const { simulator, client } = await startBridge();
    simulator.queueFault({
      kind: 'status',
      status: 200,
      body: { json: [{ id: 9, url: 'http://x/' }] },
    });
    expect(await client().listCallbacks()).toEqual([
      { id: 9, url: 'http://x/', method: 'POST', headers: {} },
    ]);
  });

  it('old firmware answers 204 without an id: found by URL in the list', async () => {
    const { simulator, client } = await startBridge({
      simulator: { callbackIdReply: 'no-content' },
    });
    simulator.addCallback('http://192.168.1.20:8123/api/webhook/abc');
    expect(await client().addCallback(request)).toBe(2);
    expect(simulator.requests().map((entry) => entry.method)).toEqual(['POST', 'GET']);
  });

  it('old firmware: the id is that of the callback with our URL, not the last one listed', async () => {
    const { simulator, client } = await startBridge();
    simulator.queueFault({ kind: 'status', status: 204 });
    simulator.queueFault({
      kind: 'status',
      status: 200,
      body: {
        json: [
          { id: 5, url: request.url },
          { id: 6, url: 'http://192.168.1.20:8123/api/webhook/abc' },
        ],
      },
    });
    expect(await client().addCallback(request)).toBe(5);
  });

  it('an answer of blank lines to POST /callback counts as no id', async () => {
    const { simulator, client } = await startBridge();
    simulator.queueFault({ kind: 'status', status: 200, body: { text: '\n' } });
    simulator.queueFault({
      kind: 'status',
      status: 200,
      body: { json: [{ id: 3, url: request.url }] },
    });
    expect(await client().addCallback(request)).toBe(3);
  });

  it('a 204 whose callback is not in the list is a bad response', async () => {
    const { simulator, client } = await startBridge();
    simulator.queueFault({ kind: 'status', status: 204 });
    const error = await failureOf(client().addCallback(request));
    expect(error).toBeInstanceOf(BridgeBadResponseError);
    expect(error.message).toContain('did not list the callback');
  });

  it('the body registers a POST callback with the header as a single-key object', async () => {
    const { client } = await startBridge();
    const bodies: unknown[] = [];
    const recording: typeof fetch = (input, init) => {
      if (init?.method === 'POST') bodies.push(JSON.parse(init.body as string));
      return fetch(input, init);
    };
    await client({ fetch: recording }).addCallback(request);
    expect(bodies).toEqual([
      { url: request.url, method: 'POST', headers: [{ 'X-Tedee-Tray-Secret': 's3cr3t' }] },
    ]);
  });
});

describe('request headers', () => {
  it('every request asks for JSON; only a request with a body says it sends JSON', async () => {
    const { client } = await startBridge();
    const sent: { method: string; accept: string | null; contentType: string | null }[] = [];
    const recording: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      sent.push({
        method: init?.method ?? 'GET',
        accept: headers.get('accept'),
        contentType: headers.get('content-type'),
      });
      return fetch(input, init);
    };
    const bridge = client({ fetch: recording });
    await bridge.listLocks();
    const id = await bridge.addCallback({ url: 'http://127.0.0.1:1/a', headers: {} });
    await bridge.deleteCallback(id);
    expect(sent).toEqual([
      { method: 'GET', accept: 'application/json', contentType: null },
      { method: 'POST', accept: 'application/json', contentType: 'application/json' },
      { method: 'DELETE', accept: 'application/json', contentType: null },
    ]);
  });
});

describe('the request guard in the client', () => {
  it('concurrent calls go one at a time, a second apart', async () => {
    const { simulator, client } = await startBridge();
    const bridge = client();
    await Promise.all([
      bridge.getBridge(),
      bridge.listLocks(),
      bridge.getLock(garage),
      bridge.listCallbacks(),
    ]);
    expect(timesOf(simulator.requests())).toEqual([0, 1000, 2000, 3000]);
    expect(simulator.shortestRequestGap()).toBe(1000);
  });

  it('two clients sharing one guard share the spacing', async () => {
    const { simulator, client, clock } = await startBridge();
    const guard = new BridgeRequestGuard(clock);
    await Promise.all([client({ guard }).getBridge(), client({ guard }).listLocks()]);
    expect(timesOf(simulator.requests())).toEqual([0, 1000]);
  });

  it('an abort while waiting for its turn sends nothing', async () => {
    const { simulator, client } = await startBridge();
    const bridge = client();
    const controller = new AbortController();
    const first = bridge.getBridge();
    const second = bridge.listLocks(controller.signal);
    controller.abort(new Error('quit'));
    await expect(second).rejects.toThrow('quit');
    await first;
    expect(simulator.requests().map((entry) => entry.path)).toEqual(['/v1.0/bridge']);
  });
});

describe('addresses', () => {
  it.each([
    'https://192.168.1.20',
    'http://8.8.8.8',
    'http://bridge.local',
    'http://192.168.1.20/v1.0',
  ])('refuses %s before sending anything', (bridgeUrl) => {
    expect(() => new BridgeClient({ bridgeUrl, token: TOKEN })).toThrow(RangeError);
  });

  it('says why an address is refused', () => {
    expect(() => new BridgeClient({ bridgeUrl: 'http://8.8.8.8', token: TOKEN })).toThrow(
      "Invalid bridge address: 8.8.8.8 is not on the local network: use the bridge's private, link-local or loopback address",
    );
  });

  it('port 80 when none is given', () => {
    const bridge = new BridgeClient({ bridgeUrl: 'http://192.168.1.20', token: TOKEN });
    expect(bridge.baseUrl).toBe('http://192.168.1.20');
    expect(bridge.host).toBe('192.168.1.20:80');
    // Encrypted unless asked otherwise, as Tedee recommends.
    expect(bridge.auth).toBe('encrypted');
  });

  it('an IPv6 bridge is named with its address in brackets', () => {
    const bridge = new BridgeClient({ bridgeUrl: 'http://[fe80::1]:8080', token: TOKEN });
    expect(bridge.baseUrl).toBe('http://[fe80::1]:8080');
    expect(bridge.host).toBe('[fe80::1]:8080');
  });

  it('a refused connection on another port names it', async () => {
    const port = await closedPort();
    const error = await failureOf(
      new BridgeClient({ bridgeUrl: `http://127.0.0.1:${port}`, token: TOKEN }).getBridge(),
    );
    expect(error.message).toBe(
      `The bridge at 127.0.0.1:${port} refused the connection: is its local API turned on?`,
    );
  });
});

/** A lock object as the bridge sends it, with overrides. */
function wireLock(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 1,
    name: 'Door',
    type: 2,
    serialNumber: '23140207-004512',
    isConnected: 1,
    rssi: -50,
    state: 6,
    jammed: 0,
    doorState: 3,
    batteryLevel: 50,
    isCharging: 0,
    ...overrides,
  };
}

function urlOf(input: string | URL | Request): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}
