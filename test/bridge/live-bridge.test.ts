/**
 * LiveBridge on its own, against the bridge simulator on loopback on a manual clock: the
 * grace a heartbeat gives a late callback, moving the callback when this computer's address
 * changes, and the LAN polling interval it accepts.
 */
import { afterEach, describe, expect, it } from 'vitest';
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

async function startLive(options: Partial<LiveBridgeOptions> = {}) {
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
  };
  const log: string[] = [];
  const live = new LiveBridge({
    connection,
    clock,
    log: (line) => log.push(line),
    listener: { locks: () => {}, event: () => {}, modeChanged: () => {} },
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
  live.start();
  return { clock, bridge, live, log, advance, settle, connection };
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
