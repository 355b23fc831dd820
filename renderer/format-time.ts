/**
 * Times as the window shows them: 24-hour clock in the computer's time zone, written out by
 * hand rather than with toLocaleTimeString so "HH:MM" looks the same on every system.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function two(value: number): string {
  return String(value).padStart(2, '0');
}

/** "14:02" */
export function clockTime(at: number): string {
  const date = new Date(at);
  return `${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** "14:02:31", for the 20-second refresh rule where minutes are too coarse. */
export function clockTimeWithSeconds(at: number): string {
  return `${clockTime(at)}:${two(new Date(at).getSeconds())}`;
}

function startOfDay(at: number): number {
  const date = new Date(at);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/** "14:02" today, "yesterday 14:02", otherwise "12 Mar 14:02". */
export function dayAndTime(at: number, now: number): string {
  const days = Math.round((startOfDay(now) - startOfDay(at)) / DAY);
  if (days === 0) return clockTime(at);
  if (days === 1) return `yesterday ${clockTime(at)}`;
  const date = new Date(at);
  return `${date.getDate()} ${MONTHS[date.getMonth()] ?? ''} ${clockTime(at)}`;
}

/** "just now", "12 min ago", "3 h ago", "2 days ago". */
export function timeAgo(at: number, now: number): string {
  const elapsed = Math.max(0, now - at);
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)} min ago`;
  if (elapsed < 2 * DAY) return `${Math.floor(elapsed / HOUR)} h ago`;
  return `${Math.floor(elapsed / DAY)} days ago`;
}

/** "just now", "14 s ago" under a minute, then as timeAgo: how fresh a lock's values are. */
export function secondsAgo(at: number, now: number): string {
  const elapsed = Math.max(0, now - at);
  if (elapsed < 2_000) return 'just now';
  return elapsed < MINUTE ? `${Math.floor(elapsed / 1000)} s ago` : timeAgo(at, now);
}

/** "5 hours", "7 days": how much history a chart covers. */
export function spanInWords(milliseconds: number): string {
  if (milliseconds < 2 * HOUR) return `${Math.max(1, Math.round(milliseconds / MINUTE))} min`;
  if (milliseconds < 2 * DAY) return `${Math.round(milliseconds / HOUR)} hours`;
  return `${Math.round(milliseconds / DAY)} days`;
}

/** The next 08:00 on the calendar day after `now`, for "snooze until tomorrow morning". */
export function tomorrowAtEight(now: number): number {
  const date = new Date(now);
  date.setDate(date.getDate() + 1);
  date.setHours(8, 0, 0, 0);
  return date.getTime();
}

/** Tedee's ISO timestamp as epoch ms, or null when absent or unreadable. */
export function parseIsoTime(value: string | null): number | null {
  if (value === null) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : at;
}
