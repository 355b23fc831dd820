/**
 * What the activity log adds to alerts, pure like alert-policy.ts:
 * - 'incorrect-pin' comes from the log alone (the lock's state never shows a wrong PIN);
 * - an 'unlocked' or 'jammed' alert raised from the state gets its who and how once the entry
 *   that explains it arrives (within NAME_WAIT_MS), as a named copy the app may show in place
 *   of the first notification.
 */
import { activityKind, activityText } from '../tedee/activity-events.ts';
import type { ActivityKind } from '../tedee/activity-events.ts';
import type { Activity } from '../tedee/activity-model.ts';
import type { Alert } from './alert-policy.ts';
import type { AlertSettings } from './monitor-settings.ts';

/** Long enough for the slowest activity fetch the budget allows most of the time. */
export const NAME_WAIT_MS = 10 * 60_000;

/** A state alert that went out unnamed and when. */
export interface AwaitingName {
  alert: Alert;
  at: number;
}

const KINDS_THAT_NAME: Readonly<Partial<Record<Alert['kind'], readonly ActivityKind[]>>> = {
  unlocked: ['unlock', 'pull'],
  jammed: ['jam', 'semi'],
};

export function incorrectPinAlerts(
  lockName: string,
  lockId: number,
  announced: readonly Activity[],
  settings: AlertSettings,
  now: number,
): Alert[] {
  const snoozed = settings.snoozeUntil !== null && settings.snoozeUntil > now;
  if (snoozed || !settings.enabled['incorrect-pin']) return [];
  return announced
    .filter((entry) => activityKind(entry.event) === 'pin')
    .map((entry) => ({
      kind: 'incorrect-pin',
      lockId,
      title: `${lockName}: ${activityText(entry)}`,
      body:
        entry.event === 62
          ? 'Someone typed a wrong PIN on the keypad.'
          : 'A PIN was used outside the hours it is allowed.',
    }));
}

/** The named copy of `awaiting`, or null when no entry explains it (yet). */
export function namedAlert(
  awaiting: AwaitingName,
  lockName: string,
  announced: readonly Activity[],
  now: number,
): Alert | null {
  if (now - awaiting.at > NAME_WAIT_MS) return null;
  const kinds = KINDS_THAT_NAME[awaiting.alert.kind];
  if (!kinds) return null;
  // The newest entry of the right kind: the one that left the lock as the alert saw it.
  const entry = announced.findLast((candidate) => {
    const kind = activityKind(candidate.event);
    return kind !== null && kinds.includes(kind);
  });
  if (!entry) return null;
  return { ...awaiting.alert, title: `${lockName}: ${activityText(entry)}` };
}

export function awaitsName(alert: Alert): boolean {
  return KINDS_THAT_NAME[alert.kind] !== undefined && alert.lockId !== null;
}
