/**
 * The simulated account's activity log (`GET /my/deviceactivity`, tedee-bridge-and-activity.md
 * §3): entries per lock, newest first, pages of at most 200 cut by `lastElemDate` ("strictly
 * older than"), and guests who see only their own entries and those without an author.
 * It also remembers every query it answered, so a test can check what the client asked for.
 */
import type { z } from 'zod';
import type { wireActivitySchema } from '../tedee/activity-wire.ts';
import { isoTime } from '../tedee/iso-time.ts';

export type EmittedActivity = z.input<typeof wireActivitySchema>;

export interface ActivityAuthor {
  userId: number;
  name: string;
}

export interface SimulatedActivityInit {
  event: number;
  /** Absent for manual turns and automatic events, as on Tedee. */
  author?: ActivityAuthor;
  /** 0 device, 1 mobile; default 0. */
  source?: number;
  /** Clock time (ms); default now. */
  at?: number;
}

export interface SimulatedActivity {
  id: number;
  lockId: number;
  event: number;
  author: ActivityAuthor | null;
  source: number;
  at: number;
}

/** Who is asking: a guest sees only their own entries and those without an author. */
export interface ActivityViewer {
  guestUserId: number | null;
}

export interface ActivityQueryRecord {
  at: number;
  lockId: number;
  elements: number;
  before: string | null;
  returned: number;
}

export const MAX_ACTIVITY_ELEMENTS = 200;
const FIRST_ACTIVITY_ID = 906300;

export class ActivityLog {
  readonly #byLock = new Map<number, SimulatedActivity[]>();
  readonly #queries: ActivityQueryRecord[] = [];
  readonly #now: () => number;
  #nextId = FIRST_ACTIVITY_ID;
  /**
   * The docs' samples alternate `username` (every JSON sample) and `userName` (the table);
   * the simulator sends both spellings, one per entry, so a client has to read each.
   */
  #spellings = 0;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** Logs an entry and returns its id. Entries are kept in time order whatever `at` says. */
  add(lockId: number, init: SimulatedActivityInit): number {
    const entry: SimulatedActivity = {
      id: this.#nextId,
      lockId,
      event: init.event,
      author: init.author ?? null,
      source: init.source ?? 0,
      at: init.at ?? this.#now(),
    };
    this.#nextId += 1;
    const entries = this.#byLock.get(lockId) ?? [];
    entries.push(entry);
    entries.sort((a, b) => a.at - b.at || a.id - b.id);
    this.#byLock.set(lockId, entries);
    return entry.id;
  }

  entriesOf(lockId: number): SimulatedActivity[] {
    return (this.#byLock.get(lockId) ?? []).map((entry) => ({ ...entry }));
  }

  queries(): ActivityQueryRecord[] {
    return this.#queries.map((query) => ({ ...query }));
  }

  /** One page, newest first. `before` is Tedee's lastElemDate (a UTC time, with or without Z). */
  page(
    lockId: number,
    options: { elements: number; before: string | null; viewer: ActivityViewer },
  ): EmittedActivity[] {
    const beforeIso = options.before === null ? null : isoTime(options.before);
    const cutoff = beforeIso === null ? Infinity : Date.parse(beforeIso);
    const { guestUserId } = options.viewer;
    const visible = (this.#byLock.get(lockId) ?? []).filter(
      (entry) =>
        entry.at < cutoff &&
        (guestUserId === null || entry.author === null || entry.author.userId === guestUserId),
    );
    const page = visible.slice(-options.elements).reverse();
    this.#queries.push({
      at: this.#now(),
      lockId,
      elements: options.elements,
      before: options.before,
      returned: page.length,
    });
    return page.map((entry) => this.#toWire(entry));
  }

  #toWire(entry: SimulatedActivity): EmittedActivity {
    const wire: EmittedActivity = {
      id: entry.id,
      deviceId: entry.lockId,
      event: entry.event,
      source: entry.source,
      // Tedee's samples carry no zone designator (§5.18).
      date: new Date(entry.at).toISOString().replace(/Z$/, ''),
    };
    if (entry.author) {
      wire.userId = entry.author.userId;
      this.#spellings += 1;
      if (this.#spellings % 2 === 0) wire.userName = entry.author.name;
      else wire.username = entry.author.name;
    }
    return wire;
  }
}
