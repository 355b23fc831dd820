/**
 * The settings file: plain JSON read here and through read-settings.ts, written whole with
 * writeFileAtomically (readable by the user only, like the key and the history). Not through
 * electron-store: on construction it registers an ipcMain listener of its own
 * ('electron-store-get-data', with no sender check, answering with the userData path), and it
 * would only move bytes here anyway. Whether the file is usable is decided by us, and a file we
 * cannot use is copied aside before anything replaces it.
 */
import { constants, copyFileSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { app } from 'electron';
import type { LoadedSettings, SettingsPort } from '../app/ports.ts';
import { appSettingsSchema, defaultAppSettings } from '../settings/app-settings.ts';
import type { AppSettings } from '../settings/app-settings.ts';
import { isRecord } from '../settings/settings-tree.ts';
import { readSettings } from '../settings/read-settings.ts';
import { writeFileAtomically } from './atomic-file.ts';

export interface SettingsStoreOptions {
  /** Folder of the file; Electron's userData folder when omitted (tests pass a temp folder). */
  cwd?: string;
  /** File name without `.json`. */
  name?: string;
  now?: () => Date;
}

const DEFAULT_NAME = 'settings';

/** A file name part from a time; ':' is not allowed in Windows file names. */
function fileTimestamp(at: Date): string {
  return at.toISOString().replaceAll(':', '-').replace('.', '-');
}

/** The file's text, or null when there is none yet. Other read errors (permissions) propagate. */
function readTextIfPresent(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null;
    throw error;
  }
}

/** The JSON object the text holds (after a byte order mark a Windows editor may add), or null. */
function jsonObjectOf(text: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * Copies the file to `<name>.<label>-<timestamp>.json` beside it and returns the copy's path.
 * COPYFILE_EXCL: an earlier copy is never overwritten; a clash within the same millisecond gets a suffix.
 */
function copyAside(path: string, name: string, label: string, at: Date): string {
  for (let attempt = 0; ; attempt += 1) {
    const suffix = attempt === 0 ? '' : `-${attempt}`;
    const copy = join(dirname(path), `${name}.${label}-${fileTimestamp(at)}${suffix}.json`);
    try {
      copyFileSync(path, copy, constants.COPYFILE_EXCL);
      return copy;
    } catch (error) {
      if (attempt < 10 && error instanceof Error && 'code' in error && error.code === 'EEXIST')
        continue;
      throw error;
    }
  }
}

function resetNotice(fields: readonly string[]): string {
  return `Some settings were not valid and were set back to their defaults: ${fields.join(', ')}.`;
}

export class SettingsStore implements SettingsPort {
  readonly #cwd: string;
  readonly #name: string;
  readonly #now: () => Date;
  /** Set when the file came from a newer app version: it is copied aside before the first save. */
  #futureVersion: number | null = null;

  constructor(options: SettingsStoreOptions = {}) {
    this.#cwd = options.cwd ?? app.getPath('userData');
    this.#name = options.name ?? DEFAULT_NAME;
    this.#now = options.now ?? (() => new Date());
  }

  get path(): string {
    return join(this.#cwd, `${this.#name}.json`);
  }

  load(): LoadedSettings {
    try {
      return this.#read();
    } catch (error) {
      // A file we may not read (permissions, a folder in its place) must not stop the tray app
      // from starting; the file is left alone, and a save will report the same problem.
      const reason =
        error instanceof Error && 'code' in error ? String(error.code) : 'unknown error';
      return {
        settings: structuredClone(defaultAppSettings),
        notices: [
          `The settings file could not be opened (${reason}); the default settings are used for now.`,
        ],
      };
    }
  }

  #read(): LoadedSettings {
    const notices: string[] = [];
    const text = readTextIfPresent(this.path);
    const stored = text === null ? {} : jsonObjectOf(text);
    if (stored === null) {
      // Not JSON, or JSON that is no object (an array, a number): keep the user's bytes, then
      // start over from defaults.
      const copy = copyAside(this.path, this.#name, 'corrupt', this.#now());
      rmSync(this.path, { force: true });
      notices.push(
        `The settings file could not be read and was kept as ${copy}; the default settings are used.`,
      );
    }

    const { settings, resetFields, futureVersion } = readSettings(stored ?? {});
    this.#futureVersion = futureVersion;
    if (futureVersion !== null) {
      notices.push(
        `The settings were saved by a newer version of Tedee Tray (format ${futureVersion}); the settings this version understands were kept. A copy of the file is kept before this version saves over it.`,
      );
    }
    // The file itself is left as it is until the next save: a value read back as its default
    // is reported again on the next start, rather than the user's text being dropped unasked.
    if (resetFields.length > 0) notices.push(resetNotice(resetFields));
    return { settings, notices };
  }

  /** @throws when `settings` does not satisfy the schema: callers hand over validated settings. */
  save(settings: AppSettings): void {
    const valid = appSettingsSchema.parse(settings);
    if (this.#futureVersion !== null) {
      // A newer version may keep fields this one drops; downgrading must not lose them for good.
      if (readTextIfPresent(this.path) !== null)
        copyAside(this.path, this.#name, `v${this.#futureVersion}`, this.#now());
      this.#futureVersion = null;
    }
    // Tab-indented as before (electron-store's format): a person may read or edit the file.
    writeFileAtomically(this.path, `${JSON.stringify(valid, null, '\t')}\n`);
  }
}

export function createSettingsStore(options: SettingsStoreOptions = {}): SettingsPort {
  return new SettingsStore(options);
}
