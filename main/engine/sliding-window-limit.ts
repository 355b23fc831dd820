/**
 * "At most N events in any window of W ms", kept as the times of the events still inside
 * the window. Used for Tedee's 10 lock-list calls per 10 minutes and the hourly budget.
 */
export class SlidingWindowLimit {
  readonly limit: number;
  readonly windowMs: number;
  /** Ascending; nothing older than one window before the newest event. */
  readonly #times: number[] = [];

  constructor(limit: number, windowMs: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`limit must be a positive integer, got ${limit}`);
    this.limit = limit;
    this.windowMs = windowMs;
  }

  /** The earliest time at or after `now` when one more event stays within the limit. */
  earliestAllowed(now: number): number {
    // The event that has to leave the window before one more fits. The times ascend, so when
    // it has left already, every older one has too, and `now` is allowed.
    const blocking = this.#times[this.#times.length - this.limit];
    return blocking === undefined ? now : Math.max(now, blocking + this.windowMs);
  }

  record(at: number): void {
    this.#times.push(at);
    while ((this.#times[0] ?? at) <= at - this.windowMs) this.#times.shift();
  }

  /** The same history under a new limit (the user changed the budget). */
  withLimit(limit: number): SlidingWindowLimit {
    const next = new SlidingWindowLimit(limit, this.windowMs);
    for (const time of this.#times) next.record(time);
    return next;
  }
}
