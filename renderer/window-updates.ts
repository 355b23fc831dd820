/**
 * The window's side of main's numbered updates (main/app/window-updates.ts): the whole state
 * replaces what the window has, a change is applied only on top of the update it names.
 *
 * What did not change keeps its identity: an unchanged lock is the very object the window
 * already drew, so the lock list knows by `===` which cards to leave alone.
 */
import { windowLockSchema } from '../preload/contract.ts';
import type { WindowLock, WindowState, WindowUpdate } from '../preload/contract.ts';

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
  const byId = new Map(locks.map((lock) => [lock.id, lock]));
  for (const change of changes) {
    const old = byId.get(change.id);
    // A lock new to the window comes whole from main; main and window out of step otherwise.
    const next = old === undefined ? wholeLock(change) : { ...old, ...change };
    if (next === null) return null;
    byId.set(change.id, next);
  }
  const ids = lockIds ?? locks.map((lock) => lock.id);
  const result: WindowLock[] = [];
  for (const id of ids) {
    const lock = byId.get(id);
    if (lock === undefined) return null;
    result.push(lock);
  }
  return result;
}

function wholeLock(change: Partial<WindowLock>): WindowLock | null {
  const parsed = windowLockSchema.safeParse(change);
  return parsed.success ? parsed.data : null;
}
