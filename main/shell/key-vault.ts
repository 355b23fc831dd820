/**
 * The Personal Access Key at rest, encrypted by the operating system through Electron's
 * safeStorage (Keychain on macOS, DPAPI on Windows, the Secret Service or KWallet on Linux).
 * It lives in a file of its own, never in the settings file, so a settings backup, a bug
 * report or a corrupt-file copy never carries it.
 *
 * The synchronous safeStorage calls are deprecated in Electron 45's typings in favour of
 * *Async ones; KeyVault is synchronous (the controller reads the key once at start-up), so the
 * sync calls stay until the port changes.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import type { KeyStorage, KeyVault, Logger } from '../app/ports.ts';

export const KEY_FILE_NAME = 'key.bin';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

export function storageOffered(platform: NodeJS.Platform): KeyStorage {
  // False before `ready` on every platform, and on Linux when no secret service answers.
  if (!safeStorage.isEncryptionAvailable()) return 'unavailable';
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    // basic_text: Chromium encrypts with a key hard-coded in its source, i.e. plaintext in effect.
    if (backend === 'basic_text') return 'basic-text';
    // 'unknown' only before `ready`, when nothing can be vouched for yet.
    if (backend === 'unknown') return 'unavailable';
  }
  return 'encrypted';
}

function refusal(storage: KeyStorage): string {
  return storage === 'basic-text'
    ? 'This system has no keyring to protect the Personal Access Key (Electron would store it as readable text), so the key is kept for this session only. Install or unlock a Secret Service keyring (GNOME Keyring, KWallet) to have it remembered.'
    : 'The system cannot encrypt the Personal Access Key right now, so the key is kept for this session only.';
}

export class SafeStorageKeyVault implements KeyVault {
  readonly #directory: string;
  readonly #logger: Logger;
  readonly #platform: NodeJS.Platform;

  constructor(directory: string, logger: Logger, platform: NodeJS.Platform = process.platform) {
    this.#directory = directory;
    this.#logger = logger;
    this.#platform = platform;
  }

  get #file(): string {
    return join(this.#directory, KEY_FILE_NAME);
  }

  storage(): KeyStorage {
    return storageOffered(this.#platform);
  }

  load(): string | null {
    let text: string;
    try {
      text = readFileSync(this.#file, 'utf8').trim();
    } catch (error) {
      if (isMissingFile(error)) return null;
      this.#logger.warn(`The stored Personal Access Key could not be read: ${messageOf(error)}`);
      return null;
    }
    const storage = this.storage();
    if (storage !== 'encrypted') {
      this.#logger.warn(`A stored Personal Access Key exists but cannot be decrypted now (key storage: ${storage}).`);
      return null;
    }
    if (!BASE64.test(text)) {
      this.#logger.warn('The stored Personal Access Key file is damaged; the key must be entered again.');
      return null;
    }
    try {
      const key = safeStorage.decryptString(Buffer.from(text, 'base64'));
      if (key !== '') return key;
      this.#logger.warn('The stored Personal Access Key decrypted to nothing; the key must be entered again.');
    } catch (error) {
      // The file is kept: a locked keychain may come back, and a new save replaces it anyway.
      this.#logger.warn(
        `The stored Personal Access Key could not be decrypted (the system keychain may have been reset or locked); the key must be entered again. ${messageOf(error)}`,
      );
    }
    return null;
  }

  save(key: string): void {
    const storage = this.storage();
    if (storage !== 'encrypted') throw new Error(refusal(storage));
    if (key === '') throw new Error('An empty Personal Access Key cannot be stored.');
    const encoded = safeStorage.encryptString(key).toString('base64');
    mkdirSync(this.#directory, { recursive: true, mode: 0o700 });
    const temporary = `${this.#file}.tmp`;
    // A stale temporary file keeps its old mode through writeFileSync, hence the remove and chmod.
    rmSync(temporary, { force: true });
    writeFileSync(temporary, encoded, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    // Rename: a crash mid-write leaves the previous key, not half of a new one.
    renameSync(temporary, this.#file);
  }

  clear(): void {
    rmSync(this.#file, { force: true });
    rmSync(`${this.#file}.tmp`, { force: true });
  }
}

/** @param directory Electron's userData folder in the app; a temp folder in tests. */
export function createKeyVault(directory: string, logger: Logger, platform: NodeJS.Platform = process.platform): KeyVault {
  return new SafeStorageKeyVault(directory, logger, platform);
}
