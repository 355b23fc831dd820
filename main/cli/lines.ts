/**
 * The NDJSON lines `watch` writes: one object per line, each with `type` and `at` first. The
 * builders return plain objects with their keys in contract order; `toLine` serialises one.
 */
import type { Alert } from '../engine/alert-policy.ts';
import type { AlertKind } from '../engine/monitor-settings.ts';
import type { AppStatus, AppStatusKind, MonitorSnapshot } from '../engine/monitor-snapshot.ts';
import type { Activity } from '../tedee/activity-model.ts';
import { toActivityJson } from './activity-json.ts';
import type { ActivityJson } from './activity-json.ts';
import { toLockJson } from './lock-json.ts';
import type { LockJson } from './lock-json.ts';

export interface SnapshotLine {
  type: 'snapshot';
  at: string;
  locks: LockJson[];
}

export interface AlertLine {
  type: 'alert';
  at: string;
  kind: AlertKind;
  lockId: number | null;
  title: string;
  body: string;
}

export interface StatusLine {
  type: 'status';
  at: string;
  status: AppStatusKind;
  retryAt: string | null;
  message: string;
}

export type ActivityLine = { type: 'activity'; at: string } & ActivityJson;

export type WatchLine = SnapshotLine | AlertLine | StatusLine | ActivityLine;

export function snapshotLine(snapshot: MonitorSnapshot): SnapshotLine {
  return { type: 'snapshot', at: iso(snapshot.at), locks: snapshot.locks.map(toLockJson) };
}

/** One line per alert: a script filters by kind or lock more easily than it splits a batch. */
export function alertLines(at: number, alerts: readonly Alert[]): AlertLine[] {
  return alerts.map((alert) => ({
    type: 'alert',
    at: iso(at),
    kind: alert.kind,
    lockId: alert.lockId,
    title: alert.title,
    body: alert.body,
  }));
}

/** One line per entry, in the order given (the engine gives them oldest first). */
export function activityLines(
  at: number,
  entries: readonly Activity[],
  text: (activity: Activity) => string,
): ActivityLine[] {
  return entries.map((entry) => ({
    type: 'activity',
    at: iso(at),
    ...toActivityJson(entry, text(entry)),
  }));
}

export function statusLine(at: number, status: AppStatus): StatusLine {
  return {
    type: 'status',
    at: iso(at),
    status: status.kind,
    retryAt: status.retryAt === null ? null : iso(status.retryAt),
    message: status.message,
  };
}

/** JSON.stringify escapes line breaks inside strings, so a line is always exactly one line. */
export function toLine(
  line: WatchLine | { locks: LockJson[] } | { activities: ActivityJson[] },
): string {
  return JSON.stringify(line);
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
