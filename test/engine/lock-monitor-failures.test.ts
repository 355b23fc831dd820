/**
 * How the engine behaves when Tedee says no, or says nothing, against the simulator.
 */
import { describe, expect, it } from 'vitest';
import { SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import { MAX_BACKOFF_MS } from '../../main/engine/backoff.ts';
import { originOf } from '../../main/tedee/api-address.ts';
import { TedeeClient } from '../../main/tedee/client.ts';
import { startHarness, TEST_KEY } from './monitor-harness.ts';
import { ascending } from '../support/ascending.ts';

const { frontDoor, garage } = SAMPLE_LOCK_IDS;

describe('429 Too Many Requests', () => {
  it('sends nothing before Retry-After has passed, then resumes', async () => {
    const h = await startHarness();
    await h.advance(0);
    h.simulator.queueFault({ kind: 'status', status: 429, headers: { 'Retry-After': '600' } });
    await h.advance(30_000);
    const limitedAt = h.clock.now();
    expect(h.lastSnapshot().status).toMatchObject({
      kind: 'rate-limited',
      retryAt: limitedAt + 600_000,
    });
    expect(h.lastSnapshot().status.message).toContain('retry after');
    expect(h.lastSnapshot().tray).toBe('offline');
    expect(h.monitor.refreshNow()).toBe(limitedAt + 600_000);

    await h.advance(599_000);
    expect(h.simulator.requests().filter((request) => request.at > limitedAt)).toEqual([]);
    await h.advance(1_000);
    expect(h.simulator.requests().at(-1)).toMatchObject({ at: limitedAt + 600_000, status: 200 });
    expect(h.lastSnapshot().status.kind).toBe('ok');
  });
});

describe('transient failures', () => {
  it('back off exponentially, never faster than the interval, capped, and keep lock values', async () => {
    const h = await startHarness({ random: () => 0.999 });
    await h.advance(0);
    const before = h.lastSnapshot().locks;
    h.simulator.queueFault({ kind: 'status', status: 503 }, 4);
    h.simulator.queueFault({ kind: 'reset' }, 2);
    h.simulator.queueFault({ kind: 'html' }, 2);
    await h.advance(2 * 60 * 60_000);
    const attempts = h.syncRequests().map((request) => request.at);
    const gaps = attempts.slice(1).map((at, index) => at - attempts[index]!);
    // With jitter at its top: 30, 60, 120, 240, 300 (cap), 300, 300, 300 s, then back to 30 s.
    expect(gaps.slice(0, 10).map((gap) => Math.round(gap / 1000))).toEqual([
      30, 30, 60, 120, 240, 300, 300, 300, 300, 30,
    ]);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(MAX_BACKOFF_MS);
    expect(h.lastSnapshot().status.kind).toBe('ok');
    const failed = h.snapshots().find((snapshot) => snapshot.status.kind === 'offline')!;
    expect(
      failed.locks.map(({ state, battery, connected }) => ({ state, battery, connected })),
    ).toEqual(before.map(({ state, battery, connected }) => ({ state, battery, connected })));
  });

  it('reports offline with the reason', async () => {
    const h = await startHarness();
    h.simulator.queueFault({ kind: 'html', status: 502 });
    await h.advance(0);
    expect(h.lastSnapshot().status).toMatchObject({ kind: 'offline' });
    expect(h.lastSnapshot().status.message).toMatch(/HTML page|HTTP 502/);
  });

  it('a request slower than the interval is not overlapped', async () => {
    const h = await startHarness();
    await h.advance(0);
    h.simulator.queueFault({ kind: 'delay', ms: 300 });
    await h.clock.advanceBy(30_000); // fires the poll but does not wait for it
    await h.clock.advanceBy(30_000);
    expect(h.monitor.refreshNow()).toBe(h.clock.now());
    await h.clock.advanceBy(30_000);
    await h.settle();
    const syncs = h.syncRequests();
    expect(syncs.length).toBe(2);
  });

  it('a timeout aborts the request and counts as a transient failure', async () => {
    const h = await startHarness({ manualStart: true });
    h.monitor.setApi(
      new TedeeClient({
        personalKey: TEST_KEY,
        apiUrl: h.simulator.baseUrl,
        keyOrigin: originOf(h.simulator.baseUrl),
        timeoutMs: 100,
      }),
    );
    h.monitor.start();
    h.simulator.queueFault({ kind: 'delay', ms: 1_000 });
    await h.advance(0);
    expect(h.lastSnapshot().status).toMatchObject({
      kind: 'offline',
      message: expect.stringContaining('did not answer'),
    });
  });
});

describe('the key', () => {
  it('401 stops polling until the key changes, with a status that says why', async () => {
    const h = await startHarness();
    await h.advance(0);
    h.simulator.revokeKey(TEST_KEY);
    await h.advance(30_000);
    expect(h.lastSnapshot().status.kind).toBe('auth-error');
    expect(h.lastSnapshot().tray).toBe('key-problem');
    const requestsSoFar = h.simulator.requests().length;
    await h.advance(60 * 60_000);
    expect(h.simulator.requests().length).toBe(requestsSoFar);
    expect(h.monitor.refreshNow()).toBeNull();

    h.simulator.addKey('new.key');
    h.monitor.setApi(
      new TedeeClient({
        personalKey: 'new.key',
        apiUrl: h.simulator.baseUrl,
        keyOrigin: originOf(h.simulator.baseUrl),
        now: () => h.clock.now(),
      }),
    );
    await h.advance(0);
    expect(h.lastSnapshot().status.kind).toBe('ok');
  });

  it('403 tells the user the key needs the Device.Read scope', async () => {
    const h = await startHarness();
    h.simulator.queueFault({ kind: 'status', status: 403 });
    await h.advance(0);
    expect(h.lastSnapshot().status).toMatchObject({ kind: 'forbidden' });
    expect(h.lastSnapshot().status.message).toContain('Device.Read');
    await h.advance(10 * 60_000);
    expect(h.simulator.requests().length).toBe(1);
  });
});

describe('locks that leave the account', () => {
  it('a selected lock that Tedee no longer knows is dropped with a status message', async () => {
    const h = await startHarness({ selection: { ids: [garage] } });
    await h.advance(0);
    h.simulator.removeLock(garage);
    await h.advance(60_000);
    expect(h.lastSnapshot().locks).toEqual([]);
    expect(h.lastSnapshot().status.message).toContain('Garage');
    const afterDrop = h.syncRequests().length;
    await h.advance(10 * 60_000);
    expect(h.syncRequests().length).toBe(afterDrop);
  });

  it('a lock re-added under a new id stays selected, found by its serial', async () => {
    const h = await startHarness({ selection: { ids: [frontDoor, garage] } });
    await h.advance(0);
    const newId = h.simulator.readdLock(garage);
    await h.advance(90_000);
    const locks = h.lastSnapshot().locks;
    expect(locks.map((lock) => [lock.id, lock.name])).toEqual([
      [frontDoor, 'Front door'],
      [newId, 'Garage'],
    ]);
    expect(h.syncRequests().at(-1)!.lockIds.toSorted(ascending)).toEqual(
      [frontDoor, newId].toSorted(ascending),
    );
  });
});
