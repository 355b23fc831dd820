/**
 * Valid WindowState fixtures for the window tests: a calm, all-locked state unless a test says
 * otherwise. Every object is parsed with the contract's own schemas, so a fixture that drifts
 * from the contract fails here rather than testing a window main could never send.
 */
import { accountLockSchema, windowLockSchema, windowStateSchema } from '../../preload/contract.ts';
import type { AccountLock, WindowLock, WindowState } from '../../preload/contract.ts';
import {
  ACCOUNT_REQUESTS_PER_HOUR,
  projectedRequestsPerHour,
} from '../../main/engine/monitor-settings.ts';
import { defaultAppSettings } from '../../main/settings/app-settings.ts';
import { idleOperations } from '../app/window-state-fixture.ts';

/** The tests' "now": 25 Nov 2025, 14:30:00 UTC (the browser runs in UTC). */
export const NOW = Date.UTC(2025, 10, 25, 14, 30, 0);
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function iso(at: number): string {
  return new Date(at).toISOString();
}

export function windowLock(overrides: Partial<WindowLock> = {}): WindowLock {
  return windowLockSchema.parse({
    id: 1,
    serial: `SN-${overrides.id ?? 1}`,
    name: 'Front door',
    model: 'lock-pro',
    connected: true,
    state: 'locked',
    door: 'closed',
    battery: 82,
    charging: false,
    lastOperationFailed: false,
    lastChanged: iso(NOW - 47 * MINUTE),
    lastSyncedAt: NOW - 20 * SECOND,
    source: 'cloud',
    live: false,
    disconnectedSince: null,
    stale: false,
    batteryTrend: [],
    recentEvents: [],
    updateAvailable: false,
    activityCount: 0,
    ...overrides,
  });
}

export function accountLockOf(lock: WindowLock, selected = true): AccountLock {
  return accountLockSchema.parse({
    id: lock.id,
    serial: lock.serial,
    name: lock.name,
    model: lock.model,
    selected,
  });
}

/** A week of battery readings drifting from `from` to `to`, one a day, oldest first. */
export function batteryTrend(from: number, to: number, days = 7): WindowLock['batteryTrend'] {
  return Array.from({ length: days + 1 }, (_, day) => ({
    at: NOW - (days - day) * DAY,
    battery: Math.round(from + ((to - from) * day) / days),
  }));
}

export function windowState(overrides: Partial<WindowState> = {}): WindowState {
  const locks = overrides.locks ?? [windowLock()];
  const settings = overrides.settings ?? defaultAppSettings;
  return windowStateSchema.parse({
    status: { kind: 'ok', message: '', retryAt: null },
    tray: 'locked',
    locks,
    accountLocks: locks.map((lock) => accountLockOf(lock)),
    lastSyncedAt: NOW - 20 * SECOND,
    nextSyncAt: NOW + 10 * SECOND,
    refreshAllowedAt: NOW - SECOND,
    key: { stored: 'saved', storage: 'encrypted' },
    settings,
    bridge: { token: 'none', live: { mode: 'off', bridgeOnly: false, message: '' } },
    budget: {
      projectedPerHour: projectedRequestsPerHour(settings.poll.intervalSeconds),
      budgetPerHour: settings.poll.budgetPerHour,
      accountLimitPerHour: ACCOUNT_REQUESTS_PER_HOUR,
      activityPerHour: 0,
    },
    activity: { status: 'off', retryAt: null },
    notices: [],
    demo: false,
    focusLockId: null,
    health: { offlineBridges: [], keyExpiring: null, keyExpiryFromTedee: null },
    operations: idleOperations(),
    ...overrides,
  });
}

/** Three locks as a household might see them: one locked, one unlocked with history, one disconnected. */
export function mixedHouseholdState(overrides: Partial<WindowState> = {}): WindowState {
  const locks = [
    windowLock({
      id: 1,
      name: 'Front door',
      battery: 76,
      batteryTrend: batteryTrend(92, 76),
      recentEvents: [
        { at: NOW - 47 * MINUTE, state: 'locked', connected: true, battery: 76 },
        { at: NOW - 2 * HOUR, state: 'unlocked', connected: true, battery: 77 },
      ],
    }),
    windowLock({
      id: 2,
      name: 'Garage',
      model: 'lock-go',
      state: 'unlocked',
      door: 'open',
      battery: 18,
      lastChanged: iso(NOW - 12 * MINUTE),
      batteryTrend: batteryTrend(41, 18),
    }),
    windowLock({
      id: 3,
      name: 'Back door',
      connected: false,
      disconnectedSince: NOW - 28 * MINUTE,
      battery: 64,
      lastChanged: iso(NOW - 5 * HOUR),
      lastSyncedAt: NOW - 28 * MINUTE,
      stale: true,
    }),
  ];
  return windowState({ locks, tray: 'attention', ...overrides });
}

/**
 * An account of `count` locks as an office or a rental business might have: mostly locked,
 * with one in seven needing attention, unlocked or low, in a scattered order. Each lock has
 * `samples` battery readings and `events` events, as the History sections would show them.
 */
export function manyLocksState(
  count: number,
  { samples = 0, events = 0 }: { samples?: number; events?: number } = {},
): WindowState {
  const locks = Array.from({ length: count }, (_lock, index) => {
    const id = 1000 + index;
    const trouble = index % 7;
    return windowLock({
      id,
      name: `Door ${((index * 37) % count) + 1}`,
      state: trouble === 1 ? 'unlocked' : trouble === 2 ? 'semi-locked' : 'locked',
      lastOperationFailed: trouble === 2,
      connected: trouble !== 3,
      disconnectedSince: trouble === 3 ? NOW - 40 * MINUTE : null,
      battery: trouble === 4 ? 9 : 60 + (index % 40),
      batteryTrend: Array.from({ length: samples }, (_sample, sample) => ({
        at: NOW - (samples - sample) * 30 * MINUTE,
        battery: Math.max(0, 100 - Math.floor(sample / 10)),
      })),
      recentEvents: Array.from({ length: events }, (_event, event) => ({
        at: NOW - (event + 1) * HOUR,
        state: event % 2 === 0 ? 'locked' : 'unlocked',
        connected: true,
        battery: 80,
      })),
    });
  });
  return windowState({ locks, tray: count > 1 ? 'attention' : 'locked' });
}
