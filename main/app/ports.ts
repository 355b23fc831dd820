/**
 * What the tray app's controller needs from the outside world, as plain interfaces. The
 * Electron adapters in main/shell/ implement them; tests implement them with recorders.
 * Keeping the controller behind these is what lets it run in Node without the Electron binary.
 */
import type { NotificationText } from '../engine/alert-policy.ts';
import type { TrayStatus } from '../engine/monitor-snapshot.ts';
import type { AppSettings } from '../settings/app-settings.ts';
import type { ActivityUpdate, KEY_STORAGES, WindowUpdate } from '../../preload/contract.ts';

export interface LoadedSettings {
  settings: AppSettings;
  /** Said once to the user, e.g. "The settings file was not readable; it was kept as …". */
  notices: string[];
}

export interface SettingsPort {
  load(): LoadedSettings;
  save(settings: AppSettings): void;
}

/**
 * The lock history between runs, as the JSON LockHistory gives and takes. A convenience (the
 * battery chart after a restart), so a file that cannot be read is simply no history.
 */
export interface HistoryStore {
  /** What was saved last; null when nothing was, or it is unreadable (said in the log). Never throws. */
  load(): unknown;
  /** Replaces what was saved; throws when it cannot be written. */
  save(json: unknown): void;
}

export type KeyStorage = (typeof KEY_STORAGES)[number];

/**
 * A Personal Access Key together with the origin of the API address it was given for
 * (`https://api.tedee.com`). The two are stored and read as one: the key is sent nowhere else.
 */
export interface BoundKey {
  key: string;
  origin: string;
}

/**
 * The Personal Access Key at rest: encrypted by the operating system, or not kept at all.
 * Asynchronous because the system's keychain may have to ask the user (macOS, a locked Linux
 * keyring): the app stays responsive meanwhile.
 */
export interface KeyVault {
  /** What the system offers; 'basic-text' (Linux without a keyring) is effectively plaintext. */
  storage(): Promise<KeyStorage>;
  /**
   * The stored key and its origin, or null (none stored, or it can no longer be decrypted).
   * When the system has rotated its encryption key since the key was stored, or the key was
   * stored without its origin by an earlier version, the file is rewritten.
   */
  load(): Promise<BoundKey | null>;
  /** Rejects when storage() is not 'encrypted': the key is then kept for the session only. */
  save(bound: BoundKey): Promise<void>;
  /** Synchronous: deleting the file needs no keychain, so the key is off the disk before the caller goes on. */
  clear(): void;
}

export interface TrayMenuItem {
  label: string;
  enabled: boolean;
  /** What choosing it does; absent for information lines and separators. */
  action?: TrayAction;
  type?: 'normal' | 'separator' | 'checkbox';
  checked?: boolean;
  submenu?: TrayMenuItem[];
}

export type TrayAction =
  | { kind: 'open-window' }
  | { kind: 'open-lock'; lockId: number }
  | { kind: 'refresh-now' }
  | { kind: 'pause'; minutes: number | null }
  | { kind: 'resume' }
  | { kind: 'toggle-start-at-login' }
  | { kind: 'open-logs' }
  | { kind: 'read-key-again' }
  | { kind: 'lock'; lockId: number }
  | { kind: 'quit' };

export interface TrayPresentation {
  status: TrayStatus;
  /** Short summary; some Linux trays never show it, so nothing essential lives only here. */
  tooltip: string;
  menu: TrayMenuItem[];
}

export interface TrayPort {
  show(presentation: TrayPresentation): void;
}

/** A button on a notification (Windows; macOS for signed builds): "Lock now" on one lock. */
export interface NotificationLockAction {
  label: string;
  lockId: number;
}

export interface NotifierPort {
  /**
   * @param lockId the lock a click should open the window on, if the alerts concern one.
   * @param options `action`: offered as a button where the platform has them; elsewhere a click
   *   opens the window with that lock's Lock button focused. `tag`: names the notification, for
   *   `replace`.
   */
  notify(text: NotificationText, lockId: number | null, options?: NotifyOptions): void;
  /**
   * Shows `text` in place of the notification `tag` where the platform can (macOS and Windows
   * replace a notification of the same id); false, showing nothing, where it cannot.
   */
  replace(tag: string, text: NotificationText, lockId: number | null): boolean;
}

export interface NotifyOptions {
  action?: NotificationLockAction;
  tag?: string;
}

/** A native dialog raised by the main process, which the window cannot answer for the user. */
export interface ConfirmPort {
  /** Resolves true only when the user chose `confirmLabel`; closing the dialog is a no. */
  confirm(question: { message: string; detail: string; confirmLabel: string }): Promise<boolean>;
}

export interface WindowPort {
  /** A numbered update (window-updates.ts); dropped while no window is open. */
  sendUpdate(update: WindowUpdate): void;
  /** New entries of an activity log whose History is open in the window. */
  sendActivity(update: ActivityUpdate): void;
  show(focusLockId?: number): void;
}

export interface LoginItemPort {
  isEnabled(): boolean;
  setEnabled(enabled: boolean): void;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}
