/**
 * The activity log on the wire (`GET /my/deviceactivity`, tedee-bridge-and-activity.md §3.2)
 * and its translation into the app's Activity. The documentation's table says `userName` and
 * every sample says `username`: both are accepted.
 */
import { z } from 'zod';
import type { Activity, ActivitySource } from './activity-model.ts';
import { isoTime } from './iso-time.ts';

export const wireActivitySchema = z.object({
  id: z.number().int(),
  deviceId: z.number().int(),
  userId: z.number().int().nullish(),
  username: z.string().nullish(),
  userName: z.string().nullish(),
  event: z.number().int(),
  source: z.number().int().nullish(),
  date: z.string().refine((value) => isoTime(value) !== null, 'not a date'),
});
export type WireActivity = z.infer<typeof wireActivitySchema>;

const sourceByNumber: ReadonlyMap<number, ActivitySource> = new Map([
  [0, 'device'],
  [1, 'mobile'],
]);

export function toActivity(wire: WireActivity): Activity {
  const user = (wire.username ?? wire.userName ?? '').trim();
  return {
    id: wire.id,
    lockId: wire.deviceId,
    event: wire.event,
    user: user === '' ? null : user,
    source: wire.source == null ? null : (sourceByNumber.get(wire.source) ?? null),
    // Checked by the schema's refine.
    date: isoTime(wire.date) ?? wire.date,
  };
}
