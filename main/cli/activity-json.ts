/**
 * ACTIVITY, the one shape of an activity entry in what the CLI prints as JSON (`activity
 * --json` and the fields of watch's activity lines), keys written out in contract order.
 */
import type { ActivitySource, Activity } from '../tedee/activity-model.ts';

export interface ActivityJson {
  lockId: number;
  id: number;
  event: number;
  text: string;
  user: string | null;
  source: ActivitySource | null;
  date: string;
}

export function toActivityJson(activity: Activity, text: string): ActivityJson {
  return {
    lockId: activity.lockId,
    id: activity.id,
    event: activity.event,
    text,
    user: activity.user,
    source: activity.source,
    date: activity.date,
  };
}
