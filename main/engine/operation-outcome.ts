/**
 * What became of one lock operation, in words for the user. Every path (cloud, bridge) ends in
 * one of these, so the card, the tray, the notification, the log and the CLI say the same thing.
 * The cloud gives only a result code for a failure; named reasons (jammed, disconnected,
 * Bluetooth) come from the bridge and from the lock's state.
 */
import type { LockState } from '../tedee/lock-enums.ts';
import type { LockOperation } from '../tedee/operation-model.ts';

/** How long an operation may take from the press to the lock's confirmed state. */
export const OPERATION_TIMEOUT_MS = 60_000;

/** Who asked: recorded with every operation in the log. */
export const OPERATION_SOURCES = ['tray', 'notification', 'window', 'cli'] as const;
export type OperationSource = (typeof OPERATION_SOURCES)[number];

export type OperationRoute = 'cloud' | 'bridge';

export type FailureReason =
  /** Cloud 403 (the key lacks Lock.Operate) or a key/token the path rejected. */
  | 'no-permission'
  /** Tedee's 429, the bridge's 409, or this hour's reserve for operations used up. */
  | 'busy'
  | 'timed-out'
  /** The cloud's operation status reported a result code other than 0. */
  | 'failed-code'
  | 'jammed'
  | 'lock-disconnected'
  | 'bluetooth'
  /** The lock ended in another state than the one asked for. */
  | 'not-done'
  | 'unreachable';

export type OperationOutcome =
  { ok: true; message: string } | { ok: false; reason: FailureReason; message: string };

const DOING: Readonly<Record<LockOperation, string>> = {
  lock: 'Locking',
  unlock: 'Unlocking',
  pull: 'Pulling the latch of',
};

const DONE: Readonly<Record<LockOperation, string>> = {
  lock: 'is locked',
  unlock: 'is unlocked',
  pull: 'had its latch pulled',
};

/** "Locking…" on the card and in the tray while it runs. */
export const RUNNING_LABEL: Readonly<Record<LockOperation, string>> = {
  lock: 'Locking…',
  unlock: 'Unlocking…',
  pull: 'Pulling…',
};

/** The lock states an operation ends in when it worked. */
export const TARGET_STATES: Readonly<Record<LockOperation, readonly LockState[]>> = {
  lock: ['locked'],
  unlock: ['unlocked', 'pulled'],
  pull: ['unlocked', 'pulled'],
};

/** The motor is still running: wait for the next reading. */
export const MOVING_STATES: ReadonlySet<LockState> = new Set<LockState>([
  'locking',
  'unlocking',
  'pulling',
  'pulled',
]);

export function succeeded(operation: LockOperation, lockName: string): OperationOutcome {
  return { ok: true, message: `${lockName} ${DONE[operation]}.` };
}

/** The failure sentence: "Locking Garage failed: the lock is jammed." */
export function failed(
  operation: LockOperation,
  lockName: string,
  reason: FailureReason,
  detail: string,
): OperationOutcome {
  const what = `${DOING[operation]} ${lockName}`;
  const message =
    reason === 'timed-out'
      ? `${what} timed out after ${OPERATION_TIMEOUT_MS / 1000} s.`
      : `${what} failed: ${detail}`;
  return { ok: false, reason, message };
}

/** "semi-locked", "no state": what a sync showed, for a failure's sentence. */
export function stateWords(state: LockState | null | undefined): string {
  if (state === null || state === undefined) return 'no state';
  return state === 'semi-locked' ? 'partly locked' : state;
}
