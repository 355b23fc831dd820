import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareProblemsFirst,
  countConcerns,
  problemsFirst,
} from '../../main/engine/problems-first.ts';
import { LOCK_CONCERNS, lockConcernOf, trayStatusOf } from '../../main/engine/tray-status.ts';
import { arbitraryLock, makeLock } from './lock-factory.ts';

const THRESHOLD = 20;

describe('problems first', () => {
  it('orders by concern as the tray weighs it, then by name with numbers read as numbers', () => {
    const locks = [
      makeLock({ id: 1, name: 'Door 10' }),
      makeLock({ id: 2, name: 'Shed', state: 'updating' }),
      makeLock({ id: 3, name: 'Door 2' }),
      makeLock({ id: 4, name: 'Garage', battery: 12 }),
      makeLock({ id: 5, name: 'patio', door: 'open' }),
      makeLock({ id: 6, name: 'Back', connected: false }),
      makeLock({ id: 7, name: 'Attic', state: 'pulled' }),
      makeLock({ id: 8, name: 'Gate', state: null }),
    ];
    expect(problemsFirst(locks, THRESHOLD).map((lock) => lock.name)).toEqual([
      'Back',
      'Gate',
      'Attic',
      'patio',
      'Garage',
      'Shed',
      'Door 2',
      'Door 10',
    ]);
  });

  it('keeps two locks of the same name in id order, whatever order they came in', () => {
    const twins = [makeLock({ id: 9, name: 'Door' }), makeLock({ id: 3, name: 'Door' })];
    expect(problemsFirst(twins, THRESHOLD).map((lock) => lock.id)).toEqual([3, 9]);
  });

  it('compareProblemsFirst places each lock where problemsFirst would', () => {
    const anyLocks = fc
      .integer({ min: 0, max: 8 })
      .chain((count) =>
        fc.tuple(...Array.from({ length: count }, (_lock, id) => arbitraryLock(id))),
      );
    fc.assert(
      fc.property(anyLocks, (locks) => {
        expect(locks.toSorted(compareProblemsFirst(THRESHOLD))).toEqual(
          problemsFirst(locks, THRESHOLD),
        );
      }),
    );
  });

  it('puts first a lock of the concern the tray shows, and counts every lock once', () => {
    const anyLocks = fc
      .integer({ min: 1, max: 12 })
      .chain((count) =>
        fc.tuple(...Array.from({ length: count }, (_lock, id) => arbitraryLock(id))),
      );
    fc.assert(
      fc.property(anyLocks, (locks) => {
        const [first] = problemsFirst(locks, THRESHOLD);
        const tray = trayStatusOf({ kind: 'ok', message: '', retryAt: null }, locks, THRESHOLD);
        expect(first && lockConcernOf(first, THRESHOLD)).toBe(tray);
        const counts = countConcerns(locks, THRESHOLD);
        expect(LOCK_CONCERNS.reduce((sum, concern) => sum + counts[concern], 0)).toBe(locks.length);
      }),
    );
  });
});
