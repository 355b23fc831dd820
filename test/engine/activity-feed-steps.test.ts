/**
 * The activity feed step by step, on a hand-driven clock with a log the test plays: which lock
 * is fetched when, which page, what is announced, and what a failure or a stop leaves behind.
 */
import { describe, expect, it } from 'vitest';
import { ActivityFeed, SCOPE_RETRY_MS } from '../../main/engine/activity-feed.ts';
import type {
  ActivityApi,
  ActivityAvailability,
  ActivityNews,
} from '../../main/engine/activity-feed.ts';
import { ActivityStore } from '../../main/engine/activity-store.ts';
import { RequestGates } from '../../main/engine/request-gates.ts';
import type { Activity } from '../../main/tedee/activity-model.ts';
import type { ActivityPage } from '../../main/tedee/client.ts';
import { MissingScopeError, RateLimitedError, ServerError } from '../../main/tedee/errors.ts';
import { ManualClock } from '../support/manual-clock.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

interface Query {
  lockId: number;
  before: string | null;
  elements: number;
  /** ms after the start. */
  at: number;
}

function setup(options: { syncsPerHour?: number; store?: ActivityStore } = {}) {
  const clock = new ManualClock();
  const T0 = clock.now();
  const gates = new RequestGates(350, 0);
  const store = options.store ?? new ActivityStore();
  /** Per lock, the log newest first. */
  const logs = new Map<number, Activity[]>();
  const queries: Query[] = [];
  /** What the next query of a lock does instead of answering from the log. */
  const next = new Map<number, () => Promise<Activity[]>>();
  const news: ActivityNews[] = [];
  const availability: ActivityAvailability[] = [];
  let nextId = 1;
  const api: ActivityApi = {
    listActivity(lockId: number, page: ActivityPage, signal?: AbortSignal) {
      queries.push({
        lockId,
        before: page.before ?? null,
        elements: page.elements,
        at: clock.now() - T0,
      });
      const instead = next.get(lockId);
      next.delete(lockId);
      // As the client does, a request gives up when its signal aborts.
      if (instead)
        return new Promise((resolve, reject) => {
          signal?.addEventListener('abort', () => reject(new Error('aborted')));
          instead().then(resolve, reject);
        });
      const log = logs.get(lockId) ?? [];
      const older =
        page.before === undefined ? log : log.filter((entry) => entry.date < page.before!);
      return Promise.resolve(older.slice(0, page.elements));
    },
  };
  const feed = new ActivityFeed({
    clock,
    gates,
    syncsPerHour: () => options.syncsPerHour ?? 180,
    store,
    onNews: (item) => news.push(item),
    onAvailability: (item) => availability.push(item),
  });
  /** Lets the answers (promises the test has settled) and what follows them run. */
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    clock,
    T0,
    gates,
    store,
    feed,
    api,
    queries,
    next,
    news,
    availability,
    /** Adds an entry to a lock's log, `msAfterStart` after the start (negative: before it). */
    log(lockId: number, msAfterStart: number, event = 33): number {
      const id = nextId;
      nextId += 1;
      const entry: Activity = {
        id,
        lockId,
        event,
        user: null,
        source: 'device',
        date: new Date(T0 + msAfterStart).toISOString(),
      };
      logs.set(
        lockId,
        [entry, ...(logs.get(lockId) ?? [])].sort(
          (a, b) => b.date.localeCompare(a.date) || b.id - a.id,
        ),
      );
      return id;
    },
    advance: (ms: number) => clock.advanceBy(ms, settle),
    announced: () => news.flatMap((item) => item.announced.map((entry) => entry.id)),
  };
}

const lock = (id: number, lastChanged: string | null = null) => ({ id, lastChanged });

describe('starting', () => {
  it('is off without a client that has an activity log, and checking with one', async () => {
    const h = setup();
    h.feed.run({});
    h.feed.run(null);
    expect(h.feed.availability).toEqual({ kind: 'off' });
    expect(h.availability).toEqual([]);
    h.feed.run(h.api);
    expect(h.feed.availability).toEqual({ kind: 'checking' });
    h.feed.run(h.api);
    expect(h.availability).toEqual([{ kind: 'checking' }]);
  });

  it('fetches each lock once for its baseline, one after another, and announces none of it', async () => {
    const h = setup();
    const before = [h.log(1, -HOUR), h.log(2, -MINUTE)];
    h.feed.run(h.api);
    h.feed.locksSynced([lock(1), lock(2)]);
    await h.advance(0);
    expect(h.queries).toEqual([
      { lockId: 1, before: null, elements: 50, at: 0 },
      { lockId: 2, before: null, elements: 50, at: 0 },
    ]);
    expect(h.availability).toEqual([{ kind: 'checking' }, { kind: 'available' }]);
    expect(h.news.map((item) => [item.lockId, item.added.map((entry) => entry.id)])).toEqual([
      [1, [before[0]]],
      [2, [before[1]]],
    ]);
    expect(h.announced()).toEqual([]);
    // Synced again unchanged: no further request.
    h.feed.locksSynced([lock(1), lock(2)]);
    await h.advance(10 * MINUTE);
    expect(h.queries).toHaveLength(2);
  });

  it('announces the entries of its baseline made since the start, oldest first', async () => {
    const h = setup();
    h.log(1, -MINUTE);
    h.feed.run(h.api);
    const later = [h.log(1, 0), h.log(1, SECOND)];
    h.feed.locksSynced([lock(1)]);
    await h.advance(0);
    expect(h.news[0]?.added.map((entry) => entry.id)).toEqual([later[1], later[0], 1]);
    expect(h.announced()).toEqual(later);
  });

  it('sends nothing before it may ask Tedee, and nothing when the syncs leave no spare share', async () => {
    const h = setup();
    h.feed.locksSynced([lock(1)]);
    await h.advance(HOUR);
    expect(h.queries).toEqual([]);
    const full = setup({ syncsPerHour: 350 });
    full.feed.run(full.api);
    full.feed.locksSynced([lock(1)]);
    await full.advance(HOUR);
    expect(full.queries).toEqual([]);
    // Nothing is even planned.
    expect(full.clock.nextTimerAt()).toBeNull();
  });
});

describe('after a change', () => {
  async function baselined(h: ReturnType<typeof setup>, locks = [lock(1, 'a'), lock(2, 'a')]) {
    h.feed.run(h.api);
    h.feed.locksSynced(locks);
    await h.advance(0);
    h.queries.length = 0;
  }

  it('fetches a lock whose last change moved, at most once a minute, and announces the new entry', async () => {
    const h = setup();
    await baselined(h);
    const entry = h.log(1, 30 * SECOND);
    await h.advance(30 * SECOND);
    h.feed.locksSynced([lock(1, 'b'), lock(2, 'a')]);
    await h.advance(0);
    // The baseline request was 30 s ago: the lock's minute is not over yet.
    expect(h.queries).toEqual([]);
    await h.advance(30 * SECOND);
    expect(h.queries).toEqual([{ lockId: 1, before: null, elements: 50, at: MINUTE }]);
    expect(h.announced()).toEqual([entry]);
  });

  it('fetches at once when the bridge says a lock changed', async () => {
    const h = setup();
    await baselined(h);
    await h.advance(MINUTE);
    h.feed.lockChanged(2);
    await h.advance(0);
    expect(h.queries.map((query) => query.lockId)).toEqual([2]);
  });

  it('looks once more a minute later when the entry is not logged yet, and then stops', async () => {
    const h = setup();
    await baselined(h);
    await h.advance(MINUTE);
    h.feed.lockChanged(1);
    await h.advance(0);
    // The first look found nothing new: no news.
    expect(h.news).toEqual([]);
    const late = h.log(1, MINUTE + 10 * SECOND);
    await h.advance(MINUTE);
    expect(h.queries.map((query) => query.at)).toEqual([MINUTE, 2 * MINUTE]);
    expect(h.announced()).toEqual([late]);
    h.queries.length = 0;
    // Nothing new twice in a row: one more look only.
    h.feed.lockChanged(1);
    await h.advance(10 * MINUTE);
    expect(h.queries.map((query) => query.at)).toEqual([3 * MINUTE, 4 * MINUTE]);
  });

  it('asks for the lock that has waited longest first; a lock that changes again goes to the back', async () => {
    const h = setup();
    await baselined(h, [lock(1, 'a'), lock(2, 'a'), lock(3, 'a')]);
    for (const id of [1, 2, 3]) h.log(id, 0);
    await h.advance(MINUTE);
    h.queries.length = 0;
    h.next.set(3, () => new Promise(() => {}));
    h.feed.lockChanged(3);
    await h.advance(0);
    // 3 is in flight; 1 and 2 wait, one request at a time, and 1 changes again.
    h.feed.lockChanged(1);
    h.feed.lockChanged(2);
    h.feed.lockChanged(1);
    await h.advance(0);
    expect(h.queries.map((query) => query.lockId)).toEqual([3]);
    // A stop cuts 3 short; it is asked again once its minute is over, after the others.
    h.feed.run(null);
    h.feed.run(h.api);
    await h.advance(0);
    expect(h.queries.map((query) => query.lockId)).toEqual([3, 2, 1]);
    await h.advance(MINUTE);
    expect(h.queries.map((query) => [query.lockId, query.at])).toEqual([
      [3, MINUTE],
      [2, MINUTE],
      [1, MINUTE],
      [3, 2 * MINUTE],
    ]);
  });

  it('follows a full page of unknown entries with the page before its oldest entry', async () => {
    const h = setup();
    await baselined(h);
    const ids = Array.from({ length: 70 }, (_, i) => h.log(1, 10 * SECOND + i));
    await h.advance(MINUTE);
    h.feed.lockChanged(1);
    await h.advance(2 * MINUTE);
    const oldestOfFirstPage = new Date(h.T0 + 10 * SECOND + 20).toISOString();
    expect(h.queries).toEqual([
      { lockId: 1, before: null, elements: 50, at: MINUTE },
      { lockId: 1, before: oldestOfFirstPage, elements: 50, at: 2 * MINUTE },
    ]);
    expect(h.announced().toSorted((a, b) => a - b)).toEqual(ids);
  });

  it('takes a single page for the baseline of a lock with no saved log, however full', async () => {
    const h = setup();
    for (let i = 0; i < 60; i += 1) h.log(1, -HOUR + i);
    h.feed.run(h.api);
    h.feed.locksSynced([lock(1)]);
    await h.advance(5 * MINUTE);
    expect(h.queries).toHaveLength(1);
    expect(h.store.count(1)).toBe(50);
  });

  it('catches up from a saved log when its first page is full of entries not known', async () => {
    const store = new ActivityStore();
    const h = setup({ store });
    const saved = h.log(1, -2 * HOUR);
    store.merge(1, [
      {
        id: saved,
        lockId: 1,
        event: 33,
        user: null,
        source: 'device',
        date: new Date(h.T0 - 2 * HOUR).toISOString(),
      },
    ]);
    for (let i = 0; i < 60; i += 1) h.log(1, -HOUR + i);
    h.feed.run(h.api);
    h.feed.locksSynced([lock(1)]);
    await h.advance(5 * MINUTE);
    expect(h.queries.map((query) => query.before === null)).toEqual([true, false]);
    expect(h.store.count(1)).toBe(61);
  });

  it('a full page that shows an entry already known needs no page before it', async () => {
    const h = setup();
    h.log(1, -MINUTE);
    await baselined(h);
    for (let i = 0; i < 49; i += 1) h.log(1, 10 * SECOND + i);
    await h.advance(MINUTE);
    h.feed.lockChanged(1);
    await h.advance(5 * MINUTE);
    expect(h.queries).toHaveLength(1);
  });

  it('asks first for the lock that may go first', async () => {
    const h = setup();
    await baselined(h, [lock(1, 'a')]);
    await h.advance(30 * SECOND);
    // 1 changed but asked 30 s ago; 2 is new and may go at once.
    h.feed.locksSynced([lock(1, 'b'), lock(2, 'a')]);
    await h.advance(MINUTE);
    expect(h.queries.map((query) => [query.lockId, query.at])).toEqual([
      [2, 30 * SECOND],
      [1, MINUTE],
    ]);
  });

  it('a 429 that arrives while a request waits for its turn holds it until the Retry-After', async () => {
    const h = setup();
    await baselined(h);
    h.log(1, 20 * SECOND);
    await h.advance(30 * SECOND);
    h.feed.lockChanged(1);
    await h.advance(15 * SECOND);
    h.gates.rateLimitedUntil(h.T0 + 5 * MINUTE);
    await h.advance(10 * MINUTE);
    expect(h.queries.map((query) => query.at)).toEqual([5 * MINUTE]);
  });

  it('forgets the locks that are no longer synced', async () => {
    const h = setup();
    await baselined(h);
    h.log(2, 10 * SECOND);
    await h.advance(30 * SECOND);
    h.feed.locksSynced([lock(1, 'b'), lock(2, 'b')]);
    h.feed.locksSynced([lock(2, 'b')]);
    await h.advance(5 * MINUTE);
    expect(h.queries.map((query) => query.lockId)).toEqual([2]);
  });
});

describe('idle', () => {
  it('resolves once no request is in flight', async () => {
    const h = setup();
    let answer: (entries: Activity[]) => void = () => {};
    h.next.set(1, () => new Promise((resolve) => (answer = resolve)));
    h.feed.run(h.api);
    h.feed.locksSynced([lock(1)]);
    await h.advance(0);
    let idle = false;
    void h.feed.idle().then(() => (idle = true));
    await h.advance(0);
    expect(idle).toBe(false);
    answer([]);
    await h.advance(0);
    expect(idle).toBe(true);
  });
});

describe('failures', () => {
  it('a key without DeviceActivity.Read: marked, asked again an hour later, or at once after a key change', async () => {
    const h = setup();
    h.next.set(1, () => Promise.reject(new MissingScopeError('DeviceActivity.Read', 'the log')));
    h.feed.run(h.api);
    h.feed.locksSynced([lock(1)]);
    await h.advance(0);
    expect(h.feed.availability).toEqual({ kind: 'needs-scope', retryAt: h.T0 + SCOPE_RETRY_MS });
    h.next.set(1, () => Promise.reject(new MissingScopeError('DeviceActivity.Read', 'the log')));
    await h.advance(HOUR - 1);
    expect(h.queries).toHaveLength(1);
    await h.advance(1);
    expect(h.queries.map((query) => query.at)).toEqual([0, HOUR]);
    // Stopped and started again, it stays marked.
    h.feed.run(null);
    expect(h.feed.availability.kind).toBe('needs-scope');
    h.feed.run(h.api);
    expect(h.feed.availability.kind).toBe('needs-scope');
    h.feed.keyChanged();
    expect(h.feed.availability).toEqual({ kind: 'checking' });
    await h.advance(MINUTE);
    expect(h.queries.map((query) => query.at)).toEqual([0, HOUR, HOUR + MINUTE]);
    expect(h.feed.availability).toEqual({ kind: 'available' });
  });

  it('a key change with the scope in place changes nothing', async () => {
    const h = setup();
    h.feed.run(h.api);
    h.feed.keyChanged();
    expect(h.availability).toEqual([{ kind: 'checking' }]);
  });

  it('a 429 holds every request until its Retry-After; the lock is asked again then', async () => {
    const h = setup();
    h.next.set(1, () => Promise.reject(new RateLimitedError(h.T0 + 5 * MINUTE)));
    h.feed.run(h.api);
    h.feed.locksSynced([lock(1)]);
    await h.advance(0);
    expect(h.gates.rateLimitedAt(h.T0 + 5 * MINUTE - 1)).toBe(true);
    await h.advance(10 * MINUTE);
    expect(h.queries.map((query) => query.at)).toEqual([0, 5 * MINUTE]);
  });

  it('any other failure asks again after the lock’s minute', async () => {
    const h = setup();
    h.next.set(1, () => Promise.reject(new ServerError(503)));
    h.feed.run(h.api);
    h.feed.locksSynced([lock(1)]);
    await h.advance(10 * MINUTE);
    expect(h.queries.map((query) => query.at)).toEqual([0, MINUTE]);
    expect(h.gates.rateLimitedAt(h.T0)).toBe(false);
  });

  it('a request cut short by a stop is asked again when the feed runs again, and its answer is dropped', async () => {
    const h = setup();
    let answer: (entries: Activity[]) => void = () => {};
    h.next.set(1, () => new Promise((resolve) => (answer = resolve)));
    const entry = h.log(1, 0);
    h.feed.run(h.api);
    h.feed.locksSynced([lock(1)]);
    await h.advance(0);
    h.feed.run(null);
    expect(h.feed.availability).toEqual({ kind: 'off' });
    answer([
      {
        id: entry,
        lockId: 1,
        event: 33,
        user: null,
        source: 'device',
        date: new Date(h.T0).toISOString(),
      },
    ]);
    await h.advance(0);
    expect(h.news).toEqual([]);
    h.feed.run(h.api);
    await h.advance(MINUTE);
    expect(h.queries.map((query) => query.at)).toEqual([0, MINUTE]);
    expect(h.store.has(1, entry)).toBe(true);
  });

  it('an answer or a failure that comes after a stop from a client deaf to the abort is dropped', async () => {
    const h = setup();
    let answer: (entries: Activity[]) => void = () => {};
    const entry = h.log(1, 0);
    const deaf: ActivityApi = {
      listActivity: (lockId, page) => {
        h.queries.push({ lockId, before: page.before ?? null, elements: page.elements, at: 0 });
        return new Promise((resolve) => (answer = resolve));
      },
    };
    h.feed.run(deaf);
    h.feed.locksSynced([lock(1)]);
    await h.advance(0);
    h.feed.run(null);
    answer([
      {
        id: entry,
        lockId: 1,
        event: 33,
        user: null,
        source: 'device',
        date: new Date(h.T0).toISOString(),
      },
    ]);
    await h.advance(0);
    expect(h.news).toEqual([]);
    expect(h.store.count(1)).toBe(0);

    let fail: (error: Error) => void = () => {};
    const deafFailing: ActivityApi = {
      listActivity: () => new Promise((_resolve, reject) => (fail = reject)),
    };
    h.feed.run(deafFailing);
    await h.advance(MINUTE);
    h.feed.run(null);
    fail(new MissingScopeError('DeviceActivity.Read', 'the log'));
    await h.advance(0);
    expect(h.feed.availability).toEqual({ kind: 'off' });
  });

  it('a change during a request that finds nothing new is still looked at once more', async () => {
    const h = setup();
    h.feed.run(h.api);
    h.feed.locksSynced([lock(1, 'a')]);
    await h.advance(0);
    await h.advance(MINUTE);
    let answer: (entries: Activity[]) => void = () => {};
    h.next.set(1, () => new Promise((resolve) => (answer = resolve)));
    h.feed.lockChanged(1);
    await h.advance(0);
    h.feed.lockChanged(1);
    answer([]);
    await h.advance(10 * MINUTE);
    // The change's fetch, the later change's fetch, and its one more look.
    expect(h.queries.map((query) => query.at)).toEqual([0, MINUTE, 2 * MINUTE, 3 * MINUTE]);
  });

  it('a lock that left the sync while its request failed is not asked again', async () => {
    const h = setup();
    let fail: (error: Error) => void = () => {};
    h.next.set(1, () => new Promise((_resolve, reject) => (fail = reject)));
    h.feed.run(h.api);
    h.feed.locksSynced([lock(1)]);
    await h.advance(0);
    h.feed.locksSynced([]);
    fail(new ServerError(503));
    await h.advance(10 * MINUTE);
    expect(h.queries).toHaveLength(1);
  });

  it('a failure after a stop is not counted as a failure', async () => {
    const h = setup();
    let fail: (error: Error) => void = () => {};
    h.next.set(1, () => new Promise((_resolve, reject) => (fail = reject)));
    h.feed.run(h.api);
    h.feed.locksSynced([lock(1)]);
    await h.advance(0);
    h.feed.run(null);
    fail(new MissingScopeError('DeviceActivity.Read', 'the log'));
    await h.advance(0);
    expect(h.feed.availability).toEqual({ kind: 'off' });
  });
});
