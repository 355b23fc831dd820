/**
 * The callback registration against the bridge simulator: stale clean-up of this
 * installation's leftovers only, re-registration after a restart, deletion on stop within 2 s.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BridgeTimeoutError, BridgeUnreachableError } from '../../main/bridge/bridge-errors.ts';
import { CallbackRegistration } from '../../main/bridge/callback-registration.ts';
import type { CallbackRequest } from '../../main/bridge/bridge-model.ts';
import { BRIDGE_FAULTS } from '../../main/demo/bridge-simulator.ts';
import { closeBridges, startBridge } from './bridge-harness.ts';

afterEach(closeBridges);

const INSTANCE = 'inst01';
const SECRET_HEADER = 'X-Tedee-Tray-Secret';
const ours: CallbackRequest = {
  url: `http://127.0.0.1:47123/${INSTANCE}/AAAAAAAAAAAAAAAAAAAAAA`,
  headers: { [SECRET_HEADER]: 'header-secret-1' },
};
const homeAssistant = 'http://192.168.1.20:8123/api/webhook/5b0e1f7c9a3d4e62b8f04c1d2a7e9b35';

async function setUp() {
  const bridge = await startBridge();
  const registration = new CallbackRegistration({
    client: bridge.client(),
    instanceId: INSTANCE,
    request: ours,
  });
  return { ...bridge, registration };
}

const urls = (callbacks: { url: string }[]) => callbacks.map((callback) => callback.url);
const requestsOf = (entries: { method: string; path: string }[]) =>
  entries.map((entry) => `${entry.method} ${entry.path}`);

describe('register', () => {
  it("removes this installation's leftovers, and only those, before registering", async () => {
    const { simulator, registration } = await setUp();
    simulator.addCallback(homeAssistant);
    const staleOldAddress = simulator.addCallback(
      `http://192.168.1.77:40000/${INSTANCE}/BBBBBBBBBBBBBBBBBBBBBB`,
      [{ [SECRET_HEADER]: 'old' }],
    );
    simulator.addCallback(`http://127.0.0.1:40001/inst02/CCCCCCCCCCCCCCCCCCCCCC`);
    simulator.addCallback(`http://192.168.1.50:47123/${INSTANCE}/cb`);
    const staleSameAddress = simulator.addCallback(ours.url);
    const id = await registration.register();
    expect(id).toBe(6);
    expect(registration.id).toBe(6);
    expect(urls(simulator.callbacks())).toEqual([
      homeAssistant,
      'http://127.0.0.1:40001/inst02/CCCCCCCCCCCCCCCCCCCCCC',
      `http://192.168.1.50:47123/${INSTANCE}/cb`,
      ours.url,
    ]);
    expect(simulator.callbacks()[3]).toEqual({
      id: 6,
      url: ours.url,
      method: 'POST',
      headers: [ours.headers],
    });
    expect(requestsOf(simulator.requests())).toEqual([
      'GET /v1.0/callback',
      `DELETE /v1.0/callback/${staleOldAddress}`,
      `DELETE /v1.0/callback/${staleSameAddress}`,
      'POST /v1.0/callback',
    ]);
    expect(simulator.requests().map((entry) => entry.method)).not.toContain('PUT');
  });

  it('a leftover someone else deleted meanwhile (404) does not stop the registration', async () => {
    const { simulator, registration } = await setUp();
    simulator.addCallback(`http://192.168.1.77:40000/${INSTANCE}/BBBBBBBBBBBBBBBBBBBBBB`);
    simulator.queueFault({ kind: 'delay', ms: 0 });
    simulator.queueFault({
      kind: 'status',
      status: 404,
      body: { json: { 'error-description': 'Callback not found' } },
    });
    expect(await registration.register()).toBe(2);
    // The 404 was a queued fault, so the simulator still lists the leftover.
    expect(urls(simulator.callbacks())).toEqual([
      `http://192.168.1.77:40000/${INSTANCE}/BBBBBBBBBBBBBBBBBBBBBB`,
      ours.url,
    ]);
    expect(simulator.requests().map((entry) => entry.status)).toEqual([200, 404, 200]);
  });

  it('a busy bridge during registration is retried', async () => {
    const { simulator, registration } = await setUp();
    simulator.queueFault({ kind: 'delay', ms: 0 });
    simulator.queueFault(BRIDGE_FAULTS.busy);
    expect(await registration.register()).toBe(1);
    expect(simulator.requests().map((entry) => entry.status)).toEqual([200, 409, 200]);
  });

  it('any other failure during clean-up stops the registration', async () => {
    const { simulator, registration } = await setUp();
    simulator.addCallback(`http://192.168.1.77:40000/${INSTANCE}/BBBBBBBBBBBBBBBBBBBBBB`);
    simulator.queueFault({ kind: 'delay', ms: 0 });
    simulator.queueFault({ kind: 'reset' });
    await expect(registration.register()).rejects.toBeInstanceOf(BridgeUnreachableError);
    expect(registration.id).toBeNull();
  });
});

describe('verify', () => {
  it('finds the callback present with one GET', async () => {
    const { simulator, registration } = await setUp();
    await registration.register();
    simulator.clearRequestLog();
    expect(await registration.verify()).toBe('present');
    expect(requestsOf(simulator.requests())).toEqual(['GET /v1.0/callback']);
  });

  it('registers again after a bridge restart lost it', async () => {
    const { simulator, registration } = await setUp();
    await registration.register();
    simulator.restart();
    expect(simulator.callbacks()).toEqual([]);
    expect(await registration.verify()).toBe('re-registered');
    expect(simulator.callbacks()).toEqual([
      { id: 1, url: ours.url, method: 'POST', headers: [ours.headers] },
    ]);
    expect(await registration.verify()).toBe('present');
  });

  it('after a restart, our old id now naming another program does not count as ours', async () => {
    const { simulator, registration } = await setUp();
    expect(await registration.register()).toBe(1);
    simulator.restart();
    simulator.addCallback(homeAssistant);
    expect(await registration.verify()).toBe('re-registered');
    expect(registration.id).toBe(2);
    expect(urls(simulator.callbacks())).toEqual([homeAssistant, ours.url]);
  });

  it('a callback with our URL but another secret is replaced', async () => {
    const { simulator, registration } = await setUp();
    await registration.register();
    simulator.restart();
    simulator.addCallback(ours.url, [{ [SECRET_HEADER]: 'someone-else' }]);
    expect(await registration.verify()).toBe('re-registered');
    expect(simulator.callbacks()).toEqual([
      { id: 2, url: ours.url, method: 'POST', headers: [ours.headers] },
    ]);
  });

  it('our id and secret at another URL are not our callback as registered', async () => {
    const { simulator, registration } = await setUp();
    expect(await registration.register()).toBe(1);
    simulator.restart();
    simulator.addCallback(`http://10.0.0.9:47123/${INSTANCE}/DDDDDDDDDDDDDDDDDDDDDD`, [
      ours.headers,
    ]);
    expect(await registration.verify()).toBe('re-registered');
    expect(urls(simulator.callbacks())).toEqual([ours.url]);
  });

  it('our URL and secret under another id are not our callback as registered', async () => {
    const { simulator, registration } = await setUp();
    expect(await registration.register()).toBe(1);
    simulator.restart();
    simulator.addCallback(homeAssistant);
    expect(simulator.addCallback(ours.url, [ours.headers])).toBe(2);
    expect(await registration.verify()).toBe('re-registered');
    expect(registration.id).toBe(3);
    expect(simulator.callbacks().map((callback) => callback.id)).toEqual([1, 3]);
  });

  it('a callback that lost one of our headers is registered again', async () => {
    const { simulator, client } = await setUp();
    const twoHeaders = { url: ours.url, headers: { [SECRET_HEADER]: 'one', 'X-Second': 'two' } };
    const registration = new CallbackRegistration({
      client: client(),
      instanceId: INSTANCE,
      request: twoHeaders,
    });
    expect(await registration.register()).toBe(1);
    simulator.restart();
    expect(simulator.addCallback(ours.url, [{ [SECRET_HEADER]: 'one' }])).toBe(1);
    expect(await registration.verify()).toBe('re-registered');
  });

  it('a new address (same instance) replaces the old callback', async () => {
    const { simulator, client } = await setUp();
    const before = new CallbackRegistration({
      client: client(),
      instanceId: INSTANCE,
      request: ours,
    });
    await before.register();
    const moved = { ...ours, url: `http://10.0.0.9:47123/${INSTANCE}/DDDDDDDDDDDDDDDDDDDDDD` };
    const after = new CallbackRegistration({
      client: client(),
      instanceId: INSTANCE,
      request: moved,
    });
    expect(await after.verify()).toBe('re-registered');
    expect(urls(simulator.callbacks())).toEqual([moved.url]);
  });
});

describe('unregister', () => {
  it('deletes our callback and only ours', async () => {
    const { simulator, registration } = await setUp();
    simulator.addCallback(homeAssistant);
    await registration.register();
    expect(await registration.unregister()).toBe(true);
    expect(registration.id).toBeNull();
    expect(urls(simulator.callbacks())).toEqual([homeAssistant]);
  });

  it('a second unregister sends nothing', async () => {
    const { simulator, registration } = await setUp();
    await registration.register();
    expect(await registration.unregister()).toBe(true);
    simulator.clearRequestLog();
    expect(await registration.unregister()).toBe(true);
    expect(simulator.requests()).toEqual([]);
  });

  it('leaves no 2 s timer behind once done (a quitting CLI would wait for it)', async () => {
    const { registration } = await setUp();
    await registration.register();
    const setTimer = vi.spyOn(globalThis, 'setTimeout');
    const clearTimer = vi.spyOn(globalThis, 'clearTimeout');
    try {
      expect(await registration.unregister()).toBe(true);
      const bound = setTimer.mock.calls.findIndex(([, delay]) => delay === 2_000);
      expect(bound).toBeGreaterThanOrEqual(0);
      expect(clearTimer).toHaveBeenCalledWith(setTimer.mock.results[bound]?.value);
    } finally {
      setTimer.mockRestore();
      clearTimer.mockRestore();
    }
  });

  it('nothing registered: nothing sent', async () => {
    const { simulator, registration } = await setUp();
    expect(await registration.unregister()).toBe(true);
    expect(simulator.requests()).toEqual([]);
  });

  it('a callback the bridge no longer has counts as deleted', async () => {
    const { simulator, registration } = await setUp();
    await registration.register();
    simulator.restart();
    expect(await registration.unregister()).toBe(true);
    expect(registration.id).toBeNull();
  });

  it('gives up after 2 s when the bridge does not answer, keeping the id for later', async () => {
    const { simulator, registration } = await setUp();
    await registration.register();
    await simulator.setReachability('silent');
    const started = performance.now();
    expect(await registration.unregister()).toBe(false);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1_950);
    expect(elapsed).toBeLessThan(2_500);
    expect(registration.id).toBe(1);
  });

  it('removes ours by instance when stopped before the bridge said which id it gave', async () => {
    const { simulator, client } = await setUp();
    simulator.addCallback(homeAssistant);
    const real = client();
    // The bridge stores the callback, and its answer is lost (aborted, timed out).
    const registration = new CallbackRegistration({
      client: {
        listCallbacks: (signal) => real.listCallbacks(signal),
        deleteCallback: (id, signal) => real.deleteCallback(id, signal),
        addCallback: async (request, signal) => {
          await real.addCallback(request, signal);
          throw new BridgeTimeoutError(5_000);
        },
      },
      instanceId: INSTANCE,
      request: ours,
    });
    await expect(registration.register()).rejects.toThrow(BridgeTimeoutError);
    expect(urls(simulator.callbacks())).toEqual([homeAssistant, ours.url]);
    expect(await registration.unregister()).toBe(true);
    expect(urls(simulator.callbacks())).toEqual([homeAssistant]);
    // Done: unregistering again asks the bridge nothing.
    simulator.clearRequestLog();
    expect(await registration.unregister()).toBe(true);
    expect(simulator.requests()).toEqual([]);
  });

  it('never deletes an old id after a failed re-registration: another program may have it now', async () => {
    const { simulator, client } = await setUp();
    const real = client();
    let addWorks = true;
    const registration = new CallbackRegistration({
      client: {
        listCallbacks: (signal) => real.listCallbacks(signal),
        deleteCallback: (id, signal) => real.deleteCallback(id, signal),
        addCallback: async (request, signal) => {
          if (!addWorks) throw new BridgeTimeoutError(5_000);
          return real.addCallback(request, signal);
        },
      },
      instanceId: INSTANCE,
      request: ours,
    });
    expect(await registration.register()).toBe(1);
    simulator.restart();
    expect(simulator.addCallback(homeAssistant)).toBe(1);
    addWorks = false;
    await expect(registration.verify()).rejects.toThrow(BridgeTimeoutError);
    expect(registration.id).toBeNull();
    expect(await registration.unregister()).toBe(true);
    expect(urls(simulator.callbacks())).toEqual([homeAssistant]);
  });

  it('a bridge that refuses is reported at once, not after 2 s', async () => {
    const { simulator, registration } = await setUp();
    await registration.register();
    await simulator.setReachability('refusing');
    const started = performance.now();
    expect(await registration.unregister()).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
