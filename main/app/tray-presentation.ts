/**
 * What the tray shows for one WindowState: the tooltip and the context-menu model. Pure (no
 * Electron, the time passed in) so it runs in vitest; main/shell/tray.ts turns it into calls.
 *
 * Some Linux trays (StatusNotifierItem) never show the tooltip, so everything the tooltip says
 * is also in the menu. "Open window" comes first because AppIndicator has no left-click event:
 * there, the menu is the only way to the window. A lock whose state is uncalibrated,
 * calibrating, unknown or updating never reads as unlocked, as in the icon's rules.
 */
import type { TrayStatus } from '../engine/monitor-snapshot.ts';
import { RUNNING_LABEL } from '../engine/operation-outcome.ts';
import { problemsFirst } from '../engine/problems-first.ts';
import { lockConcernOf } from '../engine/tray-status.ts';
import type { LockState } from '../tedee/lock-enums.ts';
import type { LockOperation } from '../tedee/operation-model.ts';
import type { OperationsState, WindowLock, WindowState } from '../../preload/contract.ts';
import { offlineBridgeLine, offlineBridgesSummary } from './offline-bridge-text.ts';
import type { TrayAction, TrayMenuItem, TrayPresentation } from './ports.ts';

/** Windows cuts a notification-area tooltip at 127 characters (NOTIFYICONDATA.szTip is 128). */
const TOOLTIP_MAX_LENGTH = 127;

/** Lock lines in the menu; more locks are summed up in one line. */
const MAX_LOCK_LINES = 10;

const STATE_LABELS: Readonly<Record<LockState, string>> = {
  uncalibrated: 'Not calibrated',
  calibrating: 'Calibrating…',
  unlocked: 'Unlocked',
  'semi-locked': 'Semi-locked',
  unlocking: 'Unlocking…',
  locking: 'Locking…',
  locked: 'Locked',
  pulled: 'Unlocked, latch pulled',
  pulling: 'Pulling the latch…',
  unknown: 'State unknown',
  updating: 'Updating…',
};

/** How the tooltip names several locks that share the tray's status. */
const MANY_LOCKS: Partial<Record<TrayStatus, string>> = {
  attention: 'need attention',
  unlocked: 'unlocked or open',
  'low-battery': 'low on battery',
  busy: 'busy',
};

interface TimeFormat {
  /** HH:MM, with the date in front when `at` is not on the same day as now. */
  time(at: number): string;
  /** HH:MM:SS, for waits of seconds (Tedee's 20 s rule). */
  timeWithSeconds(at: number): string;
}

/**
 * @param timeZone and @param locale default to the user's; tests pass fixed ones so that
 *   "14:05" does not depend on the machine running them.
 */
export function trayPresentation(
  state: WindowState,
  now: number,
  timeZone?: string,
  locale?: string,
): TrayPresentation {
  const format = timeFormat(now, timeZone, locale);
  return {
    status: state.tray,
    tooltip: shorten(`Tedee: ${summary(state, format)}`, TOOLTIP_MAX_LENGTH),
    menu: menu(state, now, format),
  };
}

function timeFormat(
  now: number,
  timeZone: string | undefined,
  locale: string | undefined,
): TimeFormat {
  const hoursMinutes = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  });
  const withSeconds = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZone,
  });
  const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone });
  const day = new Intl.DateTimeFormat('en-CA', { dateStyle: 'short', timeZone });
  const dayOf = (at: number) => day.format(at);
  const today = dayOf(now);
  return {
    time: (at) =>
      dayOf(at) === today
        ? hoursMinutes.format(at)
        : `${date.format(at)} ${hoursMinutes.format(at)}`,
    timeWithSeconds: (at) => withSeconds.format(at),
  };
}

function summary(state: WindowState, format: TimeFormat): string {
  const { status, locks } = state;
  switch (state.tray) {
    case 'key-problem':
      if (status.kind === 'forbidden') return 'key lacks access';
      return state.key.stored === 'none' ? 'no key set' : 'key rejected';
    case 'offline':
      if (status.kind === 'rate-limited')
        return status.retryAt === null
          ? 'rate limited'
          : `rate limited until ${format.time(status.retryAt)}`;
      return state.lastSyncedAt === null
        ? 'offline'
        : `offline, last sync ${format.time(state.lastSyncedAt)}`;
    case 'paused':
      return status.retryAt === null
        ? 'monitoring paused'
        : `paused until ${format.time(status.retryAt)}`;
    case 'no-locks':
      return status.kind === 'starting' ? 'starting…' : 'no locks to monitor';
    case 'locked':
      return locks.length === 1 && locks[0]
        ? `${locks[0].name} locked`
        : `all ${locks.length} locked`;
    case 'attention':
      // A bridge that lost the cloud explains its locks' disconnection: name it, not them.
      return offlineBridgesSummary(state.health.offlineBridges) ?? concern(state, state.tray);
    case 'unlocked':
    case 'low-battery':
    case 'busy':
      return concern(state, state.tray);
  }
}

/** Names the lock behind the status, or counts them when several share it. */
function concern(state: WindowState, tray: TrayStatus): string {
  const threshold = state.settings.alerts.lowBatteryPercent;
  // The engine's own rule for one lock, so the tooltip never disagrees with the icon.
  const culprits = state.locks.filter((lock) => lockConcernOf(lock, threshold) === tray);
  const [only] = culprits;
  if (only && culprits.length === 1) return `${only.name} ${problemOf(only, tray)}`;
  const count = culprits.length > 1 ? `${culprits.length} locks` : 'a lock';
  return `${count} ${MANY_LOCKS[tray] ?? tray}`;
}

function problemOf(lock: WindowLock, tray: TrayStatus): string {
  if (tray === 'low-battery') return `battery low (${Math.round(lock.battery ?? 0)} %)`;
  if (tray === 'attention') {
    if (lock.connected === false) return 'disconnected';
    if (lock.state === null) return 'sent no state';
    if (isJammed(lock)) return 'jammed';
  }
  if (lock.state === 'locked' && lock.door === 'open') return 'door open';
  const state = lock.state === null ? 'no state' : STATE_LABELS[lock.state].toLowerCase();
  return lock.door === 'open' ? `${state}, door open` : state;
}

function isJammed(lock: WindowLock): boolean {
  return lock.lastOperationFailed && lock.state === 'semi-locked';
}

function menu(state: WindowState, now: number, format: TimeFormat): TrayMenuItem[] {
  const threshold = state.settings.alerts.lowBatteryPercent;
  const statusLine = statusMessage(state, format);
  return [
    action('Open window', { kind: 'open-window' }),
    ...state.health.offlineBridges.map((bridge) => info(offlineBridgeLine(bridge))),
    ...lockLines(state.locks, threshold, format, state.operations),
    ...(state.locks.length === 0 && state.status.kind === 'ok' ? [info('No locks monitored')] : []),
    info(
      state.lastSyncedAt === null
        ? 'Not synced yet'
        : `Last sync ${format.time(state.lastSyncedAt)}`,
    ),
    ...(statusLine === null ? [] : [info(statusLine)]),
    separator(),
    refreshItem(state, now, format),
    pauseItem(state),
    {
      label: 'Start at login',
      enabled: true,
      type: 'checkbox',
      checked: state.settings.startAtLogin,
      action: { kind: 'toggle-start-at-login' },
    },
    action('Open logs folder', { kind: 'open-logs' }),
    separator(),
    action('Quit', { kind: 'quit' }),
  ];
}

/**
 * Problem locks first, at most MAX_LOCK_LINES of them: a menu taller than the screen is no
 * summary. The rest are counted in one line that opens the window, where they can be searched.
 */
function lockLines(
  locks: readonly WindowLock[],
  lowBatteryPercent: number,
  format: TimeFormat,
  operations: OperationsState,
): TrayMenuItem[] {
  const ordered = problemsFirst(locks, lowBatteryPercent);
  const tooMany = ordered.length > MAX_LOCK_LINES;
  const shown = tooMany ? ordered.slice(0, MAX_LOCK_LINES) : ordered;
  const lines = shown.flatMap((lock) => {
    const running = operations.running.find((operation) => operation.lockId === lock.id);
    const line = running
      ? info(`${lock.name}: ${RUNNING_LABEL[running.operation]}`)
      : info(lockLine(lock, lowBatteryPercent, format));
    const lockItem = lockItemFor(lock, running?.operation ?? null, operations.canOperate);
    return lockItem ? [line, lockItem] : [line];
  });
  if (!tooMany) return lines;
  const rest = ordered.slice(MAX_LOCK_LINES);
  const troubled = rest.filter((lock) => lockConcernOf(lock, lowBatteryPercent) !== 'locked');
  const label =
    troubled.length === 0
      ? `${rest.length} more, all locked…`
      : `${rest.length} more (${troubled.length} need attention)…`;
  return [...lines, action(label, { kind: 'open-window' })];
}

/**
 * "Lock Garage" under each lock that is unlocked or partly locked (the safe direction; unlocking
 * is left to the window, behind its confirmation). While it locks, the line says "Locking…" and
 * the item waits, disabled: a second press would do nothing anyway.
 */
function lockItemFor(
  lock: WindowLock,
  running: LockOperation | null,
  canOperate: boolean,
): TrayMenuItem | null {
  const label = `Lock ${lock.name}`;
  if (running === 'lock') return { label, enabled: false };
  const lockable = lock.state === 'unlocked' || lock.state === 'semi-locked';
  if (!canOperate || lock.connected === false || !lockable || running !== null) return null;
  return action(label, { kind: 'lock', lockId: lock.id });
}

/** e.g. "Back door: Unlocked, door open, 18 % (low)" or "Garage: disconnected since 14:02". */
function lockLine(lock: WindowLock, lowBatteryPercent: number, format: TimeFormat): string {
  if (lock.connected === false) {
    const since =
      lock.disconnectedSince === null ? '' : ` since ${format.time(lock.disconnectedSince)}`;
    return `${lock.name}: disconnected${since}`;
  }
  const parts = [stateLabel(lock)];
  if (lock.door === 'open') parts.push('door open');
  if (lock.battery !== null)
    parts.push(batteryText(lock.battery, lock.charging, lowBatteryPercent));
  if (lock.connected === true) parts.push('connected');
  const asOf =
    lock.stale && lock.lastSyncedAt !== null ? ` (as of ${format.time(lock.lastSyncedAt)})` : '';
  return `${lock.name}: ${parts.join(', ')}${asOf}`;
}

function stateLabel(lock: WindowLock): string {
  if (lock.state === null) return 'No state';
  return isJammed(lock) ? 'Jammed (semi-locked)' : STATE_LABELS[lock.state];
}

function batteryText(battery: number, charging: boolean | null, lowBatteryPercent: number): string {
  const percent = `${Math.round(battery)} %`;
  if (charging === true) return `${percent}, charging`;
  return battery <= lowBatteryPercent ? `${percent} (low)` : percent;
}

/** Why polling is not running normally, or null when it is. */
function statusMessage(state: WindowState, format: TimeFormat): string | null {
  const { status } = state;
  switch (status.kind) {
    case 'ok':
      return null;
    case 'starting':
      return status.message || 'Starting…';
    case 'offline':
      return state.nextSyncAt === null
        ? "Can't reach Tedee"
        : `Can't reach Tedee: retrying at ${format.time(state.nextSyncAt)}`;
    case 'rate-limited':
      return status.retryAt === null
        ? 'Rate limited by Tedee'
        : `Rate limited until ${format.time(status.retryAt)}`;
    case 'auth-error':
      return state.key.stored === 'none'
        ? 'No key set: open the window to add one'
        : 'Key rejected: open the window to fix';
    case 'forbidden':
      return 'Key lacks the Device.Read scope: open the window to fix';
    case 'paused':
      return status.retryAt === null
        ? 'Paused until resumed'
        : `Paused until ${format.time(status.retryAt)}`;
  }
}

function canPoll(state: WindowState): boolean {
  const stopped =
    state.status.kind === 'paused' ||
    state.status.kind === 'auth-error' ||
    state.status.kind === 'forbidden';
  return !stopped && state.key.stored !== 'none';
}

/**
 * Disabled, with the time, while Tedee's 20 s rule holds a sync back: the menu is a snapshot,
 * so the caller shows a new presentation at refreshAllowedAt to enable it again.
 */
function refreshItem(state: WindowState, now: number, format: TimeFormat): TrayMenuItem {
  const refresh: TrayAction = { kind: 'refresh-now' };
  if (!canPoll(state)) return { label: 'Refresh now', enabled: false, action: refresh };
  if (now < state.refreshAllowedAt) {
    return {
      label: `Refresh available at ${format.timeWithSeconds(state.refreshAllowedAt)}`,
      enabled: false,
      action: refresh,
    };
  }
  return action('Refresh now', refresh);
}

function pauseItem(state: WindowState): TrayMenuItem {
  if (state.status.kind === 'paused') return action('Resume monitoring', { kind: 'resume' });
  return {
    label: 'Pause monitoring',
    enabled: true,
    submenu: [
      action('For 1 hour', { kind: 'pause', minutes: 60 }),
      action('Until resumed', { kind: 'pause', minutes: null }),
    ],
  };
}

function action(label: string, what: TrayAction): TrayMenuItem {
  return { label, enabled: true, action: what };
}

function info(label: string): TrayMenuItem {
  return { label, enabled: false };
}

function separator(): TrayMenuItem {
  return { label: '', enabled: false, type: 'separator' };
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
