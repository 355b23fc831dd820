/** The alerts about what surrounds the locks: offline bridges, door-sensor batteries, the key's expiry. */
import { describe, expect, it } from 'vitest';
import {
  healthAlertMemorySchema,
  locksBehindOfflineBridges,
  offlineBridgesOf,
} from '../../main/engine/health-alerts.ts';
import type { Alert } from '../../main/engine/alert-policy.ts';
import type { DeviceDetails } from '../../main/tedee/health-model.ts';
import { MINUTE, T0, allOn, settingsWith } from './alert-policy-run.ts';
import { BRIDGE, DAY, details, healthLocks, healthRun, sensor } from './health-alert-run.ts';
import { makeLock } from './lock-factory.ts';

const kindsOf = (alerts: readonly Alert[]) => alerts.map((alert) => alert.kind);

describe('offlineBridgesOf', () => {
  it('lists each offline bridge with the watched locks that use it, in the order of the lock list', () => {
    const reversed = [...healthLocks].reverse();
    expect(offlineBridgesOf(reversed, details(false))).toEqual([
      { id: BRIDGE.id, name: BRIDGE.name, lockIds: [2, 1] },
    ]);
  });

  it('knows none before the details were read, and none while every bridge is connected or unknown', () => {
    expect(offlineBridgesOf(healthLocks, null)).toEqual([]);
    expect(offlineBridgesOf(healthLocks, details(true))).toEqual([]);
    expect(offlineBridgesOf(healthLocks, details(null))).toEqual([]);
  });

  it('leaves out an offline bridge that no watched lock uses', () => {
    expect(offlineBridgesOf([makeLock({ id: 3 })], details(false))).toEqual([]);
  });

  it('matches a lock to a bridge by both ids: another lock of the bridge does not count', () => {
    const onlyLockTwoOnHall: DeviceDetails = {
      bridges: [{ id: BRIDGE.id, name: BRIDGE.name, connected: false }],
      locks: [
        { id: 1, bridgeId: 47091, updateAvailable: false },
        { id: 2, bridgeId: BRIDGE.id, updateAvailable: false },
      ],
    };
    expect(offlineBridgesOf(healthLocks, onlyLockTwoOnHall)).toEqual([
      { id: BRIDGE.id, name: BRIDGE.name, lockIds: [2] },
    ]);
  });

  it('gives the watched locks behind offline bridges as a set', () => {
    expect([...locksBehindOfflineBridges(healthLocks, details(false))]).toEqual([1, 2]);
    expect(locksBehindOfflineBridges(healthLocks, details(true)).size).toBe(0);
  });
});

describe('bridge-offline', () => {
  it('alerts once per episode, naming the locks it takes offline', () => {
    const run = healthRun();
    expect(run.poll({ details: details(false) }, T0)).toEqual([
      {
        kind: 'bridge-offline',
        lockId: null,
        title: 'Hall bridge is offline',
        body: 'The bridge has lost its connection to Tedee, so Front door and Garage cannot be checked or changed remotely. Check its power and Wi-Fi; Tedee Tray shows them again once it is back.',
      },
    ]);
    expect(run.poll({ details: details(false) }, T0 + 10 * MINUTE)).toEqual([]);
  });

  it('speaks of "it" for a bridge with one watched lock, and lists three as "A, B and C"', () => {
    const one = healthRun().poll(
      { locks: [makeLock({ id: 2, name: 'Garage' })], details: details(false) },
      T0,
    );
    expect(one[0]?.body).toBe(
      'The bridge has lost its connection to Tedee, so Garage cannot be checked or changed remotely. Check its power and Wi-Fi; Tedee Tray shows it again once it is back.',
    );
    const three: DeviceDetails = {
      bridges: [{ id: BRIDGE.id, name: BRIDGE.name, connected: false }],
      locks: healthLocks.map((lock) => ({
        id: lock.id,
        bridgeId: BRIDGE.id,
        updateAvailable: false,
      })),
    };
    expect(healthRun().poll({ details: three }, T0)[0]?.body).toContain(
      'so Front door, Garage and Shed cannot be checked',
    );
  });

  it('ends when the details say the bridge is back, and a new episode alerts again', () => {
    const run = healthRun();
    run.poll({ details: details(false) }, T0);
    expect(run.poll({ details: details(true) }, T0 + 10 * MINUTE)).toEqual([]);
    expect(run.memory.offlineBridges).toEqual([]);
    expect(kindsOf(run.poll({ details: details(false) }, T0 + 20 * MINUTE))).toEqual([
      'bridge-offline',
    ]);
  });

  it('neither starts nor ends without details', () => {
    const run = healthRun();
    run.poll({ details: details(false) }, T0);
    expect(run.poll({ details: null }, T0 + 10 * MINUTE)).toEqual([]);
    expect(run.memory.offlineBridges).toEqual([BRIDGE.id]);
    expect(run.poll({ details: details(false) }, T0 + 20 * MINUTE)).toEqual([]);
  });

  it('an episode that became due while snoozed stays silent after the snooze', () => {
    const run = healthRun(settingsWith({ snoozeUntil: T0 + MINUTE }));
    expect(run.poll({ details: details(false) }, T0)).toEqual([]);
    expect(run.poll({ details: details(false) }, T0 + 10 * MINUTE)).toEqual([]);
  });
});

describe('door-sensor-battery-low', () => {
  it('alerts at the threshold with the name of the lock it is paired with', () => {
    expect(healthRun().poll({ doorSensors: [sensor(20, 2)] }, T0)).toEqual([
      {
        kind: 'door-sensor-battery-low',
        lockId: 2,
        title: 'Garage door sensor battery is low: 20 %',
        body: "Replace the door sensor's battery soon; it is at or below your 20 % warning level.",
      },
    ]);
    expect(healthRun().poll({ doorSensors: [sensor(21)] }, T0)).toEqual([]);
  });

  it('uses the threshold from the settings', () => {
    const alerts = healthRun(settingsWith({ lowBatteryPercent: 35 })).poll(
      { doorSensors: [sensor(35)] },
      T0,
    );
    expect(alerts.map((alert) => alert.body)).toEqual([
      "Replace the door sensor's battery soon; it is at or below your 35 % warning level.",
    ]);
  });

  it('alerts once per episode, re-armed only 5 % above the threshold', () => {
    const run = healthRun();
    expect(kindsOf(run.poll({ doorSensors: [sensor(20)] }, T0))).toEqual([
      'door-sensor-battery-low',
    ]);
    expect(run.poll({ doorSensors: [sensor(15)] }, T0 + 1)).toEqual([]);
    expect(run.poll({ doorSensors: [sensor(24)] }, T0 + 2)).toEqual([]);
    expect(run.poll({ doorSensors: [sensor(18)] }, T0 + 3)).toEqual([]);
    expect(run.poll({ doorSensors: [sensor(25)] }, T0 + 4)).toEqual([]);
    expect(run.memory.lowDoorSensors).toEqual([]);
    expect(kindsOf(run.poll({ doorSensors: [sensor(18)] }, T0 + 5))).toEqual([
      'door-sensor-battery-low',
    ]);
  });

  it('an unknown battery is not low, and neither ends nor re-arms the episode', () => {
    const run = healthRun();
    expect(run.poll({ doorSensors: [sensor(null)] }, T0)).toEqual([]);
    run.poll({ doorSensors: [sensor(10)] }, T0 + 1);
    expect(run.poll({ doorSensors: [sensor(null)] }, T0 + 2)).toEqual([]);
    expect(run.memory.lowDoorSensors).toEqual([901]);
    expect(run.poll({ doorSensors: [sensor(10)] }, T0 + 3)).toEqual([]);
  });

  it('a door-sensor list not read this time keeps the episode', () => {
    const run = healthRun();
    run.poll({ doorSensors: [sensor(10)] }, T0);
    run.poll({ doorSensors: null }, T0 + 1);
    expect(run.poll({ doorSensors: [sensor(10)] }, T0 + 2)).toEqual([]);
  });

  it('says nothing about a sensor paired with no lock or with a lock not watched', () => {
    const run = healthRun();
    const unpaired = { ...sensor(5), lockId: null };
    expect(run.poll({ doorSensors: [unpaired, sensor(5, 99)] }, T0)).toEqual([]);
    expect(run.memory.lowDoorSensors).toEqual([]);
  });
});

describe('key-expiring', () => {
  const expires = T0 + 20 * DAY;
  const entered = { at: expires, source: 'entered' } as const;

  it('warns 14 days and 1 day before, once each', () => {
    const run = healthRun();
    expect(run.poll({ keyExpiry: entered }, expires - 15 * DAY)).toEqual([]);
    expect(run.poll({ keyExpiry: entered }, expires - 14 * DAY)).toEqual([
      {
        kind: 'key-expiring',
        lockId: null,
        title: 'The Tedee access key expires in 14 days',
        body: 'It expires on 2025-11-23. Create a new Personal Access Key in the Tedee Portal and enter it in Tedee Tray before then.',
      },
    ]);
    expect(run.poll({ keyExpiry: entered }, expires - 10 * DAY)).toEqual([]);
    expect(run.poll({ keyExpiry: entered }, expires - 9 * DAY)).toEqual([]);
    expect(run.poll({ keyExpiry: entered }, expires - DAY)).toEqual([
      expect.objectContaining({ title: 'The Tedee access key expires in 1 day' }),
    ]);
    expect(run.poll({ keyExpiry: entered }, expires - MINUTE)).toEqual([]);
    expect(run.poll({ keyExpiry: entered }, expires + DAY)).toEqual([]);
  });

  it('gives only the 1-day warning when watching starts within the last day', () => {
    const run = healthRun();
    expect(kindsOf(run.poll({ keyExpiry: entered }, expires - 12 * 3_600_000))).toEqual([
      'key-expiring',
    ]);
    expect(run.poll({ keyExpiry: entered }, expires - 3_600_000)).toEqual([]);
  });

  it('starts afresh for a new date, and keeps what it warned while the date is unknown', () => {
    const run = healthRun();
    run.poll({ keyExpiry: entered }, expires - 10 * DAY);
    expect(run.poll({ keyExpiry: null }, expires - 9 * DAY)).toEqual([]);
    expect(run.memory.keyExpiry).toEqual({ at: expires, warnedDays: 14 });
    expect(run.poll({ keyExpiry: entered }, expires - 8 * DAY)).toEqual([]);
    const later = { at: expires + 30 * DAY, source: 'tedee' } as const;
    expect(run.poll({ keyExpiry: later }, expires - 7 * DAY)).toEqual([]);
    expect(run.memory.keyExpiry).toBeNull();
    expect(kindsOf(run.poll({ keyExpiry: later }, later.at - 13 * DAY))).toEqual(['key-expiring']);
  });

  it('a warning switched off still counts as given', () => {
    const run = healthRun(settingsWith({ enabled: { ...allOn, 'key-expiring': false } }));
    expect(run.poll({ keyExpiry: entered }, expires - 14 * DAY)).toEqual([]);
    run.settings = settingsWith();
    expect(run.poll({ keyExpiry: entered }, expires - 13 * DAY)).toEqual([]);
  });
});

describe('memory', () => {
  it('holds nothing after a poll that knew nothing', () => {
    const run = healthRun();
    expect(run.poll({}, T0)).toEqual([]);
    expect(run.memory).toEqual({ offlineBridges: [], lowDoorSensors: [], keyExpiry: null });
  });

  it('is plain JSON that the schema reads back as it was', () => {
    const run = healthRun();
    run.poll(
      {
        details: details(false),
        doorSensors: [sensor(5)],
        keyExpiry: { at: T0 + 3 * DAY, source: 'entered' },
      },
      T0,
    );
    const saved: unknown = JSON.parse(JSON.stringify(run.memory));
    expect(healthAlertMemorySchema.parse(saved)).toEqual({
      offlineBridges: [BRIDGE.id],
      lowDoorSensors: [901],
      keyExpiry: { at: T0 + 3 * DAY, warnedDays: 14 },
    });
  });
});
