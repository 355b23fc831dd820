/**
 * The simulator's device details, door sensors and key list: shapes the client reads, scopes
 * enforced per endpoint and per key, and the key list showing prefixes, never keys.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import { DEFAULT_BRIDGE_ID } from '../../main/demo/simulated-bridges.ts';
import { apiPaths } from '../../main/tedee/api-paths.ts';
import {
  wireDeviceDetailsSchema,
  wireDoorSensorPageSchema,
  wirePersonalAccessKeySchema,
} from '../../main/tedee/health-wire-schemas.ts';
import { envelopeSchema } from '../../main/tedee/wire-schemas.ts';
import { closeSimulators, HOUR_START, KEY, request, startSimulator } from './simulator-harness.ts';

afterEach(closeSimulators);

const details = envelopeSchema(wireDeviceDetailsSchema);
const doorSensors = envelopeSchema(wireDoorSensorPageSchema);
const keyList = envelopeSchema(
  wirePersonalAccessKeySchema
    .extend({ id: z.string(), name: z.string(), scopes: z.array(z.string()) })
    .array(),
);

describe('scopes per endpoint', () => {
  it('serves devices to Device.Read and the key list to Account.Read, 403 otherwise', async () => {
    const { simulator } = await startSimulator({
      keys: [
        { key: 'device-only', scopes: ['Device.Read'] },
        { key: 'account-only', scopes: ['Account.Read'] },
        { key: 'both-write', scopes: ['Device.ReadWrite', 'Account.ReadWrite'] },
      ],
    });
    const statuses = async (key: string) =>
      Promise.all(
        [apiPaths.deviceDetails, apiPaths.doorSensors, apiPaths.personalAccessKeys].map(
          async (path) => (await request(simulator, path, { key })).status,
        ),
      );
    expect(await statuses('device-only')).toEqual([200, 200, 403]);
    expect(await statuses('account-only')).toEqual([403, 403, 200]);
    expect(await statuses('both-write')).toEqual([200, 200, 200]);
    expect((await request(simulator, apiPaths.syncAll, { key: 'account-only' })).status).toBe(403);
  });
});

describe('device details', () => {
  it('lists bridges with their cloud link and the locks with their bridge and firmware', async () => {
    const { simulator } = await startSimulator();
    simulator.updateLock(SAMPLE_LOCK_IDS.garage, { updateAvailable: true });
    const answer = details.parse((await request(simulator, apiPaths.deviceDetails)).json());
    expect(answer.result?.bridges).toEqual([
      {
        id: DEFAULT_BRIDGE_ID,
        name: 'Bridge',
        isConnected: true,
        softwareVersions: [
          { softwareType: 0, version: '2.2.18090', updateAvailable: false },
          { softwareType: 1, version: '1.0.4', updateAvailable: false },
        ],
      },
    ]);
    expect(
      answer.result?.locks?.map((lock) => [
        lock.id,
        lock.connectedToId,
        lock.softwareVersions?.[0]?.updateAvailable,
      ]),
    ).toEqual([
      [SAMPLE_LOCK_IDS.frontDoor, DEFAULT_BRIDGE_ID, false],
      [SAMPLE_LOCK_IDS.garage, DEFAULT_BRIDGE_ID, true],
      [SAMPLE_LOCK_IDS.backDoor, DEFAULT_BRIDGE_ID, false],
    ]);
  });

  it('takes the bridge’s connected locks offline with it, and brings back the same ones', async () => {
    const { simulator } = await startSimulator();
    simulator.updateLock(SAMPLE_LOCK_IDS.backDoor, { connected: null });
    simulator.updateBridge(DEFAULT_BRIDGE_ID, { connected: false });
    expect(simulator.locks().map((lock) => lock.connected)).toEqual([false, false, null]);
    const answer = details.parse((await request(simulator, apiPaths.deviceDetails)).json());
    expect(answer.result?.bridges?.[0]?.isConnected).toBe(false);
    simulator.updateBridge(DEFAULT_BRIDGE_ID, { connected: true });
    expect(simulator.locks().map((lock) => lock.connected)).toEqual([true, true, null]);
  });
});

describe('door sensors', () => {
  it('sends the battery when known, and leaves it out when it is older than 30 days', async () => {
    const { simulator } = await startSimulator({
      doorSensors: [
        { id: 901, lockId: SAMPLE_LOCK_IDS.frontDoor, battery: 64 },
        { id: 902, lockId: SAMPLE_LOCK_IDS.backDoor, battery: null },
      ],
    });
    const answer = await request(simulator, apiPaths.doorSensors);
    const raw = answer.json() as { result: { doorSensors: Array<{ deviceState: object }> } };
    expect(raw.result.doorSensors[1]?.deviceState).toEqual({});
    expect(doorSensors.parse(answer.json()).result?.doorSensors).toEqual([
      {
        id: 901,
        name: 'Door sensor',
        connectedToLockId: SAMPLE_LOCK_IDS.frontDoor,
        deviceState: {
          batteryLevel: 64,
          batteryLevelModifiedTime: new Date(HOUR_START).toISOString(),
        },
      },
      {
        id: 902,
        name: 'Door sensor',
        connectedToLockId: SAMPLE_LOCK_IDS.backDoor,
        deviceState: {},
      },
    ]);
  });
});

describe('the key list', () => {
  it('lists every key of the account by its first six characters, with scopes and expiry', async () => {
    const validTo = Date.UTC(2027, 4, 31);
    const { simulator } = await startSimulator({
      keys: [
        { key: KEY, scopes: ['Device.Read', 'Account.Read'], validTo, name: 'Tedee Tray' },
        'other1.another-key',
      ],
    });
    const answer = await request(simulator, apiPaths.personalAccessKeys);
    expect(answer.text).not.toContain(KEY);
    expect(keyList.parse(answer.json()).result).toEqual([
      {
        id: expect.any(String),
        name: 'Tedee Tray',
        prefix: KEY.slice(0, 6),
        scopes: ['Device.Read', 'Account.Read'],
        validTo: '2027-05-31T00:00:00.000Z',
      },
      {
        id: expect.any(String),
        name: 'Key 2',
        prefix: 'other1',
        scopes: ['Device.Read'],
        validTo: new Date(HOUR_START + 365 * 24 * 3_600_000).toISOString(),
      },
    ]);
  });
});
