import { describe, expect, it } from 'vitest';
import { toLockDetails, toLockStatus } from '../../main/tedee/normalise.ts';
import {
  envelopeSchema,
  wireLockSchema,
  wireLockSyncSchema,
} from '../../main/tedee/wire-schemas.ts';
import { docFixture } from './fixtures.ts';

const syncAll = envelopeSchema(wireLockSyncSchema.array());
const syncSingle = envelopeSchema(wireLockSyncSchema);
const lockList = envelopeSchema(wireLockSchema.array());

function syncedLocks(fixture: string) {
  return (syncAll.parse(docFixture(fixture)).result ?? []).map(toLockStatus);
}

describe('documentation samples', () => {
  it('sync-all gives one readable status per lock', () => {
    expect(syncedLocks('sync-all')).toEqual([
      {
        id: 48213,
        connected: true,
        state: 'locked',
        door: 'closed',
        battery: 76,
        charging: false,
        lastOperationFailed: false,
        lastChanged: '2025-11-03T07:41:12.508Z',
        revision: 7,
      },
      {
        id: 48377,
        connected: true,
        state: 'unlocked',
        door: 'not-paired',
        battery: 41,
        charging: true,
        lastOperationFailed: false,
        lastChanged: '2025-11-03T06:58:40.021Z',
        revision: 3,
      },
      {
        id: 48402,
        connected: true,
        state: 'semi-locked',
        door: 'open',
        battery: 12,
        charging: false,
        lastOperationFailed: true,
        lastChanged: '2025-11-02T21:15:03.774Z',
        revision: 12,
      },
      {
        id: 48466,
        connected: false,
        state: null,
        door: null,
        battery: null,
        charging: null,
        lastOperationFailed: false,
        lastChanged: null,
        revision: 2,
      },
    ]);
  });

  it('sync-single parses connected and disconnected locks', () => {
    const connected = toLockStatus(syncSingle.parse(docFixture('sync-single-connected')).result!);
    const disconnected = toLockStatus(
      syncSingle.parse(docFixture('sync-single-disconnected')).result!,
    );
    expect(connected).toMatchObject({
      id: 48213,
      connected: true,
      state: 'locked',
      door: 'closed',
      battery: 76,
    });
    expect(disconnected).toMatchObject({
      id: 48213,
      connected: false,
      state: null,
      battery: null,
      revision: 7,
    });
  });

  it('the lock list gives names, serials and models, and null connection for a lock without bridge', () => {
    const locks = (lockList.parse(docFixture('lock-list')).result ?? []).map(toLockDetails);
    expect(locks.map(({ id, serial, name, model }) => ({ id, serial, name, model }))).toEqual([
      { id: 48213, serial: '23140207-004512', name: 'Front Door', model: 'lock-pro' },
      { id: 48519, serial: '24310511-000873', name: 'Cellar', model: 'lock-go' },
    ]);
    expect(locks[0]?.status).toMatchObject({ connected: true, state: 'locked', battery: 76 });
    expect(locks[1]?.status).toMatchObject({ connected: null, state: null, battery: null });
  });

  it('error samples are envelopes without a result', () => {
    for (const name of ['error-401', 'error-429']) {
      const envelope = syncAll.parse(docFixture(name));
      expect(envelope.success).toBe(false);
      expect(envelope.result).toBeUndefined();
    }
  });
});

describe('normalisation rules', () => {
  const deviceState = {
    state: 6,
    doorState: 3,
    isCharging: false,
    batteryLevel: 54,
    stateChangeResult: 0,
    lastStateChangedDate: '2025-11-03T07:41:12.508Z',
  };

  it('the legacy lockProperties shape gives the same status as deviceState', () => {
    const current = wireLockSyncSchema.parse({
      id: 1,
      isConnected: true,
      deviceState,
      revision: 4,
    });
    const legacy = wireLockSyncSchema.parse({
      id: 1,
      isConnected: true,
      lockProperties: deviceState,
      revision: 4,
    });
    expect(toLockStatus(legacy)).toEqual(toLockStatus(current));
    expect(toLockStatus(legacy).state).toBe('locked');
  });

  it('deviceState wins over lockProperties when an answer carries both', () => {
    // A proxy or an API version in transition may send both; the current name is the truth.
    const wire = wireLockSyncSchema.parse({
      id: 1,
      isConnected: true,
      lockProperties: {
        state: 2,
        doorState: 2,
        isCharging: true,
        batteryLevel: 10,
        stateChangeResult: 1,
        lastStateChangedDate: '2020-01-01T00:00:00.000Z',
      },
      deviceState,
    });
    expect(toLockStatus(wire)).toEqual({
      id: 1,
      connected: true,
      state: 'locked',
      door: 'closed',
      battery: 54,
      charging: false,
      lastOperationFailed: false,
      lastChanged: '2025-11-03T07:41:12.508Z',
      revision: null,
    });
  });

  it('lockProperties is used when deviceState is null', () => {
    const wire = wireLockSyncSchema.parse({
      id: 1,
      deviceState: null,
      lockProperties: deviceState,
    });
    expect(toLockStatus(wire)).toMatchObject({ state: 'locked', battery: 54 });
  });

  it.each([255, -1, 101, 100.5])('battery %s is unknown', (batteryLevel) => {
    const wire = wireLockSyncSchema.parse({
      id: 1,
      isConnected: true,
      deviceState: { ...deviceState, batteryLevel },
    });
    expect(toLockStatus(wire).battery).toBeNull();
  });

  it('battery 0 and 100 are real values', () => {
    for (const batteryLevel of [0, 100]) {
      const wire = wireLockSyncSchema.parse({
        id: 1,
        deviceState: { ...deviceState, batteryLevel },
      });
      expect(toLockStatus(wire).battery).toBe(batteryLevel);
    }
  });

  it('enum numbers Tedee may add later become unknown', () => {
    const wire = wireLockSyncSchema.parse({
      id: 1,
      deviceState: { ...deviceState, state: 42, doorState: 77 },
    });
    expect(toLockStatus(wire)).toMatchObject({ state: 'unknown', door: 'unknown' });
  });

  it('state 18 is updating and 1 is calibrating, not unlocked', () => {
    const updating = wireLockSyncSchema.parse({
      id: 1,
      deviceState: { ...deviceState, state: 18 },
    });
    const calibrating = wireLockSyncSchema.parse({
      id: 1,
      deviceState: { ...deviceState, state: 1 },
    });
    expect(toLockStatus(updating).state).toBe('updating');
    expect(toLockStatus(calibrating).state).toBe('calibrating');
  });

  it.each([
    ['2025-11-03T08:41:12.508+01:00'],
    ['2025-11-03T08:41:12.508+0100'],
    ['2025-11-03T06:11:12.508-01:30'],
    ['2025-11-03T07:41:12.508z'],
  ])('a time with a zone (%s) keeps it', (lastStateChangedDate) => {
    const wire = wireLockSyncSchema.parse({
      id: 1,
      deviceState: { ...deviceState, lastStateChangedDate },
    });
    expect(toLockStatus(wire).lastChanged).toBe('2025-11-03T07:41:12.508Z');
  });

  it('times without a zone are read as UTC', () => {
    const wire = wireLockSyncSchema.parse({
      id: 1,
      deviceState: { ...deviceState, lastStateChangedDate: '2020-11-20T13:59:26.212' },
    });
    expect(toLockStatus(wire).lastChanged).toBe('2020-11-20T13:59:26.212Z');
  });

  it('fields the app does not know are ignored', () => {
    const wire = wireLockSyncSchema.parse({
      id: 1,
      isConnected: true,
      deviceState,
      somethingNew: { a: 1 },
    });
    expect(toLockStatus(wire)).not.toHaveProperty('somethingNew');
    expect(toLockStatus(wire).state).toBe('locked');
  });

  it('a missing optional field is unknown, not a failure', () => {
    const wire = wireLockSyncSchema.parse({ id: 1, isConnected: true, deviceState: { state: 2 } });
    expect(toLockStatus(wire)).toMatchObject({
      state: 'unlocked',
      door: null,
      battery: null,
      charging: null,
    });
  });
});
