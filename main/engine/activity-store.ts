/**
 * The activity log as the app keeps it: per lock, the newest MAX_ACTIVITY_PER_LOCK entries,
 * newest first, merged by Tedee's activity id so that a page fetched twice (or again after a
 * restart) adds nothing. Plain JSON in and out, for the file that keeps it between runs.
 */
import { z } from 'zod';
import type { Activity } from '../tedee/activity-model.ts';
import { ACTIVITY_SOURCES } from '../tedee/activity-model.ts';

/** The bound: enough for weeks of a busy front door, small enough to load at start. */
export const MAX_ACTIVITY_PER_LOCK = 500;

const activitySchema = z.object({
  id: z.number().int(),
  lockId: z.number().int(),
  event: z.number().int(),
  user: z.string().nullable(),
  source: z.enum(ACTIVITY_SOURCES).nullable(),
  date: z.iso.datetime(),
});

const activityStoreJsonSchema = z.object({
  version: z.literal(1),
  locks: z.array(z.object({ id: z.number().int(), entries: z.array(activitySchema) })),
});
export type ActivityStoreJSON = z.infer<typeof activityStoreJsonSchema>;

export interface ActivityPageRequest {
  /** Entries older than the entry with this id; null for the newest. */
  afterId: number | null;
  limit: number;
}

export class ActivityStore {
  /** Per lock, newest first (by date, then id). */
  readonly #byLock = new Map<number, Activity[]>();
  readonly #ids = new Map<number, Set<number>>();
  #revision = 0;

  /** Restores a saved store; anything unreadable gives an empty one, never an exception. */
  static fromJSON(value: unknown): ActivityStore {
    const store = new ActivityStore();
    const parsed = activityStoreJsonSchema.safeParse(value);
    if (!parsed.success) return store;
    for (const lock of parsed.data.locks) store.merge(lock.id, lock.entries);
    store.#revision = 0;
    return store;
  }

  /** Goes up with every entry added; the saver compares it with what it wrote last. */
  get revision(): number {
    return this.#revision;
  }

  /** Adds the entries not known yet; returns those, newest first. */
  merge(lockId: number, entries: readonly Activity[]): Activity[] {
    const ids = this.#ids.get(lockId) ?? new Set<number>();
    const added = entries.filter((entry) => !ids.has(entry.id) && entry.lockId === lockId);
    if (added.length === 0) return [];
    const unique = [...new Map(added.map((entry) => [entry.id, entry])).values()];
    const merged = [...(this.#byLock.get(lockId) ?? []), ...unique]
      .sort(newestFirst)
      .slice(0, MAX_ACTIVITY_PER_LOCK);
    this.#byLock.set(lockId, merged);
    this.#ids.set(lockId, new Set(merged.map((entry) => entry.id)));
    const kept = unique.filter((entry) => this.#ids.get(lockId)?.has(entry.id));
    if (kept.length > 0) this.#revision += 1;
    return kept.sort(newestFirst);
  }

  has(lockId: number, activityId: number): boolean {
    return this.#ids.get(lockId)?.has(activityId) ?? false;
  }

  count(lockId: number): number {
    return this.#byLock.get(lockId)?.length ?? 0;
  }

  /** One page of a lock's entries, newest first, and whether older ones follow. */
  page(lockId: number, request: ActivityPageRequest): { entries: Activity[]; more: boolean } {
    const entries = this.#byLock.get(lockId) ?? [];
    const start =
      request.afterId === null ? 0 : entries.findIndex((entry) => entry.id === request.afterId) + 1;
    // An id no longer kept (pushed out by newer entries) has nothing older to show.
    if (request.afterId !== null && start === 0) return { entries: [], more: false };
    const page = entries.slice(start, start + request.limit);
    return { entries: page, more: start + page.length < entries.length };
  }

  toJSON(): ActivityStoreJSON {
    return {
      version: 1,
      locks: [...this.#byLock].map(([id, entries]) => ({
        id,
        entries: entries.map((entry) => ({ ...entry })),
      })),
    };
  }
}

function newestFirst(a: Activity, b: Activity): number {
  return Date.parse(b.date) - Date.parse(a.date) || b.id - a.id;
}
