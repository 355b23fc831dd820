/**
 * What the user may set about monitoring, read as the user meets it: the defaults, every
 * range's edges, and the sentence each refusal shows. The numbers are written out here, not
 * imported, so that changing a rule in the code fails a test.
 */
import { describe, expect, it } from 'vitest';
import {
  alertSettingsSchema,
  defaultAlertSettings,
  defaultPollSettings,
  HEALTH_READS_PER_HOUR,
  InvalidSettingError,
  keyExpiryDateSchema,
  parseSettings,
  pollSettingsSchema,
  projectedRequestsPerHour,
} from '../../main/engine/monitor-settings.ts';

const poll = (values: object) => () =>
  parseSettings(pollSettingsSchema, { ...defaultPollSettings, ...values });
const alerts = (values: object) => () =>
  parseSettings(alertSettingsSchema, { ...defaultAlertSettings, ...values });

describe('the defaults', () => {
  it('poll every 30 s within 350 requests an hour', () => {
    expect(defaultPollSettings).toEqual({ intervalSeconds: 30, budgetPerHour: 350 });
  });

  it('alert on what needs the user, not on every unlock, a door left open or unlocked', () => {
    expect(defaultAlertSettings).toEqual({
      enabled: {
        disconnected: true,
        reconnected: true,
        'battery-low': true,
        'left-unlocked': false,
        'door-open': false,
        'api-unreachable': true,
        'key-rejected': true,
        'bridge-offline': true,
        'door-sensor-battery-low': true,
        'key-expiring': true,
        unlocked: false,
        jammed: true,
        'incorrect-pin': true,
      },
      lowBatteryPercent: 20,
      leftUnlockedMinutes: 10,
      doorOpenMinutes: 5,
      unlockedLockSerials: null,
      snoozeUntil: null,
    });
  });

  it('need a switch for every alert kind', () => {
    const { jammed: _left, ...withoutJammed } = defaultAlertSettings.enabled;
    expect(alerts({ enabled: withoutJammed })).toThrow(InvalidSettingError);
  });
});

describe('the interval', () => {
  it('is 20 s at least, Tedee’s gap between two syncs of a lock', () => {
    expect(poll({ intervalSeconds: 20 })().intervalSeconds).toBe(20);
    expect(poll({ intervalSeconds: 19 })).toThrow(
      'The interval must be at least 20 seconds: Tedee allows one sync per lock every 20 seconds.',
    );
  });

  it('is a day at most', () => {
    expect(poll({ intervalSeconds: 86_400 })().intervalSeconds).toBe(86_400);
    expect(poll({ intervalSeconds: 86_401 })).toThrow(
      'The interval must be at most 86400 seconds (one day).',
    );
  });

  it('is whole seconds', () => {
    expect(poll({ intervalSeconds: 30.5 })).toThrow(
      'The interval must be a whole number of seconds.',
    );
  });
});

describe('the hourly budget', () => {
  it('is 1 to Tedee’s 700 requests per account, whole', () => {
    expect(poll({ budgetPerHour: 700 })().budgetPerHour).toBe(700);
    expect(poll({ budgetPerHour: 701 })).toThrow(
      'Tedee allows at most 700 requests per hour per account.',
    );
    expect(poll({ budgetPerHour: 0, intervalSeconds: 86_400 })).toThrow(InvalidSettingError);
    expect(poll({ budgetPerHour: 22.5, intervalSeconds: 86_400 })).toThrow(InvalidSettingError);
    expect(poll({ budgetPerHour: 22, intervalSeconds: 86_400 })().budgetPerHour).toBe(22);
  });

  it('must hold the polls the interval plans plus 20 kept for lock operations', () => {
    // Every 20 s: 180 syncs and one lock list an hour, 181, and 20 more for operations.
    expect(projectedRequestsPerHour(20)).toBe(181);
    expect(poll({ intervalSeconds: 20, budgetPerHour: 201 })()).toEqual({
      intervalSeconds: 20,
      budgetPerHour: 201,
    });
    expect(poll({ intervalSeconds: 20, budgetPerHour: 200 })).toThrow(
      new InvalidSettingError(
        'Polling every 20 s needs about 181 requests per hour, and 20 more are kept for locking and unlocking: 201, more than the budget of 200.',
      ),
    );
  });

  it('counts a started interval as a whole sync, plus the hourly lock list', () => {
    expect(projectedRequestsPerHour(30)).toBe(121);
    expect(projectedRequestsPerHour(7)).toBe(516);
    expect(projectedRequestsPerHour(3600)).toBe(2);
  });

  it('leaves the reads beyond the syncs 8 an hour: details every 10 minutes, sensors, the key', () => {
    expect(HEALTH_READS_PER_HOUR).toBe(8);
  });
});

describe('the alert settings', () => {
  it('take a low-battery threshold of 5 to 95 whole percent', () => {
    const message = 'The low-battery threshold must be a whole number between 5 and 95 %.';
    expect(alerts({ lowBatteryPercent: 5 })().lowBatteryPercent).toBe(5);
    expect(alerts({ lowBatteryPercent: 95 })().lowBatteryPercent).toBe(95);
    expect(alerts({ lowBatteryPercent: 4 })).toThrow(message);
    expect(alerts({ lowBatteryPercent: 96 })).toThrow(message);
    expect(alerts({ lowBatteryPercent: 20.5 })).toThrow(message);
  });

  it.each(['leftUnlockedMinutes', 'doorOpenMinutes'])(
    'take %s from 1 minute to a day, whole',
    (field) => {
      expect(alerts({ [field]: 1 })()).toMatchObject({ [field]: 1 });
      expect(alerts({ [field]: 1440 })()).toMatchObject({ [field]: 1440 });
      expect(alerts({ [field]: 0 })).toThrow(InvalidSettingError);
      expect(alerts({ [field]: 1441 })).toThrow(InvalidSettingError);
      expect(alerts({ [field]: 2.5 })).toThrow(InvalidSettingError);
    },
  );

  it('take up to 500 lock serials of 1 to 100 characters for the unlock alert, or all locks', () => {
    const serials = (count: number, length = 10) =>
      Array.from({ length: count }, (_, index) => String(index).padStart(length, 'S'));
    expect(alerts({ unlockedLockSerials: null })().unlockedLockSerials).toBeNull();
    expect(alerts({ unlockedLockSerials: serials(500) })().unlockedLockSerials).toHaveLength(500);
    expect(alerts({ unlockedLockSerials: serials(1, 100) })().unlockedLockSerials).toEqual([
      serials(1, 100)[0],
    ]);
    expect(alerts({ unlockedLockSerials: serials(501) })).toThrow(InvalidSettingError);
    expect(alerts({ unlockedLockSerials: serials(1, 101) })).toThrow(InvalidSettingError);
    expect(alerts({ unlockedLockSerials: [''] })).toThrow(InvalidSettingError);
  });

  it('take a snooze until a whole, non-negative time, or none', () => {
    expect(alerts({ snoozeUntil: 0 })().snoozeUntil).toBe(0);
    expect(alerts({ snoozeUntil: null })().snoozeUntil).toBeNull();
    expect(alerts({ snoozeUntil: -1 })).toThrow(InvalidSettingError);
    expect(alerts({ snoozeUntil: 1.5 })).toThrow(InvalidSettingError);
  });
});

describe('the key’s expiry date the user enters', () => {
  const message =
    'Enter the date the key expires as year-month-day, e.g. 2027-05-31, or leave it empty.';
  const read = (text: string | null) => parseSettings(keyExpiryDateSchema, text);

  it('is a real day from 2020 to 2100, without the spaces around it', () => {
    expect(read('2027-05-31')).toBe('2027-05-31');
    expect(read('  2027-05-31 ')).toBe('2027-05-31');
    expect(read('2020-01-01')).toBe('2020-01-01');
    expect(read('2100-12-31')).toBe('2100-12-31');
    expect(read(null)).toBeNull();
  });

  it.each([
    '2019-12-31',
    '2101-01-01',
    '2027-02-30',
    '2027-13-01',
    '2027-5-31',
    'x2027-05-31',
    '2027-05-31x',
    '',
  ])('refuses %j with the format to use', (text) => {
    expect(() => read(text)).toThrow(new InvalidSettingError(message));
  });
});

describe('parseSettings', () => {
  it('returns what the schema read, and refuses with the first problem in the user’s words', () => {
    expect(poll({})()).toEqual(defaultPollSettings);
    let refusal: unknown;
    try {
      poll({ intervalSeconds: 10, budgetPerHour: 900 })();
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(InvalidSettingError);
    expect(String(refusal)).toBe(
      'InvalidSettingError: The interval must be at least 20 seconds: Tedee allows one sync per lock every 20 seconds.',
    );
  });
});
