/**
 * The monitor's phase on its own: every transition, the ones it refuses, and that no sequence
 * of events leaves it held by nothing or polling while something holds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialPhase, nextPhase, pauseOf, PhaseError } from '../../main/engine/monitor-phase.ts';
import type { Holds, MonitorPhase, PhaseEvent } from '../../main/engine/monitor-phase.ts';

type Phase = MonitorPhase<string>;
type Event = PhaseEvent<string>;

const AT = 1_000;
const free: Holds<string> = {
  started: true,
  asleep: false,
  pause: null,
  key: { kind: 'usable', api: 'key-a' },
};
const held = (holds: Partial<Holds<string>>): Phase => ({
  kind: 'held',
  holds: { ...free, ...holds },
});
const waiting: Phase = { kind: 'waiting', api: 'key-a', at: AT };
const polling: Phase = { kind: 'polling', api: 'key-a' };
const stopped: Phase = { kind: 'stopped' };

describe('the phase at construction', () => {
  it('is held, not started, with the key it was given or none', () => {
    expect(initialPhase('key-a')).toEqual(held({ started: false }));
    expect(initialPhase(null)).toEqual(held({ started: false, key: { kind: 'missing' } }));
  });
});

describe('start and stop', () => {
  it('start plans a poll at once when nothing else holds', () => {
    expect(nextPhase(initialPhase('key-a'), { type: 'start', at: 5 })).toEqual({
      kind: 'waiting',
      api: 'key-a',
      at: 5,
    });
  });

  it('start without a key stays held, by the missing key only', () => {
    expect(nextPhase(initialPhase<string>(null), { type: 'start', at: 5 })).toEqual(
      held({ key: { kind: 'missing' } }),
    );
  });

  it('start once started changes nothing', () => {
    for (const phase of [waiting, polling, held({ asleep: true })])
      expect(nextPhase(phase, { type: 'start', at: 5 })).toBe(phase);
  });

  it('stop ends every phase, and nothing leaves stopped', () => {
    for (const phase of [waiting, polling, held({ pause: { until: null } }), initialPhase('k')])
      expect(nextPhase(phase, { type: 'stop' })).toEqual(stopped);
    const events: Event[] = [
      { type: 'start', at: 5 },
      { type: 'wake', at: 5 },
      { type: 'resume', at: 5 },
      { type: 'new-key', api: 'key-b', at: 5 },
      { type: 'poll-answered', nextAt: 5 },
      { type: 'poll-sent' },
    ];
    for (const event of events) expect(nextPhase(stopped, event)).toBe(stopped);
  });
});

describe('sleep', () => {
  it('suspend holds a waiting or polling monitor, remembering its key', () => {
    expect(nextPhase(waiting, { type: 'suspend' })).toEqual(held({ asleep: true }));
    expect(nextPhase(polling, { type: 'suspend' })).toEqual(held({ asleep: true }));
  });

  it('suspend keeps a pause, and wake gives it back', () => {
    const paused = held({ pause: { until: 9_000 } });
    const asleep = nextPhase(paused, { type: 'suspend' });
    expect(asleep).toEqual(held({ pause: { until: 9_000 }, asleep: true }));
    expect(nextPhase(asleep, { type: 'wake', at: 5 })).toEqual(paused);
  });

  it('wake plans the next poll at the moment it is given', () => {
    expect(nextPhase(held({ asleep: true }), { type: 'wake', at: 7 })).toEqual({
      ...waiting,
      at: 7,
    });
  });

  it('while asleep, nothing but wake plans a poll: not start, resume or a new key', () => {
    const asleep = held({ asleep: true, started: false, pause: { until: null } });
    const started = nextPhase(asleep, { type: 'start', at: 5 });
    expect(started).toEqual(held({ asleep: true, pause: { until: null } }));
    const resumed = nextPhase(started, { type: 'resume', at: 5 });
    expect(resumed).toEqual(held({ asleep: true }));
    expect(nextPhase(resumed, { type: 'new-key', api: 'key-b', at: 5 })).toEqual(
      held({ asleep: true, key: { kind: 'usable', api: 'key-b' } }),
    );
  });

  it('suspend while asleep and wake while awake change nothing', () => {
    const asleep = held({ asleep: true });
    expect(nextPhase(asleep, { type: 'suspend' })).toBe(asleep);
    for (const phase of [waiting, polling, held({ pause: { until: null } })])
      expect(nextPhase(phase, { type: 'wake', at: 7 })).toBe(phase);
  });
});

describe('pause', () => {
  it('holds a waiting or polling monitor until the given moment or until resumed', () => {
    expect(nextPhase(waiting, { type: 'pause', until: 9_000 })).toEqual(
      held({ pause: { until: 9_000 } }),
    );
    expect(nextPhase(polling, { type: 'pause', until: null })).toEqual(
      held({ pause: { until: null } }),
    );
  });

  it('a second pause replaces the first', () => {
    const paused = held({ pause: { until: 9_000 } });
    expect(nextPhase(paused, { type: 'pause', until: null })).toEqual(
      held({ pause: { until: null } }),
    );
  });

  it('resume plans the next poll at the moment it is given', () => {
    expect(nextPhase(held({ pause: { until: null } }), { type: 'resume', at: 8 })).toEqual({
      ...waiting,
      at: 8,
    });
  });

  it('resume leaves the other holds: a rejected key stays rejected', () => {
    const phase = held({ pause: { until: null }, key: { kind: 'rejected' } });
    expect(nextPhase(phase, { type: 'resume', at: 8 })).toEqual(
      held({ key: { kind: 'rejected' } }),
    );
  });

  it('resume without a pause changes nothing', () => {
    for (const phase of [waiting, polling, held({ asleep: true })])
      expect(nextPhase(phase, { type: 'resume', at: 8 })).toBe(phase);
  });

  it('pauseOf tells the pause whatever else holds, and none outside held', () => {
    expect(pauseOf(held({ asleep: true, pause: { until: 3 } }))).toEqual({ until: 3 });
    expect(pauseOf(held({ asleep: true }))).toBeNull();
    expect(pauseOf(waiting)).toBeNull();
  });
});

describe('the key', () => {
  it('a new key plans a poll at once, also while polling with the old one', () => {
    for (const phase of [waiting, polling, held({ key: { kind: 'rejected' } })])
      expect(nextPhase(phase, { type: 'new-key', api: 'key-b', at: 4 })).toEqual({
        kind: 'waiting',
        api: 'key-b',
        at: 4,
      });
  });

  it('no key holds the monitor', () => {
    expect(nextPhase(waiting, { type: 'new-key', api: null, at: 4 })).toEqual(
      held({ key: { kind: 'missing' } }),
    );
  });

  it('a new key while paused or asleep is kept for later, and plans nothing', () => {
    const paused = held({ pause: { until: 9_000 }, key: { kind: 'rejected' } });
    expect(nextPhase(paused, { type: 'new-key', api: 'key-b', at: 4 })).toEqual(
      held({ pause: { until: 9_000 }, key: { kind: 'usable', api: 'key-b' } }),
    );
    const notStarted = initialPhase<string>(null);
    expect(nextPhase(notStarted, { type: 'new-key', api: 'key-b', at: 4 })).toEqual(
      held({ started: false, key: { kind: 'usable', api: 'key-b' } }),
    );
  });

  it('a rejected key holds the monitor', () => {
    expect(nextPhase(polling, { type: 'key-rejected' })).toEqual(
      held({ key: { kind: 'rejected' } }),
    );
  });
});

describe('the poll loop', () => {
  it('a due poll is sent, and its answer plans the next one', () => {
    const sent = nextPhase(waiting, { type: 'poll-sent' });
    expect(sent).toEqual(polling);
    expect(nextPhase(sent, { type: 'poll-answered', nextAt: 31_000 })).toEqual({
      ...waiting,
      at: 31_000,
    });
  });

  it('reschedule moves the planned poll', () => {
    expect(nextPhase(waiting, { type: 'reschedule', at: 2_000 })).toEqual({
      ...waiting,
      at: 2_000,
    });
  });

  it('refuses to plan or send a poll while anything holds', () => {
    const holdsSomething = [
      initialPhase('key-a'),
      held({ asleep: true }),
      held({ pause: { until: null } }),
      held({ key: { kind: 'missing' } }),
      held({ key: { kind: 'rejected' } }),
    ];
    for (const phase of holdsSomething) {
      expect(() => nextPhase(phase, { type: 'poll-sent' })).toThrow(PhaseError);
      expect(() => nextPhase(phase, { type: 'reschedule', at: 2 })).toThrow(PhaseError);
    }
  });

  it('refuses a second poll while one is in flight, and a plan made while polling', () => {
    expect(() => nextPhase(polling, { type: 'poll-sent' })).toThrow(PhaseError);
    expect(() => nextPhase(polling, { type: 'reschedule', at: 2 })).toThrow(PhaseError);
  });

  it('reports a refusal as a PhaseError naming the event and the phase, as the log shows it', () => {
    let refusal: unknown;
    try {
      nextPhase(polling, { type: 'poll-sent' });
    } catch (error) {
      refusal = error;
    }
    expect(String(refusal)).toBe('PhaseError: The monitor cannot take "poll-sent" while polling.');
  });

  it('refuses an answer or a rejected key when no poll is in flight', () => {
    for (const phase of [waiting, held({ pause: { until: null } })]) {
      expect(() => nextPhase(phase, { type: 'poll-answered', nextAt: 2 })).toThrow(
        'cannot take "poll-answered" while',
      );
      expect(() => nextPhase(phase, { type: 'key-rejected' })).toThrow(PhaseError);
    }
  });
});

const anyEvent: fc.Arbitrary<Event> = fc.oneof(
  fc.constant<Event>({ type: 'start', at: 1 }),
  fc.constant<Event>({ type: 'suspend' }),
  fc.constant<Event>({ type: 'wake', at: 2 }),
  fc.option(fc.nat(), { nil: null }).map((until): Event => ({ type: 'pause', until })),
  fc.constant<Event>({ type: 'resume', at: 3 }),
  fc.constantFrom<Event>(
    { type: 'new-key', api: 'key-b', at: 4 },
    { type: 'new-key', api: null, at: 4 },
  ),
  fc.constant<Event>({ type: 'reschedule', at: 5 }),
  fc.constant<Event>({ type: 'poll-sent' }),
  fc.constant<Event>({ type: 'poll-answered', nextAt: 6 }),
  fc.constant<Event>({ type: 'key-rejected' }),
);

function nothingHolds({ started, asleep, pause, key }: Holds<string>): boolean {
  return started && !asleep && pause === null && key.kind === 'usable';
}

describe('any sequence of events', () => {
  it('never leaves the monitor held by nothing, and plans polls only when nothing holds', () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 30 }), (events) => {
        let phase: Phase = initialPhase<string>(null);
        for (const event of events) {
          try {
            phase = nextPhase(phase, event);
          } catch (error) {
            expect(error).toBeInstanceOf(PhaseError);
          }
          if (phase.kind === 'held') expect(nothingHolds(phase.holds)).toBe(false);
        }
      }),
    );
  });
});
