/**
 * The readable table `status` prints for people: words instead of the JSON's values, times in
 * the local zone, columns padded to the widest cell.
 */
import type { MonitoredLock } from '../engine/monitor-snapshot.ts';
import type { DoorState } from '../tedee/lock-enums.ts';

const HEADERS = [
  'NAME',
  'STATE',
  'DOOR',
  'BATTERY',
  'CHARGING',
  'CONNECTED',
  'LAST CHANGE',
] as const;
const NONE = '-';
const GAP = '  ';

const DOOR_WORDS: Readonly<Record<DoorState, string>> = {
  'not-paired': 'no sensor',
  disconnected: 'sensor offline',
  open: 'open',
  closed: 'closed',
  uncalibrated: 'uncalibrated',
  unknown: 'unknown',
};

export interface TableOptions {
  /** IANA zone for the last-change time; the machine's zone when absent. */
  timeZone?: string;
}

/** The whole table, lines joined with '\n' and no trailing newline. */
export function formatLockTable(
  locks: readonly MonitoredLock[],
  options: TableOptions = {},
): string {
  if (locks.length === 0) return 'No locks in this Tedee account.';
  return columns(
    HEADERS,
    locks.map((lock) => [
      printableName(lock),
      lock.state ?? NONE,
      lock.door === null ? NONE : DOOR_WORDS[lock.door],
      lock.battery === null ? NONE : `${lock.battery} %`,
      yesNo(lock.charging),
      lock.connected === null ? 'no bridge' : yesNo(lock.connected),
      lock.lastChanged === null ? NONE : localTime(lock.lastChanged, options.timeZone),
    ]),
  );
}

export interface ActivityRow {
  date: string;
  lock: string;
  text: string;
}

const ACTIVITY_HEADERS = ['TIME', 'LOCK', 'WHAT'] as const;

/** `activity`'s table: newest first as given, one line per entry. */
export function formatActivityTable(
  rows: readonly ActivityRow[],
  options: TableOptions = {},
): string {
  if (rows.length === 0) return 'No activity.';
  return columns(
    ACTIVITY_HEADERS,
    rows.map((row) => [
      localTime(row.date, options.timeZone),
      printable(row.lock),
      printable(row.text),
    ]),
  );
}

/** Cells padded to the widest of their column, lines joined with '\n'. */
function columns(headers: readonly string[], rows: readonly string[][]): string {
  const table = [[...headers], ...rows];
  const widths = headers.map((_, column) =>
    Math.max(...table.map((row) => (row[column] ?? '').length)),
  );
  return table
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join(GAP)
        .trimEnd(),
    )
    .join('\n');
}

/** Names come from the user's account; a control character would break the columns or the terminal. */
function printableName(lock: MonitoredLock): string {
  const name = printable(lock.name);
  return name === '' ? `Lock ${lock.id}` : name;
}

function printable(text: string): string {
  return text.replace(/\p{Cc}+/gu, ' ').trim();
}

function yesNo(value: boolean | null): string {
  if (value === null) return NONE;
  return value ? 'yes' : 'no';
}

/** `2025-11-03 09:05`: sortable, and short enough for a terminal column. */
function localTime(iso: string, timeZone: string | undefined): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
