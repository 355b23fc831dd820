import { afterEach, describe, expect, it } from 'vitest';
import { apiPaths } from '../../main/tedee/api-paths.ts';
import { SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import type { TedeeSimulator } from '../../main/demo/tedee-simulator.ts';
import {
  closeSimulators,
  docFixture,
  HOUR_START,
  request,
  schemas,
  startSimulator,
} from './simulator-harness.ts';

afterEach(closeSimulators);

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Sends `count` requests one after another (so the order of answers is the order sent). */
async function burst(
  simulator: TedeeSimulator,
  paths: readonly string[],
  count: number,
  key?: string,
) {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const path = paths[i % paths.length] ?? apiPaths.syncAll;
    statuses.push((await request(simulator, path, key === undefined ? {} : { key })).status);
  }
  return statuses;
}

describe('global budget: 700 requests per hourly window', () => {
  it('refuses the 701st request with 429 and Retry-After up to the end of the window', async () => {
    const { simulator, clock } = await startSimulator();
    clock.set(HOUR_START + 25 * MINUTE + 10.5 * SECOND);

    const paths = [
      apiPaths.syncAll,
      apiPaths.syncSingle(SAMPLE_LOCK_IDS.garage),
      apiPaths.lock(SAMPLE_LOCK_IDS.frontDoor),
    ];
    const statuses = await burst(simulator, paths, 700);
    expect(statuses.filter((status) => status === 200)).toHaveLength(700);

    const refused = await request(simulator, apiPaths.syncAll);
    expect(refused.status).toBe(429);
    // 34 min 49.5 s remain in the window; rounded up so a client waiting that long gets through.
    expect(refused.headers.get('retry-after')).toBe('2090');
    expect(schemas.error.parse(refused.json())).toEqual(docFixture('error-429'));

    clock.advance(2089 * SECOND);
    expect((await request(simulator, apiPaths.syncAll)).headers.get('retry-after')).toBe('1');

    clock.set(HOUR_START + 60 * MINUTE);
    expect((await request(simulator, apiPaths.syncAll)).status).toBe(200);
  });

  it('keeps a separate budget per key', async () => {
    const { simulator } = await startSimulator({
      keys: ['first', 'second'],
      limits: { global: { max: 3, windowMs: 60 * MINUTE } },
    });
    expect(await burst(simulator, [apiPaths.syncAll], 4, 'first')).toEqual([200, 200, 200, 429]);
    expect(await burst(simulator, [apiPaths.syncAll], 3, 'second')).toEqual([200, 200, 200]);
  });

  it('does not charge requests refused with 401, or faulted ones, but charges other errors', async () => {
    const { simulator } = await startSimulator({
      limits: { global: { max: 3, windowMs: 60 * MINUTE } },
    });
    expect(await burst(simulator, [apiPaths.syncAll], 10, 'wrong-key')).toEqual(
      Array(10).fill(401),
    );
    simulator.queueFault({ kind: 'status', status: 503 }, 4);
    expect(await burst(simulator, [apiPaths.syncAll], 4)).toEqual([503, 503, 503, 503]);

    expect((await request(simulator, apiPaths.lock(4242))).status).toBe(404);
    expect((await request(simulator, apiPaths.syncAll, { method: 'POST' })).status).toBe(405);
    expect((await request(simulator, apiPaths.syncAll)).status).toBe(200);
    expect((await request(simulator, apiPaths.syncAll)).status).toBe(429);
  });

  it('starts a fresh budget with each window, aligned to whole windows on the clock', async () => {
    const { simulator, clock } = await startSimulator({
      limits: { global: { max: 2, windowMs: 60 * MINUTE } },
    });
    clock.set(HOUR_START + 59 * MINUTE + 59 * SECOND);
    expect(await burst(simulator, [apiPaths.syncAll], 3)).toEqual([200, 200, 429]);
    expect((await request(simulator, apiPaths.syncAll)).headers.get('retry-after')).toBe('1');
    clock.advance(SECOND);
    expect(await burst(simulator, [apiPaths.syncAll], 3)).toEqual([200, 200, 429]);
    expect((await request(simulator, apiPaths.syncAll)).headers.get('retry-after')).toBe('3600');
  });
});

describe('lock list budget: 10 per 10 minutes', () => {
  it('refuses the 11th list within 10 minutes with Retry-After until the oldest ages out', async () => {
    const { simulator, clock } = await startSimulator();
    for (let minute = 0; minute < 10; minute += 1) {
      clock.set(HOUR_START + minute * MINUTE);
      expect((await request(simulator, apiPaths.lockList)).status, `minute ${minute}`).toBe(200);
    }

    clock.set(HOUR_START + 9 * MINUTE + 30 * SECOND);
    const refused = await request(simulator, apiPaths.lockList);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(schemas.error.parse(refused.json()).statusCode).toBe(429);

    // Other endpoints, including a single lock, are not held back by the list budget.
    expect((await request(simulator, apiPaths.syncAll)).status).toBe(200);
    expect((await request(simulator, apiPaths.lock(SAMPLE_LOCK_IDS.garage))).status).toBe(200);

    // The window slides: at 10:00 the 0:00 call has aged out, leaving room for exactly one.
    clock.set(HOUR_START + 10 * MINUTE);
    expect((await request(simulator, apiPaths.lockList)).status).toBe(200);
    const next = await request(simulator, apiPaths.lockList);
    expect(next.status).toBe(429);
    expect(next.headers.get('retry-after')).toBe('60');
  });

  it('counts per key and follows configured limits', async () => {
    const { simulator, clock } = await startSimulator({
      keys: ['first', 'second'],
      limits: { lockList: { max: 2, windowMs: MINUTE } },
    });
    expect(await burst(simulator, [apiPaths.lockList], 3, 'first')).toEqual([200, 200, 429]);
    expect(await burst(simulator, [apiPaths.lockList], 2, 'second')).toEqual([200, 200]);
    clock.advance(MINUTE);
    expect(await burst(simulator, [apiPaths.lockList], 2, 'first')).toEqual([200, 200]);
  });

  it('counts list requests toward the hourly budget too', async () => {
    const { simulator } = await startSimulator({
      limits: { global: { max: 2, windowMs: 60 * MINUTE } },
    });
    expect(await burst(simulator, [apiPaths.lockList], 2)).toEqual([200, 200]);
    expect((await request(simulator, apiPaths.syncAll)).status).toBe(429);
  });
});
