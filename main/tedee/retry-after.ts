/**
 * Reads the Retry-After header of a 429 answer. Tedee documents seconds; HTTP also allows
 * an HTTP-date, and proxies send either. Without a usable value the wait is 60 s.
 */

export const DEFAULT_RETRY_AFTER_MS = 60_000;

/** @returns when the next request is allowed, as epoch milliseconds. */
export function retryAtFromHeader(header: string | null, now: number): number {
  const value = header?.trim() ?? '';
  if (/^\d+$/.test(value)) return now + Number(value) * 1000;
  const date = value === '' ? Number.NaN : Date.parse(value);
  if (!Number.isNaN(date)) return Math.max(now, date);
  return now + DEFAULT_RETRY_AFTER_MS;
}
