/**
 * Main pushes only what changed (main/app/window-updates.ts) and the window adds the changes up
 * (renderer/window-updates.ts): whatever the states, the window ends with exactly main's state,
 * keeps every lock that did not change as the same object, and never applies a change on top
 * of a state it does not have.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WindowUpdates } from '../../main/app/window-updates.ts';
import { windowUpdateSchema } from '../../preload/contract.ts';
import type { WindowLock, WindowState } from '../../preload/contract.ts';
import { applyWindowUpdate } from '../../renderer/window-updates.ts';
import type { Numbered } from '../../renderer/window-updates.ts';
import { NOW, minutes, windowLock, windowState } from './window-state-fixture.ts';

function calmLocks(count: number): WindowLock[] {
  return Array.from({ length: count }, (_, index) =>
    windowLock({
      id: index + 1,
      name: `Lock ${index + 1}`,
      batteryTrend: Array.from({ length: 50 }, (_point, point) => ({
        at: NOW - (50 - point) * minutes(30),
        battery: 90,
      })),
    }),
  );
}

/** Applies an update the window's way, failing the test if it does not apply. */
function applied(held: Numbered | null, update: ReturnType<WindowUpdates['next']>): Numbered {
  const next = applyWindowUpdate(held, windowUpdateSchema.parse(update));
  if (next === null) throw new Error(`update ${update.version} did not apply`);
  return next;
}

/** One lock of a state changed in a way fast-check picks. */
const lockEdit = fc.record({
  index: fc.nat(),
  state: fc.constantFrom('locked', 'unlocked', 'semi-locked', null),
  battery: fc.option(fc.integer({ min: 0, max: 100 })),
  connected: fc.option(fc.boolean()),
  lastSyncedAt: fc.integer({ min: NOW, max: NOW + minutes(60) }),
  reading: fc.boolean(),
  activityCount: fc.nat({ max: 500 }),
});

/** A sequence of states as main would render them: locks changing, coming, going and moving. */
const stateSteps = fc.array(
  fc.oneof(
    lockEdit.map((edit) => ({ kind: 'edit' as const, edit })),
    fc.nat().map((index) => ({ kind: 'remove' as const, index })),
    fc.integer({ min: 100, max: 120 }).map((id) => ({ kind: 'add' as const, id })),
    fc.constant({ kind: 'reverse' as const }),
    fc
      .constantFrom('ok', 'offline', 'paused')
      .map((kind) => ({ kind: 'status' as const, status: kind })),
    fc.boolean().map((running) => ({ kind: 'operation' as const, running })),
    fc.boolean().map((offline) => ({ kind: 'bridge' as const, offline })),
    fc
      .constantFrom('checking', 'available', 'needs-scope')
      .map((status) => ({ kind: 'activity' as const, status })),
  ),
  { maxLength: 25 },
);

type Step = typeof stateSteps extends fc.Arbitrary<Array<infer One>> ? One : never;

function step(state: WindowState, change: Step): WindowState {
  const locks = [...state.locks];
  switch (change.kind) {
    case 'edit': {
      if (locks.length === 0) return state;
      const index = change.edit.index % locks.length;
      const lock = locks[index]!;
      locks[index] = {
        ...lock,
        state: change.edit.state,
        battery: change.edit.battery,
        connected: change.edit.connected,
        lastSyncedAt: change.edit.lastSyncedAt,
        activityCount: change.edit.activityCount,
        batteryTrend: change.edit.reading
          ? [...lock.batteryTrend, { at: change.edit.lastSyncedAt, battery: 50 }]
          : lock.batteryTrend,
      };
      return { ...state, locks };
    }
    case 'remove':
      if (locks.length > 0) locks.splice(change.index % locks.length, 1);
      return { ...state, locks };
    case 'add':
      if (locks.some((lock) => lock.id === change.id)) return state;
      return {
        ...state,
        locks: [...locks, windowLock({ id: change.id, name: `New ${change.id}` })],
      };
    case 'reverse':
      return { ...state, locks: locks.reverse() };
    case 'status':
      return { ...state, status: { kind: change.status, message: '', retryAt: null } };
    case 'operation':
      return {
        ...state,
        operations: {
          ...state.operations,
          running: change.running ? [{ lockId: 1, operation: 'lock' }] : [],
          results: change.running
            ? []
            : [{ lockId: 1, operation: 'lock', ok: true, message: 'Locked.', at: NOW }],
        },
      };
    case 'bridge':
      return {
        ...state,
        health: {
          ...state.health,
          offlineBridges: change.offline ? [{ id: 7, name: 'Hall', lockNames: ['Lock 1'] }] : [],
        },
      };
    case 'activity':
      return {
        ...state,
        activity: {
          status: change.status,
          retryAt: change.status === 'needs-scope' ? NOW + minutes(60) : null,
        },
      };
  }
}

describe('updates that carry only what changed', () => {
  it('add up to exactly the state main has, whatever changes between pushes', () => {
    fc.assert(
      fc.property(stateSteps, (steps) => {
        const updates = new WindowUpdates();
        let state = windowState({ locks: calmLocks(6) });
        let held = applied(null, updates.next(state));
        for (const change of steps) {
          state = step(state, change);
          held = applied(held, updates.next(state));
          expect(held.state).toEqual(state);
        }
      }),
    );
  });

  it('send a sync that changed only the time of the sync as that time alone, per lock', () => {
    const updates = new WindowUpdates();
    const state = windowState({ locks: calmLocks(3) });
    updates.next(state);
    const synced = {
      ...state,
      lastSyncedAt: NOW + minutes(1),
      locks: state.locks.map((lock) => ({ ...lock, lastSyncedAt: NOW + minutes(1) })),
    };
    expect(updates.next(synced)).toEqual({
      kind: 'changes',
      version: 2,
      baseVersion: 1,
      fields: { lastSyncedAt: NOW + minutes(1) },
      locks: [1, 2, 3].map((id) => ({ id, lastSyncedAt: NOW + minutes(1) })),
      lockIds: null,
    });
  });

  it('send the whole state first, then nothing for a state that did not change', () => {
    const updates = new WindowUpdates();
    const state = windowState({ locks: calmLocks(2) });
    expect(updates.next(state)).toEqual({ kind: 'full', version: 1, state });
    expect(updates.next(structuredClone(state))).toEqual({
      kind: 'changes',
      version: 2,
      baseVersion: 1,
      fields: {},
      locks: [],
      lockIds: null,
    });
  });

  it('keep every lock that did not change as the same object in the window', () => {
    const updates = new WindowUpdates();
    const state = windowState({ locks: calmLocks(4) });
    const before = applied(null, updates.next(state));
    const after = applied(
      before,
      updates.next({
        ...state,
        locks: state.locks.map((lock) => (lock.id === 3 ? { ...lock, state: 'unlocked' } : lock)),
      }),
    );
    expect(after.state.locks.map((lock, index) => lock === before.state.locks[index])).toEqual([
      true,
      true,
      false,
      true,
    ]);
    expect(after.state.settings).toBe(before.state.settings);
  });

  it('are refused on top of a state the window does not have, and an older whole state is ignored', () => {
    const updates = new WindowUpdates();
    const state = windowState({ locks: calmLocks(2) });
    const first = applied(null, updates.next(state));
    const asked = updates.full(state);
    const change = updates.next({ ...state, tray: 'unlocked' });
    // The change builds on the getState answer, which the window does not have yet.
    expect(applyWindowUpdate(first, change)).toBeNull();
    expect(applyWindowUpdate(null, change)).toBeNull();
    const answered = applied(first, asked);
    expect(applied(answered, change).state.tray).toBe('unlocked');
    expect(applyWindowUpdate(applied(answered, change), asked)?.version).toBe(3);
  });

  it('are refused when a lock new to the window comes without its values', () => {
    const updates = new WindowUpdates();
    const held = applied(null, updates.next(windowState({ locks: calmLocks(1) })));
    expect(
      applyWindowUpdate(held, {
        kind: 'changes',
        version: 2,
        baseVersion: 1,
        fields: {},
        locks: [{ id: 9, state: 'locked' }],
        lockIds: [1, 9],
      }),
    ).toBeNull();
  });
});
