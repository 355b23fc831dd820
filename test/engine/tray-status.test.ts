import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APP_STATUS_KINDS, TRAY_STATUSES } from '../../main/engine/monitor-snapshot.ts';
import type {
  AppStatus,
  AppStatusKind,
  MonitoredLock,
  TrayStatus,
} from '../../main/engine/monitor-snapshot.ts';
import { trayStatusOf } from '../../main/engine/tray-status.ts';
import type { LockState } from '../../main/tedee/lock-enums.ts';
import { arbitraryLock, makeLock } from './lock-factory.ts';

const THRESHOLD = 20;

function app(kind: AppStatusKind): AppStatus {
  return { kind, message: '', retryAt: null };
}

function trayOf(locks: MonitoredLock[], kind: AppStatusKind = 'ok'): TrayStatus {
  return trayStatusOf(app(kind), locks, THRESHOLD);
}

describe('app status comes first', () => {
  const everyProblem = [
    makeLock({ id: 1, connected: false, state: null }),
    makeLock({ id: 2, state: 'unlocked', battery: 5 }),
  ];

  it.each(['auth-error', 'forbidden'] as const)(
    '%s is a key problem, whatever the locks',
    (kind) => {
      expect(trayOf(everyProblem, kind)).toBe('key-problem');
      expect(trayOf([], kind)).toBe('key-problem');
    },
  );

  it.each(['offline', 'rate-limited'] as const)('%s shows offline', (kind) => {
    expect(trayOf(everyProblem, kind)).toBe('offline');
  });

  it('paused shows paused', () => {
    expect(trayOf(everyProblem, 'paused')).toBe('paused');
  });

  it('starting with no locks yet shows no-locks', () => {
    expect(trayOf([], 'starting')).toBe('no-locks');
  });

  it('starting with locks already known shows them', () => {
    expect(trayOf([makeLock({ state: 'unlocked' })], 'starting')).toBe('unlocked');
  });
});

describe('lock conditions', () => {
  it('an empty account is no-locks, not locked', () => {
    expect(trayOf([])).toBe('no-locks');
  });

  it('every lock locked is locked', () => {
    expect(trayOf([makeLock({ id: 1 }), makeLock({ id: 2 })])).toBe('locked');
  });

  it('a disconnected lock needs attention', () => {
    expect(trayOf([makeLock({ connected: false })])).toBe('attention');
  });

  it('a lock without a bridge (connected null) is not disconnected', () => {
    expect(trayOf([makeLock({ connected: null })])).toBe('locked');
  });

  it('a jam (failed operation, semi-locked) needs attention rather than showing unlocked', () => {
    expect(trayOf([makeLock({ state: 'semi-locked', lastOperationFailed: true })])).toBe(
      'attention',
    );
    expect(trayOf([makeLock({ state: 'semi-locked', lastOperationFailed: false })])).toBe(
      'unlocked',
    );
  });

  it('a failed operation on a lock that ended up locked is not a jam', () => {
    expect(trayOf([makeLock({ state: 'locked', lastOperationFailed: true })])).toBe('locked');
  });

  it.each(['uncalibrated', 'unknown'] as const)('%s needs attention', (state) => {
    expect(trayOf([makeLock({ state })])).toBe('attention');
  });

  it('a lock that sent no state needs attention', () => {
    expect(trayOf([makeLock({ connected: true, state: null })])).toBe('attention');
  });

  it.each(['unlocked', 'semi-locked', 'pulled', 'pulling'] as const)(
    '%s shows unlocked',
    (state) => {
      expect(trayOf([makeLock({ id: 1 }), makeLock({ id: 2, state })])).toBe('unlocked');
    },
  );

  it('an open door shows unlocked even when the lock is locked', () => {
    expect(trayOf([makeLock({ door: 'open' })])).toBe('unlocked');
  });

  it.each(['locking', 'unlocking', 'calibrating', 'updating'] as const)(
    '%s is busy, never unlocked',
    (state) => {
      expect(trayOf([makeLock({ id: 1 }), makeLock({ id: 2, state })])).toBe('busy');
    },
  );

  it('battery at the threshold is low, one above is not', () => {
    expect(trayOf([makeLock({ battery: THRESHOLD })])).toBe('low-battery');
    expect(trayOf([makeLock({ battery: THRESHOLD + 1 })])).toBe('locked');
  });

  it('a charging lock is not low on battery', () => {
    expect(trayOf([makeLock({ battery: 3, charging: true })])).toBe('locked');
  });

  it('an unknown battery is not low', () => {
    expect(trayOf([makeLock({ battery: null })])).toBe('locked');
  });

  it('uses the threshold it is given', () => {
    const lock = makeLock({ battery: 40 });
    expect(trayStatusOf(app('ok'), [lock], 40)).toBe('low-battery');
    expect(trayStatusOf(app('ok'), [lock], 39)).toBe('locked');
  });

  it('attention beats unlocked, unlocked beats low battery, low battery beats busy', () => {
    const disconnected = makeLock({ id: 1, connected: false });
    const unlocked = makeLock({ id: 2, state: 'unlocked' });
    const low = makeLock({ id: 3, battery: 10 });
    const busy = makeLock({ id: 4, state: 'locking' });
    expect(trayOf([busy, low, unlocked, disconnected])).toBe('attention');
    expect(trayOf([busy, low, unlocked])).toBe('unlocked');
    expect(trayOf([busy, low])).toBe('low-battery');
    expect(trayOf([busy])).toBe('busy');
  });
});

/**
 * The rules written out independently, one predicate per status; the property checks that the
 * result is the first status in TRAY_STATUSES whose predicate holds.
 */
const UNLOCKED: readonly (LockState | null)[] = ['unlocked', 'semi-locked', 'pulled', 'pulling'];
const BUSY: readonly (LockState | null)[] = ['locking', 'unlocking', 'calibrating', 'updating'];

const applies: Record<
  TrayStatus,
  (kind: AppStatusKind, locks: readonly MonitoredLock[]) => boolean
> = {
  'key-problem': (kind) => kind === 'auth-error' || kind === 'forbidden',
  offline: (kind) => kind === 'offline' || kind === 'rate-limited',
  paused: (kind) => kind === 'paused',
  attention: (_, locks) =>
    locks.some(
      (lock) =>
        lock.connected === false ||
        lock.state === null ||
        lock.state === 'uncalibrated' ||
        lock.state === 'unknown' ||
        (lock.lastOperationFailed && lock.state === 'semi-locked'),
    ),
  unlocked: (_, locks) =>
    locks.some((lock) => UNLOCKED.includes(lock.state) || lock.door === 'open'),
  'low-battery': (_, locks) =>
    locks.some(
      (lock) => lock.battery !== null && lock.battery <= THRESHOLD && lock.charging !== true,
    ),
  busy: (_, locks) => locks.some((lock) => BUSY.includes(lock.state)),
  locked: (_, locks) => locks.length > 0 && locks.every((lock) => lock.state === 'locked'),
  'no-locks': (_, locks) => locks.length === 0,
};

const arbitraryLocks: fc.Arbitrary<MonitoredLock[]> = fc
  .integer({ min: 0, max: 4 })
  .chain((count) =>
    fc.tuple(...Array.from({ length: count }, (_, index) => arbitraryLock(index + 1))),
  );

describe('priority order (property)', () => {
  it('the result is the most urgent status that applies', () => {
    fc.assert(
      fc.property(fc.constantFrom(...APP_STATUS_KINDS), arbitraryLocks, (kind, locks) => {
        const expected = TRAY_STATUSES.find((tray) => applies[tray](kind, locks));
        expect(trayOf(locks, kind)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('some status always applies, so the order is total', () => {
    fc.assert(
      fc.property(fc.constantFrom(...APP_STATUS_KINDS), arbitraryLocks, (kind, locks) => {
        expect(TRAY_STATUSES.some((tray) => applies[tray](kind, locks))).toBe(true);
      }),
    );
  });

  it('the order of the locks does not matter', () => {
    fc.assert(
      fc.property(fc.constantFrom(...APP_STATUS_KINDS), arbitraryLocks, (kind, locks) => {
        expect(trayOf([...locks].reverse(), kind)).toBe(trayOf(locks, kind));
      }),
    );
  });
});
