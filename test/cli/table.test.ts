/**
 * The readable table of `status`.
 */
import { describe, expect, it } from 'vitest';
import { formatActivityTable, formatLockTable } from '../../main/cli/table.ts';
import { makeLock } from '../engine/lock-factory.ts';

describe('status table', () => {
  it('shows one aligned row per lock under a header, in words', () => {
    const table = formatLockTable(
      [
        makeLock({
          name: 'Front door',
          state: 'unlocked',
          door: 'open',
          battery: 76,
          charging: false,
          lastChanged: '2025-11-03T08:05:00.000Z',
        }),
        makeLock({
          id: 2,
          name: 'Garage',
          state: null,
          door: 'not-paired',
          battery: null,
          charging: null,
          connected: null,
        }),
        makeLock({ id: 3, name: 'Back door', connected: false, charging: true, door: 'unknown' }),
      ],
      { timeZone: 'Europe/Warsaw' },
    );
    expect(table.split('\n')).toEqual([
      'NAME        STATE     DOOR       BATTERY  CHARGING  CONNECTED  LAST CHANGE',
      'Front door  unlocked  open       76 %     no        yes        2025-11-03 09:05',
      'Garage      -         no sensor  -        -         no bridge  -',
      'Back door   locked    unknown    80 %     yes       no         -',
    ]);
  });

  it('keeps a name with control characters on its row, and names a nameless lock', () => {
    const table = formatLockTable(
      [makeLock({ id: 9, name: 'Shed\n\u001b[31mred' }), makeLock({ id: 10, name: '  ' })],
      { timeZone: 'UTC' },
    );
    const rows = table.split('\n');
    expect(rows).toHaveLength(3);
    expect(table).not.toContain('\u001b');
    expect(rows[1]).toMatch(/^Shed \[31mred /);
    expect(rows[2]).toMatch(/^Lock 10 /);
  });

  it('says so when the account has no locks', () => {
    expect(formatLockTable([])).toBe('No locks in this Tedee account.');
  });

  it('names every door state in words (none as -), and writes the hour after 23 as 00', () => {
    const rows = formatLockTable(
      [
        makeLock({ id: 1, name: 'A', door: 'disconnected' }),
        makeLock({ id: 2, name: 'B', door: 'closed', lastChanged: '2025-11-03T23:30:00.000Z' }),
        makeLock({ id: 3, name: 'C', door: 'uncalibrated' }),
        makeLock({ id: 4, name: 'D', door: null }),
      ],
      { timeZone: 'Europe/Warsaw' },
    ).split('\n');
    expect(rows.slice(1).map((row) => row.split(/ {2,}/)[2])).toEqual([
      'sensor offline',
      'closed',
      'uncalibrated',
      '-',
    ]);
    expect(rows[2]).toMatch(/ 2025-11-04 00:30$/);
  });
});

describe('activity table', () => {
  it('shows one aligned row per entry, newest first as given, in the time zone asked for', () => {
    const table = formatActivityTable(
      [
        {
          date: '2025-11-03T08:05:00.000Z',
          lock: 'Front door',
          text: 'Unlocked by Anna in the app',
        },
        { date: '2025-11-02T21:00:00.000Z', lock: 'Garage', text: 'Locked automatically' },
      ],
      { timeZone: 'Asia/Tokyo' },
    );
    expect(table.split('\n')).toEqual([
      'TIME              LOCK        WHAT',
      '2025-11-03 17:05  Front door  Unlocked by Anna in the app',
      '2025-11-03 06:00  Garage      Locked automatically',
    ]);
  });

  it('keeps a lock name or text with control characters on its row', () => {
    const rows = formatActivityTable(
      [{ date: '2025-11-03T08:05:00.000Z', lock: 'Shed\r\nx', text: '\u001b[2JLocked ' }],
      { timeZone: 'UTC' },
    ).split('\n');
    expect(rows).toEqual(['TIME              LOCK    WHAT', '2025-11-03 08:05  Shed x  [2JLocked']);
  });

  it('says so when there is no activity', () => {
    expect(formatActivityTable([])).toBe('No activity.');
  });
});
