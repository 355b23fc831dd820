/** When the access key expires, which date wins, and when the 14-day and 1-day warnings fall. */
import { describe, expect, it } from 'vitest';
import {
  daysUntil,
  enteredExpiryMs,
  keyExpiryOf,
  warningDaysReached,
} from '../../main/engine/key-expiry.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const EXPIRES = Date.UTC(2026, 11, 24, 0, 0, 0);

describe('keyExpiryOf', () => {
  const fromTedee = (value: number | null | 'unavailable') => ({ at: 0, value });

  it("takes Tedee's date over the one entered in the settings", () => {
    expect(keyExpiryOf(fromTedee(EXPIRES), EXPIRES + DAY)).toEqual({
      at: EXPIRES,
      source: 'tedee',
    });
  });

  it('falls back to the entered date when Tedee has none, may not be asked, or was not read yet', () => {
    for (const read of [fromTedee(null), fromTedee('unavailable'), null]) {
      expect(keyExpiryOf(read, EXPIRES)).toEqual({ at: EXPIRES, source: 'entered' });
    }
  });

  it('knows no date when neither has one', () => {
    expect(keyExpiryOf(fromTedee('unavailable'), null)).toBeNull();
    expect(keyExpiryOf(null, null)).toBeNull();
  });
});

describe('enteredExpiryMs', () => {
  it('reads a YYYY-MM-DD date as the start of that day in UTC', () => {
    expect(enteredExpiryMs('2026-12-24')).toBe(EXPIRES);
  });

  it('gives null for no date and for anything that is not a date', () => {
    for (const date of [null, '', '24.12.2026', '2026-02-30', 'soon']) {
      expect(enteredExpiryMs(date)).toBeNull();
    }
  });
});

describe('daysUntil', () => {
  it('counts whole days left, rounded up', () => {
    expect(daysUntil(EXPIRES, EXPIRES - 14 * DAY)).toBe(14);
    expect(daysUntil(EXPIRES, EXPIRES - 13 * DAY - 5 * HOUR)).toBe(14);
    expect(daysUntil(EXPIRES, EXPIRES - HOUR)).toBe(1);
    expect(daysUntil(EXPIRES, EXPIRES)).toBe(0);
  });
});

describe('warningDaysReached', () => {
  it.each([
    ['more than 14 days before', EXPIRES - 14 * DAY - 1, null],
    ['exactly 14 days before', EXPIRES - 14 * DAY, 14],
    ['2 days before', EXPIRES - 2 * DAY, 14],
    ['a moment more than a day before', EXPIRES - DAY - 1, 14],
    ['exactly a day before', EXPIRES - DAY, 1],
    ['an hour before', EXPIRES - HOUR, 1],
    ['at the expiry', EXPIRES, null],
    ['after it', EXPIRES + DAY, null],
  ])('%s: %s', (_when, now, reached) => {
    expect(warningDaysReached(EXPIRES, now)).toBe(reached);
  });
});
