/**
 * When the Personal Access Key expires, and when to warn about it: 14 days and 1 day before.
 * Tedee's own date (the key list, where the key may read it) wins over the date the user
 * entered in the settings, which is the fallback.
 */
import type { HealthFacts } from './health-reads.ts';
import { keyExpiryDateSchema } from './monitor-settings.ts';

/** Warnings, each given once per expiry date; ordered from the earliest. */
export const KEY_EXPIRY_WARNING_DAYS = [14, 1] as const;
const DAY_MS = 24 * 3_600_000;

export interface KeyExpiry {
  /** Epoch ms. */
  at: number;
  source: 'tedee' | 'entered';
}

export function keyExpiryOf(
  fromTedee: HealthFacts['keyValidTo'],
  enteredAt: number | null,
): KeyExpiry | null {
  const value = fromTedee?.value;
  if (typeof value === 'number') return { at: value, source: 'tedee' };
  return enteredAt === null ? null : { at: enteredAt, source: 'entered' };
}

/**
 * A date entered as YYYY-MM-DD, read as the start of that day in UTC: the Tedee Portal shows
 * only a date, and warning a few hours early is the safe side. null for anything else.
 */
export function enteredExpiryMs(date: string | null): number | null {
  const parsed = keyExpiryDateSchema.safeParse(date);
  if (!parsed.success || parsed.data === null) return null;
  return Date.parse(`${parsed.data}T00:00:00Z`);
}

/** Whole days left, rounded up: 13.2 days is "14 days". */
export function daysUntil(at: number, now: number): number {
  return Math.ceil((at - now) / DAY_MS);
}

/** The nearest warning the expiry has come within (14 or 1); null before 14 days and once expired. */
export function warningDaysReached(at: number, now: number): number | null {
  if (now >= at) return null;
  const reached = KEY_EXPIRY_WARNING_DAYS.filter((days) => at - now <= days * DAY_MS);
  return reached.length === 0 ? null : Math.min(...reached);
}
