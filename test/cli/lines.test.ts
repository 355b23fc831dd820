/**
 * The shapes of watch's NDJSON lines: keys in contract order, times as ISO strings, one line each.
 */
import { describe, expect, it } from 'vitest';
import {
  activityLines,
  alertLines,
  snapshotLine,
  statusLine,
  toLine,
} from '../../main/cli/lines.ts';
import type { MonitorSnapshot } from '../../main/engine/monitor-snapshot.ts';
import { makeLock } from '../engine/lock-factory.ts';
import { LOCK_KEYS } from './lock-contract.ts';

const AT = Date.UTC(2025, 10, 3, 8, 0, 0);

function snapshot(overrides: Partial<MonitorSnapshot> = {}): MonitorSnapshot {
  return {
    at: AT,
    status: { kind: 'ok', message: '', retryAt: null },
    locks: [makeLock({ id: 1, door: 'unknown' }), makeLock({ id: 2, name: 'Garage' })],
    tray: 'locked',
    lastSyncedAt: AT,
    nextSyncAt: AT + 30_000,
    refreshAllowedAt: AT + 20_000,
    health: { offlineBridges: [], updateAvailable: [], keyExpiry: null },
    live: { mode: 'off', bridgeOnly: false, message: '' },
    activity: { kind: 'available' },
    activityPerHour: 229,
    ...overrides,
  };
}

describe('watch lines', () => {
  it('builds a snapshot line with the LOCK objects', () => {
    const line = snapshotLine(snapshot());
    expect(Object.keys(line)).toEqual(['type', 'at', 'locks']);
    expect(line).toMatchObject({ type: 'snapshot', at: '2025-11-03T08:00:00.000Z' });
    expect(line.locks.map((lock) => [lock.id, lock.door])).toEqual([
      [1, null],
      [2, 'closed'],
    ]);
    expect(Object.keys(line.locks[0] ?? {})).toEqual(LOCK_KEYS);
  });

  it('builds one alert line per alert, account-wide ones with lockId null', () => {
    const lines = alertLines(AT, [
      { kind: 'battery-low', lockId: 2, title: 'Garage battery is low: 19 %', body: 'Charge it.' },
      {
        kind: 'key-rejected',
        lockId: null,
        title: 'Tedee rejected the access key',
        body: 'Enter a new key.',
      },
    ]);
    expect(lines.map((line) => Object.keys(line))).toEqual([
      ['type', 'at', 'kind', 'lockId', 'title', 'body'],
      ['type', 'at', 'kind', 'lockId', 'title', 'body'],
    ]);
    expect(lines).toEqual([
      {
        type: 'alert',
        at: '2025-11-03T08:00:00.000Z',
        kind: 'battery-low',
        lockId: 2,
        title: 'Garage battery is low: 19 %',
        body: 'Charge it.',
      },
      {
        type: 'alert',
        at: '2025-11-03T08:00:00.000Z',
        kind: 'key-rejected',
        lockId: null,
        title: 'Tedee rejected the access key',
        body: 'Enter a new key.',
      },
    ]);
  });

  it('builds a status line, retryAt as ISO or null', () => {
    const limited = statusLine(AT, {
      kind: 'rate-limited',
      message: 'Wait.',
      retryAt: AT + 60_000,
    });
    expect(Object.keys(limited)).toEqual(['type', 'at', 'status', 'retryAt', 'message']);
    expect(limited).toEqual({
      type: 'status',
      at: '2025-11-03T08:00:00.000Z',
      status: 'rate-limited',
      retryAt: '2025-11-03T08:01:00.000Z',
      message: 'Wait.',
    });
    expect(
      statusLine(AT, { kind: 'starting', message: 'Starting…', retryAt: null }).retryAt,
    ).toBeNull();
  });

  it('builds one activity line per entry, in the order given, with its text', () => {
    const entries = [
      {
        id: 11,
        lockId: 1,
        event: 32,
        user: 'Anna',
        source: 'mobile',
        date: '2025-11-03T07:58:00.000Z',
      },
      { id: 12, lockId: 2, event: 33, user: null, source: null, date: '2025-11-03T07:59:00.000Z' },
    ] as const;
    const lines = activityLines(AT, entries, (entry) => `text of ${entry.id}`);
    expect(lines.map((line) => Object.keys(line))).toEqual([
      ['type', 'at', 'lockId', 'id', 'event', 'text', 'user', 'source', 'date'],
      ['type', 'at', 'lockId', 'id', 'event', 'text', 'user', 'source', 'date'],
    ]);
    expect(lines).toEqual([
      {
        type: 'activity',
        at: '2025-11-03T08:00:00.000Z',
        lockId: 1,
        id: 11,
        event: 32,
        text: 'text of 11',
        user: 'Anna',
        source: 'mobile',
        date: '2025-11-03T07:58:00.000Z',
      },
      {
        type: 'activity',
        at: '2025-11-03T08:00:00.000Z',
        lockId: 2,
        id: 12,
        event: 33,
        text: 'text of 12',
        user: null,
        source: null,
        date: '2025-11-03T07:59:00.000Z',
      },
    ]);
  });

  it('serialises each line as one line of JSON, even when a text has line breaks', () => {
    const text = toLine(
      alertLines(AT, [
        { kind: 'disconnected', lockId: 1, title: 'Front\ndoor', body: 'a\r\nb' },
      ])[0]!,
    );
    expect(text).not.toMatch(/[\r\n]/);
    expect(JSON.parse(text)).toMatchObject({ title: 'Front\ndoor' });
  });
});
