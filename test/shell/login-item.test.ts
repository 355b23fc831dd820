import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Settings, LoginItemSettingsOptions } from 'electron';

const recorded = vi.hoisted(() => ({
  set: [] as unknown[],
  get: [] as unknown[],
  openAtLogin: false,
  wasOpenedAtLogin: false,
  exe: '/opt/Tedee Tray/tedee-tray',
}));

vi.mock('electron', () => {
  const app = {
    setLoginItemSettings: (settings: Settings) => {
      recorded.set.push(settings);
      recorded.openAtLogin = settings.openAtLogin ?? false;
    },
    getLoginItemSettings: (options?: LoginItemSettingsOptions) => {
      recorded.get.push(options);
      return { openAtLogin: recorded.openAtLogin, wasOpenedAtLogin: recorded.wasOpenedAtLogin };
    },
    getPath: (name: string) => {
      if (name !== 'exe') throw new Error(`unexpected getPath(${name})`);
      return recorded.exe;
    },
  };
  return { app, default: { app } };
});

const {
  AUTOSTART_FILE_NAME,
  autostartDirectory,
  createLoginItem,
  quoteExecArgument,
  STARTED_AT_LOGIN_ARG,
  wasStartedAtLogin,
} = await import('../../main/shell/login-item.ts');

beforeEach(() => {
  Object.assign(recorded, {
    set: [],
    get: [],
    openAtLogin: false,
    wasOpenedAtLogin: false,
    exe: '/opt/Tedee Tray/tedee-tray',
  });
});

describe('login item on macOS', () => {
  it('registers through setLoginItemSettings with openAtLogin only (openAsHidden is gone in Electron 45)', () => {
    const item = createLoginItem({ platform: 'darwin' });
    item.setEnabled(true);
    expect(item.isEnabled()).toBe(true);
    item.setEnabled(false);
    expect(item.isEnabled()).toBe(false);
    expect(recorded.set).toEqual([{ openAtLogin: true }, { openAtLogin: false }]);
    expect(recorded.get).toEqual([undefined, undefined]);
  });
});

describe('login item on Windows', () => {
  it('registers with --hidden and asks with the same args (Windows compares them with the Run entry)', () => {
    const item = createLoginItem({ platform: 'win32' });
    item.setEnabled(true);
    expect(item.isEnabled()).toBe(true);
    item.setEnabled(false);
    expect(recorded.set).toEqual([
      { openAtLogin: true, args: ['--hidden'] },
      { openAtLogin: false, args: ['--hidden'] },
    ]);
    expect(recorded.get).toEqual([{ args: ['--hidden'] }]);
  });
});

describe('login item on Linux (XDG autostart)', () => {
  let directory = '';
  const entryFile = () => join(directory, 'autostart', AUTOSTART_FILE_NAME);
  const linuxItem = (env: NodeJS.ProcessEnv = {}) =>
    createLoginItem({ platform: 'linux', autostartDirectory: join(directory, 'autostart'), env });

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'tedee-autostart-'));
  });

  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('writes tedee-tray.desktop with the quoted executable, and never calls setLoginItemSettings (a no-op on Linux)', () => {
    const item = linuxItem();
    expect(item.isEnabled()).toBe(false);
    item.setEnabled(true);
    expect(item.isEnabled()).toBe(true);
    expect(readFileSync(entryFile(), 'utf8')).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Name=Tedee Tray',
        'Comment=Shows whether every Tedee smart lock is locked, connected and charged',
        'Exec="/opt/Tedee Tray/tedee-tray" --hidden',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        'Hidden=false',
        '',
      ].join('\n'),
    );
    expect(recorded.set).toEqual([]);
  });

  it('starts the AppImage file, not the executable inside its temporary mount', () => {
    recorded.exe = '/tmp/.mount_TedeeXyz/tedee-tray';
    linuxItem({ APPIMAGE: '/home/ana/Apps/Tedee Tray.AppImage' }).setEnabled(true);
    expect(readFileSync(entryFile(), 'utf8')).toContain(
      'Exec="/home/ana/Apps/Tedee Tray.AppImage" --hidden\n',
    );
  });

  it('deletes the entry when disabled, and disabling twice is harmless', () => {
    const item = linuxItem();
    item.setEnabled(true);
    item.setEnabled(false);
    expect(existsSync(entryFile())).toBe(false);
    expect(item.isEnabled()).toBe(false);
    expect(() => item.setEnabled(false)).not.toThrow();
  });

  it('counts an entry the desktop settings switched off as disabled', () => {
    mkdirSync(join(directory, 'autostart'));
    writeFileSync(
      entryFile(),
      '[Desktop Entry]\nType=Application\nX-GNOME-Autostart-enabled=false\n',
    );
    expect(linuxItem().isEnabled()).toBe(false);
    writeFileSync(entryFile(), '[Desktop Entry]\nType=Application\nHidden = true\n');
    expect(linuxItem().isEnabled()).toBe(false);
  });

  it('finds the autostart folder under XDG_CONFIG_HOME when it is an absolute path, else under ~/.config', () => {
    expect(autostartDirectory({ XDG_CONFIG_HOME: '/xdg/config' }, '/home/ana')).toBe(
      '/xdg/config/autostart',
    );
    expect(autostartDirectory({}, '/home/ana')).toBe('/home/ana/.config/autostart');
    // The XDG base directory spec: a relative path in the variable is invalid and ignored.
    expect(autostartDirectory({ XDG_CONFIG_HOME: 'relative/config' }, '/home/ana')).toBe(
      '/home/ana/.config/autostart',
    );
  });

  it('uses XDG_CONFIG_HOME from the environment when no folder is injected', () => {
    const item = createLoginItem({ platform: 'linux', env: { XDG_CONFIG_HOME: directory } });
    item.setEnabled(true);
    expect(existsSync(entryFile())).toBe(true);
  });
});

describe('Exec quoting', () => {
  it('escapes what the Desktop Entry spec reserves inside quotes, then backslashes again as a string value', () => {
    expect(quoteExecArgument('/opt/a b/app')).toBe('"/opt/a b/app"');
    expect(quoteExecArgument('/opt/$HOME/`x`/"q"')).toBe(
      '"/opt/\\\\$HOME/\\\\`x\\\\`/\\\\"q\\\\""',
    );
    // A literal backslash takes four (the spec's own example).
    expect(quoteExecArgument('C:\\app')).toBe('"C:\\\\\\\\app"');
    expect(quoteExecArgument('/opt/100%/app')).toBe('"/opt/100%%/app"');
  });
});

describe('started at login', () => {
  it('macOS: asks Electron (wasOpenedAtLogin), since a login item gets no arguments there', () => {
    expect(wasStartedAtLogin('darwin', [recorded.exe])).toBe(false);
    recorded.wasOpenedAtLogin = true;
    expect(wasStartedAtLogin('darwin', [recorded.exe])).toBe(true);
  });

  it('Windows and Linux: the argument the login item passes', () => {
    recorded.wasOpenedAtLogin = true;
    for (const platform of ['win32', 'linux'] as const) {
      expect(wasStartedAtLogin(platform, [recorded.exe])).toBe(false);
      expect(wasStartedAtLogin(platform, [recorded.exe, STARTED_AT_LOGIN_ARG])).toBe(true);
    }
  });
});
