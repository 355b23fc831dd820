/**
 * Start at login. macOS and Windows register through app.setLoginItemSettings; on Linux that
 * call does nothing, so the app writes an XDG autostart entry itself
 * (https://specifications.freedesktop.org/autostart-spec/latest/).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { app } from 'electron';
import type { LoginItemPort } from '../app/ports.ts';

/**
 * Passed when the system starts the app at login, so start-up can stay in the tray without
 * opening the window. Electron 45 dropped `openAsHidden` (macOS only, and ignored since macOS 13);
 * an argument works on Windows and Linux. macOS passes no arguments to a login item: there,
 * see wasStartedAtLogin.
 */
export const STARTED_AT_LOGIN_ARG = '--hidden';

/** Whether the system started this run at login, in which case the app stays in the tray. */
export function wasStartedAtLogin(platform: NodeJS.Platform, argv: readonly string[]): boolean {
  if (platform === 'darwin') return app.getLoginItemSettings().wasOpenedAtLogin;
  return argv.includes(STARTED_AT_LOGIN_ARG);
}

export const AUTOSTART_FILE_NAME = 'tedee-tray.desktop';

export interface LoginItemOptions {
  platform?: NodeJS.Platform;
  /** Linux: the folder of autostart entries; derived from `env` when omitted. */
  autostartDirectory?: string;
  env?: NodeJS.ProcessEnv;
}

/** $XDG_CONFIG_HOME/autostart; the spec says a relative XDG_CONFIG_HOME is invalid and ignored. */
export function autostartDirectory(env: NodeJS.ProcessEnv, home: string = homedir()): string {
  const configHome = env.XDG_CONFIG_HOME;
  return join(
    configHome !== undefined && isAbsolute(configHome) ? configHome : join(home, '.config'),
    'autostart',
  );
}

/**
 * One Exec argument, quoted by the Desktop Entry rules: inside double quotes `"`, `` ` ``, `$`
 * and `\` take a backslash; then the value is escaped as a string (so `\` doubles again) and
 * `%` is doubled so it is not read as a field code such as %f.
 */
export function quoteExecArgument(argument: string): string {
  const quoted = `"${argument.replace(/[\\"`$]/g, (character) => `\\${character}`)}"`;
  return quoted
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/%/g, '%%');
}

/**
 * In an AppImage, the executable lives in a temporary mount (/tmp/.mount_…) that is gone after
 * exit; the AppImage runtime sets APPIMAGE to the file that must be started instead.
 */
export function autostartEntry(executable: string, env: NodeJS.ProcessEnv): string {
  const program = env.APPIMAGE !== undefined && env.APPIMAGE !== '' ? env.APPIMAGE : executable;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Tedee Tray',
    'Comment=Shows whether every Tedee smart lock is locked, connected and charged',
    `Exec=${quoteExecArgument(program)} ${STARTED_AT_LOGIN_ARG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    'Hidden=false',
    '',
  ].join('\n');
}

/** A present entry still counts as off when the desktop's own settings switched it off. */
function entryIsEnabled(text: string): boolean {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const separator = line.indexOf('=');
    if (separator > 0)
      values.set(line.slice(0, separator).trim(), line.slice(separator + 1).trim());
  }
  return values.get('Hidden') !== 'true' && values.get('X-GNOME-Autostart-enabled') !== 'false';
}

class XdgAutostart implements LoginItemPort {
  readonly #directory: string;
  readonly #file: string;
  readonly #env: NodeJS.ProcessEnv;

  constructor(directory: string, env: NodeJS.ProcessEnv) {
    this.#directory = directory;
    this.#file = join(directory, AUTOSTART_FILE_NAME);
    this.#env = env;
  }

  isEnabled(): boolean {
    try {
      return entryIsEnabled(readFileSync(this.#file, 'utf8'));
    } catch {
      return false;
    }
  }

  setEnabled(enabled: boolean): void {
    if (!enabled) {
      rmSync(this.#file, { force: true });
      return;
    }
    mkdirSync(this.#directory, { recursive: true });
    writeFileSync(this.#file, autostartEntry(app.getPath('exe'), this.#env), { mode: 0o644 });
  }
}

class ElectronLoginItem implements LoginItemPort {
  readonly #platform: NodeJS.Platform;

  constructor(platform: NodeJS.Platform) {
    this.#platform = platform;
  }

  /** Windows compares path and args with the registered entry, so both calls must pass the same args. */
  get #args(): string[] | undefined {
    return this.#platform === 'win32' ? [STARTED_AT_LOGIN_ARG] : undefined;
  }

  isEnabled(): boolean {
    const args = this.#args;
    return app.getLoginItemSettings(args === undefined ? undefined : { args }).openAtLogin;
  }

  setEnabled(enabled: boolean): void {
    const args = this.#args;
    app.setLoginItemSettings(
      args === undefined ? { openAtLogin: enabled } : { openAtLogin: enabled, args },
    );
  }
}

export function createLoginItem(options: LoginItemOptions = {}): LoginItemPort {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  if (platform === 'darwin' || platform === 'win32') return new ElectronLoginItem(platform);
  return new XdgAutostart(options.autostartDirectory ?? autostartDirectory(env), env);
}
