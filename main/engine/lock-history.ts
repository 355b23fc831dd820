/**
 * A bounded per-lock history of what the syncs reported, for charts and "what happened
 * overnight". Polling every 30 s for weeks would give ~90 000 identical samples per lock, so a
 * sample is kept only when something changed:
 *
 * - a change of state or connection is always recorded;
 * - a change of battery alone is recorded at most once per `batteryIntervalMs` (an hour by
 *   default), counted from the last battery-only sample, because the level drifts by a percent
 *   at a time and a chart needs no finer grain;
 * - samples older than `maxAgeMs` (30 days) before the newest one, or beyond
 *   `maxSamplesPerLock`, are dropped oldest first.
 *
 * A sample whose time is before the lock's last sample is ignored (the clock went back), which
 * keeps every lock's samples in time order without sorting.
 */
import { z } from 'zod';
import { LOCK_STATES } from '../tedee/lock-enums.ts';
import type { LockState } from '../tedee/lock-enums.ts';
import type { LockStatus } from '../tedee/lock-model.ts';

export interface LockSample {
  /** Epoch ms of the sync that reported it. */
  at: number;
  state: LockState | null;
  battery: number | null;
  connected: boolean | null;
}

export interface LockHistoryOptions {
  maxAgeMs: number;
  maxSamplesPerLock: number;
  batteryIntervalMs: number;
}

const DAY_MS = 24 * 60 * 60_000;

/**
 * 2000 samples cover 30 days of hourly battery samples (720) plus ~40 lock/unlock or connection
 * changes a day; a busier lock loses its oldest days first.
 */
export const DEFAULT_LOCK_HISTORY_OPTIONS: Readonly<LockHistoryOptions> = Object.freeze({
  maxAgeMs: 30 * DAY_MS,
  maxSamplesPerLock: 2000,
  batteryIntervalMs: 60 * 60_000,
});

const lockSampleSchema = z.object({
  at: z.number(),
  state: z.enum(LOCK_STATES).nullable(),
  battery: z.number().min(0).max(100).nullable(),
  connected: z.boolean().nullable(),
});

const lockHistoryJsonSchema = z.object({
  version: z.literal(1),
  locks: z.array(
    z.object({
      id: z.number().int(),
      lastBatteryOnlyAt: z.number().nullable(),
      samples: z.array(lockSampleSchema),
    }),
  ),
});
export type LockHistoryJSON = z.infer<typeof lockHistoryJsonSchema>;

interface Track {
  samples: Ring<Readonly<LockSample>>;
  /** When the last sample recorded for a battery change alone was taken. */
  lastBatteryOnlyAt: number | null;
}

export class LockHistory {
  readonly #options: LockHistoryOptions;
  readonly #tracks = new Map<number, Track>();
  #revision = 0;

  constructor(options: Partial<LockHistoryOptions> = {}) {
    const merged = { ...DEFAULT_LOCK_HISTORY_OPTIONS, ...options };
    if (!Number.isInteger(merged.maxSamplesPerLock) || merged.maxSamplesPerLock < 1) {
      throw new RangeError(
        `maxSamplesPerLock must be a positive integer, got ${merged.maxSamplesPerLock}`,
      );
    }
    if (!(merged.maxAgeMs > 0) || !(merged.batteryIntervalMs >= 0)) {
      throw new RangeError('maxAgeMs must be positive and batteryIntervalMs not negative');
    }
    this.#options = merged;
  }

  /** Restores a saved history; anything unreadable gives an empty one, never an exception. */
  static fromJSON(value: unknown, options: Partial<LockHistoryOptions> = {}): LockHistory {
    const history = new LockHistory(options);
    const parsed = lockHistoryJsonSchema.safeParse(value);
    if (!parsed.success) return history;
    for (const lock of parsed.data.locks) {
      // Saved files are ours and already ordered; sorting (stable) only guards against edits.
      const samples = [...lock.samples].sort((a, b) => a.at - b.at);
      const track = history.#trackOf(lock.id);
      for (const sample of samples) {
        // A lock listed twice must not break the time order the accessors promise.
        const last = track.samples.last();
        if (last === undefined || sample.at >= last.at)
          track.samples.push(Object.freeze({ ...sample }));
      }
      track.lastBatteryOnlyAt = lock.lastBatteryOnlyAt;
      const newest = track.samples.last();
      if (newest !== undefined)
        history.#dropOlderThan(track, newest.at - history.#options.maxAgeMs);
      if (track.samples.size === 0) history.#tracks.delete(lock.id);
    }
    return history;
  }

  /** Records what one sync said about a lock, if it is worth keeping; tells whether it was kept. */
  record(lockId: number, sample: LockSample): boolean {
    const track = this.#trackOf(lockId);
    const last = track.samples.last();
    if (last !== undefined) {
      if (sample.at < last.at) return false;
      const structural = last.state !== sample.state || last.connected !== sample.connected;
      if (!structural) {
        if (last.battery === sample.battery) return false;
        const sinceBattery =
          track.lastBatteryOnlyAt === null ? Infinity : sample.at - track.lastBatteryOnlyAt;
        if (sinceBattery < this.#options.batteryIntervalMs) return false;
        track.lastBatteryOnlyAt = sample.at;
      }
    }
    const { at, state, battery, connected } = sample;
    track.samples.push(Object.freeze({ at, state, battery, connected }));
    this.#dropOlderThan(track, at - this.#options.maxAgeMs);
    this.#revision += 1;
    return true;
  }

  /**
   * Goes up with every sample kept. The monitor records the syncs; whoever keeps the history
   * elsewhere (the app saves it to disk) compares this with what it saw last, which costs
   * nothing on the poll path.
   */
  get revision(): number {
    return this.#revision;
  }

  /** Records every lock of a sync at the same time. */
  recordSync(
    locks: readonly Pick<LockStatus, 'id' | 'state' | 'battery' | 'connected'>[],
    at: number,
  ): void {
    for (const lock of locks) {
      this.record(lock.id, {
        at,
        state: lock.state,
        battery: lock.battery,
        connected: lock.connected,
      });
    }
  }

  /** The lock's samples, oldest first; empty for a lock never seen. */
  samplesOf(lockId: number): readonly Readonly<LockSample>[] {
    return this.#tracks.get(lockId)?.samples.toArray() ?? [];
  }

  lockIds(): number[] {
    return [...this.#tracks.keys()];
  }

  /**
   * Drops samples older than the age limit as of `now`, and locks left with none. Recording only
   * trims the lock it records, so a lock that was removed from the account needs this to go.
   */
  prune(now: number): void {
    for (const [id, track] of this.#tracks) {
      this.#dropOlderThan(track, now - this.#options.maxAgeMs);
      if (track.samples.size === 0) this.#tracks.delete(id);
    }
  }

  toJSON(): LockHistoryJSON {
    return {
      version: 1,
      locks: [...this.#tracks].map(([id, track]) => ({
        id,
        lastBatteryOnlyAt: track.lastBatteryOnlyAt,
        samples: track.samples.toArray().map((sample) => ({ ...sample })),
      })),
    };
  }

  #trackOf(lockId: number): Track {
    let track = this.#tracks.get(lockId);
    if (track === undefined) {
      track = { samples: new Ring(this.#options.maxSamplesPerLock), lastBatteryOnlyAt: null };
      this.#tracks.set(lockId, track);
    }
    return track;
  }

  #dropOlderThan(track: Track, cutoff: number): void {
    for (
      let first = track.samples.first();
      first !== undefined && first.at < cutoff;
      first = track.samples.first()
    ) {
      track.samples.dropFirst();
    }
  }
}

/**
 * A fixed-capacity FIFO that overwrites its oldest item when full. Storage starts small and
 * doubles up to the capacity, so a lock that rarely changes does not reserve 2000 slots, and
 * every operation stays O(1) amortised.
 */
class Ring<T> {
  readonly #capacity: number;
  #slots: (T | undefined)[];
  #head = 0;
  #size = 0;

  constructor(capacity: number) {
    this.#capacity = capacity;
    this.#slots = Array.from<T | undefined>({ length: Math.min(capacity, 16) });
  }

  get size(): number {
    return this.#size;
  }

  push(item: T): void {
    if (this.#size === this.#slots.length && this.#slots.length < this.#capacity) this.#grow();
    const length = this.#slots.length;
    this.#slots[(this.#head + this.#size) % length] = item;
    if (this.#size < length) this.#size += 1;
    else this.#head = (this.#head + 1) % length;
  }

  first(): T | undefined {
    return this.#size === 0 ? undefined : this.#slots[this.#head];
  }

  last(): T | undefined {
    return this.#size === 0
      ? undefined
      : this.#slots[(this.#head + this.#size - 1) % this.#slots.length];
  }

  dropFirst(): void {
    if (this.#size === 0) return;
    this.#slots[this.#head] = undefined;
    this.#head = (this.#head + 1) % this.#slots.length;
    this.#size -= 1;
  }

  toArray(): T[] {
    const items: T[] = [];
    for (let i = 0; i < this.#size; i += 1) {
      const item = this.#slots[(this.#head + i) % this.#slots.length];
      if (item !== undefined) items.push(item);
    }
    return items;
  }

  #grow(): void {
    const slots: (T | undefined)[] = this.toArray();
    const length = Math.min(this.#capacity, this.#slots.length * 2);
    while (slots.length < length) slots.push(undefined);
    this.#slots = slots;
    this.#head = 0;
  }
}
