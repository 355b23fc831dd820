import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ userData: '', getPathCalls: [] as string[] }));

vi.mock('electron', () => {
  const app = {
    getPath: (name: string) => {
      electron.getPathCalls.push(name);
      return electron.userData;
    },
  };
  return { app, default: { app } };
});

const { createSettingsStore } = await import('../../main/shell/settings-store.ts');
const { defaultAppSettings } = await import('../../main/settings/app-settings.ts');

let directory = '';
const at = new Date('2025-11-03T08:15:30.123Z');
const now = () => at;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'tedee-settings-'));
  electron.userData = directory;
  electron.getPathCalls.length = 0;
});

afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

const settingsFile = () => join(directory, 'settings.json');
const writeFile = (text: string) => writeFileSync(settingsFile(), text);
const readFile = (): unknown => JSON.parse(readFileSync(settingsFile(), 'utf8'));
const customised = {
  ...defaultAppSettings,
  poll: { intervalSeconds: 60, budgetPerHour: 200 },
  startAtLogin: true,
};

describe('settings store', () => {
  it('starts from the defaults with no notice when there is no file', () => {
    expect(createSettingsStore({ cwd: directory, now }).load()).toEqual({
      settings: defaultAppSettings,
      notices: [],
    });
  });

  it('saves validated settings as JSON, readable by the user only, and reads them back', () => {
    createSettingsStore({ cwd: directory, now }).save(customised);
    expect(readFile()).toEqual(customised);
    expect(statSync(settingsFile()).mode & 0o777).toBe(0o600);
    expect(createSettingsStore({ cwd: directory, now }).load()).toEqual({
      settings: customised,
      notices: [],
    });
  });

  it('uses the userData folder when no folder is given', () => {
    const store = createSettingsStore();
    store.save(customised);
    expect(electron.getPathCalls).toEqual(['userData']);
    expect(readFile()).toEqual(customised);
  });

  it('throws on invalid settings and leaves the file as it was', () => {
    const store = createSettingsStore({ cwd: directory, now });
    store.save(customised);
    expect(() =>
      store.save({ ...customised, poll: { intervalSeconds: 1, budgetPerHour: 350 } }),
    ).toThrow();
    expect(readFile()).toEqual(customised);
  });

  it('keeps a file that is not JSON as settings.corrupt-<time>.json, starts from defaults, and names the copy', () => {
    writeFile('{"poll": {"intervalSeconds": 60,');
    const { settings, notices } = createSettingsStore({ cwd: directory, now }).load();
    const copy = join(directory, 'settings.corrupt-2025-11-03T08-15-30-123Z.json');
    expect(settings).toEqual(defaultAppSettings);
    expect(readFileSync(copy, 'utf8')).toBe('{"poll": {"intervalSeconds": 60,');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(copy);
  });

  it('can save over the set-aside file afterwards, and never overwrites an earlier copy', () => {
    writeFile('not json');
    createSettingsStore({ cwd: directory, now }).load();
    writeFile('still not json');
    const second = createSettingsStore({ cwd: directory, now });
    second.load();
    second.save(customised);
    expect(readFile()).toEqual(customised);
    const copies = readdirSync(directory)
      .filter((name) => name.startsWith('settings.corrupt-'))
      .sort();
    expect(copies).toEqual([
      'settings.corrupt-2025-11-03T08-15-30-123Z-1.json',
      'settings.corrupt-2025-11-03T08-15-30-123Z.json',
    ]);
    expect(readFileSync(join(directory, copies[0] ?? ''), 'utf8')).toBe('still not json');
  });

  it.each(['', '[1, 2]', '42', 'null'])(
    'sets aside a file holding %j, which is no settings object',
    (text) => {
      writeFile(text);
      const { settings, notices } = createSettingsStore({ cwd: directory, now }).load();
      expect(settings).toEqual(defaultAppSettings);
      expect(notices[0]).toContain('settings.corrupt-');
    },
  );

  it('reads a file with a byte order mark (saved by a Windows editor) as it is', () => {
    writeFile(`\uFEFF${JSON.stringify(customised)}`);
    expect(createSettingsStore({ cwd: directory, now }).load()).toEqual({
      settings: customised,
      notices: [],
    });
  });

  it('keeps the other values of a file with one bad field, names the field, and leaves the file alone', () => {
    const text = JSON.stringify({
      ...customised,
      alerts: { ...customised.alerts, lowBatteryPercent: 'low' },
    });
    writeFile(text);
    const { settings, notices } = createSettingsStore({ cwd: directory, now }).load();
    expect(settings).toEqual(customised);
    expect(notices).toEqual([
      'Some settings were not valid and were set back to their defaults: alerts.lowBatteryPercent.',
    ]);
    expect(readFileSync(settingsFile(), 'utf8')).toBe(text);
  });

  it('migrates a pre-release file and writes the v1 layout on the next save', () => {
    writeFile(
      JSON.stringify({ intervalSeconds: 120, lowBatteryPercent: 30, selectedSerials: ['S1'] }),
    );
    const store = createSettingsStore({ cwd: directory, now });
    const { settings, notices } = store.load();
    expect(notices).toEqual([]);
    expect(settings.poll.intervalSeconds).toBe(120);
    expect(settings.alerts.lowBatteryPercent).toBe(30);
    expect(settings.selection).toEqual({ serials: ['S1'] });
    store.save(settings);
    expect(readFile()).toEqual(settings);
  });

  it('says so when the file comes from a newer version, and copies it aside before the first save over it', () => {
    const newer = JSON.stringify({ ...customised, schemaVersion: 2, sharing: { enabled: true } });
    writeFile(newer);
    const store = createSettingsStore({ cwd: directory, now });
    const { settings, notices } = store.load();
    expect(settings).toEqual(customised);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/newer version of Tedee Tray \(format 2\)/);
    expect(readdirSync(directory)).toEqual(['settings.json']);

    store.save(settings);
    store.save(settings);
    expect(readFileSync(join(directory, 'settings.v2-2025-11-03T08-15-30-123Z.json'), 'utf8')).toBe(
      newer,
    );
    expect(readdirSync(directory).filter((name) => name.startsWith('settings.v2-'))).toHaveLength(
      1,
    );
    expect(readFile()).toEqual(customised);
  });

  it('starts from defaults with a notice when the file cannot be opened (a file stands where its folder should be)', () => {
    rmSync(directory, { recursive: true });
    writeFileSync(directory, 'a file, not a folder');
    try {
      const { settings, notices } = createSettingsStore({ cwd: directory, now }).load();
      expect(settings).toEqual(defaultAppSettings);
      expect(notices[0]).toMatch(/could not be opened/);
    } finally {
      rmSync(directory, { force: true });
    }
  });
});
