import { describe, expect, it } from 'vitest';
import { appSettingsSchema, defaultAppSettings } from '../../main/settings/app-settings.ts';
import { readSettings } from '../../main/settings/read-settings.ts';

/** A valid v1 file that differs from the defaults everywhere it can. */
const customised = {
  schemaVersion: 1,
  poll: { intervalSeconds: 60, budgetPerHour: 200 },
  alerts: {
    enabled: {
      disconnected: false,
      reconnected: false,
      'battery-low': true,
      'left-unlocked': true,
      'door-open': true,
      'api-unreachable': false,
      'key-rejected': true,
      'bridge-offline': false,
      'door-sensor-battery-low': false,
      'key-expiring': false,
      unlocked: true,
      jammed: false,
      'incorrect-pin': false,
    },
    lowBatteryPercent: 35,
    leftUnlockedMinutes: 15,
    doorOpenMinutes: 3,
    unlockedLockSerials: ['10000001-000002'],
    snoozeUntil: 1_760_000_000_000,
  },
  selection: { serials: ['10000001-000001', '10000001-000002'] },
  startAtLogin: true,
  apiUrl: 'http://127.0.0.1:8123',
  keyExpiresOn: '2027-05-31',
  window: { compactAbove: 12 },
  bridge: {
    enabled: true,
    address: 'http://192.168.1.20',
    authMode: 'plain',
    callbackHost: '192.168.1.30',
    callbackPort: 47_100,
    lanPollSeconds: 5,
  },
  operations: { allowUnlock: true },
};

describe('readSettings: no file, or not an object', () => {
  it('gives the defaults and reports nothing when there is no file yet', () => {
    expect(readSettings(undefined)).toEqual({
      settings: defaultAppSettings,
      resetFields: [],
      futureVersion: null,
    });
  });

  it('leaves unlocking and pulling off until the user turns them on', () => {
    // Only locking, the safe direction, is offered from a fresh start.
    expect(readSettings(undefined).settings.operations).toEqual({ allowUnlock: false });
  });

  it('gives the defaults for an empty object without reporting anything', () => {
    expect(readSettings({})).toEqual({
      settings: defaultAppSettings,
      resetFields: [],
      futureVersion: null,
    });
  });

  it.each([null, 42, 'text', [1, 2], true])(
    'gives the defaults for %j and reports every field as reset',
    (raw) => {
      const result = readSettings(raw);
      expect(result.settings).toEqual(defaultAppSettings);
      expect(result.resetFields).toEqual([
        'poll',
        'alerts',
        'selection',
        'startAtLogin',
        'apiUrl',
        'keyExpiresOn',
        'window',
        'bridge',
        'operations',
      ]);
    },
  );
});

describe('readSettings: a valid v1 file', () => {
  it('keeps every value and reports nothing', () => {
    expect(readSettings(customised)).toEqual({
      settings: customised,
      resetFields: [],
      futureVersion: null,
    });
  });

  it('drops keys it does not know, and does not count them as reset', () => {
    const result = readSettings({
      ...customised,
      theme: 'dark',
      poll: { ...customised.poll, jitter: 3 },
    });
    expect(result.settings).toEqual(customised);
    expect(result.resetFields).toEqual([]);
  });

  it('fills a field missing from the file with its default, silently', () => {
    const { startAtLogin: _omitted, ...withoutStartAtLogin } = customised;
    const result = readSettings(withoutStartAtLogin);
    expect(result.settings).toEqual({ ...customised, startAtLogin: false });
    expect(result.resetFields).toEqual([]);
  });
});

describe('readSettings: one bad value', () => {
  it('resets only that leaf and keeps every other value, nested ones included', () => {
    const result = readSettings({
      ...customised,
      alerts: { ...customised.alerts, lowBatteryPercent: 500 },
    });
    expect(result.settings).toEqual({
      ...customised,
      alerts: { ...customised.alerts, lowBatteryPercent: 20 },
    });
    expect(result.resetFields).toEqual(['alerts.lowBatteryPercent']);
  });

  it('resets a one-line cut-off out of range, or not whole, to 50 locks', () => {
    for (const compactAbove of [-1, 1001, 2.5, '20']) {
      const result = readSettings({ ...customised, window: { compactAbove } });
      expect(result.settings).toEqual({ ...customised, window: { compactAbove: 50 } });
      expect(result.resetFields).toEqual(['window.compactAbove']);
    }
  });

  it('resets one alert kind to its own default and keeps the other kinds', () => {
    const enabled = { ...customised.alerts.enabled, 'door-open': 'yes' };
    const result = readSettings({ ...customised, alerts: { ...customised.alerts, enabled } });
    // door-open is off by default: the bad value becomes false, the user's other choices stay.
    expect(result.settings.alerts.enabled).toEqual({
      ...customised.alerts.enabled,
      'door-open': false,
    });
    expect(result.settings.alerts.lowBatteryPercent).toBe(35);
    expect(result.resetFields).toEqual(['alerts.enabled.door-open']);
  });

  it('names every bad leaf by its dotted path', () => {
    const result = readSettings({
      ...customised,
      poll: { intervalSeconds: 'often', budgetPerHour: 200 },
      alerts: {
        ...customised.alerts,
        snoozeUntil: 'tomorrow',
        enabled: { ...customised.alerts.enabled, reconnected: 1 },
      },
      apiUrl: 'ftp://example.com',
      startAtLogin: 'yes',
    });
    expect(result.resetFields.sort()).toEqual(
      [
        'alerts.enabled.reconnected',
        'alerts.snoozeUntil',
        'apiUrl',
        'poll.intervalSeconds',
        'startAtLogin',
      ].sort(),
    );
    expect(result.settings.poll).toEqual({ intervalSeconds: 30, budgetPerHour: 200 });
    expect(result.settings.selection).toEqual(customised.selection);
    expect(result.settings.alerts.leftUnlockedMinutes).toBe(15);
  });

  it.each([
    ['startAtLogin', { startAtLogin: null }, { startAtLogin: false }],
    ['apiUrl', { apiUrl: null }, { apiUrl: defaultAppSettings.apiUrl }],
    ['selection', { selection: null }, { selection: 'all' }],
    ['alerts', { alerts: null }, { alerts: defaultAppSettings.alerts }],
    [
      'poll.intervalSeconds',
      { poll: { ...customised.poll, intervalSeconds: null } },
      { poll: { ...customised.poll, intervalSeconds: 30 } },
    ],
    [
      'alerts.lowBatteryPercent',
      { alerts: { ...customised.alerts, lowBatteryPercent: null } },
      { alerts: { ...customised.alerts, lowBatteryPercent: 20 } },
    ],
  ])(
    'takes the default for %s set to null, and says so: null is a value, not an absent field',
    (path, change, expected) => {
      const result = readSettings({ ...customised, ...change });
      expect(result.settings).toEqual({ ...customised, ...expected });
      expect(result.resetFields).toEqual([path]);
    },
  );

  it('keeps a null where null is a valid value (no snooze)', () => {
    const result = readSettings({
      ...customised,
      alerts: { ...customised.alerts, snoozeUntil: null },
    });
    expect(result.settings.alerts.snoozeUntil).toBeNull();
    expect(result.resetFields).toEqual([]);
  });

  it.each(['ftp://127.0.0.1:8123', 'http://192.168.1.5', 'https://user:pw@api.tedee.com'])(
    'resets an API address %s that is neither https nor http on this machine',
    (apiUrl) => {
      const result = readSettings({ ...customised, apiUrl });
      expect(result.settings.apiUrl).toBe(defaultAppSettings.apiUrl);
      expect(result.resetFields).toEqual(['apiUrl']);
    },
  );

  it('resets a group that is not an object as a whole', () => {
    const result = readSettings({ ...customised, alerts: 'loud' });
    expect(result.settings).toEqual({ ...customised, alerts: defaultAppSettings.alerts });
    expect(result.resetFields).toEqual(['alerts']);
  });

  it('resets a bad lock selection to all locks', () => {
    const result = readSettings({ ...customised, selection: { serials: [''] } });
    expect(result.settings.selection).toBe('all');
    expect(result.resetFields).toEqual(['selection']);
  });
});

describe('readSettings: cross-field rules', () => {
  it('resets the whole poll group when interval and budget disagree, and keeps the other groups', () => {
    // Every 20 s is 181 requests an hour; a budget of 100 cannot carry it, though each value alone is valid.
    const result = readSettings({
      ...customised,
      poll: { intervalSeconds: 20, budgetPerHour: 100 },
    });
    expect(result.settings.poll).toEqual(defaultAppSettings.poll);
    expect(result.settings.alerts).toEqual(customised.alerts);
    expect(result.resetFields).toEqual(['poll']);
  });

  it('reports the group once, not its leaves as well, when a leaf reset leads to a group reset', () => {
    // The bad interval falls back to 30 s (121 requests/hour), which a budget of 50 still cannot carry.
    const result = readSettings({ ...customised, poll: { intervalSeconds: 5, budgetPerHour: 50 } });
    expect(result.settings.poll).toEqual(defaultAppSettings.poll);
    expect(result.resetFields).toEqual(['poll']);
  });
});

describe('readSettings: versions', () => {
  it('migrates a pre-release file (no schemaVersion, flat poll and alert fields) into the v1 shape', () => {
    const result = readSettings({
      intervalSeconds: 90,
      lowBatteryPercent: 40,
      selectedSerials: ['10000001-000009'],
      startAtLogin: true,
    });
    expect(result).toEqual({
      settings: {
        ...defaultAppSettings,
        poll: { ...defaultAppSettings.poll, intervalSeconds: 90 },
        alerts: { ...defaultAppSettings.alerts, lowBatteryPercent: 40 },
        selection: { serials: ['10000001-000009'] },
        startAtLogin: true,
      },
      resetFields: [],
      futureVersion: null,
    });
  });

  it('reports a bad value carried over from a pre-release file by its new path', () => {
    const result = readSettings({ intervalSeconds: 90, lowBatteryPercent: 2 });
    expect(result.settings.poll.intervalSeconds).toBe(90);
    expect(result.settings.alerts.lowBatteryPercent).toBe(20);
    expect(result.resetFields).toEqual(['alerts.lowBatteryPercent']);
  });

  it('migrates a file that says schemaVersion 0 like one without a version', () => {
    const result = readSettings({ schemaVersion: 0, intervalSeconds: 90 });
    expect(result.settings.poll.intervalSeconds).toBe(90);
    expect(result.resetFields).toEqual([]);
  });

  it('keeps the groups of a file without schemaVersion that is already in the current layout', () => {
    // Someone wrote the file by hand from the README and left the version out.
    const { schemaVersion: _, ...unversioned } = customised;
    const result = readSettings(unversioned);
    expect(result.settings).toEqual(customised);
    expect(result.resetFields).toEqual([]);
  });

  it('reports a pre-release selection that is not a list, and selects all locks', () => {
    const result = readSettings({ selectedSerials: '10000001-000009' });
    expect(result.settings.selection).toBe('all');
    expect(result.resetFields).toEqual(['selection']);
  });

  it('does not run the pre-release migration on a file whose version cannot be read', () => {
    const result = readSettings({ schemaVersion: 'one', intervalSeconds: 90 });
    expect(result.settings.poll.intervalSeconds).toBe(defaultAppSettings.poll.intervalSeconds);
    expect(result.resetFields).toEqual(['schemaVersion']);
  });

  it('keeps what parses from a file of a newer version and says which version it was', () => {
    const result = readSettings({
      ...customised,
      schemaVersion: 3,
      poll: { ...customised.poll, mode: 'push' },
      cloud: {},
    });
    expect(result.settings).toEqual(customised);
    expect(result.futureVersion).toBe(3);
    expect(result.resetFields).toEqual([]);
  });

  it('does not run the pre-release migration on a newer file that happens to have flat fields', () => {
    const result = readSettings({ schemaVersion: 2, intervalSeconds: 90 });
    expect(result.settings.poll.intervalSeconds).toBe(30);
    expect(result.futureVersion).toBe(2);
  });

  it.each(['1', -1, 1.5, null])(
    'reports an unusable schemaVersion %j and still keeps the fields',
    (schemaVersion) => {
      const result = readSettings({ ...customised, schemaVersion });
      expect(result.settings).toEqual(customised);
      expect(result.resetFields).toEqual(['schemaVersion']);
      expect(result.futureVersion).toBeNull();
    },
  );

  it('always returns settings the schema accepts', () => {
    expect(
      appSettingsSchema.safeParse(readSettings({ schemaVersion: 99, poll: 1 }).settings).success,
    ).toBe(true);
  });
});
