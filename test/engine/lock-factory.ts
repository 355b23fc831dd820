/**
 * Test locks: a healthy, locked, connected lock unless a test says otherwise, so each test
 * spells out only the fields its rule is about.
 */
import fc from 'fast-check';
import { DOOR_STATES, LOCK_STATES } from '../../main/tedee/lock-enums.ts';
import type { MonitoredLock } from '../../main/engine/monitor-snapshot.ts';

export function makeLock(overrides: Partial<MonitoredLock> = {}): MonitoredLock {
  return {
    id: 1,
    serial: null,
    name: 'Front door',
    model: 'lock-pro',
    connected: true,
    state: 'locked',
    door: 'closed',
    battery: 80,
    charging: false,
    lastOperationFailed: false,
    lastChanged: null,
    revision: 1,
    source: 'cloud',
    lastSyncedAt: null,
    disconnectedSince: null,
    stale: false,
    ...overrides,
  };
}

/** Any combination of the live fields, including the odd ones (null state, unknown battery). */
export function arbitraryLock(id: number): fc.Arbitrary<MonitoredLock> {
  return fc
    .record({
      connected: fc.constantFrom(true, false, null),
      state: fc.constantFrom(...LOCK_STATES, null),
      door: fc.constantFrom(...DOOR_STATES, null),
      battery: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
      charging: fc.constantFrom(true, false, null),
      lastOperationFailed: fc.boolean(),
    })
    .map((live) => makeLock({ id, name: `Lock ${id}`, ...live }));
}
