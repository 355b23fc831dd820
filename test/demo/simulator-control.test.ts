import { afterEach, describe, expect, it } from 'vitest';
import { apiPaths } from '../../main/tedee/api-paths.ts';
import { toLockStatus } from '../../main/tedee/normalise.ts';
import { SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import type { TedeeSimulator } from '../../main/demo/tedee-simulator.ts';
import {
  closeSimulators,
  HOUR_START,
  request,
  schemas,
  startSimulator,
} from './simulator-harness.ts';

afterEach(closeSimulators);

const { frontDoor, garage, backDoor } = SAMPLE_LOCK_IDS;

async function syncAll(simulator: TedeeSimulator) {
  return schemas.syncAll.parse((await request(simulator, apiPaths.syncAll)).json()).result ?? [];
}

async function syncOne(simulator: TedeeSimulator, id: number) {
  const answer = await request(simulator, apiPaths.syncSingle(id));
  expect(answer.status).toBe(200);
  const result = schemas.syncSingle.parse(answer.json()).result;
  if (!result) throw new Error('sync-single without result');
  return result;
}

async function lockList(simulator: TedeeSimulator) {
  return schemas.lockList.parse((await request(simulator, apiPaths.lockList)).json()).result ?? [];
}

describe('updateLock', () => {
  it('shows state, door, battery and charging in Tedee numbers in the next sync', async () => {
    const { simulator } = await startSimulator();
    simulator.updateLock(frontDoor, {
      state: 'unlocked',
      door: 'open',
      battery: 18,
      charging: true,
    });

    expect((await syncOne(simulator, frontDoor)).deviceState).toMatchObject({
      state: 2,
      doorState: 2,
      batteryLevel: 18,
      isCharging: true,
    });
    // Through the client's own normalisation, the names come back.
    expect(toLockStatus(await syncOne(simulator, frontDoor))).toMatchObject({
      state: 'unlocked',
      door: 'open',
      battery: 18,
      charging: true,
    });
  });

  it('passes 255 through as the battery level, for "unknown"', async () => {
    const { simulator } = await startSimulator();
    simulator.updateLock(garage, { battery: 255 });
    const garageSync = await syncOne(simulator, garage);
    expect(garageSync.deviceState?.batteryLevel).toBe(255);
    expect(toLockStatus(garageSync).battery).toBeNull();
  });

  it('moves lastStateChangedDate with the clock when state or door changes, and only then', async () => {
    const { simulator, clock } = await startSimulator();
    const initial = new Date(HOUR_START).toISOString();

    clock.advance(90_000);
    simulator.updateLock(frontDoor, { battery: 50, charging: true, state: 'locked' });
    expect((await syncOne(simulator, frontDoor)).deviceState?.lastStateChangedDate).toBe(initial);

    simulator.updateLock(frontDoor, { state: 'unlocking' });
    const afterState = new Date(HOUR_START + 90_000).toISOString();
    expect((await syncOne(simulator, frontDoor)).deviceState?.lastStateChangedDate).toBe(
      afterState,
    );

    clock.advance(12_345);
    simulator.updateLock(frontDoor, { door: 'open' });
    const afterDoor = new Date(HOUR_START + 102_345).toISOString();
    expect((await syncOne(simulator, frontDoor)).deviceState?.lastStateChangedDate).toBe(afterDoor);
    expect(afterDoor).toMatch(/^2025-11-03T08:01:42\.345Z$/);
  });

  it('reports a jam through stateChangeResult and clears it on the next successful move', async () => {
    const { simulator } = await startSimulator();
    simulator.updateLock(backDoor, { state: 'semi-locked', stateChangeResult: 3 });
    const jammed = await syncOne(simulator, backDoor);
    expect(jammed.deviceState).toMatchObject({ state: 3, stateChangeResult: 3 });
    expect(toLockStatus(jammed).lastOperationFailed).toBe(true);

    simulator.updateLock(backDoor, { state: 'locked' });
    expect((await syncOne(simulator, backDoor)).deviceState).toMatchObject({
      state: 6,
      stateChangeResult: 0,
    });
  });

  it('sends isConnected false with no state while disconnected, null without a bridge, and the state again on reconnect', async () => {
    const { simulator } = await startSimulator();
    simulator.updateLock(garage, { connected: false });
    expect(await syncOne(simulator, garage)).toEqual({
      id: garage,
      isConnected: false,
      deviceState: null,
      revision: 2,
    });

    simulator.updateLock(garage, { connected: null });
    expect(await syncOne(simulator, garage)).toEqual({
      id: garage,
      isConnected: null,
      deviceState: null,
      revision: 2,
    });

    simulator.updateLock(garage, { connected: true });
    expect((await syncOne(simulator, garage)).deviceState).toMatchObject({
      state: 2,
      batteryLevel: 54,
    });
  });

  it('does not bump the revision for live values', async () => {
    const { simulator } = await startSimulator();
    simulator.updateLock(frontDoor, { state: 'unlocked', battery: 10, connected: false });
    expect((await syncOne(simulator, frontDoor)).revision).toBe(7);
  });

  it('rejects unknown ids and invalid values without changing anything', async () => {
    const { simulator } = await startSimulator();
    expect(() => simulator.updateLock(1, { state: 'locked' })).toThrow(RangeError);
    expect(() => simulator.updateLock(frontDoor, { battery: Number.NaN })).toThrow(RangeError);
    expect(() =>
      simulator.updateLock(frontDoor, { state: 'unlocked', stateChangeResult: -1 }),
    ).toThrow(RangeError);
    expect(simulator.lock(frontDoor)).toMatchObject({
      state: 'locked',
      battery: 76,
      stateChangeResult: 0,
    });
  });
});

describe('configuration changes', () => {
  it('renames a lock and bumps its revision, as Tedee does', async () => {
    const { simulator } = await startSimulator();
    simulator.renameLock(garage, 'Garage side door');
    expect((await syncOne(simulator, garage)).revision).toBe(3);
    expect((await lockList(simulator)).find((lock) => lock.id === garage)).toMatchObject({
      name: 'Garage side door',
      revision: 3,
    });
  });

  it('bumps a revision on request', async () => {
    const { simulator } = await startSimulator();
    simulator.bumpRevision(backDoor);
    simulator.bumpRevision(backDoor);
    expect((await syncOne(simulator, backDoor)).revision).toBe(5);
  });
});

describe('adding and removing locks', () => {
  it('adds a lock that then appears in the list and in syncs', async () => {
    const { simulator } = await startSimulator();
    const id = simulator.addLock({
      name: 'Shed',
      model: 'lock-go',
      state: 'unlocked',
      battery: 33,
    });

    expect((await syncAll(simulator)).map((lock) => lock.id)).toEqual([
      frontDoor,
      garage,
      backDoor,
      id,
    ]);
    const shed = (await lockList(simulator)).find((lock) => lock.id === id);
    expect(shed).toMatchObject({
      name: 'Shed',
      type: 4,
      deviceState: { state: 2, batteryLevel: 33 },
    });
    expect(shed?.serialNumber).toMatch(/^\d{8}-\d{6}$/);
  });

  it('refuses a duplicate id or serial number', async () => {
    const { simulator } = await startSimulator();
    expect(() => simulator.addLock({ id: garage, name: 'Copy', model: 'lock-go' })).toThrow(
      RangeError,
    );
    expect(() =>
      simulator.addLock({ name: 'Copy', model: 'lock-pro', serialNumber: '23140207-004512' }),
    ).toThrow(RangeError);
    expect(simulator.locks()).toHaveLength(3);
  });

  it('removes a lock: gone from syncs and the list, 404 on its own endpoints', async () => {
    const { simulator } = await startSimulator();
    simulator.removeLock(garage);

    expect((await syncAll(simulator)).map((lock) => lock.id)).toEqual([frontDoor, backDoor]);
    expect((await lockList(simulator)).map((lock) => lock.id)).toEqual([frontDoor, backDoor]);
    expect((await request(simulator, apiPaths.syncSingle(garage))).status).toBe(404);
    expect((await request(simulator, apiPaths.lock(garage))).status).toBe(404);
    expect(() => simulator.removeLock(garage)).toThrow(RangeError);
  });

  it('re-adds a lock under a new id with the same serial number and state', async () => {
    const { simulator } = await startSimulator();
    simulator.updateLock(frontDoor, { state: 'unlocked' });
    const newId = simulator.readdLock(frontDoor);

    expect(newId).not.toBe(frontDoor);
    expect(newId).toBeGreaterThan(Math.max(frontDoor, garage, backDoor));
    expect((await request(simulator, apiPaths.syncSingle(frontDoor))).status).toBe(404);

    const readded = (await lockList(simulator)).find((lock) => lock.id === newId);
    expect(readded).toMatchObject({
      name: 'Front door',
      serialNumber: '23140207-004512',
      type: 2,
      revision: 1,
      deviceState: { state: 2 },
    });
    expect((await syncAll(simulator)).map((lock) => lock.id)).toEqual([garage, backDoor, newId]);
  });
});

describe('legacy response shape (API before v1.35)', () => {
  it('carries the state under lockProperties instead of deviceState, in syncs and locks', async () => {
    const { simulator } = await startSimulator();
    simulator.setResponseShape('legacy');

    const syncRaw = (await request(simulator, apiPaths.syncSingle(frontDoor))).json() as {
      result: object;
    };
    expect(syncRaw.result).not.toHaveProperty('deviceState');
    expect(syncRaw.result).toHaveProperty('lockProperties.state', 6);

    const sync = await syncOne(simulator, frontDoor);
    expect(sync.lockProperties).toMatchObject({ state: 6, doorState: 3, batteryLevel: 76 });
    expect(toLockStatus(sync)).toMatchObject({ state: 'locked', door: 'closed', battery: 76 });

    const listRaw = (await request(simulator, apiPaths.lockList)).json() as { result: object[] };
    for (const lock of listRaw.result) {
      expect(lock).not.toHaveProperty('deviceState');
      expect(lock).toHaveProperty('lockProperties');
    }

    simulator.setResponseShape('current');
    expect((await syncOne(simulator, frontDoor)).deviceState?.state).toBe(6);
  });

  it('can start in the legacy shape, with null lockProperties for a disconnected lock', async () => {
    const { simulator } = await startSimulator({ shape: 'legacy' });
    simulator.updateLock(garage, { connected: false });
    const all = (await request(simulator, apiPaths.syncAll)).json() as {
      result: Record<string, unknown>[];
    };
    expect(all.result.find((lock) => lock['id'] === garage)).toEqual({
      id: garage,
      isConnected: false,
      lockProperties: null,
      revision: 2,
    });
  });
});
