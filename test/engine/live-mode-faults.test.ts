/**
 * Live mode through the bridge's faults and the app's holds, against the simulators on
 * loopback on simulated time: both token modes, no replayed token, a rejected token with a
 * key, 409/405/406, pause and sleep, a new bridge configuration, and the token kept out of
 * everything the engine says.
 */
import { describe, expect, it } from 'vitest';
import { BRIDGE_FAULTS } from '../../main/demo/bridge-simulator.ts';
import { SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import { BRIDGE_TOKEN, startLiveHarness } from './live-harness.ts';

const { frontDoor, garage } = SAMPLE_LOCK_IDS;
const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe('tokens', () => {
  it('works with plain tokens when the bridge is set to plain', async () => {
    const h = await startLiveHarness({
      simulator: { auth: 'plain' },
      bridge: { authMode: 'plain' },
    });
    await h.advance(5 * SECOND);
    expect(h.live().mode).toBe('callbacks');
  });

  it('never sends a token twice: ten minutes of encrypted requests, none refused', async () => {
    const h = await startLiveHarness();
    await h.advance(10 * MINUTE);
    const statuses = h.bridge.requests().map((request) => request.status);
    expect(statuses.length).toBeGreaterThan(20);
    expect(statuses.filter((status) => status === 401)).toEqual([]);
  });

  it('with a key, a rejected token is one status message and the cloud takes over', async () => {
    const h = await startLiveHarness({ clockOffsetMs: 45 * SECOND, poll: { intervalSeconds: 30 } });
    await h.advance(5 * SECOND);
    const snapshot = h.monitor.snapshot();
    expect(snapshot.live.mode).toBe('bridge-unreachable');
    expect(snapshot.status.kind).toBe('ok');
    expect(snapshot.status.message).toMatch(
      /^Watching 3 locks\. The bridge rejected the token \(HTTP 401\): your computer's clock is 45 s off .* Following the cloud\.$/,
    );
    await h.advance(2 * MINUTE);
    expect(h.cloudSyncs().length).toBeGreaterThanOrEqual(4);
    expect(h.alerts()).toEqual([]);
  });

  it('a wrong token mode is refused with the switch named', async () => {
    const h = await startLiveHarness({ bridgeOnly: true, bridge: { authMode: 'plain' } });
    await h.advance(5 * SECOND);
    expect(h.monitor.snapshot().status).toMatchObject({ kind: 'auth-error' });
    expect(h.monitor.snapshot().status.message).toMatch(/"Encrypted token" switch/);
  });

  it('keeps the token out of snapshots, events and log lines', async () => {
    const h = await startLiveHarness({ clockOffsetMs: 45 * SECOND });
    await h.advance(5 * SECOND);
    const said = JSON.stringify([h.events, h.log, h.monitor.snapshot()]);
    expect(said).not.toContain(BRIDGE_TOKEN);
  });
});

describe('faults', () => {
  it('registers through two 409 busy answers', async () => {
    const h = await startLiveHarness({ manualStart: true });
    h.monitor.start();
    // GET /lock first; the registration that follows meets two 409s, retried 1 s and 2 s later.
    await h.advance(0);
    h.bridge.queueFault(BRIDGE_FAULTS.busy, 2);
    await h.advance(10 * SECOND);
    const statuses = h.bridge.requests().map((request) => request.status);
    expect(statuses.slice(0, 4)).toEqual([200, 409, 409, 200]);
    const [, firstBusy, secondBusy, retried] = h.bridge.requests().map((request) => request.at);
    expect(secondBusy! - firstBusy!).toBeGreaterThanOrEqual(1000);
    expect(retried! - secondBusy!).toBeGreaterThanOrEqual(2000);
    expect(h.live().mode).toBe('callbacks');
    expect(h.bridge.callbacks()).toHaveLength(1);
  });

  it('polls the bridge while it stays busy and no callback can be registered', async () => {
    const h = await startLiveHarness({ manualStart: true });
    h.monitor.start();
    await h.advance(0);
    h.bridge.queueFault(BRIDGE_FAULTS.busy, 4);
    await h.advance(10 * SECOND);
    expect(h.live()).toMatchObject({ mode: 'lan-polling' });
    expect(h.live().message).toMatch(
      /it has no callback to this computer \(The bridge stayed busy/,
    );
    // The next check registers it.
    await h.advance(5 * MINUTE);
    expect(h.live().mode).toBe('callbacks');
  });

  it.each([
    ['405', BRIDGE_FAULTS.lockDisconnected],
    ['406', BRIDGE_FAULTS.bluetooth],
  ] as const)('one %s to a heartbeat is a hiccup, not an outage', async (_status, fault) => {
    const h = await startLiveHarness();
    await h.advance(5 * SECOND);
    h.bridge.queueFault(fault);
    await h.advance(30 * SECOND);
    expect(h.bridge.requests().some((request) => request.status === Number(_status))).toBe(true);
    await h.advance(10 * SECOND);
    expect(h.live().mode).toBe('callbacks');
  });
});

describe('holds', () => {
  it('sends nothing to the bridge while paused or asleep, and checks the callback after', async () => {
    const h = await startLiveHarness();
    await h.advance(5 * SECOND);
    h.monitor.pause();
    await h.settle();
    h.bridge.clearRequestLog();
    await h.advance(5 * MINUTE);
    expect(h.bridge.requests()).toEqual([]);
    h.monitor.resume();
    await h.advance(5 * SECOND);
    expect(h.bridgePaths()).toEqual(['GET /v1.0/lock', 'GET /v1.0/callback']);

    h.monitor.suspend();
    await h.settle();
    h.bridge.clearRequestLog();
    await h.advance(5 * MINUTE);
    expect(h.bridge.requests()).toEqual([]);
    h.monitor.wake();
    await h.advance(5 * SECOND);
    expect(h.bridgePaths()).toEqual(['GET /v1.0/lock', 'GET /v1.0/callback']);
    expect(h.live().mode).toBe('callbacks');
  });

  it('a new bridge configuration deletes the old callback; null turns live mode off', async () => {
    const h = await startLiveHarness();
    await h.advance(5 * SECOND);
    const [old] = h.bridge.callbacks();
    await h.monitor.setBridge({ ...h.connection, instanceId: 'second' });
    await h.advance(5 * SECOND);
    const now = h.bridge.callbacks();
    expect(now).toHaveLength(1);
    expect(now[0]!.url).not.toBe(old!.url);
    expect(new URL(now[0]!.url).pathname.split('/')[1]).toBe('second');

    await h.monitor.setBridge(null);
    expect(h.bridge.callbacks()).toEqual([]);
    expect(h.live()).toEqual({ mode: 'off', bridgeOnly: false, message: '' });
    h.changeAtTheDoor(frontDoor, { state: 'unlocked' });
    await h.advance(35 * SECOND);
    expect(h.lock(frontDoor)).toMatchObject({ state: 'unlocked', source: 'cloud' });
    expect(h.lock(garage)!.source).toBe('cloud');
  });
});
