/**
 * The one status the tray icon shows. The first rule that applies wins, in the order of
 * TRAY_STATUSES (most urgent first):
 *
 *   1. key-problem  the app status is auth-error or forbidden: nothing works until the key is fixed
 *   2. offline      the app status is offline or rate-limited: the lock data may be out of date
 *   3. paused       the user paused polling
 *   4. attention    a lock is disconnected (connected === false), jammed (last operation failed
 *                   while semi-locked), uncalibrated, in an unknown state, or sent no state at all
 *   5. unlocked     a lock is unlocked, semi-locked, pulled or pulling, or its door is open
 *   6. low-battery  a lock's battery is at or below the threshold and it is not charging
 *   7. busy         a lock is locking, unlocking, calibrating or updating
 *   8. locked       every lock is locked
 *   9. no-locks     the account has no locks (also while 'starting' before the first sync)
 *
 * Decisions the list leaves open: an empty lock list is checked before "locked", because "every
 * lock is locked" is vacuously true for none. A lock with no state (null) counts as attention,
 * like 'unknown', so the last rule that remains ("locked") really means every lock is locked.
 * Uncalibrated, calibrating, unknown and updating never count as unlocked. `stale` is not looked
 * at: staleness comes from failed syncs, which the app status (offline and above) already shows.
 */
import type { LockState } from '../tedee/lock-enums.ts';
import type { AppStatus, MonitoredLock, TrayStatus } from './monitor-snapshot.ts';

const ATTENTION_STATES: ReadonlySet<LockState> = new Set<LockState>(['uncalibrated', 'unknown']);
const UNLOCKED_STATES: ReadonlySet<LockState> = new Set<LockState>([
  'unlocked',
  'semi-locked',
  'pulled',
  'pulling',
]);
const BUSY_STATES: ReadonlySet<LockState> = new Set<LockState>([
  'locking',
  'unlocking',
  'calibrating',
  'updating',
]);

export function trayStatusOf(
  status: AppStatus,
  locks: readonly ConcernFields[],
  lowBatteryPercent: number,
): TrayStatus {
  switch (status.kind) {
    case 'auth-error':
    case 'forbidden':
      return 'key-problem';
    case 'offline':
    case 'rate-limited':
      return 'offline';
    case 'paused':
      return 'paused';
    case 'starting':
    case 'ok':
      break;
  }
  if (locks.length === 0) return 'no-locks';
  let worst: LockConcern = 'locked';
  for (const lock of locks) {
    const concern = lockConcernOf(lock, lowBatteryPercent);
    if (LOCK_CONCERNS.indexOf(concern) < LOCK_CONCERNS.indexOf(worst)) worst = concern;
  }
  return worst;
}

/** What one lock adds to the tray status, most urgent first (rules 4 to 8 above). */
export const LOCK_CONCERNS = ['attention', 'unlocked', 'low-battery', 'busy', 'locked'] as const;
export type LockConcern = (typeof LOCK_CONCERNS)[number];

/** The fields of a lock the rules read; the window passes its own lock type. */
export type ConcernFields = Pick<
  MonitoredLock,
  'connected' | 'state' | 'lastOperationFailed' | 'door' | 'battery' | 'charging'
>;

/**
 * The first of rules 4 to 8 that one lock meets. Exported so the window orders its cards and
 * the tray menu its lines by the same rule the icon uses.
 */
export function lockConcernOf(lock: ConcernFields, lowBatteryPercent: number): LockConcern {
  if (needsAttention(lock)) return 'attention';
  if (looksUnlocked(lock)) return 'unlocked';
  if (hasLowBattery(lock, lowBatteryPercent)) return 'low-battery';
  if (lock.state !== null && BUSY_STATES.has(lock.state)) return 'busy';
  // Every other state has been ruled out above, but say it plainly rather than rely on that.
  return lock.state === 'locked' ? 'locked' : 'attention';
}

function needsAttention(lock: ConcernFields): boolean {
  if (lock.connected === false || lock.state === null) return true;
  const jammed = lock.lastOperationFailed && lock.state === 'semi-locked';
  return jammed || ATTENTION_STATES.has(lock.state);
}

function looksUnlocked(lock: ConcernFields): boolean {
  return lock.door === 'open' || (lock.state !== null && UNLOCKED_STATES.has(lock.state));
}

function hasLowBattery(lock: ConcernFields, lowBatteryPercent: number): boolean {
  return lock.battery !== null && lock.battery <= lowBatteryPercent && lock.charging !== true;
}
