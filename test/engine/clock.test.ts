/**
 * The real clock the app and the CLI run on (tests inject a manual one): it must read the
 * wall clock and run, and cancel, real timers.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../main/engine/clock.ts';

describe('systemClock', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.UTC(2026, 11, 1, 4, 0, 0) });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads the wall clock', () => {
    expect(systemClock.now()).toBe(Date.UTC(2026, 11, 1, 4, 0, 0));
    vi.advanceTimersByTime(1500);
    expect(systemClock.now()).toBe(Date.UTC(2026, 11, 1, 4, 0, 1, 500));
  });

  it('runs a callback once its delay has passed, not before', () => {
    const fired = vi.fn();
    systemClock.setTimeout(fired, 20_000);
    vi.advanceTimersByTime(19_999);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it('never runs a callback whose timer was cleared', () => {
    const cleared = vi.fn();
    const kept = vi.fn();
    const handle = systemClock.setTimeout(cleared, 1000);
    systemClock.setTimeout(kept, 1000);
    systemClock.clearTimeout(handle);
    vi.advanceTimersByTime(5000);
    expect(cleared).not.toHaveBeenCalled();
    expect(kept).toHaveBeenCalledTimes(1);
  });
});
