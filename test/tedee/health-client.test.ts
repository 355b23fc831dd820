/**
 * The client's reads about bridges, door sensors and the key's expiry: documentation-shaped
 * answers through an in-memory fetch, and the key found by its prefix without ever leaving
 * the client.
 */
import { describe, expect, it } from 'vitest';
import { TedeeClient } from '../../main/tedee/client.ts';
import { AuthError, ForbiddenError } from '../../main/tedee/errors.ts';
import { ownKeyValidTo } from '../../main/tedee/own-key-expiry.ts';

const KEY = 'abc123.c2VjcmV0LXBlcnNvbmFsLWtleQ';

function clientAnswering(result: unknown, status = 200): TedeeClient {
  const body = JSON.stringify({
    result,
    success: status < 300,
    errorMessages: [],
    statusCode: status,
  });
  return new TedeeClient({
    personalKey: KEY,
    keyOrigin: 'https://api.tedee.com',
    fetch: async () => new Response(body, { status }),
  });
}

describe('device details', () => {
  it('reads bridges, the bridge of each lock and whether an update is offered', async () => {
    const client = clientAnswering({
      bridges: [
        { id: 47090, name: 'Hall', isConnected: false, softwareVersions: [] },
        { id: 47091, name: '  ', isConnected: null },
        { id: 47092, name: null, isConnected: true },
      ],
      locks: [
        {
          id: 48213,
          connectedToId: 47090,
          softwareVersions: [
            { softwareType: 0, version: '2.4.15214', updateAvailable: false },
            { softwareType: 1, version: '1.0', updateAvailable: true },
          ],
        },
        { id: 48519, connectedToId: null, softwareVersions: null },
        {
          id: 48520,
          connectedToId: 47092,
          softwareVersions: [{ softwareType: 0, version: '2.4.15214', updateAvailable: false }],
        },
      ],
      keypads: [],
      gates: [],
      dryContacts: [],
    });
    expect(await client.deviceDetails()).toEqual({
      bridges: [
        { id: 47090, name: 'Hall', connected: false },
        { id: 47091, name: 'Bridge 47091', connected: null },
        { id: 47092, name: 'Bridge 47092', connected: true },
      ],
      locks: [
        { id: 48213, bridgeId: 47090, updateAvailable: true },
        { id: 48519, bridgeId: null, updateAvailable: false },
        { id: 48520, bridgeId: 47092, updateAvailable: false },
      ],
    });
  });

  it('reads an account whose details list no bridges and no locks as having none', async () => {
    expect(await clientAnswering({ bridges: null }).deviceDetails()).toEqual({
      bridges: [],
      locks: [],
    });
  });
});

describe('door sensors', () => {
  it('reads the battery where Tedee sent one, and unknown (null) where it did not', async () => {
    const client = clientAnswering({
      page: 1,
      itemsPerPage: 2147483647,
      doorSensors: [
        { id: 1, name: 'Front', connectedToLockId: 48213, deviceState: { batteryLevel: 18 } },
        { id: 2, name: 'Back', connectedToLockId: 48402, deviceState: {} },
        { id: 3, name: 'Loose', connectedToLockId: null, deviceState: { batteryLevel: 255 } },
      ],
    });
    expect(await client.doorSensors()).toEqual([
      { id: 1, name: 'Front', lockId: 48213, battery: 18 },
      { id: 2, name: 'Back', lockId: 48402, battery: null },
      { id: 3, name: 'Loose', lockId: null, battery: null },
    ]);
  });

  it('names a sensor without a name by its id, and reads one without a state as unknown', async () => {
    const client = clientAnswering({
      doorSensors: [
        { id: 4, name: null, connectedToLockId: 48213, deviceState: null },
        { id: 5, name: '  ', connectedToLockId: 48402 },
        { id: 6, name: ' Garden ', connectedToLockId: null, deviceState: { batteryLevel: 64 } },
      ],
    });
    expect(await client.doorSensors()).toEqual([
      { id: 4, name: 'Door sensor 4', lockId: 48213, battery: null },
      { id: 5, name: 'Door sensor 5', lockId: 48402, battery: null },
      { id: 6, name: 'Garden', lockId: null, battery: 64 },
    ]);
  });
});

describe('the key’s own expiry', () => {
  it('finds this key by its prefix among the account’s keys', async () => {
    const client = clientAnswering([
      { id: 'a', name: 'Phone', prefix: 'zzz999', scopes: [], validTo: '2026-01-01T00:00:00Z' },
      { id: 'b', name: 'Tray', prefix: 'abc123', scopes: [], validTo: '2027-05-31T10:00:00' },
    ]);
    expect(await client.personalKeyValidTo()).toBe(Date.UTC(2027, 4, 31, 10));
  });

  it('prefers the longest matching prefix, then the earliest date, and says null for none', () => {
    const entries = [
      { prefix: 'ab', validTo: '2026-01-01T00:00:00Z' },
      { prefix: 'abc123', validTo: '2028-01-01T00:00:00Z' },
      { prefix: 'abc123', validTo: '2027-01-01T00:00:00Z' },
      { prefix: '', validTo: '2025-01-01T00:00:00Z' },
      { prefix: 'abc123', validTo: null },
    ];
    expect(ownKeyValidTo(KEY, entries)).toBe(Date.UTC(2027, 0, 1));
    // The same choice whatever order Tedee lists them in.
    expect(ownKeyValidTo(KEY, entries.toReversed())).toBe(Date.UTC(2027, 0, 1));
    expect(ownKeyValidTo(KEY, [{ prefix: 'xyz', validTo: '2027-01-01T00:00:00Z' }])).toBeNull();
    expect(ownKeyValidTo(KEY, [])).toBeNull();
  });

  it('takes no entry without a prefix for this key, though every key starts with nothing', () => {
    const validTo = '2027-01-01T00:00:00Z';
    expect(ownKeyValidTo(KEY, [{ prefix: '', validTo }])).toBeNull();
    expect(ownKeyValidTo(KEY, [{ prefix: null, validTo }])).toBeNull();
  });

  it.each([
    [401, AuthError],
    [403, ForbiddenError],
  ] as const)(
    'reports %i as its typed error, which names no part of the key',
    async (status, type) => {
      const client = clientAnswering(undefined, status);
      const error = await client.personalKeyValidTo().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(type);
      expect(String((error as Error).message)).not.toContain(KEY.slice(0, 6));
    },
  );
});
