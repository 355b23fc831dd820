import { describe, expect, it } from 'vitest';
import { InvalidSettingError } from '../../main/engine/monitor-settings.ts';
import { defaultAppSettings } from '../../main/settings/app-settings.ts';
import { applySettingsUpdate } from '../../main/settings/settings-update.ts';

describe('a settings change from the window', () => {
  it('changes only the fields it names', () => {
    const next = applySettingsUpdate(defaultAppSettings, {
      poll: { intervalSeconds: 45 },
      alerts: { enabled: { 'door-open': true } },
    });
    expect(next.poll).toEqual({ ...defaultAppSettings.poll, intervalSeconds: 45 });
    expect(next.alerts.enabled).toEqual({
      ...defaultAppSettings.alerts.enabled,
      'door-open': true,
    });
    expect(next.apiUrl).toBe(defaultAppSettings.apiUrl);
  });

  it('leaves a setting given as undefined unchanged, as if it were left out', () => {
    const next = applySettingsUpdate(defaultAppSettings, {
      poll: { intervalSeconds: undefined, budgetPerHour: 200 },
    });
    expect(next.poll).toEqual({ ...defaultAppSettings.poll, budgetPerHour: 200 });
  });

  it('is all or nothing: one bad value rejects the whole change with its reason', () => {
    const before = structuredClone(defaultAppSettings);
    expect(() =>
      applySettingsUpdate(defaultAppSettings, {
        poll: { intervalSeconds: 45 },
        alerts: { lowBatteryPercent: 200 },
      }),
    ).toThrow(InvalidSettingError);
    expect(() =>
      applySettingsUpdate(defaultAppSettings, { poll: { intervalSeconds: 45 }, apiUrl: 'ftp://x' }),
    ).toThrow(/https/);
    expect(defaultAppSettings).toEqual(before);
  });

  it('checks the interval against the budget', () => {
    expect(() => applySettingsUpdate(defaultAppSettings, { poll: { budgetPerHour: 100 } })).toThrow(
      /more than the budget of 100/,
    );
    expect(
      applySettingsUpdate(defaultAppSettings, { poll: { budgetPerHour: 100, intervalSeconds: 60 } })
        .poll.budgetPerHour,
    ).toBe(100);
  });

  it('takes the one-line list threshold as a whole number of locks from 0 to 1000', () => {
    for (const compactAbove of [0, 1000])
      expect(applySettingsUpdate(defaultAppSettings, { window: { compactAbove } }).window).toEqual({
        compactAbove,
      });
    for (const compactAbove of [-1, 1001, 12.5])
      expect(() => applySettingsUpdate(defaultAppSettings, { window: { compactAbove } })).toThrow(
        'The one-line list must start above a whole number of locks from 0 to 1000.',
      );
  });

  it('trims the API address and accepts loopback http for the simulator', () => {
    expect(
      applySettingsUpdate(defaultAppSettings, { apiUrl: '  http://127.0.0.1:8080 ' }).apiUrl,
    ).toBe('http://127.0.0.1:8080');
  });
});

describe('a settings change of the wrong shape', () => {
  /** What the window might send if it were out of date or compromised; the types forbid it. */
  function applyUnchecked(update: unknown): () => unknown {
    return () => applySettingsUpdate(defaultAppSettings, update as never);
  }

  it.each([
    [{ intervalSeconds: 45 }, 'There is no setting called "intervalSeconds".'],
    [{ poll: { intervalSeconds: 45, jitter: 3 } }, 'There is no setting called "poll.jitter".'],
    [
      { alerts: { enabled: { 'door-open': true, doorbell: true } } },
      'There is no setting called "alerts.enabled.doorbell".',
    ],
    [{ selection: 'all' }, 'There is no setting called "selection".'],
    [
      { poll: { jitter: 3, mode: 'push' } },
      'There is no setting called "poll.jitter", "poll.mode".',
    ],
    [
      { poll: { intervalSeconds: '45' } },
      'The setting "poll.intervalSeconds" must be of type number.',
    ],
    [
      { alerts: { enabled: { 'door-open': 1 } } },
      'The setting "alerts.enabled.door-open" must be of type boolean.',
    ],
    [{ alerts: 'quiet' }, 'The setting "alerts" must be a group of settings.'],
  ])('refuses %j, saying %j, and changes nothing', (update, message) => {
    const before = structuredClone(defaultAppSettings);
    expect(applyUnchecked(update)).toThrow(new InvalidSettingError(message));
    expect(defaultAppSettings).toEqual(before);
  });

  it('keeps a setting’s own words over the generic ones', () => {
    expect(applyUnchecked({ poll: { intervalSeconds: 45.5 } })).toThrow(
      'The interval must be a whole number of seconds.',
    );
    expect(applyUnchecked({ apiUrl: `https://example.com/${'a'.repeat(481)}` })).toThrow(
      'The API address must be at most 500 characters.',
    );
  });
});
