import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../main/app/ports.ts';

type Backend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

const safe = vi.hoisted(() => ({
  available: true,
  backend: 'gnome_libsecret' as Backend,
  /** Set to make decryption fail, as after the OS keychain was reset. */
  keychainReset: false,
  calls: [] as string[],
}));

/** Reversible stand-in for the OS: a marker, then every byte flipped; never the plaintext. */
function fakeEncrypt(plainText: string): Buffer {
  return Buffer.concat([Buffer.from('v11'), Buffer.from(Buffer.from(plainText, 'utf8').map((byte) => byte ^ 0xa5))]);
}

vi.mock('electron', () => {
  const safeStorage = {
    isEncryptionAvailable: () => {
      safe.calls.push('isEncryptionAvailable');
      return safe.available;
    },
    getSelectedStorageBackend: () => {
      safe.calls.push('getSelectedStorageBackend');
      return safe.backend;
    },
    encryptString: (plainText: string) => {
      safe.calls.push('encryptString');
      if (!safe.available) throw new Error('Encryption is not available.');
      return fakeEncrypt(plainText);
    },
    decryptString: (encrypted: Buffer) => {
      safe.calls.push('decryptString');
      if (safe.keychainReset || encrypted.subarray(0, 3).toString() !== 'v11') {
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      }
      return Buffer.from(encrypted.subarray(3).map((byte) => byte ^ 0xa5)).toString('utf8');
    },
  };
  return { safeStorage, default: { safeStorage } };
});

const { createKeyVault, KEY_FILE_NAME } = await import('../../main/shell/key-vault.ts');

const KEY = 'Tq7dPk29XvLm0aZs4rNw';
let directory = '';
let warnings: string[] = [];
const logger: Logger = { info: () => undefined, warn: (message) => warnings.push(message), error: () => undefined };
const keyFile = () => join(directory, KEY_FILE_NAME);

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'tedee-key-'));
  Object.assign(safe, { available: true, backend: 'gnome_libsecret', keychainReset: false, calls: [] });
  warnings = [];
});

afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('key vault: storage offered', () => {
  it('is encrypted when safeStorage can encrypt (macOS and Windows never ask for a backend)', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      safe.calls = [];
      expect(createKeyVault(directory, logger, platform).storage()).toBe('encrypted');
      expect(safe.calls).toEqual(['isEncryptionAvailable']);
    }
  });

  it('is encrypted on Linux with a real keyring', () => {
    for (const backend of ['gnome_libsecret', 'kwallet5', 'kwallet6'] as const) {
      safe.backend = backend;
      expect(createKeyVault(directory, logger, 'linux').storage()).toBe('encrypted');
    }
  });

  it('is basic-text on Linux when Electron fell back to basic_text', () => {
    safe.backend = 'basic_text';
    expect(createKeyVault(directory, logger, 'linux').storage()).toBe('basic-text');
  });

  it('is unavailable when safeStorage cannot encrypt, or the backend is not known yet', () => {
    safe.available = false;
    expect(createKeyVault(directory, logger, 'darwin').storage()).toBe('unavailable');
    safe.available = true;
    safe.backend = 'unknown';
    expect(createKeyVault(directory, logger, 'linux').storage()).toBe('unavailable');
  });
});

describe('key vault: saving and loading', () => {
  it('stores the key encrypted, base64, in key.bin readable by the user only, and loads it back', () => {
    const vault = createKeyVault(directory, logger, 'linux');
    vault.save(KEY);
    const stored = readFileSync(keyFile(), 'utf8');
    expect(stored).toBe(fakeEncrypt(KEY).toString('base64'));
    expect(stored).not.toContain(KEY);
    expect(Buffer.from(stored, 'base64').toString('latin1')).not.toContain(KEY);
    if (process.platform !== 'win32') expect(statSync(keyFile()).mode & 0o777).toBe(0o600);
    expect(createKeyVault(directory, logger, 'linux').load()).toBe(KEY);
    expect(warnings).toEqual([]);
  });

  it('replaces an earlier key', () => {
    const vault = createKeyVault(directory, logger, 'darwin');
    vault.save('first-key-000');
    vault.save(KEY);
    expect(vault.load()).toBe(KEY);
  });

  it('returns null without a warning when no key was stored', () => {
    expect(createKeyVault(directory, logger, 'win32').load()).toBeNull();
    expect(warnings).toEqual([]);
  });

  it('refuses to save when safeStorage is unavailable, saying the key is kept for this session only', () => {
    safe.available = false;
    const vault = createKeyVault(directory, logger, 'win32');
    expect(() => vault.save(KEY)).toThrow(/for this session only/);
    expect(existsSync(keyFile())).toBe(false);
    expect(safe.calls).not.toContain('encryptString');
  });

  it('refuses to save on Linux with basic_text, which would be plaintext in effect', () => {
    safe.backend = 'basic_text';
    const vault = createKeyVault(directory, logger, 'linux');
    expect(() => vault.save(KEY)).toThrow(/keyring.*for this session only/);
    expect(existsSync(keyFile())).toBe(false);
    expect(safe.calls).not.toContain('encryptString');
  });

  it('returns null and warns, without the key, when decryption fails (keychain reset), keeping the file', () => {
    createKeyVault(directory, logger, 'darwin').save(KEY);
    safe.keychainReset = true;
    expect(createKeyVault(directory, logger, 'darwin').load()).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/could not be decrypted/);
    expect(warnings.join('\n')).not.toContain(KEY);
    expect(existsSync(keyFile())).toBe(true);
  });

  it('returns null and warns when the file is damaged', () => {
    for (const damage of ['%%% not base64 %%%', Buffer.from('garbage').toString('base64'), '']) {
      warnings = [];
      writeFileSync(keyFile(), damage);
      expect(createKeyVault(directory, logger, 'linux').load()).toBeNull();
      expect(warnings).toHaveLength(1);
    }
  });

  it('does not try to decrypt while safeStorage is unavailable, and says why', () => {
    createKeyVault(directory, logger, 'linux').save(KEY);
    safe.available = false;
    safe.calls = [];
    expect(createKeyVault(directory, logger, 'linux').load()).toBeNull();
    expect(safe.calls).not.toContain('decryptString');
    expect(warnings[0]).toMatch(/cannot be decrypted now \(key storage: unavailable\)/);
  });

  it('clear deletes the stored key, and is harmless when there is none', () => {
    const vault = createKeyVault(directory, logger, 'darwin');
    vault.save(KEY);
    vault.clear();
    expect(existsSync(keyFile())).toBe(false);
    expect(vault.load()).toBeNull();
    expect(() => vault.clear()).not.toThrow();
  });

  it('creates its folder when it does not exist yet', () => {
    const nested = join(directory, 'not', 'yet');
    const vault = createKeyVault(nested, logger, 'darwin');
    vault.save(KEY);
    expect(vault.load()).toBe(KEY);
  });
});
