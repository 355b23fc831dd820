/**
 * What holds the monitor, and what it keeps meanwhile: a pause keeps its end whatever else
 * happens (sleep, a new key, a poll in flight); an answer for a key that was replaced is not
 * used. Against the simulator on simulated time.
 */
import { describe, expect, it } from 'vitest';
import type { TedeeApi } from '../../main/engine/lock-monitor.ts';
import { originOf } from '../../main/tedee/api-address.ts';
import { TedeeClient } from '../../main/tedee/client.ts';
import { startHarness, TEST_KEY } from './monitor-harness.ts';

const HOUR = 60 * 60_000;

describe('a pause with an end', () => {
  it('still ends by itself after the computer slept through part of it', async () => {
    const h = await startHarness();
    await h.advance(1_000);
    const until = h.clock.now() + HOUR;
    h.monitor.pause(until);
    await h.advance(10 * 60_000);
    h.monitor.suspend();
    await h.advance(10 * 60_000);
    h.monitor.wake();
    expect(h.lastSnapshot().status.kind).toBe('paused');
    await h.advance(HOUR);
    expect(h.syncRequests().map((request) => request.at)[1]).toBe(until);
    expect(h.lastSnapshot().status.kind).toBe('ok');
  });

  it('still ends by itself when it ends while the computer sleeps, and waking then syncs', async () => {
    const h = await startHarness();
    await h.advance(1_000);
    h.monitor.pause(h.clock.now() + HOUR);
    h.monitor.suspend();
    await h.advance(2 * HOUR);
    expect(h.syncRequests().length).toBe(1);
    h.monitor.wake();
    await h.advance(0);
    expect(h.syncRequests().length).toBe(2);
  });

  it('still ends by itself after a new key was given, and plans no poll before', async () => {
    const h = await startHarness();
    await h.advance(1_000);
    const until = h.clock.now() + HOUR;
    h.monitor.pause(until);
    h.monitor.setApi(
      new TedeeClient({
        personalKey: TEST_KEY,
        apiUrl: h.simulator.baseUrl,
        keyOrigin: originOf(h.simulator.baseUrl),
        now: () => h.clock.now(),
      }),
    );
    expect(h.lastSnapshot()).toMatchObject({ nextSyncAt: null, status: { kind: 'paused' } });
    await h.advance(HOUR - 1_000);
    expect(h.syncRequests().length).toBe(1);
    await h.advance(1_000);
    expect(h.syncRequests().length).toBe(2);
    expect(h.syncRequests()[1]!.at).toBe(until);
  });

  it('still ends by itself when it began while a poll was in flight', async () => {
    const h = await startHarness();
    await h.advance(0);
    h.simulator.queueFault({ kind: 'delay', ms: 200 });
    await h.clock.advanceBy(30_000); // sends the second poll without waiting for its answer
    const until = h.clock.now() + HOUR;
    h.monitor.pause(until);
    await h.settle();
    expect(h.lastSnapshot()).toMatchObject({ nextSyncAt: null, status: { kind: 'paused' } });
    await h.advance(HOUR);
    const afterPause = h.syncRequests().filter((request) => request.at >= until);
    expect(afterPause.length).toBe(1);
  });
});

describe('a new key', () => {
  it('ignores a lock list answered to the old key once the key has changed', async () => {
    const h = await startHarness({ manualStart: true });
    const oldKey: TedeeApi = {
      listLocks: async (signal) => {
        const locks = await h.client.listLocks(signal);
        queueMicrotask(() => h.monitor.setApi(null)); // the key goes before the list is read
        return locks;
      },
      syncLock: (id, signal) => h.client.syncLock(id, signal),
      syncLocks: (ids, signal) => h.client.syncLocks(ids, signal),
      deviceDetails: (signal) => h.client.deviceDetails(signal),
      doorSensors: (signal) => h.client.doorSensors(signal),
      personalKeyValidTo: (signal) => h.client.personalKeyValidTo(signal),
    };
    h.monitor.setApi(oldKey);
    h.monitor.start();
    await h.advance(60_000);
    expect(h.monitor.catalog).toEqual([]);
    expect(h.syncRequests()).toEqual([]);
    expect(h.lastSnapshot().status.message).toBe('No Tedee Personal Access Key is set.');
  });
});

describe('a listener that throws', () => {
  it('is reported, while the other listeners still hear every event and polling goes on', async () => {
    const failures: unknown[] = [];
    const h = await startHarness({ onListenerError: (error) => failures.push(error) });
    const heard: string[] = [];
    h.monitor.subscribe(() => {
      throw new Error('listener bug');
    });
    h.monitor.subscribe((event) => heard.push(event.type));
    await h.advance(1_000);
    const syncsBefore = h.syncRequests().length;
    await h.advance(60_000);
    expect(h.syncRequests().length).toBeGreaterThan(syncsBefore);
    expect(heard.length).toBeGreaterThan(0);
    expect(failures.length).toBe(heard.length);
    expect(
      failures.every((error) => error instanceof Error && error.message === 'listener bug'),
    ).toBe(true);
    expect(h.lastSnapshot().status.kind).toBe('ok');
  });
});
