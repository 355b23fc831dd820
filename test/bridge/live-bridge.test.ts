/**
 * LiveBridge on its own, against the bridge simulator on loopback on a manual clock: the
 * grace a heartbeat gives a late callback, moving the callback when this computer's address
 * changes, and the LAN polling interval it accepts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BridgeAuthError } from '../../main/bridge/bridge-errors.ts';
import type { BridgeEvent } from '../../main/bridge/bridge-events.ts';
import type { BridgeLock } from '../../main/bridge/bridge-model.ts';
import { LiveBridge } from '../../main/bridge/live-bridge.ts';
import type { LiveBridgeOptions } from '../../main/bridge/live-bridge.ts';
import { BridgeSimulator } from '../../main/demo/bridge-simulator.ts';
import { SAMPLE_LOCK_IDS, sampleLocks } from '../../main/demo/sample-locks.ts';
import type { BridgeConnection } from '../../main/engine/bridge-connection.ts';
import { ManualClock } from '../support/manual-clock.ts';

const TOKEN = 'Lb7TokEn2xKp9Lm';
const SECOND = 1000;

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function startLive(
  options: Partial<LiveBridgeOptions> = {},
  connectionChanges: Partial<BridgeConnection> = {},
  { autoStart = true } = {},
) {
  const clock = new ManualClock();
  const bridge = await BridgeSimulator.start({
    token: TOKEN,
    locks: sampleLocks(),
    now: () => clock.now(),
  });
  const connection: BridgeConnection = {
    address: bridge.baseUrl,
    token: TOKEN,
    authMode: 'encrypted',
    callbackHost: null,
    callbackPort: null,
    lanPollSeconds: 3,
    instanceId: 'live-unit',
    ...connectionChanges,
  };
  const log: string[] = [];
  const heard = { locks: [] as BridgeLock[][], events: [] as BridgeEvent[], modeChanges: 0 };
  const live = new LiveBridge({
    connection,
    clock,
    log: (line) => log.push(line),
    listener: {
      locks: (locks) => heard.locks.push([...locks]),
      event: (event) => heard.events.push(event),
      modeChanged: () => (heard.modeChanges += 1),
    },
    ...options,
  });
  closers.push(async () => {
    await live.stop();
    await bridge.close();
  });
  const settle = async () => {
    for (let quiet = 0; quiet < 4;) {
      const before = bridge.requests().length + bridge.deliveries().length;
      await Promise.all([live.requestsSettled(), bridge.deliveriesSettled()]);
      await new Promise((resolve) => setTimeout(resolve, 4));
      quiet = bridge.requests().length + bridge.deliveries().length === before ? quiet + 1 : 0;
    }
  };
  const advance = async (ms: number) => {
    await settle();
    await clock.advanceBy(ms, settle);
  };
  if (autoStart) live.start();
  const paths = () => requestLines(bridge);
  return { clock, bridge, live, log, advance, settle, connection, heard, paths };
}

/** `METHOD path` of every request the bridge received. */
function requestLines(bridge: BridgeSimulator): string[] {
  return bridge.requests().map((entry) => `${entry.method} ${entry.path}`);
}

describe('a heartbeat that overtakes the callback', () => {
  it('waits 2 s for the callback before concluding that callbacks are lost', async () => {
    const h = await startLive({ localAddress: async () => '127.0.0.1' });
    await h.advance(5 * SECOND);
    expect(h.live.mode).toBe('callbacks');
    // The change reaches GET /lock before its callback leaves the bridge.
    h.bridge.dropCallbacks(true);
    h.bridge.updateLock(SAMPLE_LOCK_IDS.frontDoor, { state: 'unlocked' });
    h.bridge.dropCallbacks(false);
    await h.advance(25 * SECOND); // the heartbeat at 30 s has answered
    h.bridge.sendEvent({
      event: 'lock-status-changed',
      timestamp: new Date(h.clock.now()).toISOString(),
      data: {
        deviceType: 2,
        deviceId: SAMPLE_LOCK_IDS.frontDoor,
        serialNumber: '23140207-004512',
        state: 2,
        jammed: 0,
        doorState: 3,
      },
    });
    await h.advance(5 * SECOND);
    expect(h.live.mode).toBe('callbacks');
    expect(h.log).not.toContain(
      'Bridge: a heartbeat found a change no callback reported; polling the bridge.',
    );
  });
});

describe("this computer's address", () => {
  it('moves the callback to the new address at the next check', async () => {
    let address = '127.0.0.1';
    const h = await startLive({ localAddress: async () => address });
    await h.advance(5 * SECOND);
    const [first] = h.bridge.callbacks();
    expect(new URL(first!.url).hostname).toBe('127.0.0.1');
    address = '127.0.0.2';
    await h.advance(5 * 60 * SECOND);
    const callbacks = h.bridge.callbacks();
    expect(callbacks).toHaveLength(1);
    expect(new URL(callbacks[0]!.url).hostname).toBe('127.0.0.2');
    expect(h.log).toContain(
      "Bridge: this computer's address toward the bridge changed; moving the callback.",
    );
  });

  it('is found from the connection to the bridge when no callback host is set', async () => {
    const h = await startLive();
    await h.advance(5 * SECOND);
    expect(new URL(h.bridge.callbacks()[0]!.url).hostname).toBe('127.0.0.1');
  });
});

describe('the LAN polling interval', () => {
  it.each([0, 61, 2.5])('refuses %s s', async (lanPollSeconds) => {
    const bridge = await BridgeSimulator.start({ token: TOKEN });
    closers.push(() => bridge.close());
    expect(
      () =>
        new LiveBridge({
          connection: {
            address: bridge.baseUrl,
            token: TOKEN,
            authMode: 'encrypted',
            callbackHost: null,
            callbackPort: null,
            lanPollSeconds,
            instanceId: 'x',
          },
          clock: new ManualClock(),
          listener: { locks: () => {}, event: () => {}, modeChanged: () => {} },
        }),
    ).toThrow('The LAN polling interval must be 1 to 60 whole seconds.');
  });
});

const LIVE = 'Live: the bridge reports every change.';

describe('the mode and its message', () => {
  it('connects, then is live through callbacks, telling the owner once', async () => {
    const h = await startLive({ localAddress: async () => '127.0.0.1' }, {}, { autoStart: false });
    const host = `127.0.0.1:${h.bridge.port}`;
    expect(h.live.mode).toBe('bridge-unreachable');
    expect(h.live.message).toBe(`Connecting to the bridge at ${host}…`);
    expect(h.live.connecting).toBe(true);
    expect(h.live.authError).toBeNull();
    h.live.start();
    await h.advance(5 * SECOND);
    expect(h.live.mode).toBe('callbacks');
    expect(h.live.message).toBe(LIVE);
    expect(h.live.connecting).toBe(false);
    expect(h.heard.modeChanges).toBe(1);
    expect(h.heard.locks).toHaveLength(1);
    expect(h.heard.locks[0]!.map((lock) => lock.id)).toEqual(Object.values(SAMPLE_LOCK_IDS));
    expect([...h.live.serials]).toEqual(h.heard.locks[0]!.map((lock) => lock.serial));
    expect(h.live.bridgeIdOf('23140207-004512')).toBe(SAMPLE_LOCK_IDS.frontDoor);
    expect(h.live.bridgeIdOf('no-such-serial')).toBeNull();
    expect(h.log).toEqual([]);
    // Lock operations go through the same client.
    expect((await h.live.operator.getLock(SAMPLE_LOCK_IDS.garage)).id).toBe(SAMPLE_LOCK_IDS.garage);
    // Heartbeats every 30 s that find nothing new change nothing.
    await h.advance(60 * SECOND);
    expect(h.heard.locks).toHaveLength(3);
    expect(h.heard.modeChanges).toBe(1);
    expect(h.paths().filter((line) => line === 'GET /v1.0/lock')).toHaveLength(3);
    // The callback is checked every 5 minutes, not at every heartbeat.
    expect(h.paths().filter((line) => line === 'GET /v1.0/callback')).toHaveLength(1);
  });

  it('before the first answer it is connecting, and retries every 5 s', async () => {
    const h = await startLive({ localAddress: async () => '127.0.0.1' }, {}, { autoStart: false });
    h.bridge.queueFault({ kind: 'status', status: 503 }, 3);
    h.live.start();
    await h.advance(12 * SECOND);
    expect(h.live.mode).toBe('bridge-unreachable');
    expect(h.live.message).toBe(`Connecting to the bridge at 127.0.0.1:${h.bridge.port}…`);
    expect(h.live.connecting).toBe(true);
    expect(h.heard.modeChanges).toBe(0);
    await h.advance(5 * SECOND);
    expect(h.live.mode).toBe('callbacks');
    const polls = h.bridge.requests().filter((entry) => entry.path === '/v1.0/lock');
    expect(polls.map((entry) => entry.at - polls[0]!.at)).toEqual([0, 5_000, 10_000, 15_000]);
  });

  it('starting again while running sends nothing extra', async () => {
    const h = await startLive({ localAddress: async () => '127.0.0.1' });
    await h.advance(5 * SECOND);
    const before = h.bridge.requests().length;
    h.live.start();
    await h.advance(20 * SECOND);
    expect(h.bridge.requests()).toHaveLength(before);
  });

  it('is unreachable 30 s after the last answer, and back when it answers', async () => {
    const h = await startLive({ localAddress: async () => '127.0.0.1' });
    await h.advance(5 * SECOND);
    expect(h.live.mode).toBe('callbacks');
    await h.bridge.setReachability('refusing');
    await h.advance(24 * SECOND);
    expect(h.live.mode).toBe('callbacks');
    await h.advance(1 * SECOND); // the heartbeat at 30 s fails, 30 s after the last answer
    expect(h.live.mode).toBe('bridge-unreachable');
    expect(h.live.message).toBe(
      `The bridge at 127.0.0.1:${h.bridge.port} has not answered for 30 s.`,
    );
    expect(h.live.connecting).toBe(false);
    expect(h.heard.modeChanges).toBe(2);
    await h.bridge.setReachability('answering');
    h.bridge.clearRequestLog();
    await h.advance(9 * SECOND);
    expect(h.bridge.requests()).toEqual([]);
    // Retried 10 s after the failure; the callback check follows a second later.
    await h.advance(2 * SECOND);
    expect(h.live.mode).toBe('callbacks');
    // Back from an outage, the callback is checked at once.
    expect(h.paths()).toEqual(['GET /v1.0/lock', 'GET /v1.0/callback']);
  });

  it('a rejected token is the auth error, asked again only every 5 minutes', async () => {
    const h = await startLive({ localAddress: async () => '127.0.0.1' }, { authMode: 'plain' });
    await h.advance(5 * SECOND);
    expect(h.live.authError).toBeInstanceOf(BridgeAuthError);
    expect(h.live.mode).toBe('bridge-unreachable');
    expect(h.live.message).toBe(h.live.authError!.message);
    expect(h.live.connecting).toBe(false);
    h.bridge.clearRequestLog();
    await h.advance(5 * 60 * SECOND - 6 * SECOND);
    expect(h.bridge.requests()).toEqual([]);
    h.bridge.setAuthMode('plain');
    await h.advance(10 * SECOND);
    expect(h.live.authError).toBeNull();
    expect(h.live.mode).toBe('callbacks');
    expect(h.paths()).toEqual(['GET /v1.0/lock', 'GET /v1.0/callback', 'POST /v1.0/callback']);
  });

  it('without a callback it polls the bridge, and says why', async () => {
    const h = await startLive({
      localAddress: async () => {
        throw new Error('no route');
      },
    });
    await h.advance(5 * SECOND);
    expect(h.live.mode).toBe('lan-polling');
    expect(h.live.message).toBe(
      'Live by polling the bridge: it has no callback to this computer (this computer cannot listen for the bridge on the callback address.).',
    );
    expect(h.log).toContain(
      'Bridge: no callback (this computer cannot listen for the bridge on the callback address.)',
    );
    h.bridge.clearRequestLog();
    await h.advance(9 * SECOND);
    expect(h.paths()).toEqual(['GET /v1.0/lock', 'GET /v1.0/lock', 'GET /v1.0/lock']);
    expect(new Set(h.bridge.requests().map((entry) => entry.at % 3_000)).size).toBe(1);
    // While polling, a change is simply seen: no wait for a callback, no "callbacks lost".
    h.bridge.updateLock(SAMPLE_LOCK_IDS.frontDoor, { state: 'unlocked' });
    await h.advance(9 * SECOND);
    expect(h.log.some((line) => line.includes('a heartbeat found a change'))).toBe(false);
  });

  it('a token rejected while checking the callback is the auth error', async () => {
    const h = await startLive({ localAddress: async () => '127.0.0.1' });
    h.bridge.queueFault({ kind: 'delay', ms: 0 });
    h.bridge.queueFault({ kind: 'status', status: 401 }, 2);
    await h.advance(5 * SECOND);
    expect(h.live.authError).toBeInstanceOf(BridgeAuthError);
    expect(h.live.mode).toBe('bridge-unreachable');
    expect(h.live.message).toBe(h.live.authError!.message);
  });

  it('registers the callback again when the bridge lost it, at the 5-minute check', async () => {
    const h = await startLive({ localAddress: async () => '127.0.0.1' });
    await h.advance(5 * SECOND);
    h.bridge.restart();
    await h.advance(5 * 60 * SECOND);
    expect(h.bridge.callbacks()).toHaveLength(1);
    expect(h.log).toContain('Bridge: registered the callback again (the bridge had lost it).');
    expect(h.live.mode).toBe('callbacks');
  });

  it('a bridge error while registering is the reason given', async () => {
    const h = await startLive({ localAddress: async () => '127.0.0.1' });
    h.bridge.queueFault({ kind: 'delay', ms: 0 });
    h.bridge.queueFault({ kind: 'status', status: 503 });
    await h.advance(5 * SECOND);
    expect(h.live.mode).toBe('lan-polling');
    expect(h.live.message).toBe(
      'Live by polling the bridge: it has no callback to this computer (The bridge sent a response this app cannot read: unexpected HTTP status 503.).',
    );
  });
});

describe('callbacks that stop arriving', () => {
  it.each<[string, Parameters<BridgeSimulator['updateLock']>[1]]>([
    ['state', { state: 'unlocked' }],
    ['jammed', { jammed: true }],
    ['door', { door: 'open' }],
    ['connection', { connected: false }],
    ['battery', { battery: 20 }],
  ])('a %s change only the heartbeat saw turns LAN polling on', async (_field, patch) => {
    const h = await startLive({ localAddress: async () => '127.0.0.1' });
    await h.advance(5 * SECOND);
    h.bridge.dropCallbacks(true);
    h.bridge.updateLock(SAMPLE_LOCK_IDS.frontDoor, patch);
    await h.advance(30 * SECOND);
    expect(h.live.mode).toBe('lan-polling');
    expect(h.live.message).toBe(
      'Live by polling the bridge: its updates cannot reach this computer. Allow incoming ' +
        `connections to port ${new URL(h.bridge.callbacks()[0]!.url).port} in the firewall (Windows Defender ` +
        'Firewall, the macOS firewall, ufw or firewalld on Linux).',
    );
    expect(h.log).toContain(
      'Bridge: a heartbeat found a change no callback reported; polling the bridge.',
    );
    // The next callback brings callbacks back.
    h.bridge.dropCallbacks(false);
    h.bridge.updateLock(SAMPLE_LOCK_IDS.garage, { state: 'locked' });
    await h.settle();
    expect(h.live.mode).toBe('callbacks');
  });

  type Patch = Parameters<BridgeSimulator['updateLock']>[1];
  it.each<[string, Patch, Patch, Patch]>([
    [
      'state, jam and door',
      { state: 'unlocked', jammed: true, door: 'open' },
      { state: 'locked', jammed: false, door: 'closed' },
      { battery: 33 },
    ],
    ['connection', { connected: false }, { connected: true }, { battery: 33 }],
    ['battery', { battery: 20 }, { battery: 50 }, { connected: false }],
    ['charging', { charging: true }, { charging: false }, { battery: 33 }],
  ])(
    'a %s change its callback reported keeps callbacks on',
    async (_field, first, second, lost) => {
      const h = await startLive({ localAddress: async () => '127.0.0.1' });
      await h.advance(5 * SECOND);
      h.bridge.updateLock(SAMPLE_LOCK_IDS.frontDoor, first);
      await h.advance(60 * SECOND);
      expect(h.live.mode).toBe('callbacks');
      expect(h.heard.events.length).toBeGreaterThan(0);
      expect(h.heard.modeChanges).toBe(1);
      // The callback updated the lock's record: a change right after it that no callback
      // reports is still noticed at the next heartbeat.
      await h.settle();
      h.bridge.updateLock(SAMPLE_LOCK_IDS.frontDoor, second);
      await h.settle();
      await expectLostChangeNoticed(h, lost);
    },
  );

  it("a settings callback keeps the lock's record", async () => {
    const h = await startLive({ localAddress: async () => '127.0.0.1' });
    await h.advance(5 * SECOND);
    h.bridge.sendEvent({
      event: 'device-settings-changed',
      timestamp: new Date(h.clock.now()).toISOString(),
      data: { deviceType: 2, deviceId: SAMPLE_LOCK_IDS.frontDoor, serialNumber: '23140207-004512' },
    });
    await h.settle();
    await expectLostChangeNoticed(h);
  });

  it('a fully-charged callback counts as battery 100', async () => {
    const h = await startLive({ localAddress: async () => '127.0.0.1' });
    await h.advance(5 * SECOND);
    h.bridge.dropCallbacks(true);
    h.bridge.updateLock(SAMPLE_LOCK_IDS.frontDoor, { battery: 100 });
    h.bridge.dropCallbacks(false);
    h.bridge.sendEvent({
      event: 'device-battery-fully-charged',
      timestamp: new Date(h.clock.now()).toISOString(),
      data: { deviceType: 2, deviceId: SAMPLE_LOCK_IDS.frontDoor, serialNumber: '23140207-004512' },
    });
    await h.advance(60 * SECOND);
    expect(h.live.mode).toBe('callbacks');
    h.bridge.sendEvent({
      event: 'device-battery-fully-charged',
      timestamp: new Date(h.clock.now()).toISOString(),
      data: { deviceType: 2, deviceId: SAMPLE_LOCK_IDS.frontDoor, serialNumber: '23140207-004512' },
    });
    await h.settle();
    await expectLostChangeNoticed(h);
  });
});

/** A change whose callback is lost turns LAN polling on at the next heartbeat. */
async function expectLostChangeNoticed(
  h: Awaited<ReturnType<typeof startLive>>,
  lost: Parameters<BridgeSimulator['updateLock']>[1] = { battery: 33 },
): Promise<void> {
  h.bridge.dropCallbacks(true);
  h.bridge.updateLock(SAMPLE_LOCK_IDS.frontDoor, lost);
  await h.advance(33 * SECOND);
  expect(h.live.mode).toBe('lan-polling');
}

describe('hold, start and stop', () => {
  it('sends nothing while held, and checks the callback on resuming', async () => {
    const h = await startLive({ localAddress: async () => '127.0.0.1' });
    await h.advance(5 * SECOND);
    h.live.hold();
    h.bridge.clearRequestLog();
    await h.advance(10 * 60 * SECOND);
    expect(h.bridge.requests()).toEqual([]);
    h.live.start();
    await h.advance(1 * SECOND);
    expect(h.paths()).toEqual(['GET /v1.0/lock', 'GET /v1.0/callback']);
  });

  it('stop deletes the callback and closes the receiver; nothing after it', async () => {
    const h = await startLive({ localAddress: async () => '127.0.0.1' });
    await h.advance(5 * SECOND);
    const url = h.bridge.callbacks()[0]!.url;
    await h.live.stop();
    expect(h.bridge.callbacks()).toEqual([]);
    await expect(fetch(url, { method: 'POST' })).rejects.toThrow();
    h.bridge.clearRequestLog();
    h.live.start();
    await h.advance(60 * SECOND);
    expect(h.bridge.requests()).toEqual([]);
    await h.live.stop();
  });

  it('stop before anything was registered sends nothing', async () => {
    const h = await startLive({ localAddress: async () => '127.0.0.1' }, {}, { autoStart: false });
    await h.live.stop();
    expect(h.bridge.requests()).toEqual([]);
  });

  it('requestsSettled waits for a request the bridge is still answering', async () => {
    const h = await startLive({ localAddress: async () => '127.0.0.1' }, {}, { autoStart: false });
    h.bridge.queueFault({ kind: 'delay', ms: 100 });
    h.live.start();
    await h.clock.advanceBy(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await h.live.requestsSettled();
    expect(h.paths()).toEqual(['GET /v1.0/lock']);
  });
});

describe('the connection settings', () => {
  it('uses the configured callback host and port', async () => {
    const queries: (string | undefined)[] = [];
    const h = await startLive(
      {
        localAddress: async (query) => {
          queries.push(query.override);
          return '127.0.0.1';
        },
      },
      { callbackHost: '127.0.0.1', callbackPort: 0 },
    );
    await h.advance(5 * SECOND);
    expect(queries[0]).toBe('127.0.0.1');
  });

  it('listens on the configured callback port', async () => {
    const probe = await BridgeSimulator.start({ token: TOKEN });
    const port = probe.port;
    await probe.close();
    const h = await startLive({ localAddress: async () => '127.0.0.1' }, { callbackPort: port });
    await h.advance(5 * SECOND);
    expect(new URL(h.bridge.callbacks()[0]!.url).port).toBe(String(port));
  });

  it('refuses an address off the local network', () => {
    expect(
      () =>
        new LiveBridge({
          connection: {
            address: 'http://8.8.8.8',
            token: TOKEN,
            authMode: 'encrypted',
            callbackHost: null,
            callbackPort: null,
            lanPollSeconds: 3,
            instanceId: 'x',
          },
          clock: new ManualClock(),
          listener: { locks: () => {}, event: () => {}, modeChanged: () => {} },
        }),
    ).toThrow('Invalid bridge address: 8.8.8.8 is not on the local network');
  });

  it.each([1, 60])('accepts a LAN polling interval of %i s', async (lanPollSeconds) => {
    const h = await startLive({}, { lanPollSeconds }, { autoStart: false });
    expect(h.live.mode).toBe('bridge-unreachable');
  });
});
