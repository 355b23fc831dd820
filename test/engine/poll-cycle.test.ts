/**
 * One poll on its own, against a Tedee double whose answers the test holds back or releases:
 * what it sends, in which order, through which limits, and what it answers, including a poll
 * aborted at each await. The engine tests show the same over HTTP; these pin each branch.
 */
import { describe, expect, it, vi } from 'vitest';
import { HealthReads } from '../../main/engine/health-reads.ts';
import { MonitoredLocks } from '../../main/engine/monitored-locks.ts';
import type { LockSelection } from '../../main/engine/monitored-locks.ts';
import { PollCycle } from '../../main/engine/poll-cycle.ts';
import type { TedeeApi } from '../../main/engine/poll-cycle.ts';
import { RequestGates } from '../../main/engine/request-gates.ts';
import type { DeviceDetails } from '../../main/tedee/health-model.ts';
import type { LockDetails, LockStatus } from '../../main/tedee/lock-model.ts';
import {
  AuthError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
} from '../../main/tedee/errors.ts';
import { ManualClock } from '../support/manual-clock.ts';

const SECOND = 1000;
const HOUR = 3_600_000;

function statusOf(id: number, values: Partial<LockStatus> = {}): LockStatus {
  return {
    id,
    connected: true,
    state: 'locked',
    door: 'closed',
    battery: 80,
    charging: false,
    lastOperationFailed: false,
    lastChanged: null,
    revision: 1,
    ...values,
  };
}

const lockList: LockDetails[] = [1, 2].map((id) => ({
  id,
  serial: `S-${id}`,
  name: `Lock ${id}`,
  model: 'lock-pro',
  status: statusOf(id),
}));

/** Both locks on bridge 7, which is online. */
const details: DeviceDetails = {
  bridges: [{ id: 7, name: 'Hall', connected: true }],
  locks: [1, 2].map((id) => ({ id, bridgeId: 7, updateAvailable: false })),
};

/** A Tedee double: answers at once, unless a test holds a call back with `hold`. */
function fakeTedee() {
  const statuses = new Map(lockList.map((lock) => [lock.id, statusOf(lock.id)]));
  let held: { name: string; release: () => void } | null = null;
  const calls: string[] = [];
  const answer = async <T>(name: string, value: () => T): Promise<T> => {
    calls.push(name);
    if (held?.name === name) await new Promise<void>((resolve) => (held!.release = resolve));
    return value();
  };
  const api: TedeeApi = {
    listLocks: () => answer('listLocks', () => lockList),
    syncLock: (id) => answer('syncLock', () => statuses.get(id)!),
    syncLocks: (ids) => answer('syncLocks', () => ids.map((id) => statuses.get(id)!)),
    deviceDetails: () => answer('deviceDetails', () => details),
    doorSensors: () => answer('doorSensors', () => []),
    personalKeyValidTo: () => answer('personalKeyValidTo', () => null),
  };
  return {
    api,
    calls,
    statuses,
    /** The next call of `name` waits until the returned function is called. */
    hold(name: string) {
      held = { name, release: () => {} };
      return () => held!.release();
    },
  };
}

function startCycle(
  options: { budget?: number; reserve?: number; selection?: LockSelection } = {},
) {
  const clock = new ManualClock();
  const gates = new RequestGates(options.budget ?? 350, options.reserve ?? 20);
  const locks = new MonitoredLocks(options.selection);
  // The syncs plan 121 an hour, which leaves the health reads their share.
  const health = new HealthReads(clock, gates, () => 121);
  const cycle = new PollCycle(clock, gates, locks, health);
  const tedee = fakeTedee();
  const noLive = () => new Set<string>();
  const run = (signal = new AbortController().signal) => cycle.run(tedee.api, signal, noLive);
  const advance = (ms: number) => clock.advanceBy(ms);
  return { clock, gates, locks, health, cycle, tedee, run, advance };
}

describe('a poll', () => {
  it('lists the locks, syncs the selection in one request, then reads what is due', async () => {
    const c = startCycle();
    expect(await c.run()).toEqual({ kind: 'synced', lockCount: 2, dropped: [] });
    expect(c.tedee.calls).toEqual([
      'listLocks',
      'syncLocks',
      'deviceDetails',
      'doorSensors',
      'personalKeyValidTo',
    ]);
    expect(c.health.facts.details?.value).toEqual(details);
  });

  it('syncs a single selected lock with the single-lock request', async () => {
    const c = startCycle({ selection: { ids: [2] } });
    expect(await c.run()).toEqual({ kind: 'synced', lockCount: 1, dropped: [] });
    expect(c.tedee.calls.slice(0, 2)).toEqual(['listLocks', 'syncLock']);
  });

  it('lists the locks only when wanted, and then says nothing was dropped', async () => {
    const c = startCycle();
    await c.run();
    await c.advance(30 * SECOND);
    c.tedee.calls.length = 0;
    expect(await c.run()).toEqual({ kind: 'synced', lockCount: 2, dropped: [] });
    expect(c.tedee.calls).toEqual(['syncLocks']);
  });

  it('sends nothing before a 429’s Retry-After, and says when', async () => {
    const c = startCycle();
    const retryAt = c.clock.now() + 45 * SECOND;
    c.gates.rateLimitedUntil(retryAt);
    expect(await c.run()).toEqual({ kind: 'not-yet', at: retryAt });
    expect(c.tedee.calls).toEqual([]);
  });

  it('says the Retry-After, not a later 20 s, when a 429 holds the next sync', async () => {
    const c = startCycle();
    await c.run();
    const retryAt = c.clock.now() + 5 * SECOND;
    c.gates.rateLimitedUntil(retryAt);
    await c.advance(SECOND);
    expect(await c.run()).toEqual({ kind: 'not-yet', at: retryAt });
  });

  it('waits for the lock-list limit when it does not know the locks yet', async () => {
    const c = startCycle();
    const start = c.clock.now();
    for (let call = 0; call < 10; call += 1) c.gates.recordLockList(start);
    expect(await c.run()).toEqual({ kind: 'not-yet', at: start + 10 * 60 * SECOND });
    expect(c.tedee.calls).toEqual([]);
  });

  it('holds a sync to 20 s after the last one, and says when', async () => {
    const c = startCycle();
    const firstSyncAt = c.clock.now();
    await c.run();
    await c.advance(5 * SECOND);
    c.tedee.calls.length = 0;
    expect(await c.run()).toEqual({ kind: 'not-yet', at: firstSyncAt + 20 * SECOND });
    expect(c.tedee.calls).toEqual([]);
  });

  it('keeps the 20 s of every lock still in the account when the lock list comes again', async () => {
    const c = startCycle();
    const firstSyncAt = c.clock.now();
    await c.run();
    await c.advance(SECOND);
    c.cycle.wantLockList();
    expect(await c.run()).toEqual({ kind: 'not-yet', at: firstSyncAt + 20 * SECOND });
    expect(c.tedee.calls.filter((call) => call === 'listLocks')).toHaveLength(2);
    expect(c.tedee.calls.filter((call) => call.startsWith('sync'))).toEqual(['syncLocks']);
  });

  it('lists the locks again at the next poll when a sync shows a new revision', async () => {
    const c = startCycle();
    await c.run();
    c.tedee.statuses.set(1, statusOf(1, { revision: 2 }));
    await c.advance(30 * SECOND);
    await c.run();
    await c.advance(30 * SECOND);
    c.tedee.calls.length = 0;
    await c.run();
    expect(c.tedee.calls.slice(0, 2)).toEqual(['listLocks', 'syncLocks']);
  });

  it('with nothing selected, looks at the lock list again at the next poll', async () => {
    const c = startCycle({ selection: { serials: [] } });
    expect(await c.run()).toEqual({ kind: 'nothing-selected', dropped: [] });
    await c.advance(5 * 60 * SECOND);
    expect(await c.run()).toEqual({ kind: 'nothing-selected', dropped: [] });
    expect(c.tedee.calls).toEqual(['listLocks', 'listLocks']);
  });

  it('names an unexpected failure for what it is, without its text', async () => {
    const c = startCycle();
    c.tedee.api.listLocks = () => Promise.reject(new Error('secret detail'));
    expect(await c.run()).toEqual({
      kind: 'unreachable',
      message: 'Unexpected error while asking Tedee.',
    });
  });
});

describe('a success', () => {
  it('lifts a 429 that arrived while its sync was on the way: Tedee answers again', async () => {
    const c = startCycle();
    const release = c.tedee.hold('syncLocks');
    const poll = c.run();
    await vi.waitFor(() => expect(c.tedee.calls).toContain('syncLocks'));
    c.gates.rateLimitedUntil(c.clock.now() + 60 * SECOND);
    release();
    expect(await poll).toMatchObject({ kind: 'synced' });
    expect(c.gates.rateLimitedAt(c.clock.now())).toBe(false);
  });
});

describe('the sync that confirms a lock operation', () => {
  it('is paid from the operations’ reserve, and leaves polling its share', async () => {
    // 5 an hour, 2 kept for operations: polling has 3.
    const c = startCycle({ budget: 5, reserve: 2 });
    await c.run(); // the lock list and a sync: 2 of polling's 3
    await c.advance(20 * SECOND);
    c.cycle.wantSyncForOperation();
    const operationSyncAt = c.clock.now();
    expect(await c.run()).toMatchObject({ kind: 'synced' });
    await c.advance(SECOND);
    expect(await c.run()).toEqual({ kind: 'not-yet', at: operationSyncAt + 20 * SECOND });
    await c.advance(19 * SECOND);
    expect(await c.run()).toMatchObject({ kind: 'synced' });
    await c.advance(20 * SECOND);
    expect(await c.run()).toMatchObject({ kind: 'not-yet' });
  });

  it('goes when polling has spent its share, but not within 20 s of the last sync', async () => {
    const c = startCycle({ budget: 4, reserve: 2 });
    const firstSyncAt = c.clock.now();
    await c.run();
    c.cycle.wantSyncForOperation();
    expect(c.cycle.syncAllowedAt([1, 2], firstSyncAt + SECOND)).toBe(firstSyncAt + 20 * SECOND);
    await c.advance(SECOND);
    expect(await c.run()).toEqual({ kind: 'not-yet', at: firstSyncAt + 20 * SECOND });
    await c.advance(19 * SECOND);
    expect(await c.run()).toMatchObject({ kind: 'synced' });
    await c.advance(20 * SECOND);
    expect(await c.run()).toEqual({ kind: 'not-yet', at: firstSyncAt + HOUR });
  });
});

describe('the device details', () => {
  it('are read again at once when two locks of one bridge drop together, and only then', async () => {
    const c = startCycle();
    await c.run();
    const detailReads = () => c.tedee.calls.filter((call) => call === 'deviceDetails').length;
    expect(detailReads()).toBe(1);
    for (const id of [1, 2]) c.tedee.statuses.set(id, statusOf(id, { connected: false }));
    await c.advance(30 * SECOND);
    await c.run();
    expect(detailReads()).toBe(2);
    await c.advance(30 * SECOND);
    await c.run();
    expect(detailReads()).toBe(2);
  });
});

describe('an aborted poll', () => {
  it.each(['listLocks', 'syncLocks', 'deviceDetails'])(
    'answers aborted when aborted during %s, and keeps no lock values from it',
    async (call) => {
      const c = startCycle();
      const release = c.tedee.hold(call);
      const abort = new AbortController();
      const poll = c.run(abort.signal);
      await vi.waitFor(() => expect(c.tedee.calls).toContain(call));
      abort.abort();
      release();
      expect(await poll).toEqual({ kind: 'aborted' });
      expect(c.locks.catalogKnown).toBe(call !== 'listLocks');
      if (call !== 'deviceDetails')
        expect(c.locks.list(c.clock.now(), HOUR).map((lock) => lock.lastSyncedAt)).not.toContain(
          c.clock.now(),
        );
    },
  );

  it('answers aborted when its request fails because of the abort', async () => {
    const c = startCycle();
    const abort = new AbortController();
    c.tedee.api.listLocks = () => {
      abort.abort();
      return Promise.reject(new Error('aborted'));
    };
    expect(await c.run(abort.signal)).toEqual({ kind: 'aborted' });
  });
});

describe('a refusal', () => {
  const refusedSync = async (error: Error) => {
    const c = startCycle();
    c.tedee.api.syncLocks = () => Promise.reject(error);
    return { c, answer: await c.run() };
  };

  it('of the key (401) stops with the key rejected', async () => {
    const error = new AuthError();
    const { answer } = await refusedSync(error);
    expect(answer).toEqual({ kind: 'key-rejected', status: 'auth-error', message: error.message });
  });

  it('of the scope (403) stops with the key forbidden', async () => {
    const error = new ForbiddenError();
    const { answer } = await refusedSync(error);
    expect(answer).toEqual({ kind: 'key-rejected', status: 'forbidden', message: error.message });
  });

  it('for too many requests (429) holds every request until its Retry-After', async () => {
    const retryAt = Date.UTC(2026, 10, 25, 8, 1, 0);
    const error = new RateLimitedError(retryAt);
    const { c, answer } = await refusedSync(error);
    expect(answer).toEqual({ kind: 'rate-limited', retryAt, message: error.message });
    expect(c.gates.requestAllowedAt(c.clock.now())).toBe(retryAt);
  });

  it('of a lock that is gone (404) lists the locks again at the next poll', async () => {
    const { c, answer } = await refusedSync(new NotFoundError('lock'));
    expect(answer).toEqual({ kind: 'lock-gone' });
    c.tedee.api.syncLocks = (ids) => Promise.resolve(ids.map((id) => statusOf(id)));
    await c.advance(30 * SECOND);
    c.tedee.calls.length = 0;
    await c.run();
    expect(c.tedee.calls[0]).toBe('listLocks');
  });
});
