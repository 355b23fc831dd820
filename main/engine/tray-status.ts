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
  locks: readonly MonitoredLock[],
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
  if (locks.some(needsAttention)) return 'attention';
  if (locks.some(looksUnlocked)) return 'unlocked';
  if (locks.some((lock) => hasLowBattery(lock, lowBatteryPercent))) return 'low-battery';
  if (locks.some((lock) => lock.state !== null && BUSY_STATES.has(lock.state))) return 'busy';
  // Every other state has been ruled out above, but say it plainly rather than rely on that.
  return locks.every((lock) => lock.state === 'locked') ? 'locked' : 'attention';
}

function needsAttention(lock: MonitoredLock): boolean {
  if (lock.connected === false || lock.state === null) return true;
  const jammed = lock.lastOperationFailed && lock.state === 'semi-locked';
  return jammed || ATTENTION_STATES.has(lock.state);
}

function looksUnlocked(lock: MonitoredLock): boolean {
  return lock.door === 'open' || (lock.state !== null && UNLOCKED_STATES.has(lock.state));
}

function hasLowBattery(lock: MonitoredLock, lowBatteryPercent: number): boolean {
  return lock.battery !== null && lock.battery <= lowBatteryPercent && lock.charging !== true;
}
