/**
 * LockOperations step by step, on a hand-driven clock with a monitor and paths the test plays:
 * what the path answers, what each snapshot shows, and when the outcome is decided.
 */
import { describe, expect, it } from 'vitest';
import { LockOperations } from '../../main/engine/lock-operations.ts';
import type {
  FinishedOperation,
  OperationMonitor,
  RunningOperation,
  StartAnswer,
} from '../../main/engine/lock-operations.ts';
import type { MonitorEvent } from '../../main/engine/lock-monitor.ts';
import type { MonitoredLock, MonitorSnapshot } from '../../main/engine/monitor-snapshot.ts';
import type {
  OperationPath,
  OperationPaths,
  PathResult,
} from '../../main/engine/operation-path.ts';
import type { LockOperation } from '../../main/tedee/operation-model.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { makeLock } from './lock-factory.ts';

const GARAGE = 7;

/** A monitor whose snapshots the test sends; it counts the syncs operations ask for. */
function playedMonitor(lock: MonitoredLock) {
  const listeners = new Set<(event: MonitorEvent) => void>();
  const send = (event: MonitorEvent) => {
    for (const listener of listeners) listener(event);
  };
  const played: {
    syncsAsked: number;
    /** What syncForOperation answers: when the sync will go, or null when polling cannot run. */
    syncAnswer: number | null;
  } = { syncsAsked: 0, syncAnswer: 0 };
  const monitor: OperationMonitor = {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot: () => ({ locks: [lock] }) as MonitorSnapshot,
    syncForOperation() {
      played.syncsAsked += 1;
      return played.syncAnswer;
    },
  };
  return Object.assign(played, {
    listeners,
    monitor,
    send,
    /** A snapshot in which the lock shows `fields`, read at `at`. */
    show(fields: Partial<MonitoredLock>, at: number) {
      const snapshot = { locks: [{ ...lock, ...fields, lastSyncedAt: at }] } as MonitorSnapshot;
      send({ type: 'snapshot', cause: 'sync', snapshot });
    },
  });
}

/** A path that answers when the test says so. */
function playedPath(route: 'cloud' | 'bridge') {
  const calls: Array<{ lockId: number; operation: LockOperation; signal: AbortSignal }> = [];
  let answer: (result: PathResult) => void = () => {
    throw new Error('the path was not run');
  };
  const path: OperationPath = {
    route,
    run: (lockId, operation, signal) => {
      calls.push({ lockId, operation, signal });
      return new Promise((resolve) => (answer = resolve));
    },
  };
  return { path, calls, answer: (result: PathResult) => answer(result) };
}

function setup(
  fields: Partial<MonitoredLock> = {},
  paths: (cloud: OperationPath) => OperationPaths = (cloud) => ({
    cloud,
    bridge: null,
    isLive: () => false,
  }),
) {
  const clock = new ManualClock();
  const played = playedMonitor(
    makeLock({ id: GARAGE, name: 'Garage', state: 'unlocked', ...fields }),
  );
  const cloud = playedPath('cloud');
  const changes: Array<[RunningOperation, FinishedOperation | null]> = [];
  const operations = new LockOperations({
    monitor: played.monitor,
    clock,
    paths: () => paths(cloud.path),
    onChange: (running, finished) => changes.push([running, finished]),
  });
  /** Lets the path's answer and the promise chains behind it run. */
  const flush = () => clock.advanceBy(0, () => new Promise((resolve) => setImmediate(resolve)));
  return { clock, played, cloud, operations, changes, flush, startedAt: clock.now() };
}

function done(answer: StartAnswer): Promise<FinishedOperation> {
  if (answer.kind !== 'started') throw new Error(`expected a start, got ${answer.kind}`);
  return answer.done;
}

/** Whether `promise` has settled by now. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let result = false;
  void promise.then(() => (result = true));
  await new Promise((resolve) => setImmediate(resolve));
  return result;
}

describe('what the operation shows while it runs and when it ends', () => {
  it('tells onChange at the start and at the end, with the same running operation', async () => {
    const h = setup();
    const finished = done(h.operations.start(GARAGE, 'lock', 'notification'));
    const running = {
      lockId: GARAGE,
      lockName: 'Garage',
      operation: 'lock',
      route: 'cloud',
      source: 'notification',
      startedAt: h.startedAt,
    };
    expect(h.operations.running()).toEqual([running]);
    expect(h.changes).toEqual([[running, null]]);
    await h.clock.advanceBy(2_000);
    h.cloud.answer({ kind: 'confirmed' });
    const result = await finished;
    expect(result).toEqual({
      ...running,
      outcome: { ok: true, message: 'Garage is locked.' },
      finishedAt: h.startedAt + 2_000,
    });
    expect(h.changes).toEqual([
      [running, null],
      [running, result],
    ]);
    expect(h.operations.running()).toEqual([]);
  });

  it('ignores a second press on the same lock until the first has ended', async () => {
    const h = setup();
    const first = done(h.operations.start(GARAGE, 'lock', 'tray'));
    expect(h.operations.start(GARAGE, 'unlock', 'window')).toEqual({ kind: 'ignored' });
    expect(h.cloud.calls).toHaveLength(1);
    h.cloud.answer({ kind: 'confirmed' });
    await first;
    expect(h.operations.start(GARAGE, 'unlock', 'window').kind).toBe('started');
    expect(h.cloud.calls.map((call) => call.operation)).toEqual(['lock', 'unlock']);
  });

  it('goes through the bridge for a lock it follows live', () => {
    const bridge = playedPath('bridge');
    const h = setup({}, (cloud) => ({ cloud, bridge: bridge.path, isLive: (id) => id === GARAGE }));
    h.operations.start(GARAGE, 'lock', 'tray');
    expect(bridge.calls.map((call) => [call.lockId, call.operation])).toEqual([[GARAGE, 'lock']]);
    expect(h.cloud.calls).toEqual([]);
    expect(h.operations.running()[0]?.route).toBe('bridge');
  });

  it('without a path, says why and starts nothing', () => {
    const noKey = setup({}, () => ({ cloud: null, bridge: null, isLive: () => false }));
    expect(noKey.operations.start(GARAGE, 'lock', 'tray')).toEqual({
      kind: 'unavailable',
      message: 'No Tedee key is set, so no lock can be moved.',
    });
    const bridge = playedPath('bridge');
    const bridgeOnly = setup({}, () => ({ cloud: null, bridge: bridge.path, isLive: () => false }));
    expect(bridgeOnly.operations.start(GARAGE, 'lock', 'tray')).toEqual({
      kind: 'unavailable',
      message:
        'The bridge cannot be reached, so Garage cannot be moved (without a Tedee key, locks move only through the bridge).',
    });
    expect(bridgeOnly.operations.running()).toEqual([]);
    expect(bridgeOnly.changes).toEqual([]);
    expect(bridge.calls).toEqual([]);
  });
});

describe('confirming by the lock state', () => {
  it('an accepted operation asks for a sync, and the first sync after the answer decides', async () => {
    const h = setup();
    const finished = done(h.operations.start(GARAGE, 'lock', 'tray'));
    await h.clock.advanceBy(3_000);
    h.cloud.answer({ kind: 'accepted' });
    await h.flush();
    expect(h.played.syncsAsked).toBe(1);
    const answeredAt = h.clock.now();
    // A reading from before the answer is old news, whatever it says.
    h.played.show({ state: 'unlocked' }, answeredAt);
    expect(await settled(finished)).toBe(false);
    h.played.show({ state: 'locked' }, answeredAt + 1);
    expect((await finished).outcome).toEqual({ ok: true, message: 'Garage is locked.' });
  });

  it('a fresh reading of the end state confirms before the path has answered, and stops the path', async () => {
    const h = setup();
    const finished = done(h.operations.start(GARAGE, 'lock', 'tray'));
    // Read at the very moment of the press: not fresh.
    h.played.show({ state: 'locked' }, h.startedAt);
    expect(await settled(finished)).toBe(false);
    h.played.show({ state: 'locked' }, h.startedAt + 1);
    expect((await finished).outcome).toEqual({ ok: true, message: 'Garage is locked.' });
    expect(h.cloud.calls[0]?.signal.aborted).toBe(true);
    expect(h.played.listeners.size).toBe(0);
    // Its time limit goes with it: no timer is left to keep a process (the CLI) alive.
    expect(h.clock.nextTimerAt()).toBeNull();
  });

  it('a pull, which starts and ends unlocked, waits for the path to say it happened', async () => {
    const h = setup({ state: 'unlocked' });
    const finished = done(h.operations.start(GARAGE, 'pull', 'tray'));
    h.played.show({ state: 'unlocked' }, h.startedAt + 1_000);
    expect(await settled(finished)).toBe(false);
    h.cloud.answer({ kind: 'accepted' });
    await h.flush();
    h.played.show({ state: 'unlocked' }, h.startedAt + 2_000);
    expect((await finished).outcome).toEqual({ ok: true, message: 'Garage had its latch pulled.' });
  });

  it('an unlock that starts locked is confirmed by a fresh reading alone', async () => {
    const h = setup({ state: 'locked' });
    const finished = done(h.operations.start(GARAGE, 'unlock', 'tray'));
    h.played.show({ state: 'pulled' }, h.startedAt + 1_000);
    expect((await finished).outcome).toEqual({ ok: true, message: 'Garage is unlocked.' });
  });

  it('a lock whose latch is still pulled is moving too: a lock waits for the next sync', async () => {
    const h = setup();
    const finished = done(h.operations.start(GARAGE, 'lock', 'tray'));
    h.cloud.answer({ kind: 'accepted' });
    await h.flush();
    h.played.show({ state: 'pulled' }, h.startedAt + 20_000);
    expect(await settled(finished)).toBe(false);
    expect(h.played.syncsAsked).toBe(2);
    h.played.show({ state: 'locked' }, h.startedAt + 40_000);
    expect((await finished).outcome.ok).toBe(true);
  });

  it('a lock still moving at the sync is looked at again at a later sync', async () => {
    const h = setup();
    const finished = done(h.operations.start(GARAGE, 'lock', 'tray'));
    h.cloud.answer({ kind: 'accepted' });
    await h.flush();
    h.played.show({ state: 'locking' }, h.startedAt + 20_000);
    expect(h.played.syncsAsked).toBe(2);
    // The same reading again is not a new sync.
    h.played.show({ state: 'unlocked' }, h.startedAt + 20_000);
    expect(await settled(finished)).toBe(false);
    h.played.show({ state: 'unlocked' }, h.startedAt + 40_000);
    expect((await finished).outcome).toEqual({
      ok: false,
      reason: 'not-done',
      message: 'Locking Garage failed: Tedee reports it unlocked.',
    });
  });

  it.each([
    [
      'jammed',
      { state: 'semi-locked', lastOperationFailed: true },
      'jammed',
      'Locking Garage failed: the lock is jammed.',
    ],
    [
      'half-locked by hand',
      { state: 'semi-locked', lastOperationFailed: false },
      'not-done',
      'Locking Garage failed: Tedee reports it partly locked.',
    ],
    [
      'disconnected',
      { state: null, connected: false },
      'not-done',
      'Locking Garage failed: Tedee reports it disconnected.',
    ],
    [
      'unlocked after a failed operation, not jammed',
      { state: 'unlocked', lastOperationFailed: true },
      'not-done',
      'Locking Garage failed: Tedee reports it unlocked.',
    ],
    [
      'without a state',
      { state: null, connected: true },
      'not-done',
      'Locking Garage failed: Tedee reports it no state.',
    ],
  ] as const)('a sync that shows the lock %s fails it', async (_case, fields, reason, message) => {
    const h = setup();
    const finished = done(h.operations.start(GARAGE, 'lock', 'tray'));
    h.cloud.answer({ kind: 'accepted' });
    await h.flush();
    h.played.show(fields, h.startedAt + 20_000);
    expect((await finished).outcome).toEqual({ ok: false, reason, message });
  });

  it('other events, and snapshots without the lock, decide nothing', async () => {
    const h = setup();
    const finished = done(h.operations.start(GARAGE, 'lock', 'tray'));
    h.cloud.answer({ kind: 'accepted' });
    await h.flush();
    h.played.send({ type: 'alerts', at: h.startedAt + 20_000, alerts: [] });
    h.played.send({
      type: 'snapshot',
      cause: 'sync',
      snapshot: {
        locks: [makeLock({ id: 99, state: 'locked', lastSyncedAt: h.startedAt + 20_000 })],
      } as MonitorSnapshot,
    });
    expect(await settled(finished)).toBe(false);
    h.played.show({ state: 'locked' }, h.startedAt + 20_000);
    expect((await finished).outcome.ok).toBe(true);
  });
});

describe('what the path says', () => {
  it('a failure other than a result code ends the operation at once, with no sync asked', async () => {
    const h = setup();
    const finished = done(h.operations.start(GARAGE, 'lock', 'tray'));
    h.cloud.answer({ kind: 'failed', reason: 'busy', detail: 'Tedee is busy.' });
    expect((await finished).outcome).toEqual({
      ok: false,
      reason: 'busy',
      message: 'Locking Garage failed: Tedee is busy.',
    });
    expect(h.played.syncsAsked).toBe(0);
  });

  it('a result code is explained by the next sync, its own full stop dropped', async () => {
    const h = setup();
    const finished = done(h.operations.start(GARAGE, 'lock', 'tray'));
    h.cloud.answer({
      kind: 'failed',
      reason: 'failed-code',
      detail: 'failed (code 2.1).',
      code: 2,
    });
    await h.flush();
    expect(h.played.syncsAsked).toBe(1);
    h.played.show({ state: 'semi-locked' }, h.startedAt + 20_000);
    expect((await finished).outcome).toEqual({
      ok: false,
      reason: 'failed-code',
      message: 'Locking Garage failed: failed (code 2.1); the next sync shows it partly locked.',
    });
  });

  it('a result code with polling stopped ends at once, as the path said it', async () => {
    const h = setup();
    h.played.syncAnswer = null;
    const finished = done(h.operations.start(GARAGE, 'lock', 'tray'));
    h.cloud.answer({ kind: 'failed', reason: 'failed-code', detail: 'failed (code 3)', code: 3 });
    expect((await finished).outcome).toEqual({
      ok: false,
      reason: 'failed-code',
      message: 'Locking Garage failed: failed (code 3)',
    });
  });

  it('an accepted operation with polling stopped waits for the time limit', async () => {
    const h = setup();
    h.played.syncAnswer = null;
    const finished = done(h.operations.start(GARAGE, 'unlock', 'tray'));
    h.cloud.answer({ kind: 'accepted' });
    await h.clock.advanceBy(59_999);
    expect(await settled(finished)).toBe(false);
    await h.clock.advanceBy(1);
    expect((await finished).outcome).toEqual({
      ok: false,
      reason: 'timed-out',
      message: 'Unlocking Garage timed out after 60 s.',
    });
    expect(h.cloud.calls[0]?.signal.aborted).toBe(true);
    expect(h.played.listeners.size).toBe(0);
  });

  it('an answer after the time limit changes nothing', async () => {
    const h = setup();
    const finished = done(h.operations.start(GARAGE, 'pull', 'tray'));
    await h.clock.advanceBy(60_000);
    h.cloud.answer({ kind: 'confirmed' });
    await h.flush();
    expect((await finished).outcome).toEqual({
      ok: false,
      reason: 'timed-out',
      message: 'Pulling the latch of Garage timed out after 60 s.',
    });
    expect(h.changes).toHaveLength(2);
  });
});

describe('stop', () => {
  it('gives up every operation in flight without reporting it, and frees the lock', async () => {
    const h = setup();
    const finished = done(h.operations.start(GARAGE, 'lock', 'tray'));
    h.operations.stop();
    expect(h.cloud.calls[0]?.signal.aborted).toBe(true);
    expect(h.operations.running()).toEqual([]);
    h.cloud.answer({ kind: 'confirmed' });
    await h.clock.advanceBy(60_000);
    expect((await finished).outcome).toMatchObject({ reason: 'timed-out' });
    expect(h.changes.map(([, end]) => end)).toEqual([null]);
    expect(h.operations.start(GARAGE, 'lock', 'tray').kind).toBe('started');
  });
});
