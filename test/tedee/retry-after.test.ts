/**
 * Retry-After of a 429, read into the time of the next allowed request: seconds, an HTTP-date,
 * or 60 s when the header is missing or unreadable. A wrong reading either hammers Tedee during
 * its limit or stops the tray for no reason.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_AFTER_MS, retryAtFromHeader } from '../../main/tedee/retry-after.ts';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);

describe('retryAtFromHeader', () => {
  it('waits 60 s without a usable header', () => {
    expect(DEFAULT_RETRY_AFTER_MS).toBe(60_000);
    expect(retryAtFromHeader(null, NOW)).toBe(NOW + 60_000);
    expect(retryAtFromHeader('', NOW)).toBe(NOW + 60_000);
    expect(retryAtFromHeader('   ', NOW)).toBe(NOW + 60_000);
  });

  it.each([
    ['120', NOW + 120_000],
    ['0', NOW],
    [' 45 ', NOW + 45_000],
  ])('reads %j as seconds', (header, expected) => {
    expect(retryAtFromHeader(header, NOW)).toBe(expected);
  });

  it.each(['12abc', 'abc12', '12 34', 'soon'])('waits 60 s for %j', (header) => {
    expect(retryAtFromHeader(header, NOW)).toBe(NOW + 60_000);
  });

  it('reads an HTTP-date', () => {
    expect(retryAtFromHeader(new Date(NOW + 300_000).toUTCString(), NOW)).toBe(NOW + 300_000);
  });

  it('a date already past allows the next request now, not earlier', () => {
    expect(retryAtFromHeader(new Date(NOW - 300_000).toUTCString(), NOW)).toBe(NOW);
  });
});
