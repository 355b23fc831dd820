/**
 * A setting added to the schema and the defaults, and nowhere else, is read from the file and
 * changed by the window like any other: nothing between the schema and the form names settings
 * one by one. The schema here gains a top-level value, a value inside an existing group and a
 * new group, as a future version of app-settings.ts might.
 */
import { z } from 'zod';
import { describe, expect, it, vi } from 'vitest';
import { alertSettingsSchema } from '../../main/engine/monitor-settings.ts';
import { applySettingsUpdate } from '../../main/settings/settings-update.ts';
import { readSettings } from '../../main/settings/read-settings.ts';
import { defaultAppSettings } from '../../main/settings/app-settings.ts';

vi.mock(import('../../main/settings/app-settings.ts'), async (importOriginal) => {
  const actual = await importOriginal();
  const appSettingsSchema = actual.appSettingsSchema.extend({
    theme: z.enum(['light', 'dark']),
    alerts: alertSettingsSchema.extend({ repeatMinutes: z.number().int().min(1) }),
    tray: z.object({ showCount: z.boolean(), maxLocks: z.number().int().min(1).max(50) }),
  });
  const defaults = appSettingsSchema.parse({
    ...actual.defaultAppSettings,
    theme: 'light',
    alerts: { ...actual.defaultAppSettings.alerts, repeatMinutes: 60 },
    tray: { showCount: false, maxLocks: 10 },
  });
  return { ...actual, appSettingsSchema, defaultAppSettings: defaults };
});

/** The mocked defaults, with the settings this test added. */
const defaults = defaultAppSettings as typeof defaultAppSettings & {
  theme: string;
  alerts: { repeatMinutes: number };
  tray: { showCount: boolean; maxLocks: number };
};

describe('a setting that only the schema and the defaults know', () => {
  it('reaches the settings from a change sent by the window', () => {
    const next = applySettingsUpdate(defaults, {
      theme: 'dark',
      alerts: { repeatMinutes: 15 },
      tray: { maxLocks: 20 },
    } as never);
    expect(next).toEqual({
      ...defaults,
      theme: 'dark',
      alerts: { ...defaults.alerts, repeatMinutes: 15 },
      tray: { showCount: false, maxLocks: 20 },
    });
  });

  it('is checked by its own rule, with nothing changed when it fails', () => {
    expect(() =>
      applySettingsUpdate(defaults, { theme: 'dark', tray: { maxLocks: 51 } } as never),
    ).toThrow(/50/);
    expect(() => applySettingsUpdate(defaults, { tray: { hidden: true } } as never)).toThrow(
      'There is no setting called "tray.hidden".',
    );
  });

  it('is read from the file, and falls back on its own when it is bad', () => {
    const good = readSettings({
      ...defaults,
      theme: 'dark',
      tray: { showCount: true, maxLocks: 5 },
    });
    expect(good.settings).toEqual({
      ...defaults,
      theme: 'dark',
      tray: { showCount: true, maxLocks: 5 },
    });
    expect(good.resetFields).toEqual([]);

    const bad = readSettings({
      ...defaults,
      theme: 'neon',
      tray: { showCount: true, maxLocks: 0 },
    });
    expect(bad.settings).toEqual({ ...defaults, tray: { showCount: true, maxLocks: 10 } });
    expect(bad.resetFields).toEqual(['theme', 'tray.maxLocks']);
  });
});
