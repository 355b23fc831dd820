/**
 * The life of the three demo locks: a short, looping story played on a TedeeSimulator so that
 * someone trying the app (or `cli watch --demo`) sees every kind of event within a few minutes
 * at the default 30 s interval, without a Tedee account.
 *
 * The story is data (DEMO_TIMELINE) so it can be read, tuned and tested without reading timer
 * code. Times are seconds from the start of each loop; the first steps restore the opening
 * scene, so every loop tells the same story.
 */
import { systemClock } from '../engine/clock.ts';
import type { Clock, TimerHandle } from '../engine/clock.ts';
import type { LockPatch, SimulatedLockInit } from './simulated-lock.ts';

/** Distinct from the sample locks, so demo output is never mistaken for a test fixture. */
export const DEMO_LOCK_IDS = { frontDoor: 61021, garage: 61034, backDoor: 61047 } as const;

/** Low enough that the run-down crosses the default 20 % warning within three minutes. */
const BACK_DOOR_START_BATTERY = 26;

const MINUTE_MS = 60_000;

/**
 * Fresh objects on every call: the simulator keeps what it is given. `now` dates the last
 * changes in the past, so the opening table reads like a lived-in home rather than a reset.
 */
export function demoLocks(now: number = Date.now()): SimulatedLockInit[] {
  return [
    {
      id: DEMO_LOCK_IDS.frontDoor,
      name: 'Front door',
      serialNumber: '23140207-006311',
      model: 'lock-pro',
      connected: true,
      state: 'locked',
      door: 'closed',
      battery: 88,
      charging: false,
      lastStateChangedAt: now - 47 * MINUTE_MS,
    },
    {
      id: DEMO_LOCK_IDS.garage,
      name: 'Garage',
      serialNumber: '23140207-006342',
      model: 'lock-pro',
      connected: true,
      state: 'locked',
      door: 'not-paired',
      battery: 63,
      charging: false,
      lastStateChangedAt: now - 3 * 60 * MINUTE_MS,
    },
    {
      id: DEMO_LOCK_IDS.backDoor,
      name: 'Back door',
      serialNumber: '24310511-001207',
      model: 'lock-go',
      connected: true,
      state: 'locked',
      door: 'not-paired',
      battery: BACK_DOOR_START_BATTERY,
      charging: false,
      lastStateChangedAt: now - 14 * 60 * MINUTE_MS,
    },
  ];
}

export interface DemoStep {
  /** Seconds from the start of the loop. */
  afterSeconds: number;
  lockId: number;
  patch: LockPatch;
}

/** Long enough for the garage to come back and the new batteries to show before it repeats. */
export const DEMO_LOOP_SECONDS = 8 * 60;

const { frontDoor, garage, backDoor } = DEMO_LOCK_IDS;

/** One battery percent every 20 s: 26 % at the start, 20 % at 2 min, 17 % at 3 min. */
const batteryRunDown: DemoStep[] = Array.from(
  { length: BACK_DOOR_START_BATTERY - 17 },
  (_, index) => ({
    afterSeconds: 20 * (index + 1),
    lockId: backDoor,
    patch: { battery: BACK_DOOR_START_BATTERY - (index + 1) },
  }),
);

const story: DemoStep[] = [
  // The opening scene (no-ops on the first loop, a reset on the next ones).
  { afterSeconds: 0, lockId: frontDoor, patch: { state: 'locked', door: 'closed' } },
  { afterSeconds: 0, lockId: garage, patch: { connected: true } },
  { afterSeconds: 0, lockId: backDoor, patch: { battery: BACK_DOOR_START_BATTERY } },
  // Someone comes home: unlock, open the door, close it behind them, lock again.
  { afterSeconds: 40, lockId: frontDoor, patch: { state: 'unlocked' } },
  { afterSeconds: 55, lockId: frontDoor, patch: { door: 'open' } },
  { afterSeconds: 75, lockId: frontDoor, patch: { door: 'closed' } },
  { afterSeconds: 100, lockId: frontDoor, patch: { state: 'locked' } },
  // The garage bridge loses power for two minutes; the alert needs two disconnected syncs.
  { afterSeconds: 150, lockId: garage, patch: { connected: false } },
  { afterSeconds: 270, lockId: garage, patch: { connected: true } },
  // The Lock GO runs down past the warning level, then gets new batteries.
  ...batteryRunDown,
  { afterSeconds: 400, lockId: backDoor, patch: { battery: 100 } },
];

export const DEMO_TIMELINE: readonly DemoStep[] = story.toSorted(
  (a, b) => a.afterSeconds - b.afterSeconds,
);

/** What the script needs of the simulator. */
export interface DemoTarget {
  updateLock(id: number, patch: LockPatch): void;
}

export interface DemoScriptOptions {
  clock?: Clock;
  timeline?: readonly DemoStep[];
  loopSeconds?: number;
}

export interface DemoScript {
  stop(): void;
}

/** Plays the timeline on `target`, looping until stop(). */
export function startDemoScript(target: DemoTarget, options: DemoScriptOptions = {}): DemoScript {
  const clock = options.clock ?? systemClock;
  const timeline = [...(options.timeline ?? DEMO_TIMELINE)].sort(
    (a, b) => a.afterSeconds - b.afterSeconds,
  );
  const loopMs = (options.loopSeconds ?? DEMO_LOOP_SECONDS) * 1000;
  if (timeline.some((step) => step.afterSeconds < 0 || step.afterSeconds * 1000 >= loopMs)) {
    throw new RangeError('Every demo step must fall within the loop');
  }
  let timer: TimerHandle | null = null;
  let loopStart = clock.now();
  let next = 0;

  // Each step is timed from the loop start rather than from the previous step, so timer
  // lateness does not pile up over a long demo.
  const scheduleNext = (): void => {
    const step = timeline[next];
    const at = step ? loopStart + step.afterSeconds * 1000 : loopStart + loopMs;
    timer = clock.setTimeout(onTimer, Math.max(0, at - clock.now()));
  };
  const onTimer = (): void => {
    timer = null;
    const step = timeline[next];
    if (step) {
      target.updateLock(step.lockId, step.patch);
      next += 1;
    } else {
      loopStart += loopMs;
      next = 0;
    }
    scheduleNext();
  };

  scheduleNext();
  return {
    stop() {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}
