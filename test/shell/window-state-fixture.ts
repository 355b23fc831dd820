/** A valid WindowState for adapter tests, checked against the contract so it cannot drift. */
import { defaultAppSettings } from '../../main/settings/app-settings.ts';
import { type WindowState, windowStateSchema } from '../../preload/contract.ts';

export function windowStateFixture(overrides: Partial<WindowState> = {}): WindowState {
  return windowStateSchema.parse({
    status: { kind: 'ok', message: '', retryAt: null },
    tray: 'locked',
    locks: [],
    accountLocks: [],
    lastSyncedAt: null,
    nextSyncAt: null,
    refreshAllowedAt: 0,
    key: { stored: 'saved', storage: 'encrypted' },
    settings: defaultAppSettings,
    budget: { projectedPerHour: 121, budgetPerHour: 350, accountLimitPerHour: 700 },
    notices: [],
    demo: false,
    focusLockId: null,
    ...overrides,
  });
}
