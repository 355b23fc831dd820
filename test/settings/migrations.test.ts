import { describe, expect, it } from 'vitest';
import { SETTINGS_SCHEMA_VERSION } from '../../main/settings/app-settings.ts';
import {
  fileVersionOf,
  migrateSettings,
  settingsMigrations,
} from '../../main/settings/migrations.ts';
import type { SettingsMigration } from '../../main/settings/migrations.ts';

describe('settings migrations', () => {
  it('form an unbroken chain from version 0 to the current schemaVersion', () => {
    expect(settingsMigrations.map((step) => step.from)).toEqual([
      ...Array(SETTINGS_SCHEMA_VERSION).keys(),
    ]);
  });

  it('read a missing schemaVersion as the pre-release version 0', () => {
    expect(fileVersionOf({})).toEqual({ kind: 'known', version: 0 });
    expect(fileVersionOf({ schemaVersion: 1 })).toEqual({ kind: 'known', version: 1 });
    expect(fileVersionOf({ schemaVersion: 2 })).toEqual({ kind: 'future', version: 2 });
    expect(fileVersionOf({ schemaVersion: 'one' })).toEqual({ kind: 'unreadable' });
  });

  it('move the flat pre-release fields into their groups and stamp the new version', () => {
    const { raw } = migrateSettings({
      intervalSeconds: 45,
      lowBatteryPercent: 25,
      selectedSerials: ['A'],
      apiUrl: 'https://x.test',
    });
    expect(raw).toEqual({
      schemaVersion: 1,
      poll: { intervalSeconds: 45 },
      alerts: { lowBatteryPercent: 25 },
      selection: { serials: ['A'] },
      apiUrl: 'https://x.test',
    });
  });

  it('read an empty pre-release selection as all locks', () => {
    expect(migrateSettings({ selectedSerials: [] }).raw.selection).toBe('all');
  });

  it('leave a current file untouched', () => {
    const raw = { schemaVersion: 1, poll: { intervalSeconds: 45 } };
    expect(migrateSettings(raw).raw).toBe(raw);
  });

  it('run the steps in order, from the file version only', () => {
    const ran: number[] = [];
    const steps: SettingsMigration[] = [0, 1, 2].map((from) => ({
      from,
      migrate: (raw) => {
        ran.push(from);
        return raw;
      },
    }));
    expect(migrateSettings({ schemaVersion: 1 }, steps).raw.schemaVersion).toBe(3);
    expect(ran).toEqual([1, 2]);
  });
});
