/**
 * Tedee's request budgets, enforced per access key on the injected clock (tedee-api.md §3).
 *
 * - Global: 700 requests per fixed one-hour window; once spent, every request is refused
 *   until the next window starts. Windows are aligned to multiples of `windowMs` on the
 *   clock (whole hours by default), so a test can place itself at a known offset.
 * - Lock list (`GET /my/lock`) with a personal key: 10 per 10 minutes. Tedee does not say
 *   whether that window is fixed or sliding; it is sliding here, the stricter reading, so a
 *   client that passes against the simulator passes against either.
 *
 * Refused requests do not use up budget, so a client waiting out Retry-After gets through.
 */

export interface WindowLimit {
  max: number;
  windowMs: number;
}

export interface RateLimits {
  global: WindowLimit;
  lockList: WindowLimit;
}

export const TEDEE_RATE_LIMITS: RateLimits = {
  global: { max: 700, windowMs: 60 * 60 * 1000 },
  lockList: { max: 10, windowMs: 10 * 60 * 1000 },
};

export type Admission = { admitted: true } | { admitted: false; retryAfterSeconds: number };

const ADMITTED: Admission = { admitted: true };

export class RateLimiter {
  readonly #limits: RateLimits;
  readonly #globalWindows = new Map<string, { start: number; count: number }>();
  readonly #lockListTimes = new Map<string, number[]>();

  constructor(limits: Partial<RateLimits> = {}) {
    this.#limits = { ...TEDEE_RATE_LIMITS, ...limits };
    for (const limit of Object.values(this.#limits)) {
      if (!(limit.max >= 0) || !(limit.windowMs > 0)) throw new RangeError('Invalid rate limit');
    }
  }

  /** Counts one request against the key's hourly budget, unless the budget is spent. */
  admitGlobal(key: string, now: number): Admission {
    const { max, windowMs } = this.#limits.global;
    const start = Math.floor(now / windowMs) * windowMs;
    let window = this.#globalWindows.get(key);
    if (!window || window.start !== start) {
      window = { start, count: 0 };
      this.#globalWindows.set(key, window);
    }
    if (window.count >= max) return refused(start + windowMs - now);
    window.count += 1;
    return ADMITTED;
  }

  /** Counts one lock-list request, unless `max` were admitted within the last `windowMs`. */
  admitLockList(key: string, now: number): Admission {
    const { max, windowMs } = this.#limits.lockList;
    const recent = (this.#lockListTimes.get(key) ?? []).filter((at) => at > now - windowMs);
    this.#lockListTimes.set(key, recent);
    if (recent.length >= max) {
      // The request that has to age out before another fits; with max 0 nothing ever fits.
      const oldest = recent[recent.length - max] ?? now;
      return refused(oldest + windowMs - now);
    }
    recent.push(now);
    return ADMITTED;
  }
}

/** Whole seconds, rounded up so that a client waiting exactly that long is let through. */
function refused(waitMs: number): Admission {
  return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}
