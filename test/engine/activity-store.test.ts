import { describe, expect, it } from 'vitest';
import { ActivityStore } from '../../main/engine/activity-store.ts';
import type { Activity } from '../../main/tedee/activity-model.ts';

const T0 = Date.UTC(2026, 10, 25, 8, 0, 0);

function entry(id: number, secondsAfterT0: number, lockId = 1): Activity {
  return {
    id,
    lockId,
    event: 33,
    user: null,
    source: 'device',
    date: new Date(T0 + secondsAfterT0 * 1000).toISOString(),
  };
}

describe('ActivityStore', () => {
  it('merges by activity id: a page fetched twice adds nothing the second time', () => {
    const store = new ActivityStore();
    expect(store.merge(1, [entry(2, 2), entry(1, 1)]).map((e) => e.id)).toEqual([2, 1]);
    const revision = store.revision;
    expect(store.merge(1, [entry(3, 3), entry(2, 2)]).map((e) => e.id)).toEqual([3]);
    expect(store.merge(1, [entry(3, 3), entry(2, 2)])).toEqual([]);
    expect(store.revision).toBe(revision + 1);
    expect(store.page(1, { afterId: null, limit: 10 }).entries.map((e) => e.id)).toEqual([3, 2, 1]);
  });

  it('keeps the newest 500 entries per lock, newest first, whatever order they came in', () => {
    const store = new ActivityStore();
    const entries = Array.from({ length: 520 }, (_, i) => entry(i + 1, i));
    store.merge(1, entries.slice(0, 300).reverse());
    store.merge(1, entries.slice(300));
    expect(store.count(1)).toBe(500);
    const { entries: first, more } = store.page(1, { afterId: null, limit: 3 });
    expect(first.map((e) => e.id)).toEqual([520, 519, 518]);
    expect(more).toBe(true);
    expect(store.has(1, 20)).toBe(false);
    expect(store.has(1, 21)).toBe(true);
    // An entry older than all 500 kept is not taken in, and not reported as new.
    const revision = store.revision;
    expect(store.merge(1, [entry(9000, -10)])).toEqual([]);
    expect(store.revision).toBe(revision);
  });

  it('pages newest first after a given entry, and says when nothing older follows', () => {
    const store = new ActivityStore();
    store.merge(1, [entry(1, 1), entry(2, 2), entry(3, 3), entry(4, 4), entry(5, 5)]);
    const first = store.page(1, { afterId: null, limit: 2 });
    const second = store.page(1, { afterId: 4, limit: 2 });
    const third = store.page(1, { afterId: 2, limit: 2 });
    expect([first, second, third].map((page) => page.entries.map((e) => e.id))).toEqual([
      [5, 4],
      [3, 2],
      [1],
    ]);
    expect([first.more, second.more, third.more]).toEqual([true, true, false]);
    expect(store.page(1, { afterId: 999, limit: 2 })).toEqual({ entries: [], more: false });
    expect(store.page(2, { afterId: null, limit: 2 })).toEqual({ entries: [], more: false });
  });

  it('returns what it added newest first, by date then id, in whatever order it came', () => {
    const store = new ActivityStore();
    expect(store.merge(1, [entry(1, 1), entry(2, 2)]).map((e) => e.id)).toEqual([2, 1]);
    for (const ids of [
      [3, 4],
      [4, 3],
    ]) {
      const same = new ActivityStore();
      expect(
        same
          .merge(
            1,
            ids.map((id) => entry(id, 5)),
          )
          .map((e) => e.id),
      ).toEqual([4, 3]);
      expect(same.page(1, { afterId: null, limit: 5 }).entries.map((e) => e.id)).toEqual([4, 3]);
    }
  });

  it('keeps locks apart: an entry of another lock is not taken into this one', () => {
    const store = new ActivityStore();
    expect(store.merge(1, [entry(1, 1, 2)])).toEqual([]);
    store.merge(2, [entry(1, 1, 2)]);
    expect(store.count(1)).toBe(0);
    expect(store.count(2)).toBe(1);
  });

  it('survives a round trip through JSON, and reads anything else as empty', () => {
    const store = new ActivityStore();
    store.merge(1, [entry(1, 1), entry(2, 2)]);
    store.merge(7, [{ ...entry(3, 3, 7), user: 'Anna', source: 'mobile' }]);
    const restored = ActivityStore.fromJSON(JSON.parse(JSON.stringify(store)));
    expect(restored.toJSON()).toEqual(store.toJSON());
    expect(restored.revision).toBe(0);
    expect(restored.merge(1, [entry(2, 2)])).toEqual([]);
    for (const damaged of [null, 'text', { version: 2, locks: [] }, { version: 1, locks: [{}] }])
      expect(ActivityStore.fromJSON(damaged).toJSON()).toEqual({ version: 1, locks: [] });
  });
});
