/**
 * Real time, sped up: every wait on this clock takes `factor` times less real time, and now()
 * runs `factor` times faster. For in-process tests where real requests over loopback interleave
 * with long waits on the clock (a lock operation's 20 s sync guard and its 60 s limit): unlike
 * AutoClock, a wait never jumps ahead of a request still in flight.
 */
import type { Clock, TimerHandle } from '../../main/engine/clock.ts';

export class ScaledClock implements Clock {
  readonly #factor: number;
  readonly #realStart = Date.now();
  readonly #start: number;

  constructor(factor: number, start = Date.UTC(2026, 10, 25, 8, 0, 0)) {
    this.#factor = factor;
    this.#start = start;
  }

  now(): number {
    return this.#start + Math.round((Date.now() - this.#realStart) * this.#factor);
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    return setTimeout(callback, Math.max(0, delayMs) / this.#factor) as unknown as TimerHandle;
  }

  clearTimeout(handle: TimerHandle): void {
    clearTimeout(handle as unknown as ReturnType<typeof setTimeout>);
  }
}
