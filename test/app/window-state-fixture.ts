/**
 * WindowStates for the tray presentation tests: one healthy, locked, connected lock unless a
 * test says otherwise. Every state goes through windowStateSchema.parse, so a fixture cannot
 * drift from the contract, and the tray status is the engine's own unless a test sets it.
 */
import { trayStatusOf } from '../../main/engine/tray-status.ts';
import { makeLock } from '../engine/lock-factory.ts';
import { defaultAppSettings } from '../../main/settings/app-settings.ts';
import { windowLockSchema, windowStateSchema } from '../../preload/contract.ts';
import type { WindowLock, WindowState } from '../../preload/contract.ts';

/** 14:00 UTC; tests format times in UTC so "14:05" holds on any machine. */
export const NOW = Date.UTC(2026, 10, 25, 14, 0, 0);
/** No operation running or reported, unlocking off: what main sends before any press (a new object each time, so no test shares one). */
export const idleOperations = (): WindowState['operations'] => ({
  cloudCanOperate: true,
  unlockAllowed: false,
  notice: null,
  running: [],
  results: [],
  focusLockButton: null,
});
export const minutes = (count: number) => count * 60_000;

export function windowLock(overrides: Partial<WindowLock> = {}): WindowLock {
  // The schema drops what a window lock does not carry (the engine's revision).
  return windowLockSchema.parse({
    ...makeLock({ lastSyncedAt: NOW }),
    live: false,
    batteryTrend: [],
    recentEvents: [],
    updateAvailable: false,
    activityCount: 0,
    ...overrides,
  });
}

export function windowState(overrides: Partial<WindowState> = {}): WindowState {
  const status = overrides.status ?? { kind: 'ok', message: '', retryAt: null };
  const locks = overrides.locks ?? [windowLock()];
  const settings = overrides.settings ?? defaultAppSettings;
  const tray = trayStatusOf(
    status,
    locks.map((lock) => ({ ...lock, revision: null })),
    settings.alerts.lowBatteryPercent,
  );
  return windowStateSchema.parse({
    tray,
    accountLocks: [],
    lastSyncedAt: NOW,
    nextSyncAt: NOW + minutes(1),
    refreshAllowedAt: NOW,
    key: { stored: 'saved', storage: 'encrypted' },
    bridge: { token: 'none', live: { mode: 'off', bridgeOnly: false, message: '' } },
    budget: {
      projectedPerHour: 121,
      budgetPerHour: 350,
      accountLimitPerHour: 700,
      activityPerHour: 221,
    },
    activity: { status: 'off', retryAt: null },
    notices: [],
    demo: false,
    focusLockId: null,
    health: { offlineBridges: [], keyExpiring: null, keyExpiryFromTedee: null },
    operations: idleOperations(),
    ...overrides,
    status,
    locks,
    settings,
  });
}
