import { describe, expect, it } from 'vitest';
import { SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import type { FinishedOperation, StartAnswer } from '../../main/engine/lock-operations.ts';
import { SYNC_GAP_MS } from '../support/tedee-limits.ts';
import { startOperationHarness } from './operation-harness.ts';

const { garage } = SAMPLE_LOCK_IDS;

function started(answer: StartAnswer): Promise<FinishedOperation> {
  if (answer.kind !== 'started') throw new Error(`expected a start, got ${answer.kind}`);
  return answer.done;
}

describe('locking through the cloud', () => {
  it('sends the operation, follows its status and reports success once a sync shows it locked', async () => {
    const h = await startOperationHarness({ poll: { intervalSeconds: 60 } });
    const done = started(h.operations.start(garage, 'lock', 'tray'));
    expect(h.operations.running()).toEqual([
      expect.objectContaining({
        lockId: garage,
        operation: 'lock',
        route: 'cloud',
        source: 'tray',
      }),
    ]);
    await h.advance(30_000);
    const finished = await done;
    expect(finished.outcome).toEqual({ ok: true, message: 'Garage is locked.' });
    expect(h.simulator.lock(garage)?.state).toBe('locked');
    expect(h.lastSnapshot().locks.find((lock) => lock.id === garage)?.state).toBe('locked');
    expect(h.operationRequests().map((request) => [request.method, request.status])).toEqual([
      ['POST', 202],
      ['GET', 200],
    ]);
    expect(h.operations.running()).toEqual([]);
  });

  it('confirms with a sync that still keeps Tedee’s 20 s per lock', async () => {
    const h = await startOperationHarness({ poll: { intervalSeconds: 60 } });
    const done = started(h.operations.start(garage, 'lock', 'window'));
    await h.advance(60_000);
    await done;
    const gap = h.simulator.shortestSyncGap();
    expect(gap === null || gap.gapMs >= SYNC_GAP_MS).toBe(true);
    expect(h.syncRequests().length).toBeGreaterThanOrEqual(2);
  });

  it('ignores a second press while the operation runs', async () => {
    const h = await startOperationHarness();
    const first = h.operations.start(garage, 'lock', 'tray');
    expect(h.operations.start(garage, 'lock', 'window')).toEqual({ kind: 'ignored' });
    await h.advance(30_000);
    await started(first);
    expect(h.operationRequests().filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('names a jam from the state the next sync shows', async () => {
    const h = await startOperationHarness();
    h.simulator.jamNextOperation(garage);
    const done = started(h.operations.start(garage, 'lock', 'tray'));
    await h.advance(60_000);
    expect((await done).outcome).toEqual({
      ok: false,
      reason: 'failed-code',
      message: 'Locking Garage failed: failed (code 2); the next sync shows it partly locked.',
    });
  });

  it('reports the result code of a lock that lost its bridge, with what the next sync shows', async () => {
    const h = await startOperationHarness();
    h.simulator.updateLock(garage, { connected: false });
    const done = started(h.operations.start(garage, 'lock', 'cli'));
    await h.advance(60_000);
    expect((await done).outcome).toEqual({
      ok: false,
      reason: 'failed-code',
      message: 'Locking Garage failed: failed (code 3); the next sync shows it disconnected.',
    });
  });
});

describe('what stops an operation', () => {
  it('a key without Lock.Operate: no permission, the scope named, the app status untouched', async () => {
    const h = await startOperationHarness({ scopes: ['Device.Read'] });
    const statusBefore = h.lastSnapshot().status;
    const done = started(h.operations.start(garage, 'lock', 'tray'));
    await h.advance(1_000);
    expect((await done).outcome).toEqual({
      ok: false,
      reason: 'no-permission',
      message:
        'Locking Garage failed: no permission: the Personal Access Key needs the Lock.Operate scope.',
    });
    expect(h.forbiddenCount()).toBe(1);
    expect(h.lastSnapshot().status).toEqual(statusBefore);
    expect(h.simulator.lock(garage)?.state).toBe('unlocked');
  });

  it('Tedee busy (429): named, with the time it allows again', async () => {
    const h = await startOperationHarness();
    h.simulator.queueFault({ kind: 'status', status: 429, headers: { 'Retry-After': '120' } });
    const done = started(h.operations.start(garage, 'lock', 'tray'));
    await h.advance(1_000);
    const { outcome } = await done;
    expect(outcome).toMatchObject({ ok: false, reason: 'busy' });
    expect(outcome.message).toMatch(
      /^Locking Garage failed: Tedee is busy \(HTTP 429\); try again after /,
    );
  });

  it('gives up after 60 s when no sync confirms (monitoring paused)', async () => {
    const h = await startOperationHarness();
    h.monitor.pause();
    const done = started(h.operations.start(garage, 'lock', 'tray'));
    await h.advance(59_999);
    expect(h.operations.running()).toHaveLength(1);
    await h.advance(1);
    expect((await done).outcome).toEqual({
      ok: false,
      reason: 'timed-out',
      message: 'Locking Garage timed out after 60 s.',
    });
    expect(h.operations.running()).toEqual([]);
  });

  it('an unknown lock is unavailable, and nothing is sent', async () => {
    const h = await startOperationHarness();
    expect(h.operations.start(1, 'lock', 'tray')).toEqual({
      kind: 'unavailable',
      message: 'No monitored lock has id 1.',
    });
    expect(h.operationRequests()).toEqual([]);
  });
});

describe('the reserve for operations', () => {
  it('locks even when polling has spent its whole share of the hour', async () => {
    // 61 requests an hour polling every 60 s, plus the reserve of 20: a budget of 81.
    const h = await startOperationHarness({ poll: { intervalSeconds: 60, budgetPerHour: 81 } });
    for (let elapsed = 0; elapsed < 30 * 60_000; elapsed += SYNC_GAP_MS) {
      h.monitor.refreshNow();
      await h.advance(SYNC_GAP_MS);
    }
    const monitoringRequests = h.simulator.requests().length;
    expect(monitoringRequests).toBe(61);
    expect(h.monitor.refreshNow()).toBeGreaterThan(h.clock.now());

    const done = started(h.operations.start(garage, 'lock', 'tray'));
    await h.advance(40_000);
    expect((await done).outcome).toEqual({ ok: true, message: 'Garage is locked.' });
    const later = h.simulator.requests().slice(monitoringRequests);
    expect(later.map((request) => [request.method, request.status])).toEqual([
      ['POST', 202],
      ['GET', 200],
      ['GET', 200],
    ]);
    expect(later[2]?.path).toMatch(/\/sync$/);
  });
});
