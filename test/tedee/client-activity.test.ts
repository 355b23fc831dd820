/** listActivity against the simulator over loopback HTTP: shape, paging, scope. */
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_LOCK_IDS, sampleLocks } from '../../main/demo/sample-locks.ts';
import { TedeeSimulator } from '../../main/demo/tedee-simulator.ts';
import type { AccessKeyConfig } from '../../main/demo/tedee-simulator.ts';
import { TedeeClient } from '../../main/tedee/client.ts';
import { AuthError, BadResponseError, MissingScopeError } from '../../main/tedee/errors.ts';
import { ACTIVITY_MAX_PAGE } from '../support/tedee-limits.ts';

const KEY = 'activity.key';
const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const { frontDoor, garage } = SAMPLE_LOCK_IDS;
const ANNA = { userId: 20417, name: 'Anna' };

let simulator: TedeeSimulator;
afterEach(async () => {
  await simulator?.close();
});

async function setUp(
  keys: AccessKeyConfig[] = [{ key: KEY, scopes: ['Device.Read', 'DeviceActivity.Read'] }],
) {
  simulator = await TedeeSimulator.start({ keys, locks: sampleLocks(), now: () => NOW });
  const clientFor = (key: string) =>
    new TedeeClient({ personalKey: key, apiUrl: simulator.baseUrl, keyOrigin: simulator.baseUrl });
  return { client: clientFor(KEY), clientFor };
}

/** A client whose activity log answers these entries, through an in-memory fetch. */
function clientWithActivity(entries: unknown[]): TedeeClient {
  const body = JSON.stringify({
    result: entries,
    success: true,
    errorMessages: [],
    statusCode: 200,
  });
  return new TedeeClient({
    personalKey: KEY,
    keyOrigin: 'https://api.tedee.com',
    fetch: async () => new Response(body),
  });
}

const wireEntry = { id: 1, deviceId: frontDoor, event: 33, source: 1, date: '2026-11-25T11:59:00' };

describe('listActivity', () => {
  it('trims an author’s name, and reads a blank one as no author', async () => {
    const entries = await clientWithActivity([
      { ...wireEntry, id: 1, username: '  Anna ' },
      { ...wireEntry, id: 2, userName: '   ' },
    ]).listActivity(frontDoor, { elements: 10 });
    expect(entries.map((activity) => activity.user)).toEqual(['Anna', null]);
  });

  it('refuses an entry whose date is not a date, naming the field', async () => {
    const error = await clientWithActivity([{ ...wireEntry, date: 'yesterday' }])
      .listActivity(frontDoor, { elements: 10 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadResponseError);
    expect((error as Error).message).toBe(
      'Tedee sent a response this app cannot read: field "result[0].date": not a date.',
    );
  });

  it('gives a lock’s entries newest first, in the app’s words, zone-less dates read as UTC', async () => {
    const { client } = await setUp();
    simulator.logActivity(frontDoor, { event: 33, author: ANNA, source: 1, at: NOW - 60_000 });
    simulator.logActivity(frontDoor, { event: 36, at: NOW - 30_000 });
    simulator.logActivity(garage, { event: 62, at: NOW - 10_000 });
    const [newest, older, ...rest] = await client.listActivity(frontDoor, { elements: 50 });
    expect(rest).toEqual([]);
    expect(newest).toMatchObject({
      lockId: frontDoor,
      event: 36,
      user: null,
      source: 'device',
      date: new Date(NOW - 30_000).toISOString(),
    });
    expect(older).toMatchObject({ event: 33, user: 'Anna', source: 'mobile' });
    expect(simulator.activityQueries()).toEqual([
      { at: NOW, lockId: frontDoor, elements: 50, before: null, returned: 2 },
    ]);
  });

  it('reads the author under both spellings Tedee documents (username and userName)', async () => {
    const { client } = await setUp();
    for (const at of [NOW - 3000, NOW - 2000, NOW - 1000])
      simulator.logActivity(frontDoor, { event: 61, author: ANNA, at });
    const entries = await client.listActivity(frontDoor, { elements: 10 });
    expect(entries.map((entry) => entry.user)).toEqual(['Anna', 'Anna', 'Anna']);
  });

  it('pages with lastElemDate: the next page starts strictly before the last entry', async () => {
    const { client } = await setUp();
    for (let i = 0; i < 5; i += 1)
      simulator.logActivity(frontDoor, { event: 32, at: NOW - i * 1000 });
    const first = await client.listActivity(frontDoor, { elements: 2 });
    const second = await client.listActivity(frontDoor, {
      elements: 2,
      before: first.at(-1)?.date ?? '',
    });
    const third = await client.listActivity(frontDoor, {
      elements: 2,
      before: second.at(-1)?.date ?? '',
    });
    const ids = [...first, ...second, ...third].map((entry) => entry.id);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
    expect(simulator.activityQueries().map((query) => query.before)).toEqual([
      null,
      new Date(NOW - 1000).toISOString(),
      new Date(NOW - 3000).toISOString(),
    ]);
  });

  it('refuses a page size Tedee would not serve, before sending anything', async () => {
    const { client } = await setUp();
    await expect(
      client.listActivity(frontDoor, { elements: ACTIVITY_MAX_PAGE + 1 }),
    ).rejects.toThrow(RangeError);
    await expect(client.listActivity(frontDoor, { elements: 0 })).rejects.toThrow(RangeError);
    expect(simulator.requests()).toEqual([]);
    await expect(client.listActivity(frontDoor, { elements: ACTIVITY_MAX_PAGE })).resolves.toEqual(
      [],
    );
  });

  it('turns a 403 into a MissingScopeError that names DeviceActivity.Read, and keeps 401 a rejected key', async () => {
    const { clientFor } = await setUp(['device-only']);
    const error = await clientFor('device-only')
      .listActivity(frontDoor, { elements: 10 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MissingScopeError);
    expect((error as MissingScopeError).scope).toBe('DeviceActivity.Read');
    expect((error as Error).message).toContain('DeviceActivity.Read');
    expect((error as Error).message).not.toContain('device-only');
    // The same key still reads its locks: the scope is about the activity log only.
    await expect(clientFor('device-only').listLocks()).resolves.toHaveLength(3);
    await expect(clientFor('unknown').listActivity(frontDoor, { elements: 10 })).rejects.toThrow(
      AuthError,
    );
  });
});
