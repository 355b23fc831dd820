/**
 * What a lock's state means in words, tone and shape. Colour is never the only signal: every
 * state also gets words and a glyph with its own outline.
 *
 * Mirrors main/engine/tray-status.ts: uncalibrated, calibrating, unknown and updating are never
 * described as unlocked, and "jammed" is a failed last operation that left the lock semi-locked.
 */
import type { WindowLock } from '../preload/contract.ts';
import type { DoorState, LockState } from '../main/tedee/lock-enums.ts';

/** ok = all good, warn = not secure, alert = needs a look, busy = moving or updating. */
export type Tone = 'ok' | 'warn' | 'alert' | 'busy' | 'muted';
export type Glyph = 'locked' | 'unlocked' | 'attention' | 'busy' | 'unknown' | 'disconnected';

export interface StateLook {
  words: string;
  tone: Tone;
  glyph: Glyph;
  /** A sentence saying what to do or what it means, when the words alone are not enough. */
  explanation: string | null;
}

const LOOKS: Readonly<Record<LockState, StateLook>> = {
  locked: { words: 'Locked', tone: 'ok', glyph: 'locked', explanation: null },
  unlocked: { words: 'Unlocked', tone: 'warn', glyph: 'unlocked', explanation: null },
  'semi-locked': {
    words: 'Partly locked',
    tone: 'warn',
    glyph: 'unlocked',
    explanation: 'The bolt is not fully out.',
  },
  pulled: {
    words: 'Latch pulled',
    tone: 'warn',
    glyph: 'unlocked',
    explanation: 'The latch is held open.',
  },
  pulling: { words: 'Pulling the latch…', tone: 'warn', glyph: 'unlocked', explanation: null },
  unlocking: { words: 'Unlocking…', tone: 'busy', glyph: 'busy', explanation: null },
  locking: { words: 'Locking…', tone: 'busy', glyph: 'busy', explanation: null },
  calibrating: {
    words: 'Calibrating…',
    tone: 'busy',
    glyph: 'busy',
    explanation: 'Wait until calibration finishes.',
  },
  updating: {
    words: 'Updating firmware…',
    tone: 'busy',
    glyph: 'busy',
    explanation: 'The lock reports its state again when the update is done.',
  },
  uncalibrated: {
    words: 'Not calibrated',
    tone: 'alert',
    glyph: 'attention',
    explanation: 'Calibrate the lock in the Tedee app.',
  },
  unknown: {
    words: 'State unknown',
    tone: 'alert',
    glyph: 'unknown',
    explanation: 'Tedee reported a state this app does not know.',
  },
};

const NO_STATE: StateLook = {
  words: 'No state reported',
  tone: 'alert',
  glyph: 'unknown',
  explanation: 'Tedee sent no lock state.',
};

const JAMMED: StateLook = {
  words: 'Jammed',
  tone: 'alert',
  glyph: 'attention',
  explanation: 'The last lock or unlock did not finish. Check the door.',
};

export function isJammed(lock: Pick<WindowLock, 'lastOperationFailed' | 'state'>): boolean {
  return lock.lastOperationFailed && lock.state === 'semi-locked';
}

export function lookOfState(state: LockState | null): StateLook {
  return state === null ? NO_STATE : LOOKS[state];
}

export function lookOfLock(lock: WindowLock): StateLook {
  return isJammed(lock) ? JAMMED : lookOfState(lock.state);
}

export interface DoorLook {
  words: string;
  tone: Tone;
}

/** null when there is nothing worth a line (no sensor paired, or no report at all). */
export function lookOfDoor(door: DoorState | null): DoorLook | null {
  switch (door) {
    case null:
    case 'not-paired':
      return null;
    case 'open':
      return { words: 'Open', tone: 'warn' };
    case 'closed':
      return { words: 'Closed', tone: 'ok' };
    case 'disconnected':
      return { words: 'Sensor offline', tone: 'muted' };
    case 'uncalibrated':
      return { words: 'Sensor not calibrated', tone: 'muted' };
    case 'unknown':
      return { words: 'Unknown', tone: 'muted' };
  }
}

/** At or below the threshold and not charging, as the tray counts it. */
export function isBatteryLow(
  lock: Pick<WindowLock, 'battery' | 'charging'>,
  lowBatteryPercent: number,
): boolean {
  return lock.battery !== null && lock.battery <= lowBatteryPercent && lock.charging !== true;
}
