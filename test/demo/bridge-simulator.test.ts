/**
 * The bridge simulator on its own, spoken to with raw HTTP: token checks (both modes, replay,
 * clock skew), routes, callbacks it really POSTs (and drops behind a "firewall"), restart,
 * reachability and the request log.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { encryptedApiToken } from '../../main/bridge/bridge-token.ts';
import { BridgeSimulator } from '../../main/demo/bridge-simulator.ts';
import type { BridgeSimulatorOptions } from '../../main/demo/bridge-simulator.ts';
import { SAMPLE_LOCK_IDS, sampleLocks } from '../../main/demo/sample-locks.ts';

const TOKEN = 'sim-token-Qx81';
const NOW = Date.UTC(2026, 10, 25, 8, 0, 0);
const { frontDoor, garage, backDoor } = SAMPLE_LOCK_IDS;

const simulators: BridgeSimulator[] = [];
const listeners: Server[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((simulator) => simulator.close()));
  await Promise.all(
    listeners.splice(0).map((server) => new Promise((resolve) => server.close(resolve))),
  );
});

async function start(options: Partial<BridgeSimulatorOptions> = {}) {
  let now = NOW;
  const simulator = await BridgeSimulator.start({
    token: TOKEN,
    locks: sampleLocks(),
    now: () => now,
    ...options,
  });
  simulators.push(simulator);
  return {
    simulator,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

async function call(
  simulator: BridgeSimulator,
  path: string,
  init: { token?: string | null; method?: string; body?: string; query?: boolean } = {},
) {
  const token = init.token === undefined ? encryptedApiToken(TOKEN, NOW) : init.token;
  const useQuery = init.query === true && token !== null;
  const response = await fetch(
    `${simulator.baseUrl}${path}${useQuery ? `?api_token=${token}` : ''}`,
    {
      method: init.method ?? 'GET',
      headers: token === null || useQuery ? {} : { api_token: token },
      ...(init.body === undefined ? {} : { body: init.body }),
    },
  );
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: () => JSON.parse(text) as unknown,
  };
}

/** A listener for callbacks that records what arrives. */
async function listener() {
  const received: { headers: IncomingHttpHeaders; body: unknown }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      });
      res.writeHead(204).end();
    });
  });
  listeners.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`, received };
}

describe('tokens', () => {
  it('accepts a fresh encrypted token in the header or the query', async () => {
    const { simulator } = await start();
    expect((await call(simulator, '/v1.0/bridge')).status).toBe(200);
    expect(
      (
        await call(simulator, '/v1.0/bridge', {
          token: encryptedApiToken(TOKEN, NOW + 1),
          query: true,
        })
      ).status,
    ).toBe(200);
  });

  it('refuses a replayed token', async () => {
    const { simulator } = await start();
    const token = encryptedApiToken(TOKEN, NOW - 5);
    expect((await call(simulator, '/v1.0/lock', { token })).status).toBe(200);
    const replay = await call(simulator, '/v1.0/lock', { token });
    expect(replay.status).toBe(401);
    expect(replay.json()).toEqual({ 'error-description': 'Invalid token' });
  });

  it('a restart forgets used tokens', async () => {
    const { simulator } = await start();
    const token = encryptedApiToken(TOKEN, NOW);
    expect((await call(simulator, '/v1.0/lock', { token })).status).toBe(200);
    simulator.restart();
    expect((await call(simulator, '/v1.0/lock', { token })).status).toBe(200);
  });

  it.each([
    [30_000, 200],
    [30_001, 401],
    [-30_000, 200],
    [-30_001, 401],
  ])(
    'a timestamp %i ms from the bridge clock: %i (default window 30 s)',
    async (offset, status) => {
      const { simulator } = await start();
      expect(
        (await call(simulator, '/v1.0/bridge', { token: encryptedApiToken(TOKEN, NOW + offset) }))
          .status,
      ).toBe(status);
    },
  );

  it('the skew window is configurable', async () => {
    const { simulator } = await start({ maxTokenSkewMs: 1_000 });
    expect(
      (await call(simulator, '/v1.0/bridge', { token: encryptedApiToken(TOKEN, NOW + 1_000) }))
        .status,
    ).toBe(200);
    expect(
      (await call(simulator, '/v1.0/bridge', { token: encryptedApiToken(TOKEN, NOW + 1_001) }))
        .status,
    ).toBe(401);
  });

  it.each([
    ['missing', null],
    ['empty', ''],
    ['the wrong token', encryptedApiToken('other', NOW)],
    ['uppercase hex', encryptedApiToken(TOKEN, NOW).toUpperCase()],
    ['the hash without a timestamp', encryptedApiToken(TOKEN, NOW).slice(0, 64)],
    ['a timestamp in seconds', encryptedApiToken(TOKEN, NOW / 1000)],
    ['the plain token', TOKEN],
  ])('refuses %s', async (_label, token) => {
    const { simulator } = await start();
    expect((await call(simulator, '/v1.0/bridge', { token })).status).toBe(401);
  });

  it('plain mode takes the token itself, every time, and nothing else', async () => {
    const { simulator } = await start({ auth: 'plain' });
    expect((await call(simulator, '/v1.0/bridge', { token: TOKEN })).status).toBe(200);
    expect((await call(simulator, '/v1.0/bridge', { token: TOKEN })).status).toBe(200);
    expect(
      (await call(simulator, '/v1.0/bridge', { token: encryptedApiToken(TOKEN, NOW) })).status,
    ).toBe(401);
    simulator.setAuthMode('encrypted');
    expect((await call(simulator, '/v1.0/bridge', { token: TOKEN })).status).toBe(401);
  });
});

describe('endpoints', () => {
  it('GET /bridge tells its clock; every answer has Date and Server headers', async () => {
    const { simulator, advance } = await start();
    advance(61_500);
    const answer = await call(simulator, '/v1.0/bridge', {
      token: encryptedApiToken(TOKEN, NOW + 61_500),
    });
    expect(answer.json()).toEqual({
      name: 'Bridge-7C31',
      serialNumber: '22420109-001337',
      ssid: 'HomeNet',
      version: '2.2.18420',
      wifiVersion: '35.2.2.4',
      currentTime: new Date(NOW + 61_500).toISOString(),
      isConnected: 1,
    });
    expect(answer.headers.get('date')).toBe(new Date(NOW + 61_500).toUTCString());
    expect(answer.headers.get('server')).toBe('Tedee');
    const refused = await call(simulator, '/v1.0/bridge', { token: null });
    expect(refused.headers.get('date')).toBe(new Date(NOW + 61_500).toUTCString());
  });

  it('GET /lock and /lock/{id} speak the bridge numbers, flags as 0/1', async () => {
    const { simulator } = await start();
    const list = (await call(simulator, '/v1.0/lock')).json() as Record<string, unknown>[];
    expect(list.map((lock) => lock.id)).toEqual([frontDoor, garage, backDoor]);
    expect(list[0]).toMatchObject({
      id: frontDoor,
      name: 'Front door',
      type: 2,
      serialNumber: '23140207-004512',
      isConnected: 1,
      state: 6,
      jammed: 0,
      doorState: 3,
      batteryLevel: 76,
      isCharging: 0,
    });
    simulator.updateLock(garage, { connected: false, jammed: true, battery: 255 });
    const garageLock = (
      await call(simulator, `/v1.0/lock/${garage}`, { token: encryptedApiToken(TOKEN, NOW + 1) })
    ).json();
    expect(garageLock).toMatchObject({
      id: garage,
      type: 4,
      isConnected: 0,
      jammed: 1,
      batteryLevel: 255,
      state: 2,
    });
  });

  it.each([
    ['/v1.0/lock/999', { 'error-description': 'Device not found' }],
    ['/v1.0/lock/abc', { 'error-description': 'Not found' }],
    ['/v1.0/lock/1/2', { 'error-description': 'Not found' }],
    ['/v1.0/nothing', { 'error-description': 'Not found' }],
    ['/v2.0/lock', { 'error-description': 'Not found' }],
    ['/V1.0/lock', { 'error-description': 'Not found' }],
  ])('%s is 404', async (path, body) => {
    const { simulator } = await start();
    const answer = await call(simulator, path);
    expect(answer.status).toBe(404);
    expect(answer.json()).toEqual(body);
  });

  it('callbacks: POST gives an id, GET lists, DELETE removes; unknown ids are 404; PUT is not offered', async () => {
    const { simulator } = await start();
    let stamp = NOW;
    const token = () => encryptedApiToken(TOKEN, (stamp += 1));
    const body = JSON.stringify({
      url: 'http://127.0.0.1:9/a/b',
      method: 'POST',
      headers: [{ 'X-S': 'v' }],
    });
    const added = await call(simulator, '/v1.0/callback', { method: 'POST', body, token: token() });
    expect(added.status).toBe(200);
    expect(added.json()).toEqual({ id: 1 });
    expect((await call(simulator, '/v1.0/callback', { token: token() })).json()).toEqual([
      { id: 1, url: 'http://127.0.0.1:9/a/b', method: 'POST', headers: [{ 'X-S': 'v' }] },
    ]);
    const put = await call(simulator, '/v1.0/callback', {
      method: 'PUT',
      body: '[]',
      token: token(),
    });
    expect(put.status).toBe(404);
    expect(simulator.callbacks()).toHaveLength(1);
    expect(
      (await call(simulator, '/v1.0/callback/1', { method: 'DELETE', token: token() })).status,
    ).toBe(204);
    expect(
      (await call(simulator, '/v1.0/callback/1', { method: 'DELETE', token: token() })).json(),
    ).toEqual({
      'error-description': 'Callback not found',
    });
  });

  it.each([
    ['not JSON', 'url=x'],
    ['no url', '{"headers":[]}'],
    ['a url that is not one', '{"url":"nope"}'],
    ['a GET callback', '{"url":"http://127.0.0.1:9/","method":"GET"}'],
  ])('a registration with %s is 400 and adds nothing', async (_label, body) => {
    const { simulator } = await start();
    expect((await call(simulator, '/v1.0/callback', { method: 'POST', body })).status).toBe(400);
    expect(simulator.callbacks()).toEqual([]);
  });

  it('old firmware answers a registration with 204 and no id', async () => {
    const { simulator } = await start({ callbackIdReply: 'no-content' });
    const answer = await call(simulator, '/v1.0/callback', {
      method: 'POST',
      body: '{"url":"http://127.0.0.1:9/"}',
    });
    expect(answer.status).toBe(204);
    expect(simulator.callbacks()).toEqual([
      { id: 1, url: 'http://127.0.0.1:9/', method: 'POST', headers: [] },
    ]);
  });
});

describe('callbacks it sends', () => {
  it('POSTs each change to every callback with its headers, one event per kind of change', async () => {
    const { simulator } = await start();
    const first = await listener();
    const second = await listener();
    simulator.addCallback(first.url, [{ 'X-Secret': 'one' }]);
    simulator.addCallback(second.url);
    simulator.updateLock(frontDoor, {
      state: 'unlocked',
      battery: 60,
      charging: true,
      connected: false,
    });
    await simulator.deliveriesSettled();
    const timestamp = new Date(NOW).toISOString();
    const device = { deviceType: 2, deviceId: frontDoor, serialNumber: '23140207-004512' };
    const expected = [
      { event: 'device-connection-changed', timestamp, data: { ...device, isConnected: 0 } },
      {
        event: 'lock-status-changed',
        timestamp,
        data: { ...device, state: 2, jammed: 0, doorState: 3 },
      },
      { event: 'device-battery-level-changed', timestamp, data: { ...device, batteryLevel: 60 } },
      { event: 'device-battery-start-charging', timestamp, data: device },
    ];
    expect(first.received.map((request) => request.body)).toEqual(expected);
    expect(second.received.map((request) => request.body)).toEqual(expected);
    expect(first.received[0]?.headers['x-secret']).toBe('one');
    expect(first.received[0]?.headers['content-type']).toBe('application/json');
    expect(second.received[0]?.headers['x-secret']).toBeUndefined();
    expect(simulator.deliveries()).toHaveLength(8);
    expect(
      simulator.deliveries().every((delivery) => delivery.status === 204 && !delivery.dropped),
    ).toBe(true);
  });

  it('a jam, a door and charging stopping are events too; an unchanged value is not', async () => {
    const { simulator } = await start();
    const target = await listener();
    simulator.addCallback(target.url);
    simulator.updateLock(backDoor, { jammed: true });
    simulator.updateLock(backDoor, { door: 'open' });
    simulator.updateLock(backDoor, { charging: false });
    simulator.updateLock(backDoor, { battery: 41, state: 'locked' });
    await simulator.deliveriesSettled();
    expect(target.received.map((request) => request.body)).toMatchObject([
      { event: 'lock-status-changed', data: { jammed: 1, doorState: 0 } },
      { event: 'lock-status-changed', data: { jammed: 1, doorState: 2 } },
      { event: 'device-battery-stop-charging' },
    ]);
  });

  it('sendEvent sends any event body', async () => {
    const { simulator } = await start();
    const target = await listener();
    simulator.addCallback(target.url);
    const event = {
      event: 'backend-connection-changed',
      timestamp: '2025-11-04T18:20:02.118Z',
      data: { isConnected: 0 },
    };
    simulator.sendEvent(event);
    await simulator.deliveriesSettled();
    expect(target.received.map((request) => request.body)).toEqual([event]);
  });

  it('behind a "firewall" the calls are dropped and recorded as such', async () => {
    const { simulator } = await start();
    const target = await listener();
    simulator.addCallback(target.url);
    simulator.dropCallbacks(true);
    simulator.updateLock(frontDoor, { state: 'unlocked' });
    await simulator.deliveriesSettled();
    expect(target.received).toEqual([]);
    expect(simulator.deliveries()).toEqual([
      {
        at: NOW,
        callbackId: 1,
        url: target.url,
        event: 'lock-status-changed',
        status: null,
        dropped: true,
      },
    ]);
    simulator.dropCallbacks(false);
    simulator.updateLock(frontDoor, { state: 'locked' });
    await simulator.deliveriesSettled();
    expect(target.received).toHaveLength(1);
  });

  it('a listener that is gone is a delivery with no status', async () => {
    const { simulator } = await start();
    simulator.addCallback('http://127.0.0.1:9/gone');
    simulator.updateLock(frontDoor, { state: 'unlocked' });
    await simulator.deliveriesSettled();
    expect(simulator.deliveries()).toMatchObject([{ status: null, dropped: false }]);
  });

  it('a restart forgets every callback and starts ids over', async () => {
    const { simulator } = await start();
    const target = await listener();
    simulator.addCallback(target.url);
    simulator.addCallback(target.url);
    simulator.restart();
    expect(simulator.callbacks()).toEqual([]);
    simulator.updateLock(frontDoor, { state: 'unlocked' });
    await simulator.deliveriesSettled();
    expect(target.received).toEqual([]);
    expect(simulator.addCallback(target.url)).toBe(1);
  });

  it('an unreachable bridge sends no callbacks', async () => {
    const { simulator } = await start();
    const target = await listener();
    simulator.addCallback(target.url);
    await simulator.setReachability('silent');
    simulator.updateLock(frontDoor, { state: 'unlocked' });
    await simulator.deliveriesSettled();
    expect(simulator.deliveries()).toEqual([]);
  });
});

describe('reachability, faults and the request log', () => {
  it('a silent bridge holds requests unanswered; answering again drops them', async () => {
    const { simulator } = await start();
    await simulator.setReachability('silent');
    const pending = call(simulator, '/v1.0/bridge').then(
      (answer) => answer.status,
      () => 'dropped',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    await simulator.setReachability('answering');
    expect(await pending).toBe('dropped');
    expect(simulator.requests()).toEqual([
      { at: NOW, method: 'GET', path: '/v1.0/bridge', status: null, lockIds: [], askedLockIds: [] },
    ]);
  });

  it('a refusing bridge closes its port', async () => {
    const { simulator } = await start();
    await simulator.setReachability('refusing');
    await expect(call(simulator, '/v1.0/bridge')).rejects.toThrow();
    await simulator.setReachability('answering');
    expect((await call(simulator, '/v1.0/bridge')).status).toBe(200);
  });

  it('faults come before the token check, in order', async () => {
    const { simulator } = await start();
    simulator.queueFault({
      kind: 'status',
      status: 409,
      body: { json: { 'error-description': 'Busy' } },
    });
    expect((await call(simulator, '/v1.0/lock', { token: null })).status).toBe(409);
    expect(simulator.pendingFaults).toBe(0);
    expect((await call(simulator, '/v1.0/lock', { token: null })).status).toBe(401);
  });

  it('logs every request with its time; shortestRequestGap finds the closest pair', async () => {
    const { simulator, advance } = await start();
    expect(simulator.shortestRequestGap()).toBeNull();
    await call(simulator, '/v1.0/lock', { token: encryptedApiToken(TOKEN, NOW) });
    expect(simulator.shortestRequestGap()).toBeNull();
    advance(1_500);
    await call(simulator, '/v1.0/lock', { token: encryptedApiToken(TOKEN, NOW + 1_500) });
    advance(999);
    await call(simulator, '/v1.0/bridge', { token: encryptedApiToken(TOKEN, NOW + 2_499) });
    advance(3_000);
    await call(simulator, '/v1.0/bridge', { token: encryptedApiToken(TOKEN, NOW + 5_499) });
    expect(simulator.requests().map((entry) => [entry.at - NOW, entry.path, entry.status])).toEqual(
      [
        [0, '/v1.0/lock', 200],
        [1_500, '/v1.0/lock', 200],
        [2_499, '/v1.0/bridge', 200],
        [5_499, '/v1.0/bridge', 200],
      ],
    );
    expect(simulator.shortestRequestGap()).toBe(999);
    simulator.clearRequestLog();
    expect(simulator.requests()).toEqual([]);
  });
});
