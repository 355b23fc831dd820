/** The simulated activity log: the documented shape, paging, guests and the scope it needs. */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import { apiPaths } from '../../main/tedee/api-paths.ts';
import { closeSimulators, HOUR_START, request, startSimulator } from './simulator-harness.ts';

afterEach(closeSimulators);

const { frontDoor } = SAMPLE_LOCK_IDS;
const OWNER = 'owner.key';
const GUEST = 'guest.key';
const ALEX = { userId: 20417, name: 'Alex Example' };
const BEA = { userId: 31822, name: 'Bea Guest' };
const FULL = ['Device.Read', 'DeviceActivity.Read'];

function activityPath(query: string): string {
  return `${apiPaths.deviceActivity}?${query}`;
}

async function withLog() {
  const started = await startSimulator({
    keys: [
      { key: OWNER, scopes: FULL },
      { key: GUEST, scopes: FULL, guestUserId: BEA.userId },
      'device-only',
    ],
  });
  const { simulator } = started;
  simulator.logActivity(frontDoor, { event: 33, author: ALEX, source: 1, at: HOUR_START + 1000 });
  simulator.logActivity(frontDoor, { event: 38, at: HOUR_START + 2000 });
  simulator.logActivity(frontDoor, { event: 61, author: BEA, at: HOUR_START + 3000 });
  simulator.logActivity(frontDoor, { event: 36, at: HOUR_START + 4000 });
  return started;
}

type Wire = { id: number; event: number; date: string; username?: string; userName?: string };

function resultOf(json: unknown): Wire[] {
  return (json as { result: Wire[] }).result;
}

describe('GET /my/deviceactivity', () => {
  it('answers in the shape of the documentation’s sample, newest first, dates without a zone', async () => {
    const { simulator } = await withLog();
    const answer = await request(simulator, activityPath(`deviceId=${frontDoor}`), { key: OWNER });
    expect(answer.status).toBe(200);
    const sample = JSON.parse(
      readFileSync(
        new URL('../fixtures/tedee-bridge/cloud-deviceactivity.json', import.meta.url),
        'utf8',
      ),
    ) as { result: Record<string, unknown>[] };
    const body = answer.json() as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['errorMessages', 'result', 'statusCode', 'success']);
    const entries = resultOf(body);
    expect(entries.map((entry) => entry.event)).toEqual([36, 61, 38, 33]);
    // Every field the sample's entries use, and the date in the sample's form.
    const sampleKeys = new Set(sample.result.flatMap((entry) => Object.keys(entry)));
    for (const entry of entries)
      for (const key of Object.keys(entry))
        expect(sampleKeys.has(key) || key === 'userName', key).toBe(true);
    expect(entries[0]?.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);
  });

  it('pages: elements caps the page, lastElemDate keeps only strictly older entries', async () => {
    const { simulator } = await withLog();
    const first = resultOf(
      (
        await request(simulator, activityPath(`deviceId=${frontDoor}&elements=2`), { key: OWNER })
      ).json(),
    );
    expect(first.map((entry) => entry.event)).toEqual([36, 61]);
    const next = resultOf(
      (
        await request(
          simulator,
          activityPath(`deviceId=${frontDoor}&elements=2&lastElemDate=${first[1]?.date ?? ''}`),
          { key: OWNER },
        )
      ).json(),
    );
    expect(next.map((entry) => entry.event)).toEqual([38, 33]);
  });

  it('shows a guest only their own entries and those without an author', async () => {
    const { simulator } = await withLog();
    const answer = await request(simulator, activityPath(`deviceId=${frontDoor}`), { key: GUEST });
    expect(resultOf(answer.json()).map((entry) => entry.event)).toEqual([36, 61, 38]);
  });

  it('answers 403 to a key without DeviceActivity.Read, which still reads locks', async () => {
    const { simulator } = await withLog();
    expect(
      (await request(simulator, activityPath(`deviceId=${frontDoor}`), { key: 'device-only' }))
        .status,
    ).toBe(403);
    expect((await request(simulator, apiPaths.lockList, { key: 'device-only' })).status).toBe(200);
  });

  it('refuses a missing deviceId, a page over 200 and an unreadable date; 404 for an unknown lock', async () => {
    const { simulator } = await withLog();
    for (const query of [
      'elements=10',
      `deviceId=${frontDoor}&elements=201`,
      `deviceId=${frontDoor}&elements=0`,
      `deviceId=${frontDoor}&lastElemDate=yesterday`,
    ])
      expect((await request(simulator, activityPath(query), { key: OWNER })).status, query).toBe(
        400,
      );
    expect(
      (await request(simulator, activityPath(`deviceId=${frontDoor}&elements=200`), { key: OWNER }))
        .status,
    ).toBe(200);
    expect((await request(simulator, activityPath('deviceId=999'), { key: OWNER })).status).toBe(
      404,
    );
  });
});
