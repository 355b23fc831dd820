/**
 * The readable table of `status`.
 */
import { describe, expect, it } from 'vitest';
import { formatLockTable } from '../../main/cli/table.ts';
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
});
