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
import type { ActivityAuthor, SimulatedActivityInit } from './activity-log.ts';
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
  /** What the activity log says about the step: who did it and how. */
  activity?: SimulatedActivityInit;
}

/** The household: the owner and two people with their own access. */
const ANNA: ActivityAuthor = { userId: 20417, name: 'Anna' };
const BEN: ActivityAuthor = { userId: 20533, name: 'Ben' };
const ALEX: ActivityAuthor = { userId: 20690, name: 'Alex' };

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
  // Anna comes home: unlocks with the keypad, opens the door, closes it, the lock locks itself.
  {
    afterSeconds: 40,
    lockId: frontDoor,
    patch: { state: 'unlocked' },
    activity: { event: 61, author: ANNA },
  },
  { afterSeconds: 55, lockId: frontDoor, patch: { door: 'open' }, activity: { event: 83 } },
  { afterSeconds: 75, lockId: frontDoor, patch: { door: 'closed' }, activity: { event: 84 } },
  { afterSeconds: 100, lockId: frontDoor, patch: { state: 'locked' }, activity: { event: 36 } },
  // Ben mistypes his PIN at the back door, then gets it right, and locks with the keypad button.
  { afterSeconds: 200, lockId: backDoor, patch: {}, activity: { event: 62 } },
  {
    afterSeconds: 215,
    lockId: backDoor,
    patch: { state: 'unlocked' },
    activity: { event: 61, author: BEN },
  },
  {
    afterSeconds: 300,
    lockId: backDoor,
    patch: { state: 'locked' },
    activity: { event: 66, author: BEN },
  },
  // Alex lets a parcel in through the garage from the Tedee app.
  {
    afterSeconds: 330,
    lockId: garage,
    patch: { state: 'unlocked' },
    activity: { event: 33, author: ALEX, source: 1 },
  },
  {
    afterSeconds: 380,
    lockId: garage,
    patch: { state: 'locked' },
    activity: { event: 32, author: ALEX, source: 1 },
  },
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

/**
 * The day so far, for the activity lists to start full: a morning of comings and goings,
 * oldest first, dated before `now`.
 */
export function demoActivityHistory(
  now: number = Date.now(),
): { lockId: number; activity: SimulatedActivityInit }[] {
  const ago = (minutes: number) => now - minutes * MINUTE_MS;
  return [
    { lockId: backDoor, activity: { event: 38, at: ago(14 * 60) } },
    { lockId: garage, activity: { event: 33, author: ALEX, source: 1, at: ago(3 * 60 + 20) } },
    { lockId: garage, activity: { event: 32, author: ALEX, source: 1, at: ago(3 * 60) } },
    { lockId: frontDoor, activity: { event: 35, author: BEN, at: ago(95) } },
    { lockId: frontDoor, activity: { event: 83, at: ago(94) } },
    { lockId: frontDoor, activity: { event: 84, at: ago(93) } },
    { lockId: frontDoor, activity: { event: 36, at: ago(92) } },
    { lockId: frontDoor, activity: { event: 61, author: ANNA, at: ago(50) } },
    { lockId: frontDoor, activity: { event: 65, author: ANNA, at: ago(47) } },
  ];
}

/** What the script needs of the simulator. */
export interface DemoTarget {
  updateLock(id: number, patch: LockPatch): void;
  logActivity(lockId: number, activity: SimulatedActivityInit): number;
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
      if (step.activity) target.logActivity(step.lockId, step.activity);
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
