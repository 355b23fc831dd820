/**
 * The callback receiver over loopback: real callbacks from the bridge simulator arrive as
 * events; forged ones (wrong secret, path, method, size, body, shape or source) are refused
 * with nothing changed.
 */
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../main/bridge/bridge-events.ts';
import { CallbackReceiver } from '../../main/bridge/callback-receiver.ts';
import type { CallbackReceiverOptions } from '../../main/bridge/callback-receiver.ts';
import { callbackUrl } from '../../main/bridge/callback-url.ts';
import { SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import { START, bridgeFixture, closeBridges, startBridge } from './bridge-harness.ts';

const SECRETS = { path: 'AAAAAAAAAAAAAAAAAAAAAA', header: 'hhhhhhhhhhhhhhhhhhhhhh' };
const INSTANCE = 'inst01';

const receivers: CallbackReceiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
  await closeBridges();
});

async function startReceiver(options: Partial<CallbackReceiverOptions> = {}) {
  const events: BridgeEvent[] = [];
  const log: string[] = [];
  const receiver = await CallbackReceiver.start({
    host: '127.0.0.1',
    bridgeHost: '127.0.0.1',
    instanceId: INSTANCE,
    onEvent: (event) => events.push(event),
    log: (line) => log.push(line),
    secrets: SECRETS,
    ...options,
  });
  receivers.push(receiver);
  return { receiver, events, log };
}

interface Post {
  path?: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

async function post(receiver: CallbackReceiver, request: Post = {}): Promise<number> {
  const url = new URL(receiver.callbackRequest.url);
  const response = await fetch(`${url.origin}${request.path ?? url.pathname}`, {
    method: request.method ?? 'POST',
    headers: request.headers ?? {
      ...receiver.callbackRequest.headers,
      'Content-Type': 'application/json',
    },
    ...(request.method === 'GET'
      ? {}
      : {
          body:
            request.body ?? JSON.stringify(bridgeFixture('bridge-callback-lock-status-changed')),
        }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Lets the receiver's setImmediate hand-over run. */
const handedOver = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('callbacks from the bridge', () => {
  it('a lock change on the bridge arrives as an event, answered 204', async () => {
    const { receiver, events } = await startReceiver();
    const { simulator, client } = await startBridge();
    await client().addCallback(receiver.callbackRequest);
    simulator.updateLock(SAMPLE_LOCK_IDS.garage, { state: 'locked' });
    await simulator.deliveriesSettled();
    await handedOver();
    expect(events).toEqual([
      {
        kind: 'lock-status',
        at: new Date(START).toISOString(),
        lockId: SAMPLE_LOCK_IDS.garage,
        serial: '24310511-000873',
        state: 'locked',
        jammed: false,
        door: 'not-paired',
      },
    ]);
    expect(simulator.deliveries()).toMatchObject([
      { status: 204, dropped: false, event: 'lock-status-changed' },
    ]);
    expect(receiver.eventsAccepted).toBe(1);
  });

  it.each([
    [
      'bridge-callback-lock-status-changed',
      {
        kind: 'lock-status',
        at: '2025-11-04T18:02:11.407Z',
        lockId: 48213,
        serial: '23140207-004512',
        state: 'locked',
        jammed: false,
        door: 'closed',
      },
    ],
    [
      'bridge-callback-device-connection-changed',
      {
        kind: 'lock-connection',
        at: '2025-11-04T18:07:45.031Z',
        lockId: 48402,
        serial: '24310511-000655',
        connected: false,
      },
    ],
    [
      'bridge-callback-battery-level-changed',
      {
        kind: 'battery-level',
        at: '2025-11-04T18:12:30.662Z',
        lockId: 48213,
        serial: '23140207-004512',
        battery: 19,
      },
    ],
    [
      'bridge-callback-backend-connection-changed',
      { kind: 'bridge-cloud-connection', at: '2025-11-04T18:20:02.118Z', connected: false },
    ],
  ])('the documentation sample %s', async (fixture, expected) => {
    const { receiver, events } = await startReceiver();
    expect(await post(receiver, { body: JSON.stringify(bridgeFixture(fixture)) })).toBe(204);
    await handedOver();
    expect(events).toEqual([expected]);
  });

  const device = { deviceType: 2, deviceId: 7, serialNumber: 'S-7' };
  const at = '2025-11-04T18:00:00.000Z';
  it.each([
    ['device-battery-start-charging', device, { kind: 'charging', charging: true }],
    ['device-battery-stop-charging', device, { kind: 'charging', charging: false }],
    ['device-battery-fully-charged', device, { kind: 'fully-charged' }],
    ['device-settings-changed', device, { kind: 'settings-changed' }],
    [
      'device-battery-level-changed',
      { ...device, batteryLevel: 255 },
      { kind: 'battery-level', battery: null },
    ],
    [
      'device-connection-changed',
      { ...device, isConnected: 1 },
      { kind: 'lock-connection', connected: true },
    ],
    [
      'lock-status-changed',
      { ...device, state: 255, jammed: 1 },
      { kind: 'lock-status', state: 'unknown', jammed: true, door: null },
    ],
    [
      'lock-status-changed',
      { ...device, state: 18, jammed: 0, doorState: 2 },
      { kind: 'lock-status', state: 'updating', jammed: false, door: 'open' },
    ],
  ])('%s %j', async (event, data, expected) => {
    const { receiver, events } = await startReceiver();
    expect(
      await post(receiver, {
        body: JSON.stringify({ event, timestamp: at, data: { ...data, extra: 'ignored' } }),
      }),
    ).toBe(204);
    await handedOver();
    expect(events).toEqual([{ at, lockId: 7, serial: 'S-7', ...expected }]);
  });

  it('an unknown event is answered 204, logged once and not handed on', async () => {
    const { receiver, events, log } = await startReceiver();
    const body = JSON.stringify({ event: 'bell-button-pressed\n', timestamp: at, data: {} });
    expect(await post(receiver, { body })).toBe(204);
    await handedOver();
    expect(events).toEqual([]);
    expect(log).toEqual(['Bridge callback: ignored the unknown event "bell-button-pressed?".']);
    expect(receiver.eventsAccepted).toBe(1);
  });

  it('an unknown event with a long name is logged with the first 64 characters', async () => {
    const { receiver, log } = await startReceiver();
    const name = `${'a'.repeat(64)}${'b'.repeat(100)}`;
    const body = JSON.stringify({ event: name, timestamp: at, data: {} });
    expect(await post(receiver, { body })).toBe(204);
    expect(log).toEqual([`Bridge callback: ignored the unknown event "${'a'.repeat(64)}".`]);
  });

  it('a failing consumer does not fail the answer or the receiver', async () => {
    const { receiver, log } = await startReceiver({
      onEvent: () => {
        throw new Error('consumer bug');
      },
    });
    expect(await post(receiver)).toBe(204);
    await handedOver();
    expect(log).toEqual(['Bridge callback: handling a "lock-status" event failed.']);
    expect(await post(receiver)).toBe(204);
  });

  it('a body of exactly 64 KiB is accepted', async () => {
    const { receiver, events } = await startReceiver();
    const json = JSON.stringify(bridgeFixture('bridge-callback-lock-status-changed'));
    const body = json + ' '.repeat(64 * 1024 - Buffer.byteLength(json));
    expect(Buffer.byteLength(body)).toBe(65_536);
    expect(await post(receiver, { body })).toBe(204);
    await handedOver();
    expect(events).toHaveLength(1);
  });
});

describe('forged callbacks are refused with nothing changed', () => {
  const valid = JSON.stringify(bridgeFixture('bridge-callback-lock-status-changed'));
  const cases: [string, (receiver: CallbackReceiver) => Post, number, string][] = [
    [
      'wrong secret header',
      () => ({ headers: { 'X-Tedee-Tray-Secret': 'hhhhhhhhhhhhhhhhhhhhhH', ...json } }),
      403,
      'wrong-secret',
    ],
    ['no secret header', () => ({ headers: json }), 403, 'wrong-secret'],
    [
      'secret header one character short',
      () => ({ headers: { 'X-Tedee-Tray-Secret': 'hhhhhhhhhhhhhhhhhhhhh', ...json } }),
      403,
      'wrong-secret',
    ],
    [
      'wrong path secret',
      (r) => ({ path: `/${INSTANCE}/AAAAAAAAAAAAAAAAAAAAAB`, headers: headersOf(r) }),
      404,
      'wrong-path',
    ],
    [
      'wrong instance',
      (r) => ({ path: `/inst02/${SECRETS.path}`, headers: headersOf(r) }),
      404,
      'wrong-path',
    ],
    [
      'extra path segment',
      (r) => ({ path: `/${INSTANCE}/${SECRETS.path}/x`, headers: headersOf(r) }),
      404,
      'wrong-path',
    ],
    [
      'a query string',
      (r) => ({ path: `/${INSTANCE}/${SECRETS.path}?a=1`, headers: headersOf(r) }),
      404,
      'wrong-path',
    ],
    ['the root path', (r) => ({ path: '/', headers: headersOf(r) }), 404, 'wrong-path'],
    ['GET', (r) => ({ method: 'GET', headers: headersOf(r) }), 405, 'wrong-method'],
    ['PUT', (r) => ({ method: 'PUT', headers: headersOf(r) }), 405, 'wrong-method'],
    [
      'one byte over 64 KiB',
      (r) => ({ headers: headersOf(r), body: valid + ' '.repeat(65_537 - valid.length) }),
      413,
      'too-large',
    ],
    ['1 MiB', (r) => ({ headers: headersOf(r), body: 'x'.repeat(1024 * 1024) }), 413, 'too-large'],
    [
      'not JSON',
      (r) => ({ headers: headersOf(r), body: 'event=lock-status-changed' }),
      400,
      'not-json',
    ],
    ['an empty body', (r) => ({ headers: headersOf(r), body: '' }), 400, 'not-json'],
    [
      'JSON but not an event',
      (r) => ({ headers: headersOf(r), body: '[1,2]' }),
      400,
      'wrong-shape',
    ],
    [
      'a known event with a wrong field',
      (r) => ({
        headers: headersOf(r),
        body: valid
          .replace('"jammed": 0', '"jammed": false')
          .replace('"jammed":0', '"jammed":false'),
      }),
      400,
      'wrong-shape',
    ],
    [
      'a known event without its data',
      (r) => ({
        headers: headersOf(r),
        body: JSON.stringify({
          event: 'lock-status-changed',
          timestamp: '2025-11-04T18:02:11.407Z',
          data: {},
        }),
      }),
      400,
      'wrong-shape',
    ],
    [
      'a timestamp that is not a time',
      (r) => ({
        headers: headersOf(r),
        body: valid.replace('2025-11-04T18:02:11.407Z', 'yesterday'),
      }),
      400,
      'wrong-shape',
    ],
    [
      'a backend event with a wrong flag',
      (r) => ({
        headers: headersOf(r),
        body: JSON.stringify({
          event: 'backend-connection-changed',
          timestamp: '2025-11-04T18:02:11.407Z',
          data: { isConnected: 2 },
        }),
      }),
      400,
      'wrong-shape',
    ],
  ];

  it.each(cases)('%s', async (_label, request, status, refusal) => {
    const { receiver, events, log } = await startReceiver();
    expect(await post(receiver, request(receiver))).toBe(status);
    await handedOver();
    expect(events).toEqual([]);
    expect(receiver.eventsAccepted).toBe(0);
    expect(log).toEqual([`Bridge callback: refused a request from 127.0.0.1 (${refusal}).`]);
    // Still listening, and a genuine callback still gets through.
    expect(await post(receiver)).toBe(204);
  });

  it('a refusal closes the connection', async () => {
    const { receiver } = await startReceiver();
    const response = await fetch(receiver.callbackRequest.url, { method: 'GET' });
    await response.arrayBuffer();
    expect(response.status).toBe(405);
    expect(response.headers.get('connection')).toBe('close');
  });

  it('a sender that gives up halfway through its body is refused as unreadable', async () => {
    const { receiver, events, log } = await startReceiver();
    const socket = await sendHalfABody(receiver);
    socket.destroy();
    await until(() => log.length > 0);
    expect(log).toEqual(['Bridge callback: refused a request from 127.0.0.1 (unreadable).']);
    expect(events).toEqual([]);
    expect(await post(receiver)).toBe(204);
  });

  it('a request from an address other than the bridge', async () => {
    const { receiver, events, log } = await startReceiver({ bridgeHost: '192.168.1.20' });
    expect(await post(receiver)).toBe(403);
    await handedOver();
    expect(events).toEqual([]);
    expect(receiver.eventsAccepted).toBe(0);
    expect(log).toEqual(['Bridge callback: refused a request from 127.0.0.1 (wrong-source).']);
  });

  it('the bridge address written as IPv4-mapped IPv6 is the same address', async () => {
    const { receiver } = await startReceiver({ bridgeHost: '::ffff:127.0.0.1' });
    expect(await post(receiver)).toBe(204);
  });

  it.each([
    [65_536, 204, 1],
    [65_537, 413, 0],
  ])('streamed without Content-Length, %i bytes: %i', async (size, status, count) => {
    const { receiver, events } = await startReceiver();
    const json = JSON.stringify(bridgeFixture('bridge-callback-lock-status-changed'));
    const bytes = Buffer.from(json + ' '.repeat(size - Buffer.byteLength(json)));
    const chunks = new ReadableStream({
      start(controller) {
        for (let offset = 0; offset < bytes.length; offset += 10_000)
          controller.enqueue(bytes.subarray(offset, offset + 10_000));
        controller.close();
      },
    });
    const response = await fetch(receiver.callbackRequest.url, {
      method: 'POST',
      headers: receiver.callbackRequest.headers,
      body: chunks,
      duplex: 'half',
    });
    expect(response.status).toBe(status);
    await handedOver();
    expect(events).toHaveLength(count);
  });

  it('a body larger than 64 KiB without Content-Length is cut off', async () => {
    const { receiver, events } = await startReceiver();
    const url = new URL(receiver.callbackRequest.url);
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 5; i += 1) controller.enqueue(new Uint8Array(20_000).fill(32));
        controller.close();
      },
    });
    const response = await fetch(url, {
      method: 'POST',
      headers: receiver.callbackRequest.headers,
      body: chunks,
      duplex: 'half',
    });
    expect(response.status).toBe(413);
    expect(events).toEqual([]);
  });
});

describe('the callback URL', () => {
  it('is short: http, the listening address and port, the instance id and a secret', async () => {
    const { receiver } = await startReceiver({ secrets: undefined });
    const { url, headers } = receiver.callbackRequest;
    expect(url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${receiver.port}/inst01/[A-Za-z0-9_-]{22}$`),
    );
    expect(url.length).toBeLessThanOrEqual(60);
    expect(Object.keys(headers)).toEqual(['X-Tedee-Tray-Secret']);
    expect(headers['X-Tedee-Tray-Secret']).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('random secrets differ between receivers', async () => {
    const first = (await startReceiver({ secrets: undefined })).receiver.callbackRequest;
    const second = (await startReceiver({ secrets: undefined })).receiver.callbackRequest;
    expect(new URL(first.url).pathname).not.toBe(new URL(second.url).pathname);
    expect(first.headers['X-Tedee-Tray-Secret']).not.toBe(second.headers['X-Tedee-Tray-Secret']);
  });

  it('listens on a configured port', async () => {
    const { receiver: probe } = await startReceiver();
    const port = probe.port;
    await probe.close();
    const { receiver } = await startReceiver({ port });
    expect(receiver.port).toBe(port);
    expect(receiver.callbackRequest.url).toContain(`:${port}/`);
  });

  it('a port already in use is an error to the caller', async () => {
    const { receiver: first } = await startReceiver();
    await expect(startReceiver({ port: first.port })).rejects.toThrow(/EADDRINUSE/);
  });

  it('closing does not wait for a callback still arriving', async () => {
    const { receiver } = await startReceiver();
    const socket = await sendHalfABody(receiver);
    const closed = await Promise.race([
      receiver.close().then(() => 'closed'),
      new Promise((resolve) => setTimeout(() => resolve('still open after 1 s'), 1_000)),
    ]);
    socket.destroy();
    expect(closed).toBe('closed');
  });

  it('puts an IPv6 host in brackets', () => {
    expect(callbackUrl('fe80::1', 8080, '/a/b')).toBe('http://[fe80::1]:8080/a/b');
    expect(callbackUrl('192.168.1.50', 47123, '/a/b')).toBe('http://192.168.1.50:47123/a/b');
  });
});

const json = { 'Content-Type': 'application/json' };
function headersOf(receiver: CallbackReceiver): Record<string, string> {
  return { ...receiver.callbackRequest.headers, ...json };
}

/** A genuine callback's request line and headers, and 10 of its 100 bytes of body. */
async function sendHalfABody(receiver: CallbackReceiver): Promise<Socket> {
  const url = new URL(receiver.callbackRequest.url);
  const socket = connect(Number(url.port), url.hostname);
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(
    `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\n` +
      `X-Tedee-Tray-Secret: ${SECRETS.header}\r\nContent-Type: application/json\r\n` +
      `Content-Length: 100\r\n\r\n{"event":`,
  );
  // Lets the receiver read the headers and start on the body.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return socket;
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
