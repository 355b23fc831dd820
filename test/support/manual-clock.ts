/**
 * Simulated time for the engine: timers fire only when a test (or the benchmark) moves the
 * clock, in time order, and after each one the caller's `settle` lets real work finish
 * (a request over loopback) before time moves on.
 */
import type { Clock, TimerHandle } from '../../main/engine/clock.ts';

interface PendingTimer {
  at: number;
  order: number;
  callback: () => void;
}

export class ManualClock implements Clock {
  #now: number;
  #order = 0;
  readonly #timers = new Map<TimerHandle, PendingTimer>();

  constructor(start = Date.UTC(2026, 10, 25, 8, 0, 0)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const handle = Symbol('timer') as unknown as TimerHandle;
    this.#order += 1;
    this.#timers.set(handle, {
      at: this.#now + Math.max(0, delayMs),
      order: this.#order,
      callback,
    });
    return handle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.#timers.delete(handle);
  }

  /** When the next timer is due, or null when none is pending. */
  nextTimerAt(): number | null {
    const next = this.#nextDue(Number.POSITIVE_INFINITY);
    return next ? next[1].at : null;
  }

  /** Moves to `target`, firing every timer due on the way; `settle` runs after each. */
  async advanceTo(target: number, settle: () => Promise<void> = async () => {}): Promise<void> {
    await settle();
    for (let due = this.#nextDue(target); due; due = this.#nextDue(target)) {
      const [handle, timer] = due;
      this.#timers.delete(handle);
      this.#now = Math.max(this.#now, timer.at);
      timer.callback();
      await settle();
    }
    this.#now = Math.max(this.#now, target);
  }

  advanceBy(ms: number, settle?: () => Promise<void>): Promise<void> {
    return this.advanceTo(this.#now + ms, settle);
  }

  #nextDue(limit: number): [TimerHandle, PendingTimer] | undefined {
    let best: [TimerHandle, PendingTimer] | undefined;
    for (const entry of this.#timers) {
      const timer = entry[1];
      if (timer.at > limit) continue;
      if (
        !best ||
        timer.at < best[1].at ||
        (timer.at === best[1].at && timer.order < best[1].order)
      )
        best = entry;
    }
    return best;
  }
}
