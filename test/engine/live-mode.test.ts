/**
 * Live mode against the bridge simulator and the cloud simulator over loopback, on simulated
 * time: callbacks with heartbeats, LAN polling when callbacks do not arrive, the cloud when the
 * bridge is gone, and back.
 */
import { describe, expect, it } from 'vitest';
import { SAMPLE_LOCK_IDS, sampleLocks } from '../../main/demo/sample-locks.ts';
import { INSTANCE, startLiveHarness } from './live-harness.ts';

const { frontDoor, garage, backDoor } = SAMPLE_LOCK_IDS;
const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe('callbacks', () => {
  it('registers one callback and is live with every lock from the bridge', async () => {
    const h = await startLiveHarness();
    await h.advance(5 * SECOND);
    expect(h.live()).toEqual({
      mode: 'callbacks',
      bridgeOnly: false,
      message: 'Live: the bridge reports every change.',
    });
    const callbacks = h.bridge.callbacks();
    expect(callbacks).toHaveLength(1);
    expect(callbacks[0]!.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/${INSTANCE}/`));
    expect(h.monitor.snapshot().locks.map((lock) => lock.source)).toEqual([
      'bridge',
      'bridge',
      'bridge',
    ]);
    expect(h.monitor.snapshot().status).toMatchObject({
      kind: 'ok',
      message: 'Watching 3 locks. Live: the bridge reports every change.',
    });
  });

  it('shows a change as soon as the callback arrives, with the event time as lastChanged', async () => {
    const h = await startLiveHarness();
    await h.advance(5 * SECOND);
    const before = h.events.length;
    h.changeAtTheDoor(frontDoor, { state: 'unlocked' });
    await h.settle();
    const lock = h.lock(frontDoor)!;
    expect(lock).toMatchObject({
      state: 'unlocked',
      source: 'bridge',
      lastSyncedAt: h.clock.now(),
    });
    expect(lock.lastChanged).toBe(new Date(h.clock.now()).toISOString());
    const after = h.events.slice(before);
    expect(after.some((event) => event.type === 'snapshot' && event.cause === 'bridge')).toBe(true);
  });

  it('takes every kind of event, and the heartbeat after them finds nothing unreported', async () => {
    const h = await startLiveHarness();
    await h.advance(5 * SECOND);
    h.changeAtTheDoor(garage, { battery: 12, charging: true, door: 'open', jammed: true });
    h.changeAtTheDoor(backDoor, { connected: false });
    await h.settle();
    expect(h.lock(garage)).toMatchObject({
      battery: 12,
      charging: true,
      door: 'open',
      lastOperationFailed: true,
      source: 'bridge',
    });
    expect(h.lock(backDoor)).toMatchObject({ connected: false, source: 'bridge' });
    const device = { deviceType: 4, deviceId: garage, serialNumber: '24310511-000873' };
    const at = new Date(h.clock.now()).toISOString();
    h.bridge.updateLock(garage, { battery: 100, charging: false });
    h.bridge.sendEvent({ event: 'device-battery-fully-charged', timestamp: at, data: device });
    h.bridge.sendEvent({ event: 'device-settings-changed', timestamp: at, data: device });
    h.bridge.sendEvent({
      event: 'backend-connection-changed',
      timestamp: at,
      data: { isConnected: 0 },
    });
    await h.settle();
    expect(h.lock(garage)).toMatchObject({ battery: 100, charging: false });
    await h.advance(35 * SECOND);
    expect(h.live().mode).toBe('callbacks');
    expect(h.log).not.toContain(
      'Bridge: a heartbeat found a change no callback reported; polling the bridge.',
    );
  });

  it('sends a heartbeat GET /lock every 30 s and checks the callback every 5 minutes', async () => {
    const h = await startLiveHarness();
    await h.advance(5 * SECOND);
    h.bridge.clearRequestLog();
    await h.advance(10 * MINUTE);
    const paths = h.bridgePaths();
    expect(paths.filter((path) => path === 'GET /v1.0/lock')).toHaveLength(20);
    expect(paths.filter((path) => path === 'GET /v1.0/callback')).toHaveLength(2);
    expect(paths.filter((path) => !path.startsWith('GET'))).toEqual([]);
    expect(h.bridge.shortestRequestGap()).toBeGreaterThanOrEqual(1000);
  });

  it('an unchanged heartbeat emits no change, only a confirmation', async () => {
    const h = await startLiveHarness();
    await h.advance(5 * SECOND);
    const before = h.events.length;
    await h.advance(30 * SECOND);
    const causes = h.events
      .slice(before)
      .flatMap((event) => (event.type === 'snapshot' ? [event.cause] : []));
    expect(causes).toContain('heartbeat');
    expect(causes).not.toContain('bridge');
    expect(h.lock(garage)!.lastSyncedAt).toBe(h.clock.now() - 5 * SECOND);
  });

  it('asks the cloud only every 5 minutes while live', async () => {
    const h = await startLiveHarness();
    await h.advance(5 * SECOND);
    const start = h.clock.now();
    await h.advance(60 * MINUTE);
    const requests = h.cloudRequests().filter((request) => request.at > start);
    const about = (part: string) => requests.filter((request) => request.path.includes(part));
    const surroundings = [
      ...about('/my/device/details'),
      ...about('/my/doorsensor'),
      ...about('/my/personalaccesskey'),
    ];
    const lockRequests = requests.length - surroundings.length;
    expect(lockRequests).toBeLessThanOrEqual(13);
    expect(lockRequests).toBeGreaterThanOrEqual(11);
    // The reads about bridges and door sensors still run, the details hourly instead of every
    // 10 minutes, so that everything the cloud is asked while live stays within 15 an hour.
    expect(about('/my/device/details').length).toBe(1);
    expect(about('/my/doorsensor').length).toBe(1);
    expect(requests.length).toBeLessThanOrEqual(15);
  });

  it('retries a failing cloud at the live pace, not the user interval', async () => {
    const h = await startLiveHarness({ poll: { intervalSeconds: 30 } });
    await h.advance(5 * SECOND);
    h.cloud.queueFault({ kind: 'status', status: 503 }, 10);
    const start = h.clock.now();
    await h.advance(20 * MINUTE);
    const requests = h.cloudRequests().filter((request) => request.at > start);
    expect(requests.length).toBeGreaterThanOrEqual(2);
    expect(requests.length).toBeLessThanOrEqual(4);
  });

  it('keeps the bridge values when a cloud sync comes, and marks them bridge', async () => {
    const h = await startLiveHarness();
    await h.advance(5 * SECOND);
    // Only the bridge sees this (the cloud lags behind the door).
    h.bridge.updateLock(garage, { state: 'locked' });
    await h.advance(6 * MINUTE);
    expect(h.lock(garage)).toMatchObject({ state: 'locked', source: 'bridge' });
  });

  it('finds its callback gone after a bridge restart and registers it again', async () => {
    const h = await startLiveHarness();
    await h.advance(5 * SECOND);
    h.bridge.restart();
    // Another program registers on the restarted bridge and gets id 1, our old id.
    h.bridge.addCallback('http://192.168.1.50:8123/api/webhook/abc');
    await h.advance(5 * MINUTE);
    const urls = h.bridge.callbacks().map((callback) => callback.url);
    expect(urls).toHaveLength(2);
    expect(urls).toContain('http://192.168.1.50:8123/api/webhook/abc');
    expect(h.log).toContain('Bridge: registered the callback again (the bridge had lost it).');
    h.changeAtTheDoor(backDoor, { state: 'unlocked' });
    await h.settle();
    expect(h.lock(backDoor)).toMatchObject({ state: 'unlocked', source: 'bridge' });
    expect(h.live().mode).toBe('callbacks');
  });

  it("removes its own leftover callbacks at start and never another program's", async () => {
    const h = await startLiveHarness({ manualStart: true });
    h.bridge.addCallback(`http://127.0.0.1:9/${INSTANCE}/AAAAAAAAAAAAAAAAAAAAAA`);
    h.bridge.addCallback('http://192.168.1.50:8123/api/webhook/abc');
    h.bridge.addCallback(`http://127.0.0.1:9/other/AAAAAAAAAAAAAAAAAAAAAA`);
    h.monitor.start();
    await h.advance(5 * SECOND);
    const urls = h.bridge.callbacks().map((callback) => callback.url);
    expect(urls).toHaveLength(3);
    expect(urls).not.toContain(`http://127.0.0.1:9/${INSTANCE}/AAAAAAAAAAAAAAAAAAAAAA`);
    expect(urls).toContain('http://192.168.1.50:8123/api/webhook/abc');
    expect(urls).toContain(`http://127.0.0.1:9/other/AAAAAAAAAAAAAAAAAAAAAA`);
  });

  it('deletes its callback on stop', async () => {
    const h = await startLiveHarness();
    await h.advance(5 * SECOND);
    expect(h.bridge.callbacks()).toHaveLength(1);
    const started = Date.now();
    await h.stop();
    expect(Date.now() - started).toBeLessThan(2500);
    expect(h.bridge.callbacks()).toEqual([]);
  });
});

describe('stopping while the bridge does not answer', () => {
  it('gives up deleting the callback after 2 s, and the next start removes the leftover', async () => {
    const h = await startLiveHarness();
    await h.advance(5 * SECOND);
    await h.bridge.setReachability('silent');
    const started = Date.now();
    await h.stop();
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(1900);
    expect(took).toBeLessThan(3000);
    await h.bridge.setReachability('answering');
    expect(h.bridge.callbacks()).toHaveLength(1);

    const next = await startLiveHarness({ manualStart: true });
    const leftover = h.bridge.callbacks()[0]!;
    next.bridge.addCallback(leftover.url, leftover.headers);
    next.monitor.start();
    await next.advance(5 * SECOND);
    const urls = next.bridge.callbacks().map((callback) => callback.url);
    expect(urls).toHaveLength(1);
    expect(urls).not.toContain(leftover.url);
  }, 15_000);
});

describe('LAN polling', () => {
  it('starts when a heartbeat finds a change no callback reported, and says why', async () => {
    const h = await startLiveHarness();
    await h.advance(5 * SECOND);
    h.bridge.dropCallbacks(true);
    h.changeAtTheDoor(frontDoor, { state: 'unlocked' });
    await h.advance(30 * SECOND);
    expect(h.live().mode).toBe('lan-polling');
    expect(h.live().message).toMatch(
      /^Live by polling the bridge: its updates cannot reach this computer\. Allow incoming connections to port \d+ in the firewall/,
    );
    expect(h.lock(frontDoor)).toMatchObject({ state: 'unlocked', source: 'bridge' });

    h.bridge.clearRequestLog();
    await h.advance(30 * SECOND);
    const polls = h.bridge.requests().filter((request) => request.path === '/v1.0/lock');
    expect(polls.length).toBeGreaterThanOrEqual(9);
    expect(polls.length).toBeLessThanOrEqual(11);
  });

  it('shows a change within one LAN poll interval', async () => {
    const h = await startLiveHarness({ bridge: { lanPollSeconds: 3 } });
    await h.advance(5 * SECOND);
    h.bridge.dropCallbacks(true);
    h.changeAtTheDoor(frontDoor, { state: 'unlocked' });
    await h.advance(31 * SECOND);
    expect(h.live().mode).toBe('lan-polling');
    const changedAt = h.clock.now();
    h.changeAtTheDoor(garage, { state: 'locked' });
    await h.advance(3 * SECOND + 100);
    const lock = h.lock(garage)!;
    expect(lock.state).toBe('locked');
    expect(lock.lastSyncedAt! - changedAt).toBeLessThanOrEqual(3 * SECOND + 100);
  });

  it('goes back to callbacks as soon as one arrives', async () => {
    const h = await startLiveHarness();
    await h.advance(5 * SECOND);
    h.bridge.dropCallbacks(true);
    h.changeAtTheDoor(frontDoor, { state: 'unlocked' });
    await h.advance(31 * SECOND);
    expect(h.live().mode).toBe('lan-polling');
    h.bridge.dropCallbacks(false);
    h.changeAtTheDoor(frontDoor, { state: 'locked' });
    await h.settle();
    expect(h.live().mode).toBe('callbacks');
  });
});

describe('the bridge unreachable', () => {
  it('hands over to the cloud after 30 s without an answer, and back when it answers', async () => {
    const h = await startLiveHarness();
    await h.advance(5 * SECOND);
    await h.advance(6 * MINUTE);
    const lostAt = h.clock.now();
    await h.bridge.setReachability('refusing');
    await h.advance(40 * SECOND);
    expect(h.live().mode).toBe('bridge-unreachable');
    expect(h.monitor.snapshot().status.kind).toBe('ok');
    expect(h.monitor.snapshot().status.message).toMatch(
      /has not answered for 30 s\. Following the cloud\.$/,
    );
    // The cloud took over at once: a sync within a few seconds of the bridge being declared lost.
    const syncsAfter = h.cloudSyncs().filter((request) => request.at > lostAt);
    expect(syncsAfter.length).toBeGreaterThanOrEqual(1);
    expect(syncsAfter[0]!.at - lostAt).toBeLessThanOrEqual(40 * SECOND);
    // No alert: only the local network lost the bridge.
    expect(h.alerts()).toEqual([]);

    h.changeAtTheDoor(garage, { state: 'locked' });
    await h.advance(31 * SECOND);
    expect(h.lock(garage)).toMatchObject({ state: 'locked', source: 'cloud' });

    h.bridge.clearRequestLog();
    await h.bridge.setReachability('answering');
    await h.advance(15 * SECOND);
    expect(h.live().mode).toBe('callbacks');
    expect(h.bridge.callbacks()).toHaveLength(1);
    // After an outage the callback is checked at once, not at the next 5-minute check.
    const answered = h.bridge.requests().filter((request) => request.status !== null);
    expect(answered.slice(0, 2).map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /v1.0/lock',
      'GET /v1.0/callback',
    ]);
  });

  it('polls the cloud at the user interval while the bridge is gone', async () => {
    const h = await startLiveHarness({ poll: { intervalSeconds: 30 } });
    await h.advance(5 * SECOND);
    await h.bridge.setReachability('refusing');
    await h.advance(60 * SECOND);
    const start = h.clock.now();
    await h.advance(5 * MINUTE);
    const syncs = h.cloudSyncs().filter((request) => request.at > start);
    expect(syncs.length).toBeGreaterThanOrEqual(9);
    expect(syncs.length).toBeLessThanOrEqual(11);
  });
});

describe('a bridge that stops answering', () => {
  it('is unreachable once a request times out 30 s after the last answer', async () => {
    const h = await startLiveHarness();
    await h.advance(5 * SECOND);
    await h.bridge.setReachability('silent');
    // The heartbeat at 30 s waits 5 s for its answer (real time), then fails.
    await h.advance(30 * SECOND);
    expect(h.live().mode).toBe('bridge-unreachable');
  }, 20_000);
});

describe('locks the bridge does not know', () => {
  it('stay on cloud polling at the user interval', async () => {
    const [front, garageLock] = sampleLocks();
    const h = await startLiveHarness({ bridgeLocks: [front!, garageLock!] });
    await h.advance(5 * SECOND);
    const start = h.clock.now();
    await h.advance(3 * MINUTE);
    expect(h.lock(backDoor)!.source).toBe('cloud');
    expect(h.lock(frontDoor)!.source).toBe('bridge');
    const syncs = h.cloudSyncs().filter((request) => request.at > start);
    expect(syncs.length).toBeGreaterThanOrEqual(5);
  });
});

describe('bridge-only', () => {
  it('takes names from the bridge and says what is missing', async () => {
    const h = await startLiveHarness({ bridgeOnly: true });
    await h.advance(5 * SECOND);
    const snapshot = h.monitor.snapshot();
    expect(snapshot.locks.map((lock) => lock.name)).toEqual(['Front door', 'Garage', 'Back door']);
    expect(snapshot.live).toMatchObject({ mode: 'callbacks', bridgeOnly: true });
    expect(snapshot.status.kind).toBe('ok');
    expect(snapshot.status.message).toMatch(/Bridge only: no history or cloud-only facts/);
    expect(h.cloudRequests()).toEqual([]);
  });

  it('reports a rejected token as auth-error, with the clock diagnosis', async () => {
    const h = await startLiveHarness({ bridgeOnly: true, clockOffsetMs: 120 * SECOND });
    await h.advance(5 * SECOND);
    const { status } = h.monitor.snapshot();
    expect(status.kind).toBe('auth-error');
    expect(status.message).toMatch(/your computer's clock is 120 s off/);
  });

  it('is offline after 30 s without an answer', async () => {
    const h = await startLiveHarness({ bridgeOnly: true });
    await h.advance(5 * SECOND);
    await h.bridge.setReachability('refusing');
    await h.advance(40 * SECOND);
    expect(h.monitor.snapshot().status.kind).toBe('offline');
  });
});

describe('alerts from the bridge', () => {
  it('a disconnection needs two observations 20 s apart, whatever the source', async () => {
    const h = await startLiveHarness({ bridgeOnly: true });
    await h.advance(5 * SECOND);
    h.changeAtTheDoor(garage, { connected: false });
    await h.settle();
    expect(h.lock(garage)!.connected).toBe(false);
    await h.advance(10 * SECOND);
    expect(h.alerts().filter((alert) => alert.kind === 'disconnected')).toEqual([]);
    await h.advance(25 * SECOND);
    expect(h.alerts().filter((alert) => alert.kind === 'disconnected')).toHaveLength(1);
  });
});
