import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCK_HISTORY_OPTIONS, LockHistory } from '../../main/engine/lock-history.ts';
import type { LockHistoryOptions, LockSample } from '../../main/engine/lock-history.ts';
import { makeLock } from './lock-factory.ts';
import { ascending } from '../support/ascending.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2025, 10, 3, 8, 0, 0);

function sample(at: number, overrides: Partial<Omit<LockSample, 'at'>> = {}): LockSample {
  return { at, state: 'locked', battery: 80, connected: true, ...overrides };
}

function timesOf(history: LockHistory, lockId = 1): number[] {
  return history.samplesOf(lockId).map((kept) => kept.at);
}

describe('what is recorded', () => {
  it('records the first sample of a lock', () => {
    const history = new LockHistory();
    expect(history.record(1, sample(T0))).toBe(true);
    expect(history.samplesOf(1)).toEqual([sample(T0)]);
  });

  it('skips a sample that changes nothing', () => {
    const history = new LockHistory();
    history.record(1, sample(T0));
    expect(history.record(1, sample(T0 + MINUTE))).toBe(false);
    expect(timesOf(history)).toEqual([T0]);
  });

  it('always records a change of state or connection, however close together', () => {
    const history = new LockHistory();
    history.record(1, sample(T0));
    expect(history.record(1, sample(T0 + 1, { state: 'unlocking' }))).toBe(true);
    expect(history.record(1, sample(T0 + 2, { state: 'unlocked' }))).toBe(true);
    expect(history.record(1, sample(T0 + 3, { state: 'unlocked', connected: false }))).toBe(true);
    expect(history.record(1, sample(T0 + 4, { state: 'unlocked', connected: null }))).toBe(true);
    expect(history.record(1, sample(T0 + 5, { state: null, connected: null, battery: 79 }))).toBe(
      true,
    );
    expect(timesOf(history)).toEqual([T0, T0 + 1, T0 + 2, T0 + 3, T0 + 4, T0 + 5]);
  });

  it('records a battery change alone at most once an hour, counted from the last battery-only sample', () => {
    const history = new LockHistory();
    history.record(1, sample(T0, { battery: 80 }));
    expect(history.record(1, sample(T0 + MINUTE, { battery: 79 }))).toBe(true);
    expect(history.record(1, sample(T0 + 2 * MINUTE, { battery: 78 }))).toBe(false);
    expect(history.record(1, sample(T0 + MINUTE + HOUR - 1, { battery: 77 }))).toBe(false);
    expect(history.record(1, sample(T0 + MINUTE + HOUR, { battery: 77 }))).toBe(true);
    expect(history.samplesOf(1).map((kept) => kept.battery)).toEqual([80, 79, 77]);
  });

  it('records the first battery change alone at once, on a clock that starts at 0', () => {
    const history = new LockHistory();
    history.record(1, { at: 0, state: 'locked', battery: 80, connected: true });
    expect(history.record(1, { at: MINUTE, state: 'locked', battery: 79, connected: true })).toBe(
      true,
    );
  });

  it('a state change does not restart the battery hour', () => {
    const history = new LockHistory();
    history.record(1, sample(T0, { battery: 80 }));
    history.record(1, sample(T0 + MINUTE, { battery: 79 }));
    expect(history.record(1, sample(T0 + 10 * MINUTE, { battery: 78, state: 'unlocked' }))).toBe(
      true,
    );
    expect(history.record(1, sample(T0 + 30 * MINUTE, { battery: 77, state: 'unlocked' }))).toBe(
      false,
    );
    expect(history.record(1, sample(T0 + MINUTE + HOUR, { battery: 77, state: 'unlocked' }))).toBe(
      true,
    );
  });

  it('counts a battery that becomes unknown (null) or known again as a battery change', () => {
    const history = new LockHistory();
    history.record(1, sample(T0, { battery: 50 }));
    expect(history.record(1, sample(T0 + HOUR, { battery: null }))).toBe(true);
    expect(history.record(1, sample(T0 + HOUR + 1, { battery: 50 }))).toBe(false);
    expect(history.record(1, sample(T0 + 2 * HOUR, { battery: 50 }))).toBe(true);
  });

  it('ignores a sample older than the last one, so samples stay in time order', () => {
    const history = new LockHistory();
    history.record(1, sample(T0));
    expect(history.record(1, sample(T0 - 1, { state: 'unlocked' }))).toBe(false);
    expect(timesOf(history)).toEqual([T0]);
  });

  it('keeps each lock apart', () => {
    const history = new LockHistory();
    history.record(1, sample(T0));
    history.record(2, sample(T0 + 1, { state: 'unlocked' }));
    history.record(1, sample(T0 + 2, { state: 'unlocked' }));
    expect(timesOf(history, 1)).toEqual([T0, T0 + 2]);
    expect(timesOf(history, 2)).toEqual([T0 + 1]);
    expect(history.lockIds().toSorted(ascending)).toEqual([1, 2]);
    expect(history.samplesOf(3)).toEqual([]);
  });

  it('recordSync takes the live fields of every lock in a sync', () => {
    const history = new LockHistory();
    history.recordSync(
      [makeLock({ id: 1, battery: 40 }), makeLock({ id: 2, state: 'unlocked', connected: null })],
      T0,
    );
    expect(history.samplesOf(1)).toEqual([
      { at: T0, state: 'locked', battery: 40, connected: true },
    ]);
    expect(history.samplesOf(2)).toEqual([
      { at: T0, state: 'unlocked', battery: 80, connected: null },
    ]);
  });

  it('revision goes up with every sample kept, and only then', () => {
    const history = new LockHistory();
    expect(history.revision).toBe(0);
    history.recordSync([makeLock({ id: 1 }), makeLock({ id: 2 })], T0);
    expect(history.revision).toBe(2);
    history.recordSync([makeLock({ id: 1 }), makeLock({ id: 2 })], T0 + MINUTE);
    expect(history.revision).toBe(2);
    history.recordSync(
      [makeLock({ id: 1, state: 'unlocked' }), makeLock({ id: 2 })],
      T0 + 2 * MINUTE,
    );
    expect(history.revision).toBe(3);
    expect(LockHistory.fromJSON(JSON.parse(JSON.stringify(history))).revision).toBe(0);
  });

  it('stores its own copy of a sample', () => {
    const history = new LockHistory();
    const given = sample(T0);
    history.record(1, given);
    given.state = 'unlocked';
    expect(history.samplesOf(1)[0]?.state).toBe('locked');
    expect(Object.isFrozen(history.samplesOf(1)[0])).toBe(true);
  });
});

describe('bounds', () => {
  /** Alternates the state so that every sample is kept. */
  function fill(history: LockHistory, count: number, step = MINUTE): void {
    for (let i = 0; i < count; i += 1) {
      history.record(1, sample(T0 + i * step, { state: i % 2 === 0 ? 'locked' : 'unlocked' }));
    }
  }

  it('keeps at most maxSamplesPerLock, dropping the oldest', () => {
    const history = new LockHistory({ maxSamplesPerLock: 5 });
    fill(history, 12);
    expect(timesOf(history)).toEqual([7, 8, 9, 10, 11].map((i) => T0 + i * MINUTE));
  });

  it('keeps exactly maxSamplesPerLock when its storage has to grow to it', () => {
    const history = new LockHistory({ maxSamplesPerLock: 20 });
    fill(history, 45);
    expect(timesOf(history)).toEqual(Array.from({ length: 20 }, (_, i) => T0 + (25 + i) * MINUTE));
  });

  it('keeps the order across storage growth and wrap-around', () => {
    const history = new LockHistory({ maxSamplesPerLock: 50 });
    fill(history, 137);
    expect(timesOf(history)).toEqual(Array.from({ length: 50 }, (_, i) => T0 + (87 + i) * MINUTE));
  });

  it('drops samples older than maxAgeMs before the newest, keeping one exactly at the limit', () => {
    const history = new LockHistory({ maxAgeMs: 10 * DAY });
    history.record(1, sample(T0));
    history.record(1, sample(T0 + 1, { state: 'unlocked' }));
    history.record(1, sample(T0 + 5 * DAY, { state: 'locked' }));
    history.record(1, sample(T0 + 10 * DAY, { state: 'unlocked' }));
    expect(timesOf(history)).toEqual([T0, T0 + 1, T0 + 5 * DAY, T0 + 10 * DAY]);
    history.record(1, sample(T0 + 10 * DAY + 1, { state: 'locked' }));
    expect(timesOf(history)).toEqual([T0 + 1, T0 + 5 * DAY, T0 + 10 * DAY, T0 + 10 * DAY + 1]);
  });

  it('defaults to 30 days and 2000 samples per lock', () => {
    expect(DEFAULT_LOCK_HISTORY_OPTIONS).toEqual({
      maxAgeMs: 30 * DAY,
      maxSamplesPerLock: 2000,
      batteryIntervalMs: HOUR,
    });
    const history = new LockHistory();
    history.record(1, sample(T0));
    history.record(1, sample(T0 + 30 * DAY + 1, { state: 'unlocked' }));
    expect(timesOf(history)).toEqual([T0 + 30 * DAY + 1]);
    const busy = new LockHistory();
    fill(busy, 2500, 1);
    expect(busy.samplesOf(1)).toHaveLength(2000);
  });

  it('prune drops old samples as of now, and locks left without any', () => {
    const history = new LockHistory({ maxAgeMs: DAY });
    history.record(1, sample(T0));
    history.record(2, sample(T0));
    history.record(2, sample(T0 + 20 * HOUR, { state: 'unlocked' }));
    history.prune(T0 + 30 * HOUR);
    expect(history.lockIds()).toEqual([2]);
    expect(timesOf(history, 2)).toEqual([T0 + 20 * HOUR]);
  });

  it('stays bounded and in order over weeks of polling every 30 s', () => {
    const history = new LockHistory();
    const polls = (35 * DAY) / (30 * 1000);
    for (let i = 0; i < polls; i += 1) {
      // A lock/unlock every 10 minutes and a battery that drifts every poll: far busier than real life.
      history.recordSync(
        [makeLock({ state: i % 40 < 20 ? 'locked' : 'unlocked', battery: 100 - (i % 97) })],
        T0 + i * 30_000,
      );
    }
    const times = timesOf(history);
    expect(times.length).toBe(2000);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const lastPoll = T0 + (polls - 1) * 30_000;
    // The newest state change happened within the last lock/unlock cycle (20 polls).
    expect(times.at(-1)).toBeGreaterThan(lastPoll - 20 * 30_000);
    expect(times[0]).toBeGreaterThanOrEqual(lastPoll - 30 * DAY);
  });

  it('rejects nonsensical options', () => {
    expect(() => new LockHistory({ maxSamplesPerLock: 0 })).toThrow(
      'maxSamplesPerLock must be a positive integer, got 0',
    );
    expect(() => new LockHistory({ maxAgeMs: -1 })).toThrow(
      'maxAgeMs must be positive and batteryIntervalMs not negative',
    );
    expect(() => new LockHistory({ maxSamplesPerLock: 0 })).toThrow(RangeError);
    expect(() => new LockHistory({ maxSamplesPerLock: 1.5 })).toThrow(RangeError);
    expect(() => new LockHistory({ maxAgeMs: 0 })).toThrow(RangeError);
    expect(() => new LockHistory({ batteryIntervalMs: -1 })).toThrow(RangeError);
  });
});

describe('JSON', () => {
  it('round-trips through JSON text, including the battery hour', () => {
    const history = new LockHistory();
    history.record(1, sample(T0));
    history.record(1, sample(T0 + MINUTE, { battery: 79 }));
    history.record(2, sample(T0, { state: null, connected: false, battery: null }));
    const restored = LockHistory.fromJSON(JSON.parse(JSON.stringify(history)));
    expect(restored.toJSON()).toEqual(history.toJSON());
    expect(restored.samplesOf(1)).toEqual(history.samplesOf(1));
    expect(restored.record(1, sample(T0 + 30 * MINUTE, { battery: 78 }))).toBe(false);
    expect(restored.record(1, sample(T0 + MINUTE + HOUR, { battery: 78 }))).toBe(true);
  });

  it.each([
    ['null', null],
    ['a string', 'history'],
    ['another version', { version: 2, locks: [] }],
    ['locks not a list', { version: 1, locks: {} }],
    [
      'an unknown state',
      {
        version: 1,
        locks: [
          {
            id: 1,
            lastBatteryOnlyAt: null,
            samples: [{ at: 1, state: 'open', battery: 5, connected: true }],
          },
        ],
      },
    ],
    [
      'a battery out of range',
      {
        version: 1,
        locks: [
          {
            id: 1,
            lastBatteryOnlyAt: null,
            samples: [{ at: 1, state: 'locked', battery: 255, connected: true }],
          },
        ],
      },
    ],
    [
      'a missing time',
      {
        version: 1,
        locks: [
          {
            id: 1,
            lastBatteryOnlyAt: null,
            samples: [{ state: 'locked', battery: 5, connected: true }],
          },
        ],
      },
    ],
  ])('gives an empty history for %s, without throwing', (_, junk) => {
    const history = LockHistory.fromJSON(junk);
    expect(history.lockIds()).toEqual([]);
  });

  it('applies the bounds and time order to what it reads', () => {
    const samples = [5, 1, 4, 2, 3].map((i) =>
      sample(T0 + i * MINUTE, { state: i % 2 ? 'locked' : 'unlocked' }),
    );
    const history = LockHistory.fromJSON(
      { version: 1, locks: [{ id: 9, lastBatteryOnlyAt: null, samples }] },
      { maxSamplesPerLock: 3 },
    );
    expect(timesOf(history, 9)).toEqual([3, 4, 5].map((i) => T0 + i * MINUTE));
  });

  it('reads a lock listed twice in time order, drops what is too old, and leaves out a lock with no samples', () => {
    const at = (minutes: number, state: 'locked' | 'unlocked' = 'locked') =>
      sample(T0 + minutes * MINUTE, { state });
    const history = LockHistory.fromJSON(
      {
        version: 1,
        locks: [
          { id: 9, lastBatteryOnlyAt: null, samples: [at(10), at(20, 'unlocked')] },
          { id: 9, lastBatteryOnlyAt: null, samples: [at(5), at(20), at(30, 'unlocked')] },
          { id: 4, lastBatteryOnlyAt: null, samples: [] },
        ],
      },
      { maxAgeMs: 15 * MINUTE },
    );
    expect(timesOf(history, 9)).toEqual([20, 20, 30].map((m) => T0 + m * MINUTE));
    expect(history.lockIds()).toEqual([9]);
  });
});

describe('against a plain-array model (property)', () => {
  /** The same rules written the slow, obvious way. */
  function modelRun(options: LockHistoryOptions, input: readonly LockSample[]): LockSample[] {
    let kept: LockSample[] = [];
    let lastBatteryOnlyAt: number | null = null;
    for (const next of input) {
      const last = kept.at(-1);
      if (last) {
        if (next.at < last.at) continue;
        if (last.state === next.state && last.connected === next.connected) {
          if (last.battery === next.battery) continue;
          if (lastBatteryOnlyAt !== null && next.at - lastBatteryOnlyAt < options.batteryIntervalMs)
            continue;
          lastBatteryOnlyAt = next.at;
        }
      }
      kept.push(next);
      kept = kept
        .filter((old) => old.at >= next.at - options.maxAgeMs)
        .slice(-options.maxSamplesPerLock);
    }
    return kept;
  }

  it('keeps exactly what the model keeps', () => {
    const arbitrarySample = fc.record({
      gap: fc.integer({ min: -MINUTE, max: 3 * HOUR }),
      state: fc.constantFrom('locked' as const, 'unlocked' as const, null),
      battery: fc.constantFrom(null, 10, 11, 12),
      connected: fc.constantFrom(true, false, null),
    });
    fc.assert(
      fc.property(
        fc.record({
          maxSamplesPerLock: fc.integer({ min: 1, max: 40 }),
          maxAgeMs: fc.integer({ min: HOUR, max: 3 * DAY }),
          batteryIntervalMs: fc.constantFrom(0, HOUR, 2 * HOUR),
        }),
        fc.array(arbitrarySample, { maxLength: 200 }),
        (options, steps) => {
          let at = T0;
          const input = steps.map(({ gap, ...live }) => ({ at: (at += gap), ...live }));
          const history = new LockHistory(options);
          for (const next of input) history.record(1, next);
          expect(history.samplesOf(1)).toEqual(modelRun(options, input));
        },
      ),
      { numRuns: 300 },
    );
  });
});
