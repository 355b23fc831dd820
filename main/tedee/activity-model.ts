/**
 * One entry of a lock's activity log (tedee-bridge-and-activity.md §3): what happened, who did
 * it and through what, in the app's words. Tedee's numbers stay in `event`, because the text
 * for it (activity-events.ts) is a presentation matter and an unknown code must survive.
 */

export const ACTIVITY_SOURCES = ['device', 'mobile'] as const;
export type ActivitySource = (typeof ACTIVITY_SOURCES)[number];

export interface Activity {
  /** Tedee's activity id: unique, the key entries are merged by. */
  id: number;
  lockId: number;
  /** Tedee's EventType number (§3.4). */
  event: number;
  /** The author's name, when Tedee knows one (absent for manual turns and automatic events). */
  user: string | null;
  /** null for a source number Tedee adds later. */
  source: ActivitySource | null;
  /** ISO 8601 in UTC. */
  date: string;
}
