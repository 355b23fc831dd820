/**
 * The monitor's phase: one value, changed only by `nextPhase`, so that no entry point can leave
 * it half reset (as separate flags did: a new key planned a poll while paused, and a pause
 * forgot its end after the computer slept).
 *
 * | Phase   | Why it exists                                  | Leaves it                           |
 * | ------- | ---------------------------------------------- | ----------------------------------- |
 * | held    | something forbids asking Tedee: not started    | the last hold lifts → waiting (a    |
 * |         | yet, the computer asleep, the user's pause, no | pause may end by itself at `until`) |
 * |         | key or a key Tedee refused. No poll is planned |                                     |
 * | waiting | nothing holds; the next poll is due at `at`    | due → polling; a hold → held;       |
 * |         | (a refresh or new settings may move `at`)      | a new key → waiting, at once        |
 * | polling | one poll is in flight; its answer plans the    | answered → waiting; 401/403 → held; |
 * |         | next. A hold, a new key or stop aborts it      | a hold → held; new key → waiting    |
 * | stopped | quit: nothing is sent again                    | never (stop leads here from all)    |
 *
 * The holds are independent of each other (a paused monitor may sleep, a rejected key is still
 * rejected after a pause), so `held` keeps all of them, and `nextPhase` never returns a `held`
 * that holds nothing: that becomes `waiting`. An event that cannot happen in a phase (an answer
 * while no poll is in flight) is refused with a PhaseError: the monitor lost track, and must
 * not carry on as if it had not.
 * A new reason not to poll is one more field of Holds and one more condition in `settle`; a new
 * event is one more case of the switch in `nextPhase`, which the linter keeps exhaustive.
 */

/** The user's pause: until a moment, or (until null) until resumed. */
export interface Pause {
  readonly until: number | null;
}

/** Whether there is a key that Tedee may accept. */
export type KeyStanding<Api> =
  | { readonly kind: 'usable'; readonly api: Api }
  | { readonly kind: 'missing' }
  /** Tedee answered 401 or 403: nothing is sent until another key is given. */
  | { readonly kind: 'rejected' };

/** Everything that can keep the monitor from asking Tedee. */
export interface Holds<Api> {
  readonly started: boolean;
  readonly asleep: boolean;
  readonly pause: Pause | null;
  readonly key: KeyStanding<Api>;
}

export type MonitorPhase<Api> =
  | { readonly kind: 'held'; readonly holds: Holds<Api> }
  | { readonly kind: 'waiting'; readonly api: Api; readonly at: number }
  | { readonly kind: 'polling'; readonly api: Api }
  | { readonly kind: 'stopped' };

/** `at`: when the next poll may go if this event leaves nothing holding. */
export type PhaseEvent<Api> =
  | { readonly type: 'start'; readonly at: number }
  | { readonly type: 'stop' }
  | { readonly type: 'suspend' }
  | { readonly type: 'wake'; readonly at: number }
  | { readonly type: 'pause'; readonly until: number | null }
  | { readonly type: 'resume'; readonly at: number }
  | { readonly type: 'new-key'; readonly api: Api | null; readonly at: number }
  /** The planned poll moves (a refresh, a new interval, a limit that says not yet). */
  | { readonly type: 'reschedule'; readonly at: number }
  | { readonly type: 'poll-sent' }
  | { readonly type: 'poll-answered'; readonly nextAt: number }
  | { readonly type: 'key-rejected' };

/** An event that cannot happen in the phase it arrived in. */
export class PhaseError extends Error {
  constructor(phase: MonitorPhase<unknown>, event: PhaseEvent<unknown>) {
    super(`The monitor cannot take "${event.type}" while ${phase.kind}.`);
    this.name = 'PhaseError';
  }
}

export function initialPhase<Api>(api: Api | null): MonitorPhase<Api> {
  return {
    kind: 'held',
    holds: { started: false, asleep: false, pause: null, key: standingOf(api) },
  };
}

/** Returns `phase` itself when the event changes nothing. @throws PhaseError */
export function nextPhase<Api>(
  phase: MonitorPhase<Api>,
  event: PhaseEvent<Api>,
): MonitorPhase<Api> {
  if (phase.kind === 'stopped') return phase;
  const holds = phase.kind === 'held' ? phase.holds : holdingNothing(phase.api);
  switch (event.type) {
    case 'stop':
      return { kind: 'stopped' };
    case 'start':
      return holds.started ? phase : settle({ ...holds, started: true }, event.at);
    case 'suspend':
      return holds.asleep ? phase : { kind: 'held', holds: { ...holds, asleep: true } };
    case 'wake':
      return holds.asleep ? settle({ ...holds, asleep: false }, event.at) : phase;
    case 'pause':
      return { kind: 'held', holds: { ...holds, pause: { until: event.until } } };
    case 'resume':
      return holds.pause ? settle({ ...holds, pause: null }, event.at) : phase;
    case 'new-key':
      return settle({ ...holds, key: standingOf(event.api) }, event.at);
    case 'reschedule':
      if (phase.kind !== 'waiting') throw new PhaseError(phase, event);
      return { ...phase, at: event.at };
    case 'poll-sent':
      if (phase.kind !== 'waiting') throw new PhaseError(phase, event);
      return { kind: 'polling', api: phase.api };
    case 'poll-answered':
      if (phase.kind !== 'polling') throw new PhaseError(phase, event);
      return { kind: 'waiting', api: phase.api, at: event.nextAt };
    case 'key-rejected':
      if (phase.kind !== 'polling') throw new PhaseError(phase, event);
      return { kind: 'held', holds: { ...holds, key: { kind: 'rejected' } } };
  }
}

/** The user's pause, whatever else holds. */
export function pauseOf(phase: MonitorPhase<unknown>): Pause | null {
  return phase.kind === 'held' ? phase.holds.pause : null;
}

function settle<Api>(holds: Holds<Api>, at: number): MonitorPhase<Api> {
  const { started, asleep, pause, key } = holds;
  if (started && !asleep && pause === null && key.kind === 'usable')
    return { kind: 'waiting', api: key.api, at };
  return { kind: 'held', holds };
}

function holdingNothing<Api>(api: Api): Holds<Api> {
  return { started: true, asleep: false, pause: null, key: { kind: 'usable', api } };
}

function standingOf<Api>(api: Api | null): KeyStanding<Api> {
  return api === null ? { kind: 'missing' } : { kind: 'usable', api };
}
