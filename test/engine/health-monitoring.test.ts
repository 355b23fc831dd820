/**
 * Bridges, door sensors, firmware and the key's expiry, read by the engine from the simulator
 * over loopback HTTP on simulated time.
 */
import { describe, expect, it } from 'vitest';
import { SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import { HEALTH_READ_EVERY_MS } from '../../main/engine/health-reads.ts';
import {
  HEALTH_READS_PER_HOUR,
  OPERATION_RESERVE_PER_HOUR,
} from '../../main/engine/monitor-settings.ts';
import { apiPaths } from '../../main/tedee/api-paths.ts';
import { allOn } from './alert-policy-run.ts';
import { startHarness } from './monitor-harness.ts';

const { frontDoor, garage, backDoor } = SAMPLE_LOCK_IDS;
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const HALL_BRIDGE = 47090;
const SHED_BRIDGE = 47091;

/** Front door and garage on the hall bridge, the back door on its own bridge. */
const twoBridges = {
  bridges: [
    { id: HALL_BRIDGE, name: 'Hall bridge' },
    { id: SHED_BRIDGE, name: 'Shed bridge' },
  ],
};

async function startTwoBridgeHarness() {
  const h = await startHarness({ account: twoBridges, manualStart: true });
  // The sample locks all use the default bridge; the back door moves to the shed bridge.
  const back = h.simulator.lock(backDoor)!;
  h.simulator.removeLock(backDoor);
  h.simulator.addLock({ ...back, bridgeId: SHED_BRIDGE });
  h.monitor.start();
  await h.advance(0);
  return h;
}

function requestsTo(h: Awaited<ReturnType<typeof startHarness>>, path: string) {
  return h.simulator.requests().filter((request) => request.path === path);
}

describe('bridge health', () => {
  it('raises one bridge-offline alert instead of a disconnected alert per lock', async () => {
    const h = await startTwoBridgeHarness();
    const detailsBefore = requestsTo(h, apiPaths.deviceDetails).length;
    h.simulator.updateBridge(HALL_BRIDGE, { connected: false });
    await h.advance(30 * SECOND);
    // Two locks of one bridge dropped in one sync: the details are read in the same poll.
    expect(requestsTo(h, apiPaths.deviceDetails).length).toBe(detailsBefore + 1);
    await h.advance(2 * MINUTE);

    expect(h.alerts()).toEqual([
      {
        kind: 'bridge-offline',
        lockId: null,
        title: 'Hall bridge is offline',
        body: expect.stringContaining('Front door and Garage cannot be checked'),
      },
    ]);
    expect(h.lastSnapshot().health.offlineBridges).toEqual([
      { id: HALL_BRIDGE, name: 'Hall bridge', lockIds: [frontDoor, garage] },
    ]);
  });

  it('reads the details again at once when a lock of the offline bridge is back', async () => {
    const h = await startTwoBridgeHarness();
    h.simulator.updateBridge(HALL_BRIDGE, { connected: false });
    await h.advance(2 * MINUTE);
    const detailsBefore = requestsTo(h, apiPaths.deviceDetails).length;
    h.simulator.updateBridge(HALL_BRIDGE, { connected: true });
    await h.advance(30 * SECOND);
    expect(requestsTo(h, apiPaths.deviceDetails).length).toBe(detailsBefore + 1);
    expect(h.lastSnapshot().health.offlineBridges).toEqual([]);
    // Nobody was told the locks dropped, so nobody is told they are back.
    expect(h.alerts().map((alert) => alert.kind)).toEqual(['bridge-offline']);
  });

  it('does not merge when only one lock of a bridge drops, nor read the details early', async () => {
    const h = await startTwoBridgeHarness();
    const detailsBefore = requestsTo(h, apiPaths.deviceDetails).length;
    h.simulator.updateLock(garage, { connected: false });
    await h.advance(2 * MINUTE);
    expect(requestsTo(h, apiPaths.deviceDetails).length).toBe(detailsBefore);
    expect(h.alerts()).toEqual([expect.objectContaining({ kind: 'disconnected', lockId: garage })]);
    expect(h.lastSnapshot().health.offlineBridges).toEqual([]);
  });

  it('does not merge the locks of two different bridges that drop together', async () => {
    const h = await startTwoBridgeHarness();
    h.simulator.updateLock(garage, { connected: false });
    h.simulator.updateLock(backDoor, { connected: false });
    const detailsBefore = requestsTo(h, apiPaths.deviceDetails).length;
    await h.advance(2 * MINUTE);
    expect(requestsTo(h, apiPaths.deviceDetails).length).toBe(detailsBefore);
    expect(h.alerts().map((alert) => [alert.kind, alert.lockId])).toEqual([
      ['disconnected', garage],
      ['disconnected', backDoor],
    ]);
  });

  it('reads the device details every 10 minutes', async () => {
    const h = await startTwoBridgeHarness();
    await h.advance(HOUR - 1);
    const times = requestsTo(h, apiPaths.deviceDetails).map((request) => request.at);
    const start = times[0]!;
    expect(times.map((at) => at - start)).toEqual([0, 10, 20, 30, 40, 50].map((m) => m * MINUTE));
  });
});

describe('firmware', () => {
  it('shows the locks Tedee offers an update for, from the device details', async () => {
    const h = await startHarness();
    await h.advance(0);
    expect(h.lastSnapshot().health.updateAvailable).toEqual([]);
    h.simulator.updateLock(garage, { updateAvailable: true });
    await h.advance(10 * MINUTE);
    expect(h.lastSnapshot().health.updateAvailable).toEqual([garage]);
  });
});

describe('a lock updating its firmware (Tedee state 18)', () => {
  it('reads as updating, busy in the tray, and never as unlocked', async () => {
    const h = await startHarness({ alerts: { enabled: { ...allOn } } });
    await h.advance(0);
    h.simulator.updateLock(garage, { state: 'updating' });
    h.simulator.updateLock(frontDoor, { state: 'updating' });
    await h.advance(30 * MINUTE);
    const locks = h.lastSnapshot().locks;
    expect(locks.find((lock) => lock.id === frontDoor)?.state).toBe('updating');
    // The garage starts unlocked; while it updates, it is not "left unlocked".
    expect(h.alerts().filter((alert) => alert.kind === 'left-unlocked')).toEqual([]);
    expect(h.lastSnapshot().tray).toBe('busy');
  });
});

describe('door sensors', () => {
  async function startWithSensor(battery: number | null) {
    const h = await startHarness({
      account: { doorSensors: [{ id: 901, lockId: frontDoor, battery }] },
    });
    await h.advance(0);
    /** The next hourly read sees `level`. */
    const readAt = async (level: number | null) => {
      h.simulator.updateDoorSensor(901, { battery: level });
      await h.advance(HOUR);
    };
    const sensorAlerts = () => h.alerts().filter((a) => a.kind === 'door-sensor-battery-low');
    return { h, readAt, sensorAlerts };
  }

  it('reads the door sensors once an hour', async () => {
    const { h } = await startWithSensor(80);
    await h.advance(3 * HOUR - 1);
    const times = requestsTo(h, apiPaths.doorSensors).map((request) => request.at);
    expect(times.map((at) => at - times[0]!)).toEqual([0, HOUR, 2 * HOUR]);
  });

  it('alerts once at the threshold, and again only after the battery came back 5 % above it', async () => {
    const { readAt, sensorAlerts } = await startWithSensor(30);
    await readAt(20);
    expect(sensorAlerts()).toEqual([
      {
        kind: 'door-sensor-battery-low',
        lockId: frontDoor,
        title: 'Front door door sensor battery is low: 20 %',
        body: "Replace the door sensor's battery soon; it is at or below your 20 % warning level.",
      },
    ]);
    await readAt(18);
    await readAt(24); // above the threshold, but within the margin: still the same episode
    await readAt(19);
    expect(sensorAlerts()).toHaveLength(1);
    await readAt(25); // re-armed
    await readAt(15);
    expect(sensorAlerts()).toHaveLength(2);
  });

  it('treats a battery Tedee left out as unknown: not low, and the episode goes on', async () => {
    const { readAt, sensorAlerts } = await startWithSensor(null);
    await readAt(null);
    expect(sensorAlerts()).toEqual([]);
    await readAt(10);
    await readAt(null);
    await readAt(12);
    expect(sensorAlerts()).toHaveLength(1);
  });
});

describe('key expiry', () => {
  /** One poll an hour, so that days pass in a few hundred polls. */
  const hourly = { poll: { intervalSeconds: 3600, budgetPerHour: 350 } };

  it('warns 14 days and 1 day before the date in the key list, once each', async () => {
    const start = Date.UTC(2026, 10, 25, 8, 0, 0);
    const h = await startHarness({
      ...hourly,
      account: { keyScopes: ['Device.Read', 'Account.Read'], keyValidTo: start + 16 * DAY },
    });
    await h.advance(0);
    expect(h.lastSnapshot().health.keyExpiry).toEqual({ at: start + 16 * DAY, source: 'tedee' });
    await h.advance(16 * DAY - 1);
    const warnings = h.alerts().filter((alert) => alert.kind === 'key-expiring');
    expect(warnings.map((alert) => alert.title)).toEqual([
      'The Tedee access key expires in 14 days',
      'The Tedee access key expires in 1 day',
    ]);
    expect(warnings.every((alert) => alert.lockId === null)).toBe(true);
    expect(warnings[0]!.body).toContain('2026-12-11');
    // Read once a day, not with every poll.
    expect(requestsTo(h, apiPaths.personalAccessKeys)).toHaveLength(16);
  });

  it.each([401, 403])(
    'falls back to the entered date when the key list answers %i, with no status change',
    async (status) => {
      const start = Date.UTC(2026, 10, 25, 8, 0, 0);
      const h = await startHarness({
        ...hourly,
        manualStart: true,
        enteredKeyExpiry: start + 10 * DAY,
        account: { keyScopes: ['Device.Read', 'Account.Read'], keyValidTo: start + 300 * DAY },
      });
      // The first poll: lock list, sync, details, door sensors answer; the key list does not.
      h.simulator.queueFault({ kind: 'delay', ms: 0 }, 4);
      h.simulator.queueFault({ kind: 'status', status });
      h.monitor.start();
      await h.advance(0);
      expect(requestsTo(h, apiPaths.personalAccessKeys).map((r) => r.status)).toEqual([status]);
      expect(h.lastSnapshot().status).toMatchObject({ kind: 'ok' });
      expect(h.lastSnapshot().health.keyExpiry).toEqual({
        at: start + 10 * DAY,
        source: 'entered',
      });
      expect(h.alerts()).toEqual([
        expect.objectContaining({
          kind: 'key-expiring',
          title: 'The Tedee access key expires in 10 days',
        }),
      ]);
    },
  );

  it('uses the entered date for a key without Account.Read', async () => {
    const start = Date.UTC(2026, 10, 25, 8, 0, 0);
    const h = await startHarness({ ...hourly, enteredKeyExpiry: start + 20 * DAY });
    await h.advance(7 * DAY);
    expect(h.alerts().map((alert) => alert.title)).toEqual([
      'The Tedee access key expires in 14 days',
    ]);
    expect(requestsTo(h, apiPaths.personalAccessKeys).every((r) => r.status === 403)).toBe(true);
  });
});

describe('the budget comes to the syncs first', () => {
  it('projects as many reads an hour as the reads are planned: 6 details, 1 sensor list, 1 key', () => {
    const planned =
      HOUR / HEALTH_READ_EVERY_MS.details +
      HOUR / HEALTH_READ_EVERY_MS.doorSensors +
      Math.ceil(HOUR / HEALTH_READ_EVERY_MS.keyExpiry);
    expect(planned).toBe(8);
    expect(HEALTH_READS_PER_HOUR).toBe(planned);
  });

  it('sends no bridge, door-sensor or key read when the syncs need the whole budget', async () => {
    // Every 20 s plans 181 requests an hour: a budget of 201, of which 20 are kept for
    // operations, leaves nothing spare.
    const h = await startHarness({
      poll: { intervalSeconds: 20, budgetPerHour: 181 + OPERATION_RESERVE_PER_HOUR },
      account: { keyScopes: ['Device.Read', 'Account.Read'] },
    });
    await h.advance(HOUR);
    const paths = new Set(h.simulator.requests().map((request) => request.path));
    expect(paths).toEqual(new Set([apiPaths.lockList, apiPaths.syncAll]));
    expect(h.syncRequests()).toHaveLength(181);
  });

  it('spends only what the syncs leave over', async () => {
    // 181 planned, 203 budget less the 20 kept for operations: two spare requests an hour,
    // the details and the door sensors; the operations' reserve is never spare.
    const h = await startHarness({
      poll: { intervalSeconds: 20, budgetPerHour: 183 + OPERATION_RESERVE_PER_HOUR },
      account: { keyScopes: ['Device.Read', 'Account.Read'] },
    });
    await h.advance(2 * HOUR);
    const spare = h.simulator
      .requests()
      .filter((r) => r.path !== apiPaths.lockList && r.path !== apiPaths.syncAll);
    const first = spare[0]!.at;
    expect(spare.filter((r) => r.at < first + HOUR)).toHaveLength(2);
    expect(h.syncRequests().filter((r) => r.at < first + HOUR)).toHaveLength(180);
  });
});
