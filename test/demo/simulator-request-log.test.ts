import { afterEach, describe, expect, it } from 'vitest';
import { apiPaths } from '../../main/tedee/api-paths.ts';
import { SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import { closeSimulators, HOUR_START, request, startSimulator } from './simulator-harness.ts';

afterEach(closeSimulators);

const { frontDoor, garage, backDoor } = SAMPLE_LOCK_IDS;

describe('request log', () => {
  it('records time, method, path, status and the locks each request synced', async () => {
    const { simulator, clock } = await startSimulator();
    await request(simulator, apiPaths.lockList);
    clock.advance(1000);
    await request(simulator, apiPaths.syncAll);
    clock.advance(1000);
    await request(simulator, `${apiPaths.syncAll}?id=${backDoor}&id=777&id=${garage}`);
    clock.advance(1000);
    await request(simulator, apiPaths.syncSingle(garage));
    await request(simulator, apiPaths.syncSingle(555));
    await request(simulator, apiPaths.lock(frontDoor));
    await request(simulator, apiPaths.syncAll, { key: 'nobody' });
    await request(simulator, apiPaths.syncAll, { method: 'DELETE' });

    expect(simulator.requests()).toEqual([
      {
        at: HOUR_START,
        method: 'GET',
        path: apiPaths.lockList,
        status: 200,
        lockIds: [],
        askedLockIds: [],
      },
      {
        at: HOUR_START + 1000,
        method: 'GET',
        path: apiPaths.syncAll,
        status: 200,
        lockIds: [frontDoor, garage, backDoor],
        askedLockIds: [frontDoor, garage, backDoor],
      },
      {
        at: HOUR_START + 2000,
        method: 'GET',
        path: apiPaths.syncAll,
        status: 200,
        lockIds: [garage, backDoor],
        askedLockIds: [garage, backDoor],
      },
      {
        at: HOUR_START + 3000,
        method: 'GET',
        path: apiPaths.syncSingle(garage),
        status: 200,
        lockIds: [garage],
        askedLockIds: [garage],
      },
      {
        at: HOUR_START + 3000,
        method: 'GET',
        path: apiPaths.syncSingle(555),
        status: 404,
        lockIds: [],
        askedLockIds: [],
      },
      {
        at: HOUR_START + 3000,
        method: 'GET',
        path: apiPaths.lock(frontDoor),
        status: 200,
        lockIds: [],
        askedLockIds: [],
      },
      {
        at: HOUR_START + 3000,
        method: 'GET',
        path: apiPaths.syncAll,
        status: 401,
        lockIds: [],
        askedLockIds: [frontDoor, garage, backDoor],
      },
      {
        at: HOUR_START + 3000,
        method: 'DELETE',
        path: apiPaths.syncAll,
        status: 405,
        lockIds: [],
        askedLockIds: [],
      },
    ]);
  });

  it('covers only the locks that exist when the sync is answered', async () => {
    const { simulator } = await startSimulator();
    simulator.removeLock(frontDoor);
    const added = simulator.addLock({ name: 'Shed', model: 'lock-go' });
    await request(simulator, apiPaths.syncAll);
    expect(simulator.requests()[0]?.lockIds).toEqual([garage, backDoor, added]);
  });

  it('records faulted and refused syncs as delivering no lock, but asking for theirs', async () => {
    const { simulator } = await startSimulator({
      limits: { global: { max: 1, windowMs: 3_600_000 } },
    });
    simulator.queueFault({ kind: 'html' });
    simulator.queueFault({ kind: 'reset' });
    await request(simulator, apiPaths.syncAll);
    await request(simulator, apiPaths.syncSingle(garage)).catch(() => undefined);
    await request(simulator, apiPaths.syncAll);
    await request(simulator, `${apiPaths.syncAll}?id=${backDoor}`);
    await request(simulator, `${apiPaths.syncAll}?id=abc`);

    const all = [frontDoor, garage, backDoor];
    expect(
      simulator
        .requests()
        .map(({ status, lockIds, askedLockIds }) => ({ status, lockIds, askedLockIds })),
    ).toEqual([
      { status: 502, lockIds: [], askedLockIds: all },
      { status: null, lockIds: [], askedLockIds: [garage] },
      { status: 200, lockIds: all, askedLockIds: all },
      { status: 429, lockIds: [], askedLockIds: [backDoor] },
      // An unreadable filter names no lock.
      { status: 429, lockIds: [], askedLockIds: [] },
    ]);
  });

  it('keeps the path as sent, query string removed', async () => {
    const { simulator } = await startSimulator();
    await request(simulator, `/API/v37/My/Lock/Sync?id=${garage}`);
    expect(simulator.requests()[0]).toMatchObject({
      path: '/API/v37/My/Lock/Sync',
      lockIds: [garage],
    });
  });

  it('hands out copies that cannot change the log', async () => {
    const { simulator } = await startSimulator();
    await request(simulator, apiPaths.syncAll);
    const [entry] = simulator.requests();
    entry?.lockIds.push(999);
    entry?.askedLockIds.push(999);
    expect(simulator.requests()[0]?.lockIds).toEqual([frontDoor, garage, backDoor]);
    expect(simulator.requests()[0]?.askedLockIds).toEqual([frontDoor, garage, backDoor]);
  });

  it('is emptied by clearRequestLog', async () => {
    const { simulator } = await startSimulator();
    await request(simulator, apiPaths.syncAll);
    await request(simulator, apiPaths.syncAll);
    simulator.clearRequestLog();
    expect(simulator.requests()).toEqual([]);
    expect(simulator.shortestSyncGap()).toBeNull();
    await request(simulator, apiPaths.lockList);
    expect(simulator.requests()).toHaveLength(1);
  });
});

describe('shortestSyncGap', () => {
  it('is null until some lock has been synced twice', async () => {
    const { simulator, clock } = await startSimulator();
    expect(simulator.shortestSyncGap()).toBeNull();
    await request(simulator, apiPaths.syncSingle(frontDoor));
    clock.advance(1000);
    await request(simulator, apiPaths.syncSingle(garage));
    await request(simulator, apiPaths.lockList);
    await request(simulator, apiPaths.lock(frontDoor));
    expect(simulator.shortestSyncGap()).toBeNull();
  });

  it('finds the closest two syncs of one lock, across sync-all and sync-single', async () => {
    const { simulator, clock } = await startSimulator();
    await request(simulator, apiPaths.syncAll); // t = 0: all three
    clock.advance(25_000);
    await request(simulator, apiPaths.syncSingle(garage)); // t = 25 s: garage, 25 s after t = 0
    clock.advance(10_000);
    await request(simulator, `${apiPaths.syncAll}?id=${backDoor}`); // t = 35 s: back door, 35 s after t = 0
    clock.advance(8_000);
    await request(simulator, apiPaths.syncAll); // t = 43 s: back door again after 8 s

    const gap = simulator.shortestSyncGap();
    expect(gap).toMatchObject({ lockId: backDoor, gapMs: 8_000 });
    expect(gap?.first).toMatchObject({ at: HOUR_START + 35_000, lockIds: [backDoor] });
    expect(gap?.second).toMatchObject({ at: HOUR_START + 43_000 });
  });

  it('lets a test prove a well-behaved poller never synced a lock within 20 s', async () => {
    const { simulator, clock } = await startSimulator();
    for (let poll = 0; poll < 5; poll += 1) {
      await request(simulator, apiPaths.syncAll);
      clock.advance(20_000);
    }
    expect(simulator.shortestSyncGap()?.gapMs).toBe(20_000);
    await request(simulator, apiPaths.syncSingle(frontDoor));
    clock.advance(19_999);
    await request(simulator, apiPaths.syncSingle(frontDoor));
    expect(simulator.shortestSyncGap()).toMatchObject({ lockId: frontDoor, gapMs: 19_999 });
  });

  it.each([
    ['a 503', { kind: 'status', status: 503 }],
    ['a 429', { kind: 'status', status: 429, headers: { 'Retry-After': '5' } }],
    ['a reset', { kind: 'reset' }],
    ['an HTML page', { kind: 'html' }],
  ] as const)(
    'counts a sync that failed with %s: it may have reached Tedee',
    async (_name, fault) => {
      const { simulator, clock } = await startSimulator();
      simulator.queueFault(fault);
      await request(simulator, apiPaths.syncSingle(garage)).catch(() => undefined);
      clock.advance(1000);
      await request(simulator, apiPaths.syncAll);
      expect(simulator.shortestSyncGap()).toMatchObject({
        lockId: garage,
        gapMs: 1000,
        first: { status: fault.kind === 'reset' ? null : expect.any(Number), lockIds: [] },
        second: { status: 200 },
      });
    },
  );

  it('counts a sync refused by the hourly limit or for an unknown key', async () => {
    const { simulator, clock } = await startSimulator({
      limits: { global: { max: 1, windowMs: 3_600_000 } },
    });
    await request(simulator, apiPaths.syncSingle(frontDoor));
    clock.advance(5000);
    await request(simulator, apiPaths.syncSingle(frontDoor));
    clock.advance(2000);
    await request(simulator, apiPaths.syncSingle(frontDoor), { key: 'nobody' });
    expect(simulator.requests().map((entry) => entry.status)).toEqual([200, 429, 401]);
    expect(simulator.shortestSyncGap()).toMatchObject({ lockId: frontDoor, gapMs: 2000 });
  });

  it('does not count a request that is not a sync', async () => {
    const { simulator, clock } = await startSimulator();
    await request(simulator, apiPaths.syncAll);
    clock.advance(1000);
    await request(simulator, apiPaths.lock(frontDoor));
    await request(simulator, apiPaths.lockList);
    await request(simulator, apiPaths.syncAll, { method: 'DELETE' });
    expect(simulator.shortestSyncGap()).toBeNull();
  });
});
