/**
 * A secret at rest, encrypted by the operating system through Electron's safeStorage (Keychain
 * on macOS, DPAPI on Windows, the Secret Service or KWallet on Linux): the Personal Access Key,
 * and the same way the Tedee Bridge token, each bound to the address it was given for. Each
 * lives in a file of its own, never in the settings file, so a settings backup, a bug report or
 * a corrupt-file copy never carries it.
 *
 * Only safeStorage's asynchronous calls are used: the synchronous ones are deprecated in
 * Electron 45, block the main process while a keychain asks the user, and know nothing of key
 * rotation. A key stored through the synchronous calls (by earlier versions of this app) still
 * decrypts with decryptStringAsync.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import type { DecryptStringAsyncReturnValue } from 'electron';
import type { BoundKey, KeyStorage, KeyVault, Logger } from '../app/ports.ts';
import { temporaryFileOf, writeFileAtomically } from './atomic-file.ts';
import { isMissingFile, messageOf } from './file-errors.ts';
import { LEGACY_KEY_ORIGIN, decodeKeyRecord, encodeKeyRecord } from './key-record.ts';
import type { DecodedKey } from './key-record.ts';

export const KEY_FILE_NAME = 'key.bin';
export const BRIDGE_TOKEN_FILE_NAME = 'bridge-token.bin';

/** Which secret a vault keeps: its file, its name in messages, and what a bare record is bound to. */
export interface SecretKind {
  fileName: string;
  /** As a message names it, e.g. "Personal Access Key". */
  name: string;
  /** The origin a bare secret of an earlier version is bound to; null: none was ever stored bare. */
  legacyOrigin: string | null;
}

export const PERSONAL_KEY: SecretKind = {
  fileName: KEY_FILE_NAME,
  name: 'Personal Access Key',
  legacyOrigin: LEGACY_KEY_ORIGIN,
};

/** Bound to the bridge's address (`http://192.168.1.20`), which is its origin. */
export const BRIDGE_TOKEN: SecretKind = {
  fileName: BRIDGE_TOKEN_FILE_NAME,
  name: 'bridge token',
  legacyOrigin: null,
};

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Linux: Chromium marks what it seals with the keyring's key `v11`, and what it seals with the
 * key hard-coded in its source `v10`. It falls back to the latter, silently, when the keyring is
 * broken or does not answer, while getSelectedStorageBackend still names the keyring.
 */
const LINUX_BUILT_IN_KEY_PREFIX = 'v10';

/** What storageOffered seals on Linux to see which key Chromium uses; never stored. */
export const KEY_STORAGE_PROBE = 'tedee-tray: which key seals this?';

function reEncryptionNotice(name: string, stored: DecodedKey, builtInKey: boolean): string {
  if (stored.legacy)
    return `The stored ${name} was stored again together with the address it is for (${stored.bound.origin}).`;
  if (builtInKey) return `The stored ${name} was encrypted again with the system keyring's key.`;
  return `The stored ${name} was encrypted again with the system's new encryption key.`;
}

function sealedWithBuiltInKey(sealed: Buffer): boolean {
  return sealed.subarray(0, 3).toString('latin1') === LINUX_BUILT_IN_KEY_PREFIX;
}

export async function storageOffered(platform: NodeJS.Platform): Promise<KeyStorage> {
  // False before `ready` on every platform, and when the system has no encryption to offer.
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return 'unavailable';
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    // basic_text: Chromium encrypts with a key hard-coded in its source, i.e. plaintext in effect.
    if (backend === 'basic_text') return 'basic-text';
    // 'unknown' only before `ready`, when nothing can be vouched for yet.
    if (backend === 'unknown') return 'unavailable';
    let probe: Buffer;
    try {
      probe = await safeStorage.encryptStringAsync(KEY_STORAGE_PROBE);
    } catch {
      return 'unavailable';
    }
    // The keyring is named but Chromium fell back to its built-in key: basic_text in effect.
    if (sealedWithBuiltInKey(probe)) return 'basic-text';
  }
  return 'encrypted';
}

function refusal(name: string, storage: KeyStorage): string {
  return storage === 'basic-text'
    ? `This system has no working keyring to protect the ${name} (Electron would store it as readable text), so it is kept for this session only. Install or unlock a Secret Service keyring (GNOME Keyring, KWallet) to have it remembered.`
    : `The system cannot encrypt the ${name} right now, so it is kept for this session only.`;
}

export class SafeStorageKeyVault implements KeyVault {
  readonly #directory: string;
  readonly #logger: Logger;
  readonly #platform: NodeJS.Platform;
  readonly #kind: SecretKind;

  constructor(
    directory: string,
    logger: Logger,
    platform: NodeJS.Platform = process.platform,
    kind: SecretKind = PERSONAL_KEY,
  ) {
    this.#directory = directory;
    this.#logger = logger;
    this.#platform = platform;
    this.#kind = kind;
  }

  get #file(): string {
    return join(this.#directory, this.#kind.fileName);
  }

  get #name(): string {
    return this.#kind.name;
  }

  storage(): Promise<KeyStorage> {
    return storageOffered(this.#platform);
  }

  async load(): Promise<BoundKey | null> {
    const text = this.#readFile();
    if (text === null) return null;
    const storage = await this.storage();
    if (storage !== 'encrypted') {
      this.#logger.warn(
        `A stored ${this.#name} exists but cannot be decrypted now (key storage: ${storage}).`,
      );
      return null;
    }
    if (!BASE64.test(text)) {
      this.#logger.warn(`The stored ${this.#name} file is damaged; it must be entered again.`);
      return null;
    }
    const sealed = Buffer.from(text, 'base64');
    let decrypted: DecryptStringAsyncReturnValue;
    try {
      decrypted = await safeStorage.decryptStringAsync(sealed);
    } catch (error) {
      // The file is kept: a locked keychain may come back, and a new save replaces it anyway.
      this.#logger.warn(
        `The stored ${this.#name} could not be decrypted (the system keychain may have been reset or locked); it must be entered again. ${messageOf(error)}`,
      );
      return null;
    }
    if (decrypted.result === '') {
      this.#logger.warn(`The stored ${this.#name} decrypted to nothing; it must be entered again.`);
      return null;
    }
    const stored = decodeKeyRecord(decrypted.result, this.#kind.legacyOrigin);
    if (stored === null) {
      this.#logger.warn(
        `The stored ${this.#name} is in a form this version cannot read; it must be entered again.`,
      );
      return null;
    }
    // A key an earlier version stored while the keyring was broken is as good as readable on
    // disk: now that the keyring works, it is sealed again with the keyring's key.
    const builtInKey = this.#platform === 'linux' && sealedWithBuiltInKey(sealed);
    if (stored.legacy || decrypted.shouldReEncrypt || builtInKey)
      await this.#encryptAgain(
        stored.bound,
        text,
        reEncryptionNotice(this.#name, stored, builtInKey),
      );
    return stored.bound;
  }

  async save(bound: BoundKey): Promise<void> {
    const storage = await this.storage();
    if (storage !== 'encrypted') throw new Error(refusal(this.#name, storage));
    if (bound.key === '') throw new Error(`An empty ${this.#name} cannot be stored.`);
    this.#write(await safeStorage.encryptStringAsync(encodeKeyRecord(bound)));
  }

  clear(): void {
    rmSync(this.#file, { force: true });
    rmSync(temporaryFileOf(this.#file), { force: true });
  }

  /** The file's text; null when there is none, or (said in the log) when it cannot be read. */
  #readFile(): string | null {
    try {
      return readFileSync(this.#file, 'utf8').trim();
    } catch (error) {
      if (!isMissingFile(error))
        this.#logger.warn(`The stored ${this.#name} could not be read: ${messageOf(error)}`);
      return null;
    }
  }

  /**
   * Electron rotated its encryption key (or has a stronger one now), or the key was stored
   * without its origin: the record is sealed again, so the file does not depend on the old
   * encryption key, or on the old format, for ever.
   */
  async #encryptAgain(bound: BoundKey, storedText: string, done: string): Promise<void> {
    try {
      const sealed = await safeStorage.encryptStringAsync(encodeKeyRecord(bound));
      // A save or clear that ran while this was encrypting is newer: it stands.
      if (this.#readFile() !== storedText) return;
      this.#write(sealed);
      this.#logger.info(done);
    } catch (error) {
      // The key was read all the same, and the old file still decrypts: the next start tries again.
      this.#logger.warn(
        `The stored ${this.#name} could not be encrypted again: ${messageOf(error)}`,
      );
    }
  }

  /** Synchronous from here on: no other save, re-encryption or clear can run between the steps. */
  #write(sealed: Buffer): void {
    // Atomic: a crash mid-write leaves the previous key, not half of a new one.
    writeFileAtomically(this.#file, sealed.toString('base64'));
  }
}

/** @param directory Electron's userData folder in the app; a temp folder in tests. */
export function createKeyVault(
  directory: string,
  logger: Logger,
  platform: NodeJS.Platform = process.platform,
  kind: SecretKind = PERSONAL_KEY,
): KeyVault {
  return new SafeStorageKeyVault(directory, logger, platform, kind);
}
