/**
 * Tedee sends some times without a zone; they are UTC (tedee-api.md §5, "Date formats";
 * the activity log's `date` too, tedee-bridge-and-activity.md §5.18).
 */
export function isoTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const time = Date.parse(hasZone ? value : `${value}Z`);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
