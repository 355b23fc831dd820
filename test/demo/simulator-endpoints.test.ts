import { afterEach, describe, expect, it } from 'vitest';
import { apiPaths } from '../../main/tedee/api-paths.ts';
import { SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import {
  closeSimulators,
  docFixture,
  HOUR_START,
  request,
  schemas,
  startSimulator,
} from './simulator-harness.ts';

afterEach(closeSimulators);

const { frontDoor, garage, backDoor } = SAMPLE_LOCK_IDS;

/** Keys of the first element of a fixture's result (or of the result itself). */
function fixtureKeys(name: string, pick: (result: unknown) => unknown): string[] {
  const fixture = docFixture(name) as { result: unknown };
  return Object.keys(pick(fixture.result) as object).sort();
}

describe('GET /my/lock (lock list)', () => {
  it('returns every lock as a full Lock object in a success envelope', async () => {
    const { simulator } = await startSimulator();
    const answer = await request(simulator, apiPaths.lockList);

    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = schemas.lockList.parse(answer.json());
    expect(body).toMatchObject({ success: true, errorMessages: [], statusCode: 200 });
    expect(body.result).toEqual([
      expect.objectContaining({
        id: frontDoor,
        name: 'Front door',
        serialNumber: '23140207-004512',
        type: 2,
      }),
      expect.objectContaining({
        id: garage,
        name: 'Garage',
        serialNumber: '24310511-000873',
        type: 4,
      }),
      expect.objectContaining({ id: backDoor, name: 'Back door', type: 2 }),
    ]);
    expect(body.result?.[0]).toMatchObject({
      isConnected: true,
      revision: 7,
      deviceState: {
        state: 6,
        doorState: 3,
        isCharging: false,
        batteryLevel: 76,
        stateChangeResult: 0,
        lastStateChangedDate: new Date(HOUR_START).toISOString(),
      },
    });
  });

  it('carries the same fields as the documented lock list, bar the opt-in user settings and accessories', async () => {
    const { simulator } = await startSimulator();
    const raw = (await request(simulator, apiPaths.lockList)).json() as {
      result: Record<string, unknown>[];
    };
    const lock = raw.result[0] ?? {};

    const documented = fixtureKeys('lock-list', (r) => (r as unknown[])[0]).filter(
      (key) => key !== 'userSettings' && key !== 'accessories',
    );
    expect(Object.keys(lock).sort()).toEqual(documented);
    expect(Object.keys(lock['deviceSettings'] as object).sort()).toEqual(
      fixtureKeys(
        'lock-list',
        (r) => ((r as Record<string, unknown>[])[0] ?? {})['deviceSettings'],
      ),
    );
    expect(lock).toMatchObject({
      timeZone: 'Europe/Warsaw',
      connectedToId: expect.any(Number),
      created: '2025-11-03T08:00:00',
      softwareVersions: [
        {
          softwareType: 0,
          version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
          updateAvailable: false,
        },
      ],
    });
  });

  it('sends isConnected and deviceState as null for a lock without a bridge', async () => {
    const { simulator } = await startSimulator();
    simulator.updateLock(garage, { connected: null });

    const body = schemas.lockList.parse((await request(simulator, apiPaths.lockList)).json());
    const lock = body.result?.find((l) => l.id === garage);
    expect(lock).toMatchObject({ isConnected: null, deviceState: null });
    const raw = (await request(simulator, apiPaths.lock(garage))).json() as {
      result: Record<string, unknown>;
    };
    expect(raw.result).toMatchObject({ connectedToId: null, beaconMajor: null, beaconMinor: null });
  });
});

describe('GET /my/lock/{id}', () => {
  it('returns the one lock', async () => {
    const { simulator } = await startSimulator();
    const body = schemas.lock.parse((await request(simulator, apiPaths.lock(backDoor))).json());
    expect(body.result).toMatchObject({ id: backDoor, name: 'Back door', type: 2, revision: 3 });
    expect(body.result?.deviceState).toMatchObject({
      state: 6,
      isCharging: true,
      batteryLevel: 41,
    });
  });

  it('answers 404 in an error envelope without result for an unknown id', async () => {
    const { simulator } = await startSimulator();
    const answer = await request(simulator, apiPaths.lock(1));
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(schemas.error.parse(answer.json())).toEqual({
      success: false,
      errorMessages: ['Not found'],
      statusCode: 404,
    });
  });
});

describe('GET /my/lock/sync (sync all)', () => {
  it('returns one LockSync per lock, shaped like the documented sample', async () => {
    const { simulator } = await startSimulator();
    simulator.updateLock(backDoor, { connected: false });
    const answer = await request(simulator, apiPaths.syncAll);

    const body = schemas.syncAll.parse(answer.json());
    expect(body.result?.map((lock) => lock.id)).toEqual([frontDoor, garage, backDoor]);
    expect(body.result?.[2]).toEqual({
      id: backDoor,
      isConnected: false,
      deviceState: null,
      revision: 3,
    });

    const raw = answer.json() as { result: Record<string, unknown>[] };
    expect(Object.keys(raw.result[0] ?? {}).sort()).toEqual(
      fixtureKeys('sync-all', (r) => (r as unknown[])[0]),
    );
    expect(Object.keys((raw.result[0] ?? {})['deviceState'] as object).sort()).toEqual(
      fixtureKeys('sync-all', (r) => ((r as Record<string, unknown>[])[0] ?? {})['deviceState']),
    );
  });

  it('filters by repeated id parameters and leaves out ids the account does not have', async () => {
    const { simulator } = await startSimulator();
    const answer = await request(
      simulator,
      `${apiPaths.syncAll}?id=${backDoor}&id=999&id=${frontDoor}`,
    );
    const body = schemas.syncAll.parse(answer.json());
    expect(body.result?.map((lock) => lock.id)).toEqual([frontDoor, backDoor]);
  });

  it('returns an empty array when no filter id exists', async () => {
    const { simulator } = await startSimulator();
    const body = schemas.syncAll.parse(
      (await request(simulator, `${apiPaths.syncAll}?id=5`)).json(),
    );
    expect(body).toMatchObject({ success: true, result: [] });
  });

  it('refuses a filter id that is not an integer with 400', async () => {
    const { simulator } = await startSimulator();
    const answer = await request(simulator, `${apiPaths.syncAll}?id=front`);
    expect(answer.status).toBe(400);
    expect(schemas.error.parse(answer.json()).statusCode).toBe(400);
  });
});

describe('GET /my/lock/{id}/sync (sync single)', () => {
  it('returns one LockSync object, not an array', async () => {
    const { simulator } = await startSimulator();
    const body = schemas.syncSingle.parse(
      (await request(simulator, apiPaths.syncSingle(garage))).json(),
    );
    expect(body.result).toEqual({
      id: garage,
      isConnected: true,
      deviceState: {
        state: 2,
        doorState: 0,
        isCharging: false,
        batteryLevel: 54,
        stateChangeResult: 0,
        lastStateChangedDate: new Date(HOUR_START).toISOString(),
      },
      revision: 2,
    });
  });

  it('answers 404 for an unknown id', async () => {
    const { simulator } = await startSimulator();
    const answer = await request(simulator, apiPaths.syncSingle(12345));
    expect(answer.status).toBe(404);
    expect(schemas.error.parse(answer.json()).errorMessages).toEqual(['Not found']);
  });
});

describe('routing', () => {
  it('matches path segments and query names case-insensitively, as Tedee does', async () => {
    const { simulator } = await startSimulator();
    const syncAll = await request(simulator, `/API/V37/My/Lock/SYNC?ID=${garage}&Id=${backDoor}`);
    expect(schemas.syncAll.parse(syncAll.json()).result?.map((lock) => lock.id)).toEqual([
      garage,
      backDoor,
    ]);

    const single = await request(simulator, `/Api/v37/MY/lock/${frontDoor}/Sync`);
    expect(schemas.syncSingle.parse(single.json()).result?.id).toBe(frontDoor);

    const list = await request(simulator, '/api/V37/my/LOCK/');
    expect(schemas.lockList.parse(list.json()).result).toHaveLength(3);
  });

  it('answers 404 in an envelope for unknown routes and other API versions', async () => {
    const { simulator } = await startSimulator();
    for (const path of [
      '/api/v37/my/bridge',
      '/api/v1.36/my/lock/sync',
      '/api/v37/my/lock/abc',
      '/',
    ]) {
      const answer = await request(simulator, path);
      expect(answer.status, path).toBe(404);
      expect(schemas.error.parse(answer.json()).statusCode, path).toBe(404);
    }
  });

  it('answers 405 with Allow: GET to any other method', async () => {
    const { simulator } = await startSimulator();
    for (const method of ['POST', 'PATCH', 'DELETE', 'PUT']) {
      const answer = await request(simulator, apiPaths.syncAll, { method });
      expect(answer.status, method).toBe(405);
      expect(answer.headers.get('allow')).toBe('GET');
      expect(schemas.error.parse(answer.json()).statusCode).toBe(405);
    }
  });
});
