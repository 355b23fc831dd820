/**
 * The window's side of main's numbered updates (main/app/window-updates.ts): the whole state
 * replaces what the window has, a change is applied only on top of the update it names.
 *
 * What did not change keeps its identity: an unchanged lock is the very object the window
 * already drew, so the lock list knows by `===` which cards to leave alone.
 */
import { windowLockSchema } from '../preload/contract.ts';
import type { WindowLock, WindowState, WindowUpdate } from '../preload/contract.ts';

type LockChange = Extract<WindowUpdate, { kind: 'changes' }>['locks'][number];

export interface Numbered {
  version: number;
  state: WindowState;
}

/**
 * The state after `update`, or null when it cannot be applied: a change on top of an update
 * the window never had (the caller then asks for the whole state). An older whole state than
 * the one held (a getState answer overtaken by pushes) is ignored: the held one is returned.
 */
export function applyWindowUpdate(held: Numbered | null, update: WindowUpdate): Numbered | null {
  if (update.kind === 'full') {
    return held !== null && held.version >= update.version
      ? held
      : { version: update.version, state: update.state };
  }
  if (held === null || held.version !== update.baseVersion) return null;
  const locks = applyLockChanges(held.state.locks, update);
  if (locks === null) return null;
  return { version: update.version, state: { ...held.state, ...update.fields, locks } };
}

function applyLockChanges(
  locks: readonly WindowLock[],
  { locks: changes, lockIds }: Extract<WindowUpdate, { kind: 'changes' }>,
): WindowLock[] | null {
  if (changes.length === 0 && lockIds === null) return locks as WindowLock[];
  // Keyed by the few changes, not by all the locks: a push usually changes one lock of many.
  const changeOf = new Map(changes.map((change) => [change.id, change]));
  if (lockIds === null)
    return locks.map((lock) => {
      const change = changeOf.get(lock.id);
      return change === undefined ? lock : { ...lock, ...change };
    });
  const byId = new Map(locks.map((lock) => [lock.id, lock]));
  const result: WindowLock[] = [];
  for (const id of lockIds) {
    const lock = changedLock(byId.get(id), changeOf.get(id));
    if (lock === null) return null;
    result.push(lock);
  }
  return result;
}

/** A lock after its change, if any; null when main and window are out of step. */
function changedLock(
  old: WindowLock | undefined,
  change: LockChange | undefined,
): WindowLock | null {
  if (change === undefined) return old ?? null;
  // A lock new to the window comes whole from main.
  return old === undefined ? wholeLock(change) : { ...old, ...change };
}

function wholeLock(change: Partial<WindowLock>): WindowLock | null {
  const parsed = windowLockSchema.safeParse(change);
  return parsed.success ? parsed.data : null;
}
