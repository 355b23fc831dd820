/**
 * The operating-system services main uses: notifications, safeStorage, powerMonitor and shell.
 * safeStorage "encrypts" with a reversible transform whose output never contains the input,
 * so a key file holding plaintext would be noticed.
 */
import { EventEmitter } from 'node:events';
import type { CallLog } from './call-log.ts';
import type { FakeApp } from './fake-app.ts';

const SEALED_PREFIX = 'fake-os-sealed:';

/**
 * Chromium on Linux marks what it sealed with the keyring's key `v11`; when the keyring is
 * broken it falls back, silently, to a key built into its source and marks that `v10`, while
 * getSelectedStorageBackend still names the keyring.
 */
export type FakeKeyring = 'working' | 'broken';
const MARKS: Readonly<Record<FakeKeyring, string>> = { working: 'v11', broken: 'v10' };

/** What the fake safeStorage makes of `plain`; tests use it to seed a stored key. */
export function fakeSeal(plain: string, keyring: FakeKeyring = 'working'): Buffer {
  const hex = Buffer.from(plain, 'utf8').toString('hex');
  return Buffer.from(MARKS[keyring] + SEALED_PREFIX + hex.split('').reverse().join(''), 'utf8');
}

export function fakeUnseal(sealed: Buffer): string {
  const text = sealed.toString('utf8');
  const body = text.slice(MARKS.working.length);
  // Electron's own words for a ciphertext it cannot decrypt.
  if (
    !Object.values(MARKS).some((mark) => text.startsWith(mark)) ||
    !body.startsWith(SEALED_PREFIX)
  )
    throw new Error(
      'Error while decrypting the ciphertext provided to safeStorage.decryptStringAsync.',
    );
  return Buffer.from(body.slice(SEALED_PREFIX.length).split('').reverse().join(''), 'hex').toString(
    'utf8',
  );
}

export interface NotificationOptions {
  title?: string;
  body?: string;
  icon?: string;
}

export class FakeNotification extends EventEmitter {
  readonly options: NotificationOptions;

  constructor(options: NotificationOptions) {
    super();
    this.options = options;
  }

  /**
   * Windows moved the toast into the Action Center after its time on screen: Electron emits
   * 'close' with that reason, and the toast can still be clicked there.
   */
  timeOut(): void {
    this.emit('close', { reason: 'timedOut' });
  }
}

export function osServices(log: CallLog, app: FakeApp, keyring: FakeKeyring) {
  /** Notifications main showed, in order; a test may emit 'click' on one. */
  const shownNotifications: FakeNotification[] = [];
  /** Every plaintext main handed to encryptStringAsync (the key, if all is well). */
  const encrypted: string[] = [];

  class Notification extends FakeNotification {
    static isSupported(): boolean {
      return true;
    }

    constructor(options: NotificationOptions) {
      super(options);
      log.record('Notification.new', options);
    }

    show(): void {
      log.record('Notification.show', this.options);
      shownNotifications.push(this);
    }

    close(): void {
      log.record('Notification.close', this.options);
      this.emit('close', {});
    }
  }

  // Only the asynchronous calls: Electron 45 deprecates the synchronous ones, and main going back
  // to them would fail here with "not a function".
  const safeStorage = {
    // Electron: false until the app is ready.
    isAsyncEncryptionAvailable: async (): Promise<boolean> => {
      log.record('safeStorage.isAsyncEncryptionAvailable');
      return app.isReady();
    },
    getSelectedStorageBackend: (): string => {
      log.record('safeStorage.getSelectedStorageBackend');
      return app.isReady() ? 'gnome_libsecret' : 'unknown';
    },
    encryptStringAsync: async (plain: string): Promise<Buffer> => {
      // Recorded apart from the call log: this is the one call that must receive the key.
      encrypted.push(plain);
      if (!app.isReady()) throw new Error('safeStorage cannot be used before app is ready');
      return fakeSeal(plain, keyring);
    },
    decryptStringAsync: async (
      sealed: Buffer,
    ): Promise<{ result: string; shouldReEncrypt: boolean }> => {
      log.record('safeStorage.decryptStringAsync');
      if (!app.isReady()) throw new Error('safeStorage cannot be used before app is ready');
      // The fake's encryption key never rotates.
      return { result: fakeUnseal(sealed), shouldReEncrypt: false };
    },
  };

  const powerMonitor = new EventEmitter();

  const shell = {
    openExternal: async (url: string): Promise<void> => {
      log.record('shell.openExternal', url);
    },
    openPath: async (path: string): Promise<string> => {
      log.record('shell.openPath', path);
      return '';
    },
  };

  return { Notification, shownNotifications, safeStorage, encrypted, powerMonitor, shell };
}
