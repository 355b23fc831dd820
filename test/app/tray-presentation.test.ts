import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TrayMenuItem, TrayPresentation } from '../../main/app/ports.ts';
import { trayPresentation } from '../../main/app/tray-presentation.ts';
import { APP_STATUS_KINDS, TRAY_STATUSES } from '../../main/engine/monitor-snapshot.ts';
import type { TrayStatus } from '../../main/engine/monitor-snapshot.ts';
import { defaultAppSettings } from '../../main/settings/app-settings.ts';
import { DOOR_STATES, LOCK_STATES } from '../../main/tedee/lock-enums.ts';
import type { LockState } from '../../main/tedee/lock-enums.ts';
import type { WindowLock, WindowState } from '../../preload/contract.ts';
import { idleOperations, minutes, NOW, windowLock, windowState } from './window-state-fixture.ts';

/** en-GB and UTC: 24-hour "14:05" whatever the machine's locale and zone. */
function present(state: WindowState, now = NOW): TrayPresentation {
  return trayPresentation(state, now, 'UTC', 'en-GB');
}

function lineOf(lock: WindowLock, now = NOW): string {
  const line = present(windowState({ locks: [lock] }), now).menu[1];
  if (!line) throw new Error('no lock line');
  return line.label;
}

function item(presentation: TrayPresentation, label: string): TrayMenuItem {
  const found = presentation.menu.find((candidate) => candidate.label === label);
  if (!found)
    throw new Error(`no "${label}" in ${presentation.menu.map((i) => i.label).join(' | ')}`);
  return found;
}

const labels = (presentation: TrayPresentation) => presentation.menu.map((i) => i.label);
const garage = (overrides: Partial<WindowLock>) =>
  windowLock({ id: 2, name: 'Garage', ...overrides });

describe('the tooltip', () => {
  const cases: Array<[TrayStatus, string, WindowState]> = [
    [
      'key-problem',
      'Tedee: key rejected',
      windowState({ status: { kind: 'auth-error', message: 'x', retryAt: null } }),
    ],
    [
      'key-problem',
      'Tedee: key lacks access',
      windowState({ status: { kind: 'forbidden', message: 'x', retryAt: null } }),
    ],
    [
      'key-problem',
      'Tedee: no key set',
      windowState({
        status: { kind: 'auth-error', message: 'x', retryAt: null },
        key: { stored: 'none', storage: 'encrypted' },
      }),
    ],
    [
      'offline',
      'Tedee: offline, last sync 13:55',
      windowState({
        status: { kind: 'offline', message: 'x', retryAt: null },
        lastSyncedAt: NOW - minutes(5),
      }),
    ],
    [
      'offline',
      'Tedee: rate limited until 14:20',
      windowState({ status: { kind: 'rate-limited', message: 'x', retryAt: NOW + minutes(20) } }),
    ],
    [
      'paused',
      'Tedee: monitoring paused',
      windowState({ status: { kind: 'paused', message: 'x', retryAt: null } }),
    ],
    [
      'paused',
      'Tedee: paused until 15:00',
      windowState({ status: { kind: 'paused', message: 'x', retryAt: NOW + minutes(60) } }),
    ],
    [
      'attention',
      'Tedee: Garage disconnected',
      windowState({ locks: [windowLock(), garage({ connected: false })] }),
    ],
    [
      'attention',
      'Tedee: Garage jammed',
      windowState({ locks: [garage({ state: 'semi-locked', lastOperationFailed: true })] }),
    ],
    [
      'attention',
      'Tedee: Garage not calibrated',
      windowState({ locks: [garage({ state: 'uncalibrated' })] }),
    ],
    ['attention', 'Tedee: Garage sent no state', windowState({ locks: [garage({ state: null })] })],
    [
      'attention',
      'Tedee: 2 locks need attention',
      windowState({ locks: [windowLock({ connected: false }), garage({ state: 'unknown' })] }),
    ],
    [
      'unlocked',
      'Tedee: Garage unlocked',
      windowState({ locks: [windowLock(), garage({ state: 'unlocked' })] }),
    ],
    ['unlocked', 'Tedee: Garage door open', windowState({ locks: [garage({ door: 'open' })] })],
    [
      'unlocked',
      'Tedee: 2 locks unlocked or open',
      windowState({ locks: [windowLock({ state: 'pulled' }), garage({ door: 'open' })] }),
    ],
    [
      'low-battery',
      'Tedee: Garage battery low (12 %)',
      windowState({ locks: [windowLock(), garage({ battery: 12 })] }),
    ],
    [
      'busy',
      'Tedee: Garage locking…',
      windowState({ locks: [windowLock(), garage({ state: 'locking' })] }),
    ],
    [
      'locked',
      'Tedee: all 3 locked',
      windowState({ locks: [windowLock(), garage({}), windowLock({ id: 3, name: 'Back door' })] }),
    ],
    ['locked', 'Tedee: Front door locked', windowState()],
    ['no-locks', 'Tedee: no locks to monitor', windowState({ locks: [] })],
    [
      'no-locks',
      'Tedee: starting…',
      windowState({ locks: [], status: { kind: 'starting', message: 'Starting…', retryAt: null } }),
    ],
  ];

  it('has a case for every tray status', () => {
    expect(new Set(cases.map(([status]) => status))).toEqual(new Set(TRAY_STATUSES));
  });

  it.each(cases)('%s: "%s"', (status, tooltip, state) => {
    expect(state.tray).toBe(status);
    const presentation = present(state);
    expect(presentation.status).toBe(status);
    expect(presentation.tooltip).toBe(tooltip);
  });

  it('is cut to the 127 characters a Windows tooltip can hold', () => {
    const tooltip = present(
      windowState({ locks: [garage({ name: 'G'.repeat(200), state: 'unlocked' })] }),
    ).tooltip;
    expect(tooltip).toHaveLength(127);
    expect(tooltip.endsWith('…')).toBe(true);
  });

  it.each([
    ['callbacks', 'Tedee (live): Front door locked'],
    ['lan-polling', 'Tedee (live): Front door locked'],
    ['bridge-unreachable', 'Tedee: Front door locked'],
    ['off', 'Tedee: Front door locked'],
  ] as const)('says "live" in front while the bridge is followed by %s', (mode, tooltip) => {
    const message = mode === 'off' ? '' : `The bridge is in ${mode}.`;
    const presentation = present(
      windowState({
        locks: [windowLock({ name: 'Front door' })],
        bridge: { token: 'saved', live: { mode, bridgeOnly: false, message } },
      }),
    );
    expect(presentation.tooltip).toBe(tooltip);
    // Trays that never show the tooltip have the same in the menu.
    const menuLabels = labels(presentation);
    if (mode === 'off') expect(menuLabels.filter((label) => label.includes('bridge'))).toEqual([]);
    else expect(menuLabels).toContain(message);
  });

  it('keeps "live" when a long tooltip is cut', () => {
    const tooltip = present(
      windowState({
        locks: [garage({ name: 'G'.repeat(200), state: 'unlocked' })],
        bridge: {
          token: 'saved',
          live: { mode: 'callbacks', bridgeOnly: false, message: 'Live.' },
        },
      }),
    ).tooltip;
    expect(tooltip).toHaveLength(127);
    expect(tooltip.startsWith('Tedee (live): GGG')).toBe(true);
  });

  it('formats times in the time zone it is given', () => {
    const state = windowState({
      status: { kind: 'paused', message: 'x', retryAt: NOW + minutes(60) },
    });
    expect(trayPresentation(state, NOW, 'Europe/Warsaw', 'en-GB').tooltip).toBe(
      'Tedee: paused until 16:00',
    );
  });
});

describe('lock lines', () => {
  it('a healthy lock: state, battery, connection', () => {
    expect(lineOf(windowLock({ battery: 54 }))).toBe('Front door: Locked, 54 %, connected');
  });

  it('a disconnected lock says since when, in local time, and nothing stale about its state', () => {
    expect(
      lineOf(garage({ connected: false, state: 'unlocked', disconnectedSince: NOW - minutes(58) })),
    ).toBe('Garage: disconnected since 13:02');
    expect(lineOf(garage({ connected: false, disconnectedSince: null }))).toBe(
      'Garage: disconnected',
    );
  });

  it('a disconnection from another day shows the date too', () => {
    expect(
      lineOf(garage({ connected: false, disconnectedSince: Date.UTC(2026, 10, 24, 9, 15) })),
    ).toBe('Garage: disconnected since 24 Nov 09:15');
  });

  it('an unlocked lock with the door open and a low battery, without a bridge', () => {
    expect(
      lineOf(
        windowLock({
          name: 'Back door',
          state: 'unlocked',
          door: 'open',
          battery: 18,
          connected: null,
        }),
      ),
    ).toBe('Back door: Unlocked, door open, 18 % (low)');
  });

  it('the low mark follows the threshold: at it is low, above it is not', () => {
    expect(lineOf(windowLock({ battery: 20 }))).toBe('Front door: Locked, 20 % (low), connected');
    expect(lineOf(windowLock({ battery: 21 }))).toBe('Front door: Locked, 21 %, connected');
    const settings = {
      ...defaultAppSettings,
      alerts: { ...defaultAppSettings.alerts, lowBatteryPercent: 30 },
    };
    expect(
      present(windowState({ settings, locks: [windowLock({ battery: 25 })] })).menu[1]?.label,
    ).toBe('Front door: Locked, 25 % (low), connected');
  });

  it('a charging lock is not low, and says it is charging', () => {
    expect(lineOf(windowLock({ battery: 12, charging: true }))).toBe(
      'Front door: Locked, 12 %, charging, connected',
    );
  });

  it('an unknown battery is left out', () => {
    expect(lineOf(windowLock({ battery: null }))).toBe('Front door: Locked, connected');
  });

  it('a closed or unpaired door sensor is not mentioned', () => {
    for (const door of DOOR_STATES.filter((d) => d !== 'open')) {
      expect(lineOf(windowLock({ door }))).toBe('Front door: Locked, 80 %, connected');
    }
  });

  it('a semi-locked lock whose last operation failed is jammed', () => {
    expect(lineOf(windowLock({ state: 'semi-locked', lastOperationFailed: true }))).toBe(
      'Front door: Jammed (semi-locked), 80 %, connected',
    );
    expect(lineOf(windowLock({ state: 'semi-locked' }))).toBe(
      'Front door: Semi-locked, 80 %, connected',
    );
  });

  const stateLabels: Array<[LockState | null, string]> = [
    ['uncalibrated', 'Not calibrated'],
    ['calibrating', 'Calibrating…'],
    ['unlocked', 'Unlocked'],
    ['semi-locked', 'Semi-locked'],
    ['unlocking', 'Unlocking…'],
    ['locking', 'Locking…'],
    ['locked', 'Locked'],
    ['pulled', 'Unlocked, latch pulled'],
    ['pulling', 'Pulling the latch…'],
    ['unknown', 'State unknown'],
    ['updating', 'Updating…'],
    [null, 'No state'],
  ];

  it.each(stateLabels)('%s reads "%s"', (state, label) => {
    expect(lineOf(windowLock({ state, battery: null, connected: null }))).toBe(
      `Front door: ${label}`,
    );
  });

  it('covers every lock state', () => {
    expect(stateLabels.map(([state]) => state)).toEqual(expect.arrayContaining([...LOCK_STATES]));
  });

  it('values from before the last successful sync say how old they are', () => {
    expect(lineOf(windowLock({ stale: true, lastSyncedAt: NOW - minutes(30) }))).toBe(
      'Front door: Locked, 80 %, connected (as of 13:30)',
    );
  });

  it('uncalibrated, calibrating, unknown and updating never read as unlocked', () => {
    const notUnlocked = ['uncalibrated', 'calibrating', 'unknown', 'updating'] as const;
    fc.assert(
      fc.property(
        fc.record({
          name: fc.string({ minLength: 1, maxLength: 20 }),
          state: fc.constantFrom(...notUnlocked),
          connected: fc.constantFrom(true, false, null),
          door: fc.constantFrom(...DOOR_STATES, null),
          battery: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
          charging: fc.constantFrom(true, false, null),
          lastOperationFailed: fc.boolean(),
          stale: fc.boolean(),
        }),
        (fields) => {
          const lock = windowLock({
            ...fields,
            disconnectedSince: fields.connected === false ? NOW - minutes(3) : null,
          });
          const line = lineOf(lock);
          expect(line.startsWith(`${fields.name}: `)).toBe(true);
          expect(line.slice(fields.name.length + 2)).not.toMatch(/unlocked/i);
          const tooltip = present(windowState({ locks: [{ ...lock, name: 'Shed' }] })).tooltip;
          expect(tooltip).not.toMatch(/unlocked/i);
        },
      ),
    );
  });
});

describe('the menu', () => {
  it('in order: open window, locks (problems first), sync, actions, quit', () => {
    const state = windowState({
      locks: [windowLock({ battery: 54 }), garage({ state: 'unlocked' })],
      lastSyncedAt: NOW - minutes(2),
    });
    expect(labels(present(state))).toEqual([
      'Open window',
      'Garage: Unlocked, 80 %, connected',
      'Lock Garage',
      'Front door: Locked, 54 %, connected',
      'Last sync 13:58',
      '',
      'Refresh now',
      'Pause monitoring',
      'Start at login',
      'Open logs folder',
      '',
      'Quit',
    ]);
  });

  describe('with many locks', () => {
    /** `count` locks named "Door 1".., those whose number is in `unlocked` unlocked. */
    function doors(count: number, unlocked: readonly number[] = []): WindowState {
      const locks = Array.from({ length: count }, (_lock, index) =>
        windowLock({
          id: index + 1,
          name: `Door ${index + 1}`,
          state: unlocked.includes(index + 1) ? 'unlocked' : 'locked',
        }),
      );
      return windowState({ locks });
    }

    /** The lines between "Open window" and the sync line. */
    function lockPart(presentation: TrayPresentation): TrayMenuItem[] {
      const end = presentation.menu.findIndex((line) => line.label.startsWith('Last sync'));
      return presentation.menu.slice(1, end);
    }

    it('200 locks: ten lock lines, problems first, then one line that opens the window', () => {
      const troubled = [7, 42, 99, 150, 151, 152, 153, 154, 155, 156, 157, 158, 190];
      const part = lockPart(present(doors(200, troubled)));
      // Ten lock lines, each unlocked one followed by its "Lock" item, then the rest in one line.
      const lockLines = part.filter((line) => line.label.startsWith('Door '));
      expect(lockLines.map((line) => line.label.split(':')[0])).toEqual(
        [7, 42, 99, 150, 151, 152, 153, 154, 155, 156].map((door) => `Door ${door}`),
      );
      expect(part.filter((line) => line.label.startsWith('Lock Door '))).toHaveLength(10);
      expect(part).toHaveLength(21);
      expect(part[20]).toEqual({
        label: '190 more (3 need attention)…',
        enabled: true,
        action: { kind: 'open-window' },
      });
    });

    it('says when every lock it does not list is locked', () => {
      const part = lockPart(present(doors(25, [3])));
      expect(part[0]?.label).toBe('Door 3: Unlocked, 80 %, connected');
      expect(part.at(-1)?.label).toBe('15 more, all locked…');
    });

    it('lists ten locks or fewer in full, ordered by name as people read it', () => {
      const part = lockPart(present(doors(10)));
      expect(part.map((line) => line.label.split(':')[0])).toEqual(
        Array.from({ length: 10 }, (_door, index) => `Door ${index + 1}`),
      );
    });
  });

  it('lock lines and the sync line are information only', () => {
    const presentation = present(windowState());
    for (const index of [1, 2])
      expect(presentation.menu[index]).toEqual({ label: expect.any(String), enabled: false });
    expect(presentation.menu.filter((i) => i.type === 'separator')).toHaveLength(2);
  });

  it('"Open window" comes first, whatever the state (AppIndicator has no click)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...APP_STATUS_KINDS),
        fc.array(fc.constantFrom(...LOCK_STATES, null), { maxLength: 4 }),
        fc.boolean(),
        (kind, states, connected) => {
          const locks = states.map((state, index) =>
            windowLock({ id: index + 1, name: `Lock ${index + 1}`, state, connected }),
          );
          const first = present(
            windowState({ status: { kind, message: 'm', retryAt: null }, locks }),
          ).menu[0];
          expect(first).toEqual({
            label: 'Open window',
            enabled: true,
            action: { kind: 'open-window' },
          });
        },
      ),
    );
  });

  it('says when nothing has synced yet, and when there are no locks', () => {
    const presentation = present(windowState({ locks: [], lastSyncedAt: null }));
    expect(labels(presentation).slice(0, 3)).toEqual([
      'Open window',
      'No locks monitored',
      'Not synced yet',
    ]);
  });

  it.each([
    [{ kind: 'starting', message: 'Checking the key…', retryAt: null }, 'Checking the key…'],
    [{ kind: 'offline', message: 'x', retryAt: null }, "Can't reach Tedee: retrying at 14:01"],
    [
      { kind: 'rate-limited', message: 'x', retryAt: NOW + minutes(20) },
      'Rate limited until 14:20',
    ],
    [{ kind: 'auth-error', message: 'x', retryAt: null }, 'Key rejected: open the window to fix'],
    [
      { kind: 'forbidden', message: 'x', retryAt: null },
      'Key lacks the Device.Read scope: open the window to fix',
    ],
    [{ kind: 'paused', message: 'x', retryAt: null }, 'Paused until resumed'],
    [{ kind: 'paused', message: 'x', retryAt: NOW + minutes(60) }, 'Paused until 15:00'],
  ] as const)('status %o adds the line "%s" after the sync line', (status, line) => {
    const menu = labels(present(windowState({ status })));
    expect(menu[menu.indexOf('Last sync 14:00') + 1]).toBe(line);
  });

  it('an ok status adds no status line', () => {
    const menu = labels(
      present(windowState({ status: { kind: 'ok', message: 'Dropped: Shed.', retryAt: null } })),
    );
    expect(menu[menu.indexOf('Last sync 14:00') + 1]).toBe('');
  });

  it('offers to add a key when none is stored', () => {
    const state = windowState({
      status: { kind: 'auth-error', message: 'x', retryAt: null },
      key: { stored: 'none', storage: 'encrypted' },
    });
    expect(labels(present(state))).toContain('No key set: open the window to add one');
  });
});

describe('menu actions', () => {
  it('refresh is enabled once Tedee allows it', () => {
    expect(item(present(windowState({ refreshAllowedAt: NOW })), 'Refresh now')).toEqual({
      label: 'Refresh now',
      enabled: true,
      action: { kind: 'refresh-now' },
    });
  });

  it('refresh is disabled, with the time, while the 20 s rule holds it back', () => {
    const state = windowState({ refreshAllowedAt: NOW + 20_000 });
    expect(item(present(state), 'Refresh available at 14:00:20').enabled).toBe(false);
    expect(labels(present(state, NOW + 20_000))).toContain('Refresh now');
  });

  it.each([
    [
      'paused',
      windowState({
        status: { kind: 'paused', message: 'x', retryAt: null },
        refreshAllowedAt: NOW + 20_000,
      }),
    ],
    ['key rejected', windowState({ status: { kind: 'auth-error', message: 'x', retryAt: null } })],
    ['key refused', windowState({ status: { kind: 'forbidden', message: 'x', retryAt: null } })],
    ['no key', windowState({ key: { stored: 'none', storage: 'unavailable' } })],
  ])('refresh is disabled when polling cannot run (%s)', (_, state) => {
    expect(item(present(state), 'Refresh now').enabled).toBe(false);
  });

  it('pause offers one hour or until resumed', () => {
    const pause = item(present(windowState()), 'Pause monitoring');
    expect(pause.action).toBeUndefined();
    expect(pause.submenu).toEqual([
      { label: 'For 1 hour', enabled: true, action: { kind: 'pause', minutes: 60 } },
      { label: 'Until resumed', enabled: true, action: { kind: 'pause', minutes: null } },
    ]);
    expect(labels(present(windowState()))).not.toContain('Resume monitoring');
  });

  it('when paused, resume replaces pause', () => {
    const presentation = present(
      windowState({ status: { kind: 'paused', message: 'x', retryAt: null } }),
    );
    expect(item(presentation, 'Resume monitoring')).toEqual({
      label: 'Resume monitoring',
      enabled: true,
      action: { kind: 'resume' },
    });
    expect(labels(presentation)).not.toContain('Pause monitoring');
  });

  it.each([true, false])(
    '"Start at login" is a checkbox showing the setting (%s)',
    (startAtLogin) => {
      const presentation = present(
        windowState({ settings: { ...defaultAppSettings, startAtLogin } }),
      );
      expect(item(presentation, 'Start at login')).toEqual({
        label: 'Start at login',
        enabled: true,
        type: 'checkbox',
        checked: startAtLogin,
        action: { kind: 'toggle-start-at-login' },
      });
    },
  );

  it('logs and quit', () => {
    const presentation = present(windowState());
    expect(item(presentation, 'Open logs folder').action).toEqual({ kind: 'open-logs' });
    expect(presentation.menu.at(-1)).toEqual({
      label: 'Quit',
      enabled: true,
      action: { kind: 'quit' },
    });
  });
});

describe('"Lock" in the menu', () => {
  const operations = (
    overrides: Partial<WindowState['operations']>,
  ): WindowState['operations'] => ({ ...idleOperations(), ...overrides });

  it('follows each unlocked or partly locked lock, and locks that lock', () => {
    const state = windowState({
      locks: [
        garage({ state: 'unlocked' }),
        windowLock({ id: 3, name: 'Shed', state: 'semi-locked' }),
        windowLock({ id: 4, name: 'Office', state: 'locked' }),
        windowLock({ id: 5, name: 'Attic', state: 'pulled' }),
      ],
    });
    const menu = present(state).menu;
    expect(item(present(state), 'Lock Garage')).toEqual({
      label: 'Lock Garage',
      enabled: true,
      action: { kind: 'lock', lockId: garage({}).id },
    });
    expect(item(present(state), 'Lock Shed').action).toEqual({ kind: 'lock', lockId: 3 });
    expect(menu.filter((line) => line.label.startsWith('Lock '))).toHaveLength(2);
  });

  it('is left out for a disconnected lock, and for every lock once Tedee refused the key', () => {
    const disconnected = windowState({ locks: [garage({ state: 'unlocked', connected: false })] });
    expect(labels(present(disconnected)).filter((label) => label.startsWith('Lock '))).toEqual([]);
    const refused = windowState({
      locks: [garage({ state: 'unlocked' })],
      operations: operations({ cloudCanOperate: false }),
    });
    expect(labels(present(refused)).filter((label) => label.startsWith('Lock '))).toEqual([]);
  });

  it('says "Locking…" on the lock’s line while it runs, its item disabled', () => {
    const lockId = garage({}).id;
    const state = windowState({
      locks: [garage({ state: 'unlocked' })],
      operations: operations({ running: [{ lockId, operation: 'lock' }] }),
    });
    const menu = present(state).menu;
    expect(menu[1]).toEqual({ label: 'Garage: Locking…', enabled: false });
    expect(menu[2]).toEqual({ label: 'Lock Garage', enabled: false });
  });

  it('says "Unlocking…" for an unlock asked from the window', () => {
    const lockId = garage({}).id;
    const state = windowState({
      locks: [garage({ state: 'locked' })],
      operations: operations({ running: [{ lockId, operation: 'unlock' }] }),
    });
    expect(labels(present(state))[1]).toBe('Garage: Unlocking…');
    expect(labels(present(state))).not.toContain('Lock Garage');
  });
});
