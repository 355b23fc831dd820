import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../main/app/ports.ts';

type Backend = ReturnType<SafeStorage['getSelectedStorageBackend']>;

/**
 * Which key sealed a ciphertext: the system's key of today (on Linux Chromium marks the keyring's
 * key `v11`), one the system rotated away from, and Chromium's built-in key, `v10` on Linux,
 * which it falls back to when the keyring does not answer.
 */
const CURRENT = 'v11';
const ROTATED_AWAY = 'r09';
const BUILT_IN = 'v10';

const safe = vi.hoisted(() => ({
  available: true,
  backend: 'gnome_libsecret' as Backend,
  /** Set to make decryption fail, as after the OS keychain was reset. */
  keychainReset: false,
  /** Set to make encryption fail (a keychain that stopped answering). */
  encryptionFails: false,
  /** Set to seal with Chromium's built-in key, as when the Linux keyring is broken. */
  keyringFallback: false,
  /** Decryption waits for this, so a test can act while it is under way. */
  decryptionHeld: Promise.resolve(),
  calls: [] as string[],
}));

/** Reversible stand-in for the OS: a key marker, then every byte flipped; never the plaintext. */
function fakeEncrypt(plainText: string, marker = CURRENT): Buffer {
  return Buffer.concat([
    Buffer.from(marker),
    Buffer.from(Buffer.from(plainText, 'utf8').map((byte) => byte ^ 0xa5)),
  ]);
}

// Only the asynchronous calls exist here: a vault that fell back to the deprecated synchronous
// ones would fail with "not a function".
vi.mock('electron', () => {
  const safeStorage = {
    isAsyncEncryptionAvailable: async () => {
      safe.calls.push('isAsyncEncryptionAvailable');
      return safe.available;
    },
    getSelectedStorageBackend: () => {
      safe.calls.push('getSelectedStorageBackend');
      return safe.backend;
    },
    encryptStringAsync: async (plainText: string) => {
      safe.calls.push('encryptStringAsync');
      if (!safe.available || safe.encryptionFails) throw new Error('Encryption is not available.');
      // As Chromium's os_crypt Encryptor::EncryptString: an empty text seals to nothing, unmarked.
      if (plainText === '') return Buffer.alloc(0);
      return fakeEncrypt(plainText, safe.keyringFallback ? BUILT_IN : CURRENT);
    },
    decryptStringAsync: async (encrypted: Buffer) => {
      safe.calls.push('decryptStringAsync');
      await safe.decryptionHeld;
      if (encrypted.length === 0) return { result: '', shouldReEncrypt: false };
      const marker = encrypted.subarray(0, 3).toString();
      if (safe.keychainReset || ![CURRENT, ROTATED_AWAY, BUILT_IN].includes(marker)) {
        throw new Error(
          'Error while decrypting the ciphertext provided to safeStorage.decryptStringAsync.',
        );
      }
      const result = Buffer.from(encrypted.subarray(3).map((byte) => byte ^ 0xa5)).toString('utf8');
      return { result, shouldReEncrypt: marker === ROTATED_AWAY };
    },
  } satisfies Pick<
    SafeStorage,
    | 'isAsyncEncryptionAvailable'
    | 'getSelectedStorageBackend'
    | 'encryptStringAsync'
    | 'decryptStringAsync'
  >;
  return { safeStorage, default: { safeStorage } };
});

const { BRIDGE_TOKEN, BRIDGE_TOKEN_FILE_NAME, createKeyVault, KEY_FILE_NAME } =
  await import('../../main/shell/key-vault.ts');
const { encodeKeyRecord } = await import('../../main/shell/key-record.ts');

const KEY = 'Tq7dPk29XvLm0aZs4rNw';
/** Not Tedee's default, so a key read back with it was not bound by the legacy migration. */
const ORIGIN = 'https://tedee-proxy.example';
const BOUND = { key: KEY, origin: ORIGIN };
const boundTo = (key: string, origin = ORIGIN) => ({ key, origin });
const sealed = (bound: { key: string; origin: string }, marker = CURRENT) =>
  fakeEncrypt(encodeKeyRecord(bound), marker).toString('base64');
let directory = '';
let warnings: string[] = [];
let infos: string[] = [];
const logger: Logger = {
  info: (message) => infos.push(message),
  warn: (message) => warnings.push(message),
  error: () => undefined,
};
const keyFile = () => join(directory, KEY_FILE_NAME);

/** What the file holds, checked never to contain the key in any readable form. */
function storedText(): string {
  const stored = readFileSync(keyFile(), 'utf8');
  expect(stored).not.toContain(KEY);
  expect(Buffer.from(stored, 'base64').toString('latin1')).not.toContain(KEY);
  return stored;
}

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'tedee-key-'));
  Object.assign(safe, {
    available: true,
    backend: 'gnome_libsecret',
    keychainReset: false,
    encryptionFails: false,
    keyringFallback: false,
    decryptionHeld: Promise.resolve(),
    calls: [],
  });
  warnings = [];
  infos = [];
});

afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('key vault: storage offered', () => {
  it('is encrypted when safeStorage can encrypt (macOS and Windows never ask for a backend)', async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      safe.calls = [];
      expect(await createKeyVault(directory, logger, platform).storage()).toBe('encrypted');
      expect(safe.calls).toEqual(['isAsyncEncryptionAvailable']);
    }
  });

  it('is encrypted on Linux with a real keyring', async () => {
    for (const backend of ['gnome_libsecret', 'kwallet5', 'kwallet6'] as const) {
      safe.backend = backend;
      expect(await createKeyVault(directory, logger, 'linux').storage()).toBe('encrypted');
    }
  });

  it('is basic-text on Linux when Electron fell back to basic_text', async () => {
    safe.backend = 'basic_text';
    expect(await createKeyVault(directory, logger, 'linux').storage()).toBe('basic-text');
  });

  it('is basic-text on Linux when Chromium fell back to its built-in key (v10), whatever backend it names', async () => {
    safe.keyringFallback = true;
    for (const backend of ['gnome_libsecret', 'kwallet6'] as const) {
      safe.backend = backend;
      expect(await createKeyVault(directory, logger, 'linux').storage()).toBe('basic-text');
    }
  });

  it('does not look for v10 on macOS and Windows, where it is the normal mark', async () => {
    safe.keyringFallback = true;
    for (const platform of ['darwin', 'win32'] as const) {
      expect(await createKeyVault(directory, logger, platform).storage()).toBe('encrypted');
    }
  });

  it('is unavailable when safeStorage cannot encrypt, or the backend is not known yet', async () => {
    safe.available = false;
    expect(await createKeyVault(directory, logger, 'darwin').storage()).toBe('unavailable');
    safe.available = true;
    safe.backend = 'unknown';
    expect(await createKeyVault(directory, logger, 'linux').storage()).toBe('unavailable');
  });

  it('is unavailable on Linux when the keyring is named but sealing the probe fails', async () => {
    safe.encryptionFails = true;
    expect(await createKeyVault(directory, logger, 'linux').storage()).toBe('unavailable');
  });
});

describe('key vault: saving and loading', () => {
  it('stores the key encrypted, base64, in key.bin readable by the user only, and loads it back', async () => {
    const vault = createKeyVault(directory, logger, 'linux');
    await vault.save(BOUND);
    expect(storedText()).toBe(sealed(BOUND));
    if (process.platform !== 'win32') expect(statSync(keyFile()).mode & 0o777).toBe(0o600);
    expect(existsSync(`${keyFile()}.tmp`)).toBe(false);
    expect(await createKeyVault(directory, logger, 'linux').load()).toEqual(BOUND);
    expect(warnings).toEqual([]);
  });

  it('replaces an earlier key', async () => {
    const vault = createKeyVault(directory, logger, 'darwin');
    await vault.save(boundTo('first-key-000'));
    await vault.save(BOUND);
    expect(await vault.load()).toEqual(BOUND);
  });

  it('returns null without a warning when no key was stored', async () => {
    expect(await createKeyVault(directory, logger, 'win32').load()).toBeNull();
    expect(warnings).toEqual([]);
  });

  it('refuses to save when safeStorage is unavailable, saying the key is kept for this session only', async () => {
    safe.available = false;
    const vault = createKeyVault(directory, logger, 'win32');
    await expect(vault.save(BOUND)).rejects.toThrow(
      new Error(
        'The system cannot encrypt the Personal Access Key right now, so it is kept for this session only.',
      ),
    );
    expect(existsSync(keyFile())).toBe(false);
    expect(safe.calls).not.toContain('encryptStringAsync');
  });

  it('refuses to save an empty key, writing nothing', async () => {
    const vault = createKeyVault(directory, logger, 'darwin');
    await expect(vault.save(boundTo(''))).rejects.toThrow(
      new Error('An empty Personal Access Key cannot be stored.'),
    );
    expect(existsSync(keyFile())).toBe(false);
  });

  it('refuses to save on Linux with basic_text, which would be plaintext in effect', async () => {
    safe.backend = 'basic_text';
    const vault = createKeyVault(directory, logger, 'linux');
    await expect(vault.save(BOUND)).rejects.toThrow(/keyring.*for this session only/);
    expect(existsSync(keyFile())).toBe(false);
    expect(safe.calls).not.toContain('encryptStringAsync');
  });

  it('refuses to save on Linux when Chromium fell back to its built-in key (v10)', async () => {
    safe.keyringFallback = true;
    const vault = createKeyVault(directory, logger, 'linux');
    await expect(vault.save(BOUND)).rejects.toThrow(/keyring.*for this session only/);
    expect(existsSync(keyFile())).toBe(false);
  });

  it('seals again with the keyring a key stored with the built-in key (v10) on Linux', async () => {
    writeFileSync(keyFile(), sealed(BOUND, BUILT_IN));
    expect(await createKeyVault(directory, logger, 'linux').load()).toEqual(BOUND);
    expect(storedText()).toBe(sealed(BOUND));
    expect(infos).toEqual([expect.stringMatching(/keyring's key/)]);
  });

  it('leaves a key sealed with v10 alone on macOS, where v10 is the normal mark', async () => {
    writeFileSync(keyFile(), sealed(BOUND, BUILT_IN));
    expect(await createKeyVault(directory, logger, 'darwin').load()).toEqual(BOUND);
    expect(storedText()).toBe(sealed(BOUND, BUILT_IN));
    expect(safe.calls).not.toContain('encryptStringAsync');
    expect(infos).toEqual([]);
  });

  it('reads a key file that ends in a line break, as an editor leaves it', async () => {
    writeFileSync(keyFile(), `${sealed(BOUND)}\n`);
    expect(await createKeyVault(directory, logger, 'darwin').load()).toEqual(BOUND);
    expect(warnings).toEqual([]);
  });

  it('returns null and says why when the key file cannot be read', async () => {
    mkdirSync(keyFile());
    expect(await createKeyVault(directory, logger, 'darwin').load()).toBeNull();
    expect(warnings).toEqual([
      expect.stringMatching(/^The stored Personal Access Key could not be read: .*EISDIR/),
    ]);
  });

  it('leaves the stored key as it was when encryption fails', async () => {
    const vault = createKeyVault(directory, logger, 'darwin');
    await vault.save(boundTo('first-key-000'));
    const before = storedText();
    safe.encryptionFails = true;
    await expect(vault.save(BOUND)).rejects.toThrow(/not available/);
    expect(storedText()).toBe(before);
  });

  it('returns null and warns, without the key, when decryption fails (keychain reset), keeping the file', async () => {
    await createKeyVault(directory, logger, 'darwin').save(BOUND);
    safe.keychainReset = true;
    expect(await createKeyVault(directory, logger, 'darwin').load()).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/could not be decrypted/);
    expect(warnings.join('\n')).not.toContain(KEY);
    expect(existsSync(keyFile())).toBe(true);
  });

  it('returns null and warns when the file is damaged', async () => {
    for (const damage of ['%%% not base64 %%%', Buffer.from('garbage').toString('base64'), '']) {
      warnings = [];
      writeFileSync(keyFile(), damage);
      expect(await createKeyVault(directory, logger, 'linux').load()).toBeNull();
      expect(warnings).toHaveLength(1);
    }
  });

  it('says a file that is not base64 is damaged, without asking the keychain to decrypt it', async () => {
    const base64 = sealed(BOUND);
    for (const damage of ['%%% not base64 %%%', `%%%${base64}`, `${base64}%%%`]) {
      warnings = [];
      safe.calls = [];
      writeFileSync(keyFile(), damage);
      expect(await createKeyVault(directory, logger, 'linux').load()).toBeNull();
      expect(warnings).toEqual([
        'The stored Personal Access Key file is damaged; it must be entered again.',
      ]);
      expect(safe.calls).not.toContain('decryptStringAsync');
    }
  });

  it('returns null and warns when the key decrypts to nothing', async () => {
    writeFileSync(keyFile(), fakeEncrypt('').toString('base64'));
    expect(await createKeyVault(directory, logger, 'linux').load()).toBeNull();
    expect(warnings).toEqual([expect.stringMatching(/decrypted to nothing/)]);
  });

  it('does not try to decrypt while safeStorage is unavailable, and says why', async () => {
    await createKeyVault(directory, logger, 'linux').save(BOUND);
    safe.available = false;
    safe.calls = [];
    expect(await createKeyVault(directory, logger, 'linux').load()).toBeNull();
    expect(safe.calls).not.toContain('decryptStringAsync');
    expect(warnings[0]).toMatch(/cannot be decrypted now \(key storage: unavailable\)/);
  });

  it('does not try to decrypt on Linux with basic_text, and says why', async () => {
    await createKeyVault(directory, logger, 'linux').save(BOUND);
    safe.backend = 'basic_text';
    safe.calls = [];
    expect(await createKeyVault(directory, logger, 'linux').load()).toBeNull();
    expect(safe.calls).not.toContain('decryptStringAsync');
    expect(warnings[0]).toMatch(/cannot be decrypted now \(key storage: basic-text\)/);
  });

  it('clear deletes the stored key, and is harmless when there is none', async () => {
    const vault = createKeyVault(directory, logger, 'darwin');
    await vault.save(BOUND);
    vault.clear();
    expect(existsSync(keyFile())).toBe(false);
    expect(await vault.load()).toBeNull();
    expect(() => vault.clear()).not.toThrow();
  });

  it('creates its folder when it does not exist yet', async () => {
    const nested = join(directory, 'not', 'yet');
    const vault = createKeyVault(nested, logger, 'darwin');
    await vault.save(BOUND);
    expect(await vault.load()).toEqual(BOUND);
  });
});

describe('key vault: the system rotated its encryption key', () => {
  const sealedWithOldKey = () => sealed(BOUND, ROTATED_AWAY);

  it('loads the key and rewrites the file encrypted with the new one', async () => {
    writeFileSync(keyFile(), sealedWithOldKey());
    expect(await createKeyVault(directory, logger, 'linux').load()).toEqual(BOUND);
    expect(storedText()).toBe(sealed(BOUND));
    if (process.platform !== 'win32') expect(statSync(keyFile()).mode & 0o777).toBe(0o600);
    expect(infos).toEqual([
      "The stored Personal Access Key was encrypted again with the system's new encryption key.",
    ]);
    expect([...infos, ...warnings].join('\n')).not.toContain(KEY);

    // Read again: nothing left to rewrite.
    infos = [];
    expect(await createKeyVault(directory, logger, 'linux').load()).toEqual(BOUND);
    expect(storedText()).toBe(sealed(BOUND));
    expect(infos).toEqual([]);
  });

  it('leaves the file alone when the key does not need encrypting again', async () => {
    await createKeyVault(directory, logger, 'darwin').save(BOUND);
    safe.calls = [];
    expect(await createKeyVault(directory, logger, 'darwin').load()).toEqual(BOUND);
    expect(safe.calls).toEqual(['isAsyncEncryptionAvailable', 'decryptStringAsync']);
    expect(infos).toEqual([]);
  });

  it('still returns the key, keeping the old file, when encrypting it again fails', async () => {
    writeFileSync(keyFile(), sealedWithOldKey());
    safe.encryptionFails = true;
    expect(await createKeyVault(directory, logger, 'darwin').load()).toEqual(BOUND);
    expect(storedText()).toBe(sealedWithOldKey());
    expect(warnings).toEqual([expect.stringMatching(/could not be encrypted again/)]);
    expect(warnings.join('\n')).not.toContain(KEY);
  });

  it('does not overwrite a key saved while the old one was being read', async () => {
    writeFileSync(keyFile(), sealedWithOldKey());
    const decryption = Promise.withResolvers<void>();
    safe.decryptionHeld = decryption.promise;
    const vault = createKeyVault(directory, logger, 'darwin');
    const loading = vault.load();
    await vault.save(boundTo('newer-key-111'));
    decryption.resolve();
    expect(await loading).toEqual(BOUND);
    expect(storedText()).toBe(sealed(boundTo('newer-key-111')));
  });

  it('does not bring back a key cleared while the old one was being read', async () => {
    writeFileSync(keyFile(), sealedWithOldKey());
    const decryption = Promise.withResolvers<void>();
    safe.decryptionHeld = decryption.promise;
    const vault = createKeyVault(directory, logger, 'darwin');
    const loading = vault.load();
    // Let the load get as far as decrypting before the key is removed.
    await vi.waitFor(() => expect(safe.calls).toContain('decryptStringAsync'));
    vault.clear();
    decryption.resolve();
    await loading;
    expect(existsSync(keyFile())).toBe(false);
  });
});

describe('key vault: the key is stored with the origin it was given for', () => {
  it('keeps the origin with the key, inside the encryption', async () => {
    await createKeyVault(directory, logger, 'darwin').save(BOUND);
    expect(safe.calls).toContain('encryptStringAsync');
    expect(Buffer.from(storedText(), 'base64').toString('latin1')).not.toContain(ORIGIN);
    expect(await createKeyVault(directory, logger, 'darwin').load()).toEqual(BOUND);
  });

  it('binds a bare key stored by an earlier version to Tedee, and stores it again as a record', async () => {
    writeFileSync(keyFile(), fakeEncrypt(KEY).toString('base64'));
    const migrated = boundTo(KEY, 'https://api.tedee.com');
    expect(await createKeyVault(directory, logger, 'linux').load()).toEqual(migrated);
    expect(storedText()).toBe(sealed(migrated));
    expect(infos).toEqual([
      'The stored Personal Access Key was stored again together with the address it is for (https://api.tedee.com).',
    ]);

    // Read again: nothing left to rewrite (on Linux, storage() encrypts a probe string, so the
    // file and the log tell, not the calls).
    infos = [];
    expect(await createKeyVault(directory, logger, 'linux').load()).toEqual(migrated);
    expect(storedText()).toBe(sealed(migrated));
    expect(infos).toEqual([]);
  });

  it('rewrites a bare key sealed with a rotated-away encryption key once, as a record', async () => {
    writeFileSync(keyFile(), fakeEncrypt(KEY, ROTATED_AWAY).toString('base64'));
    expect(await createKeyVault(directory, logger, 'darwin').load()).toEqual(
      boundTo(KEY, 'https://api.tedee.com'),
    );
    expect(storedText()).toBe(sealed(boundTo(KEY, 'https://api.tedee.com')));
    expect(safe.calls.filter((call) => call === 'encryptStringAsync')).toHaveLength(1);
  });

  it.each([
    ['not JSON', '{"format":2,'],
    ['another format', JSON.stringify({ format: 3, origin: ORIGIN, key: KEY })],
    ['an origin with a path', JSON.stringify({ format: 2, origin: `${ORIGIN}/api`, key: KEY })],
    ['no origin', JSON.stringify({ format: 2, key: KEY })],
    ['an empty key', JSON.stringify({ format: 2, origin: ORIGIN, key: '' })],
  ])('returns null and warns, keeping the file, for a record with %s', async (_, record) => {
    writeFileSync(keyFile(), fakeEncrypt(record).toString('base64'));
    const before = storedText();
    expect(await createKeyVault(directory, logger, 'darwin').load()).toBeNull();
    expect(warnings).toEqual([
      expect.stringMatching(
        /Personal Access Key is in a form this version cannot read; it must be entered again/,
      ),
    ]);
    expect(warnings.join('\n')).not.toContain(KEY);
    expect(storedText()).toBe(before);
  });
});

describe('the bridge token vault', () => {
  const TOKEN = 'BE9xnPnGfVUS';
  const BRIDGE = 'http://192.168.1.20';
  const tokenVault = () => createKeyVault(directory, logger, 'darwin', BRIDGE_TOKEN);
  const tokenFile = () => join(directory, BRIDGE_TOKEN_FILE_NAME);

  it('keeps the token in a file of its own, encrypted, bound to the bridge address', async () => {
    await createKeyVault(directory, logger, 'darwin').save(BOUND);
    const keyBefore = storedText();
    await tokenVault().save({ key: TOKEN, origin: BRIDGE });
    const stored = readFileSync(tokenFile(), 'utf8');
    expect(stored).not.toContain(TOKEN);
    expect(Buffer.from(stored, 'base64').toString('latin1')).not.toContain(TOKEN);
    expect(await tokenVault().load()).toEqual({ key: TOKEN, origin: BRIDGE });
    // The Personal Access Key is neither replaced nor read as the token.
    expect(storedText()).toBe(keyBefore);
    expect(await createKeyVault(directory, logger, 'darwin').load()).toEqual(BOUND);
    tokenVault().clear();
    expect(existsSync(tokenFile())).toBe(false);
    expect(existsSync(keyFile())).toBe(true);
  });

  it('refuses a bare token (no version stored one) instead of binding it to some address', async () => {
    writeFileSync(tokenFile(), fakeEncrypt(TOKEN).toString('base64'));
    expect(await tokenVault().load()).toBeNull();
    expect(warnings).toEqual([
      'The stored bridge token is in a form this version cannot read; it must be entered again.',
    ]);
  });

  it('names the bridge token, not the key, when it cannot be stored', async () => {
    safe.backend = 'basic_text';
    await expect(
      createKeyVault(directory, logger, 'linux', BRIDGE_TOKEN).save({ key: TOKEN, origin: BRIDGE }),
    ).rejects.toThrow(/protect the bridge token .*kept for this session only/);
    expect(existsSync(tokenFile())).toBe(false);
  });
});
