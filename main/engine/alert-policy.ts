/**
 * Decides which alerts one poll raises. Pure: (memory, poll outcome, settings, now) gives the
 * next memory and the alerts to show, so the rules can be tested without timers or Electron,
 * and the memory (plain JSON) can be saved to survive a restart.
 *
 * Every alert belongs to an episode (a disconnection, a low battery, an outage, ...) and is
 * raised at most once per episode, at the moment it becomes due. Decisions the rules leave open:
 *
 * - Snooze and the per-kind switches are checked only at the moment an alert becomes due. A
 *   suppressed alert still marks its episode as handled, so nothing floods in when the snooze
 *   ends and an episode that became due while snoozed (or switched off) stays silent until it
 *   ends. An episode that merely *began* before the snooze ended but becomes due afterwards
 *   (e.g. unlocked one minute before the snooze ends, limit ten minutes) does alert: the user
 *   is listening again by the time the condition is worth telling.
 * - A disconnection is confirmed by the second consecutive disconnected sync whether or not its
 *   alert was delivered; "reconnected" is sent only when the "disconnected" alert was actually
 *   delivered, because "connected again" about a drop nobody was told of is noise. It is also
 *   sent only when the lock reports connected === true; a lock that becomes bridge-less (null)
 *   ends the episode silently.
 * - Lock data Tedee did not send (state or door null, which happens while a lock is
 *   disconnected) neither continues nor ends a left-unlocked or door-open episode: the episode
 *   keeps its start time and can only become due on a sync that actually reports it.
 * - Only 'unlocked' and 'pulled' count as left unlocked; 'semi-locked' (usually a jam) is shown
 *   by the tray as needing attention rather than alerted as unlocked.
 * - A key-rejected reply proves Tedee is reachable, so it ends an outage; rate-limited neither
 *   starts nor ends one.
 * - A lock whose bridge is known to be offline gets no "disconnected" alert of its own: the one
 *   bridge-offline alert (health-alerts.ts) stands for all the bridge's locks. Its episode is
 *   still confirmed, so nothing is sent for it when the bridge's episode ends first.
 * - 'unlocked' is raised by the first sync that shows the lock unlocked (or pulled) with a new
 *   lastStateChangedDate, so an unlock and lock again between two syncs that leaves it unlocked
 *   still counts, while the first sync after start (nothing to compare with) raises none. The
 *   activity log names who did it later (activity-alerts.ts), never delaying this alert.
 * - 'jammed' is raised when a lock enters semi-locked with a failed last operation (the cloud's
 *   only sign of a jam, tedee-api.md §6 "Jammed"), also on the first sync: a jam is current.
 * - Alerts come out in a fixed order: per lock in the order of the sync, and per lock in
 *   ALERT_KINDS order. (Account-wide alerts come only from failed polls, lock alerts only from
 *   syncs, so the two never meet in one call.)
 */
import { z } from 'zod';
import type { LockState } from '../tedee/lock-enums.ts';
import type { AlertKind, AlertSettings } from './monitor-settings.ts';
import type { MonitoredLock } from './monitor-snapshot.ts';

/** Two syncs in a row: a single missed bridge heartbeat is common and not worth a notification. */
export const DISCONNECTED_SYNCS_TO_CONFIRM = 2;
/**
 * ...and at least this far apart. Cloud syncs always are (Tedee's 20 s rule); bridge callbacks
 * and LAN polls come seconds apart, and must not confirm a drop faster than the cloud would.
 */
export const DISCONNECTED_CONFIRM_GAP_MS = 20_000;
/** Long enough to ride out a router restart or a short Tedee hiccup. */
export const API_UNREACHABLE_AFTER_MS = 5 * 60_000;
/** Battery readings wobble by a percent or two; re-arming right at the threshold would flap. */
export const BATTERY_REARM_MARGIN = 5;

const LEFT_UNLOCKED_STATES: ReadonlySet<LockState> = new Set<LockState>(['unlocked', 'pulled']);

export type PollFailureReason = 'unreachable' | 'key-rejected' | 'rate-limited';

/**
 * What one poll produced: the locks after a successful sync, or why it failed. 'observed' is
 * the bridge telling about some locks (a callback, a heartbeat, a LAN poll): one more
 * observation of those locks, while the other locks and the cloud's episodes are left as
 * they are.
 */
export type PollOutcome =
  | {
      kind: 'synced';
      locks: readonly MonitoredLock[];
      /** Locks whose bridge is known offline (health-alerts.ts); default none. */
      behindOfflineBridge?: ReadonlySet<number>;
    }
  | { kind: 'observed'; locks: readonly MonitoredLock[] }
  | { kind: 'failed'; reason: PollFailureReason };

export interface Alert {
  kind: AlertKind;
  /** null for account-wide alerts (API unreachable, key rejected). */
  lockId: number | null;
  title: string;
  body: string;
}

/** An episode that must last a while before it is worth an alert. */
export interface TimedEpisode {
  /** The first sync (epoch ms) that saw the condition; null when not in an episode. */
  since: number | null;
  /** The alert for this episode became due (delivered or suppressed). */
  handled: boolean;
}

export interface LockAlertMemory {
  /** Consecutive successful syncs that reported connected === false, capped at the confirm count. */
  disconnectedSyncs: number;
  /** When the last of those syncs was counted; null while none is. */
  disconnectedCountedAt: number | null;
  /** The "disconnected" alert of the current episode reached the user. */
  disconnectedDelivered: boolean;
  /** A low-battery episode is in progress (alerted or suppressed); cleared when re-armed. */
  batteryLowHandled: boolean;
  leftUnlocked: TimedEpisode;
  doorOpen: TimedEpisode;
  /** The lastStateChangedDate of the last sync; undefined before the first. */
  lastChanged?: string | null | undefined;
  /** The last sync showed the lock jammed. */
  jammed?: boolean | undefined;
}

export interface AlertMemory {
  /** Per lock, keyed by the lock id as a string because JSON object keys are strings. */
  locks: Record<string, LockAlertMemory>;
  /** The current run of unreachable failures. */
  unreachable: TimedEpisode;
  keyRejectedHandled: boolean;
}

export interface AlertEvaluation {
  memory: AlertMemory;
  /** Everything this poll raised, meant to be merged into one notification (see mergeAlerts). */
  alerts: Alert[];
}

export interface NotificationText {
  title: string;
  body: string;
}

const timedEpisodeSchema = z.object({ since: z.number().nullable(), handled: z.boolean() });

const alertMemorySchema = z.object({
  locks: z.record(
    z.string(),
    z.object({
      disconnectedSyncs: z.number().int().min(0),
      // Absent in memory saved before live mode: no gap to respect then.
      disconnectedCountedAt: z.number().nullable().default(null),
      disconnectedDelivered: z.boolean(),
      batteryLowHandled: z.boolean(),
      leftUnlocked: timedEpisodeSchema,
      doorOpen: timedEpisodeSchema,
      lastChanged: z.string().nullish(),
      jammed: z.boolean().optional(),
    }),
  ),
  unreachable: timedEpisodeSchema,
  keyRejectedHandled: z.boolean(),
});

export function emptyAlertMemory(): AlertMemory {
  return { locks: {}, unreachable: noEpisode(), keyRejectedHandled: false };
}

/** Reads saved memory; anything unreadable starts afresh rather than stopping the app. */
export function alertMemoryFromJSON(value: unknown): AlertMemory {
  const parsed = alertMemorySchema.safeParse(value);
  return parsed.success ? parsed.data : emptyAlertMemory();
}

export function evaluateAlerts(
  memory: AlertMemory,
  poll: PollOutcome,
  settings: AlertSettings,
  now: number,
): AlertEvaluation {
  const { raise, alerts } = alertRaiser(settings, now);
  switch (poll.kind) {
    case 'failed':
      return { memory: afterFailure(memory, poll.reason, now, raise), alerts };
    case 'synced':
      return { memory: afterSync(memory, poll, settings, now, raise), alerts };
    case 'observed':
      return { memory: afterObservation(memory, poll.locks, settings, now, raise), alerts };
  }
}

/**
 * `raise` delivers an alert into `alerts` unless snoozed or switched off, and tells whether it
 * was delivered.
 */
export function alertRaiser(
  settings: AlertSettings,
  now: number,
): { raise: Raise; alerts: Alert[] } {
  const alerts: Alert[] = [];
  const snoozed = settings.snoozeUntil !== null && settings.snoozeUntil > now;
  const raise = (alert: Alert): boolean => {
    if (snoozed || !settings.enabled[alert.kind]) return false;
    alerts.push(alert);
    return true;
  };
  return { raise, alerts };
}

/** One notification for everything a poll raised, so several locks do not pop up a stack. */
export function mergeAlerts(alerts: readonly Alert[]): NotificationText | null {
  const [first] = alerts;
  if (first === undefined) return null;
  if (alerts.length === 1) return { title: first.title, body: first.body };
  return {
    title: `${alerts.length} lock alerts`,
    body: alerts.map((alert) => alert.title).join('\n'),
  };
}

type Raise = (alert: Alert) => boolean;

function afterFailure(
  memory: AlertMemory,
  reason: PollFailureReason,
  now: number,
  raise: Raise,
): AlertMemory {
  switch (reason) {
    case 'rate-limited':
      // A 429 says nothing about the locks or the network; lock memory is untouched by any failure.
      return memory;
    case 'key-rejected': {
      const alreadyHandled = memory.keyRejectedHandled;
      if (!alreadyHandled) raise(keyRejectedAlert());
      return { ...memory, unreachable: noEpisode(), keyRejectedHandled: true };
    }
    case 'unreachable': {
      const { episode, due } = stepTimedEpisode(
        memory.unreachable,
        true,
        now,
        API_UNREACHABLE_AFTER_MS,
      );
      if (due) raise(unreachableAlert(now - (episode.since ?? now)));
      return { ...memory, unreachable: episode };
    }
  }
}

function afterSync(
  memory: AlertMemory,
  poll: Extract<PollOutcome, { kind: 'synced' }>,
  settings: AlertSettings,
  now: number,
  raise: Raise,
): AlertMemory {
  // Built afresh from the synced list, which drops the memory of locks that vanished.
  const lockMemory: Record<string, LockAlertMemory> = {};
  for (const lock of poll.locks) {
    const key = String(lock.id);
    // The bridge-offline alert speaks for this lock: its own "disconnected" is not raised.
    const raiseForLock: Raise = (alert) =>
      alert.kind === 'disconnected' && poll.behindOfflineBridge?.has(lock.id)
        ? false
        : raise(alert);
    lockMemory[key] = stepLock(
      memory.locks[key] ?? freshLockMemory(),
      lock,
      settings,
      now,
      raiseForLock,
    );
  }
  return { locks: lockMemory, unreachable: noEpisode(), keyRejectedHandled: false };
}

function afterObservation(
  memory: AlertMemory,
  locks: readonly MonitoredLock[],
  settings: AlertSettings,
  now: number,
  raise: Raise,
): AlertMemory {
  const lockMemory = { ...memory.locks };
  for (const lock of locks) {
    const key = String(lock.id);
    lockMemory[key] = stepLock(memory.locks[key] ?? freshLockMemory(), lock, settings, now, raise);
  }
  return { ...memory, locks: lockMemory };
}

function stepLock(
  previous: LockAlertMemory,
  lock: MonitoredLock,
  settings: AlertSettings,
  now: number,
  raise: Raise,
): LockAlertMemory {
  let { disconnectedSyncs, disconnectedCountedAt, disconnectedDelivered, batteryLowHandled } =
    previous;

  if (lock.connected === false) {
    const farEnough =
      disconnectedCountedAt === null || now - disconnectedCountedAt >= DISCONNECTED_CONFIRM_GAP_MS;
    if (disconnectedSyncs < DISCONNECTED_SYNCS_TO_CONFIRM && farEnough) {
      disconnectedSyncs += 1;
      disconnectedCountedAt = now;
      if (disconnectedSyncs === DISCONNECTED_SYNCS_TO_CONFIRM)
        disconnectedDelivered = raise(disconnectedAlert(lock));
    }
  } else {
    if (disconnectedDelivered && lock.connected === true) raise(reconnectedAlert(lock));
    disconnectedSyncs = 0;
    disconnectedCountedAt = null;
    disconnectedDelivered = false;
  }

  const { battery } = lock;
  if (battery !== null) {
    if (lock.charging === true || battery >= settings.lowBatteryPercent + BATTERY_REARM_MARGIN) {
      batteryLowHandled = false;
    } else if (battery <= settings.lowBatteryPercent && !batteryLowHandled) {
      raise(batteryLowAlert(lock, battery, settings.lowBatteryPercent));
      batteryLowHandled = true;
    }
  }

  const unlockedNow = lock.state === null ? null : LEFT_UNLOCKED_STATES.has(lock.state);
  const leftUnlocked = stepTimedEpisode(
    previous.leftUnlocked,
    unlockedNow,
    now,
    settings.leftUnlockedMinutes * 60_000,
  );
  if (leftUnlocked.due) raise(leftUnlockedAlert(lock, now - (leftUnlocked.episode.since ?? now)));

  const doorOpenNow = lock.door === null ? null : lock.door === 'open';
  const doorOpen = stepTimedEpisode(
    previous.doorOpen,
    doorOpenNow,
    now,
    settings.doorOpenMinutes * 60_000,
  );
  if (doorOpen.due) raise(doorOpenAlert(lock, now - (doorOpen.episode.since ?? now)));

  const changed = previous.lastChanged !== undefined && previous.lastChanged !== lock.lastChanged;
  if (changed && unlockedNow === true && unlockedAlertWanted(lock, settings))
    raise(unlockedAlert(lock));

  const jammed = lock.state === 'semi-locked' && lock.lastOperationFailed;
  if (jammed && previous.jammed !== true) raise(jammedAlert(lock));

  return {
    disconnectedSyncs,
    disconnectedCountedAt,
    disconnectedDelivered,
    batteryLowHandled,
    leftUnlocked: leftUnlocked.episode,
    doorOpen: doorOpen.episode,
    // A disconnected lock reports no state: its last change stays the one it had.
    lastChanged: lock.state === null ? previous.lastChanged : lock.lastChanged,
    jammed: lock.state === null ? previous.jammed : jammed,
  };
}

function unlockedAlertWanted(lock: MonitoredLock, settings: AlertSettings): boolean {
  const serials = settings.unlockedLockSerials;
  return serials === null || (lock.serial !== null && serials.includes(lock.serial));
}

/**
 * Advances an episode that alerts once it has lasted longer than `limitMs`. `active` null means
 * "no information": the episode is left as it was.
 */
function stepTimedEpisode(
  previous: TimedEpisode,
  active: boolean | null,
  now: number,
  limitMs: number,
): { episode: TimedEpisode; due: boolean } {
  if (active === null) return { episode: previous, due: false };
  if (!active) return { episode: noEpisode(), due: false };
  const since = previous.since ?? now;
  const due = !previous.handled && now - since > limitMs;
  return { episode: { since, handled: previous.handled || due }, due };
}

function noEpisode(): TimedEpisode {
  return { since: null, handled: false };
}

function freshLockMemory(): LockAlertMemory {
  return {
    disconnectedSyncs: 0,
    disconnectedCountedAt: null,
    disconnectedDelivered: false,
    batteryLowHandled: false,
    leftUnlocked: noEpisode(),
    doorOpen: noEpisode(),
  };
}

export function lockNameOf(lock: Pick<MonitoredLock, 'id' | 'name'>): string {
  return lock.name.trim() || `Lock ${lock.id}`;
}

function minutesText(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

function disconnectedAlert(lock: MonitoredLock): Alert {
  return {
    kind: 'disconnected',
    lockId: lock.id,
    title: `${lockNameOf(lock)} is disconnected`,
    body: 'The lock has lost its bridge connection, so its state cannot be checked or changed remotely.',
  };
}

function reconnectedAlert(lock: MonitoredLock): Alert {
  return {
    kind: 'reconnected',
    lockId: lock.id,
    title: `${lockNameOf(lock)} is connected again`,
    body: 'The lock is reachable through its bridge again.',
  };
}

function batteryLowAlert(lock: MonitoredLock, battery: number, threshold: number): Alert {
  return {
    kind: 'battery-low',
    lockId: lock.id,
    title: `${lockNameOf(lock)} battery is low: ${battery} %`,
    // Lock PRO has a rechargeable battery; Lock GO takes replaceable ones.
    body: `${lock.model === 'lock-go' ? 'Replace its batteries' : 'Charge the lock'} soon; it is at or below your ${threshold} % warning level.`,
  };
}

function leftUnlockedAlert(lock: MonitoredLock, forMs: number): Alert {
  return {
    kind: 'left-unlocked',
    lockId: lock.id,
    title: `${lockNameOf(lock)} has been unlocked for ${minutesText(forMs)}`,
    body: 'It is still unlocked.',
  };
}

function doorOpenAlert(lock: MonitoredLock, forMs: number): Alert {
  return {
    kind: 'door-open',
    lockId: lock.id,
    title: `${lockNameOf(lock)} door has been open for ${minutesText(forMs)}`,
    body: 'The door sensor still reports the door open.',
  };
}

function unlockedAlert(lock: MonitoredLock): Alert {
  return {
    kind: 'unlocked',
    lockId: lock.id,
    title: `${lockNameOf(lock)} was unlocked`,
    body: lock.state === 'pulled' ? 'The latch was pulled.' : 'The lock reports it is unlocked.',
  };
}

function jammedAlert(lock: MonitoredLock): Alert {
  return {
    kind: 'jammed',
    lockId: lock.id,
    title: `${lockNameOf(lock)} is jammed`,
    body: 'The lock stopped half-way: check the door and the bolt, then lock it again.',
  };
}

function unreachableAlert(forMs: number): Alert {
  return {
    kind: 'api-unreachable',
    lockId: null,
    title: 'Tedee cannot be reached',
    body: `No sync has succeeded for ${minutesText(forMs)}; the lock states shown may be out of date.`,
  };
}

function keyRejectedAlert(): Alert {
  return {
    kind: 'key-rejected',
    lockId: null,
    title: 'Tedee rejected the access key',
    body: 'Lock states are no longer updated. Enter a valid personal access key in the settings.',
  };
}
