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
      applySettingsUpdate(defaultAppSettings, { poll: { budgetPerHour: 100, intervalSeconds: 40 } })
        .poll.budgetPerHour,
    ).toBe(100);
  });

  it('trims the API address and accepts loopback http for the simulator', () => {
    expect(
      applySettingsUpdate(defaultAppSettings, { apiUrl: '  http://127.0.0.1:8080 ' }).apiUrl,
    ).toBe('http://127.0.0.1:8080');
  });
});
