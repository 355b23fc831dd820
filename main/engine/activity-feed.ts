/**
 * Keeps each lock's activity log up to date while spending as little of Tedee's budget as it
 * can (the rules):
 *
 * - one fetch per lock sets the baseline when it is first seen; its entries from before the
 *   start are kept but not announced (no alert, no CLI line);
 * - afterwards a lock is fetched only when something says it changed: a sync whose
 *   lastStateChangedDate moved (locksSynced) or a bridge event (lockChanged);
 * - every request passes the gates: one per lock per minute, within the share of the budget the
 *   syncs leave over (request-gates.ts), after any Retry-After; one request at a time, the lock
 *   that has waited longest first, so with many busy locks entries come later, never at the
 *   cost of a sync;
 * - a change whose entry Tedee has not logged yet gets one more look a minute later, and a full
 *   page with nothing known in it is followed by the page before it, so late entries are
 *   caught up;
 * - a 403 means the key lacks DeviceActivity.Read: the feature is marked so and tried again at
 *   most once an hour, or at once when the key changes. Nothing else is affected.
 */
import { MissingScopeError, RateLimitedError } from '../tedee/errors.ts';
import type { Activity } from '../tedee/activity-model.ts';
import type { ActivityPage } from '../tedee/client.ts';
import type { ActivityStore } from './activity-store.ts';
import type { Clock, TimerHandle } from './clock.ts';
import type { RequestGates } from './request-gates.ts';

export const ACTIVITY_PAGE_SIZE = 50;
/** A key without the scope is asked again at most this often. */
export const SCOPE_RETRY_MS = 3_600_000;

export interface ActivityApi {
  listActivity(lockId: number, page: ActivityPage, signal?: AbortSignal): Promise<Activity[]>;
}

export type ActivityAvailability =
  /** The client has no activity log (a test double), or nothing was asked yet. */
  | { kind: 'off' }
  | { kind: 'checking' }
  | { kind: 'available' }
  | { kind: 'needs-scope'; retryAt: number };

export interface ActivityNews {
  lockId: number;
  /** Every entry new to the store, newest first (the window's list). */
  added: Activity[];
  /** The entries worth telling (after the start), oldest first (alerts, CLI lines). */
  announced: Activity[];
}

interface Want {
  /** null: the newest page; otherwise the page before this ISO time (catching up a gap). */
  before: string | null;
  /** The first fetch after a change found nothing new: this is the one more look. */
  lookingAgain: boolean;
  /** A change (not a baseline or a gap) asked for it. */
  afterChange: boolean;
}

export interface ActivityFeedOptions {
  clock: Clock;
  gates: RequestGates;
  /** What polling plans (projectedRequestsPerHour): the spare share is what it leaves over. */
  syncsPerHour: () => number;
  store: ActivityStore;
  onNews(news: ActivityNews): void;
  onAvailability(availability: ActivityAvailability): void;
}

export class ActivityFeed {
  readonly #clock: Clock;
  readonly #gates: RequestGates;
  readonly #syncsPerHour: () => number;
  readonly #store: ActivityStore;
  readonly #onNews: (news: ActivityNews) => void;
  readonly #onAvailability: (availability: ActivityAvailability) => void;
  /** Locks to fetch, in the order they asked (a Map keeps insertion order). */
  readonly #wanted = new Map<number, Want>();
  /** Locks fetched once in this run: their baseline is set. */
  readonly #baselined = new Set<number>();
  readonly #lastChanged = new Map<number, string | null>();
  #availability: ActivityAvailability = { kind: 'off' };
  #api: ActivityApi | null = null;
  #startedAt: number | null = null;
  #timer: TimerHandle | null = null;
  #flight: { lockId: number; abort: AbortController; done: Promise<void> } | null = null;

  constructor(options: ActivityFeedOptions) {
    this.#clock = options.clock;
    this.#gates = options.gates;
    this.#syncsPerHour = options.syncsPerHour;
    this.#store = options.store;
    this.#onNews = (news) => options.onNews(news);
    this.#onAvailability = (availability) => options.onAvailability(availability);
  }

  get availability(): ActivityAvailability {
    return this.#availability;
  }

  /** Resolves when no activity request is in flight. */
  async idle(): Promise<void> {
    while (this.#flight) await this.#flight.done;
  }

  /**
   * The monitor may ask Tedee (a usable key, not paused, asleep or stopped) with this client,
   * or not (null). A client without an activity log leaves the feature off.
   */
  run(api: object | null): void {
    const activityApi = api !== null && isActivityApi(api) ? api : null;
    if (activityApi === this.#api) return;
    this.#api = activityApi;
    this.#startedAt ??= activityApi ? this.#clock.now() : null;
    this.#flight?.abort.abort();
    if (activityApi && this.#availability.kind === 'off')
      this.#setAvailability({ kind: 'checking' });
    if (!activityApi && this.#availability.kind !== 'needs-scope')
      this.#setAvailability({ kind: 'off' });
    this.#schedule();
  }

  /** Another key: a missing scope may be there now, so it is asked at once. */
  keyChanged(): void {
    if (this.#availability.kind === 'needs-scope') this.#setAvailability({ kind: 'checking' });
    this.#schedule();
  }

  /** After every successful sync: a lock whose last state change moved is fetched. */
  locksSynced(locks: readonly { id: number; lastChanged: string | null }[]): void {
    const present = new Set<number>();
    for (const lock of locks) {
      present.add(lock.id);
      const known = this.#lastChanged.has(lock.id);
      const moved = known && this.#lastChanged.get(lock.id) !== lock.lastChanged;
      this.#lastChanged.set(lock.id, lock.lastChanged);
      if (moved) this.lockChanged(lock.id);
      else if (!this.#baselined.has(lock.id) && !this.#wanted.has(lock.id))
        this.#wanted.set(lock.id, { before: null, lookingAgain: false, afterChange: false });
    }
    for (const id of this.#lastChanged.keys()) {
      if (present.has(id)) continue;
      this.#lastChanged.delete(id);
      this.#wanted.delete(id);
    }
    this.#schedule();
  }

  /** Something says the lock changed (a sync, or the bridge's lock-status-changed event). */
  lockChanged(lockId: number): void {
    // Delete first: a lock that changes again goes to the back of the queue, not ahead of others.
    this.#wanted.delete(lockId);
    this.#wanted.set(lockId, { before: null, lookingAgain: false, afterChange: true });
    this.#schedule();
  }

  /** Plans the next request: the lock that may go first, among those wanted. */
  #schedule(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
    if (!this.#api || this.#flight || this.#wanted.size === 0) return;
    const now = this.#clock.now();
    const notBefore = this.#availability.kind === 'needs-scope' ? this.#availability.retryAt : now;
    let next: { lockId: number; at: number } | null = null;
    for (const lockId of this.#wanted.keys()) {
      const at = Math.max(notBefore, this.#allowedAt(lockId, now));
      if (next === null || at < next.at) next = { lockId, at };
    }
    if (next === null || next.at === Infinity) return;
    const { lockId, at } = next;
    this.#timer = this.#clock.setTimeout(
      () => {
        this.#timer = null;
        this.#fetch(lockId);
      },
      Math.max(0, at - now),
    );
  }

  #allowedAt(lockId: number, now: number): number {
    return this.#gates.activityAllowedAt(lockId, this.#syncsPerHour(), now);
  }

  #fetch(lockId: number): void {
    const api = this.#api;
    const want = this.#wanted.get(lockId);
    if (!api || !want) return;
    const now = this.#clock.now();
    // The gates may have moved since the timer was set (a 429, a sync of many locks).
    if (this.#allowedAt(lockId, now) > now) return this.#schedule();
    this.#wanted.delete(lockId);
    this.#gates.recordActivity(lockId, now);
    const abort = new AbortController();
    const page: ActivityPage = { elements: ACTIVITY_PAGE_SIZE };
    if (want.before !== null) page.before = want.before;
    const flight = {
      lockId,
      abort,
      done: api
        .listActivity(lockId, page, abort.signal)
        .then(
          (entries) => {
            if (abort.signal.aborted) this.#wantAgain(lockId, want);
            else this.#received(lockId, want, entries);
          },
          (error: unknown) => {
            if (!abort.signal.aborted) this.#failed(lockId, want, error);
            else this.#wantAgain(lockId, want);
          },
        )
        .finally(() => {
          if (this.#flight === flight) this.#flight = null;
          this.#schedule();
        }),
    };
    this.#flight = flight;
  }

  #received(lockId: number, want: Want, entries: readonly Activity[]): void {
    if (this.#availability.kind !== 'available') this.#setAvailability({ kind: 'available' });
    this.#gates.clearRateLimit();
    const hadEntries = this.#store.count(lockId) > 0;
    const anyKnown = entries.some((entry) => this.#store.has(lockId, entry.id));
    const added = this.#store.merge(lockId, entries);
    const baseline = !this.#baselined.has(lockId);
    this.#baselined.add(lockId);
    const startedAt = this.#startedAt ?? 0;
    const announced = added
      .filter((entry) => !baseline || Date.parse(entry.date) >= startedAt)
      .reverse();
    // A newer want (another change) arrived meanwhile: it asks for the newest page anyway.
    if (!this.#wanted.has(lockId)) {
      const oldest = entries.at(-1);
      const pageFull = entries.length >= ACTIVITY_PAGE_SIZE;
      // A first look at a lock with no saved log needs no more than one page (the window's
      // history); after that, a full page with nothing known means entries were skipped.
      if (pageFull && !anyKnown && (hadEntries || !baseline) && oldest) {
        this.#wanted.set(lockId, { before: oldest.date, lookingAgain: false, afterChange: false });
      } else if (want.afterChange && !want.lookingAgain && added.length === 0) {
        this.#wanted.set(lockId, { before: null, lookingAgain: true, afterChange: true });
      }
    }
    if (added.length > 0) this.#onNews({ lockId, added, announced });
  }

  #failed(lockId: number, want: Want, error: unknown): void {
    if (error instanceof MissingScopeError) {
      this.#setAvailability({ kind: 'needs-scope', retryAt: this.#clock.now() + SCOPE_RETRY_MS });
    } else if (error instanceof RateLimitedError) {
      this.#gates.rateLimitedUntil(error.retryAt);
    }
    // Anything else waits for the lock's next minute: a rejected key (401) meets the next sync
    // too, which stops the monitor and with it this feed; a network error or a 5xx passes.
    this.#wantAgain(lockId, want);
  }

  #wantAgain(lockId: number, want: Want): void {
    if (!this.#wanted.has(lockId) && this.#lastChanged.has(lockId)) this.#wanted.set(lockId, want);
  }

  #setAvailability(availability: ActivityAvailability): void {
    this.#availability = availability;
    this.#onAvailability(availability);
  }
}

function isActivityApi(api: object): api is ActivityApi {
  return typeof (api as Partial<ActivityApi>).listActivity === 'function';
}
