/**
 * What main pushes to the window: the whole state once, then only what changed since the
 * update before. Each update is numbered; a change names the number it builds on, so a window
 * that missed one (opened meanwhile, or a message lost) sees the gap and asks for the whole
 * state again with getState, which is numbered in the same series.
 *
 * A sync changes every lock's lastSyncedAt, so a lock's change carries only the values that
 * differ: the week of battery readings travels only when a reading was added or aged out.
 */
import type {
  LockChange,
  WindowChanges,
  WindowFull,
  WindowLock,
  WindowState,
  WindowUpdate,
} from '../../preload/contract.ts';

type Fields = WindowChanges['fields'];

export class WindowUpdates {
  #version = 0;
  /** The state of the last update handed out, which the next change builds on. */
  #last: WindowState | null = null;

  /** The whole state, for getState and the first push. */
  full(state: WindowState): WindowFull {
    this.#last = state;
    this.#version += 1;
    return { kind: 'full', version: this.#version, state };
  }

  /** What changed since the last update, or the whole state if there was none. */
  next(state: WindowState): WindowUpdate {
    const base = this.#last;
    if (base === null) return this.full(state);
    this.#last = state;
    this.#version += 1;
    return {
      kind: 'changes',
      version: this.#version,
      baseVersion: this.#version - 1,
      fields: changedFields(base, state),
      locks: changedLocks(base.locks, state.locks),
      lockIds: sameIds(base.locks, state.locks) ? null : state.locks.map((lock) => lock.id),
    };
  }
}

function changedFields(base: WindowState, next: WindowState): Fields {
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(next) as Array<keyof WindowState>) {
    if (key !== 'locks' && !sameValue(base[key], next[key])) fields[key] = next[key];
  }
  return fields;
}

function changedLocks(base: readonly WindowLock[], next: readonly WindowLock[]): LockChange[] {
  const before = new Map(base.map((lock) => [lock.id, lock]));
  const changes: LockChange[] = [];
  for (const lock of next) {
    const old = before.get(lock.id);
    if (old === undefined) {
      changes.push(lock);
      continue;
    }
    const change: Record<string, unknown> = {};
    let changed = false;
    for (const key of Object.keys(lock) as Array<keyof WindowLock>) {
      if (sameValue(old[key], lock[key])) continue;
      change[key] = lock[key];
      changed = true;
    }
    if (changed) changes.push({ ...change, id: lock.id });
  }
  return changes;
}

function sameIds(base: readonly WindowLock[], next: readonly WindowLock[]): boolean {
  return base.length === next.length && base.every((lock, index) => lock.id === next[index]?.id);
}

/** Equality of values as IPC carries them (plain objects, arrays and primitives). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => sameValue(item, b[index]));
  }
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every(
    (key) =>
      Object.hasOwn(b, key) &&
      sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}
