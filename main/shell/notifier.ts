/**
 * Native notifications from the engine's alerts (already merged: one per sync at most).
 * Each Notification is referenced until it is closed or clicked: Electron drops the click
 * handler of a notification that was garbage-collected (electron/electron#12690).
 *
 * Windows moves a toast that timed out into the Action Center, where the user can still click
 * it, and emits 'close' with the reason 'timedOut' as it does. Such toasts stay referenced (the
 * newest KEPT_TIMED_OUT_TOASTS), so their click still opens the window on their lock; a click on
 * one whose object is gone (an older one, or one from before a restart) comes through
 * Notification.handleActivation, which opens the window.
 *
 * A "Lock now" button goes on a notification only where Electron can show one: Windows, and
 * macOS, which shows it only when the app is signed (Electron's NotificationAction docs; there
 * is no API to ask, and unsigned macOS simply drops the button). Elsewhere the notification has
 * no button; everywhere a click opens the window with that lock's Lock button focused.
 *
 * Replacing: on macOS and Windows a notification takes an `id` (UNNotificationRequest's
 * identifier, the toast's Tag, Electron's NotificationConstructorOptions.id), and a new one with
 * the same id takes the old one's place. Linux's notifications through Electron have no such id,
 * so there the named version of an alert is not shown a second time (the window has it).
 */
import type { ActivationArguments, Notification, NotificationConstructorOptions } from 'electron';
import type { NotificationText } from '../engine/alert-policy.ts';
import type { Logger, NotifierPort, NotifyOptions } from '../app/ports.ts';

export const KEPT_TIMED_OUT_TOASTS = 20;
/** The tags of the latest notifications kept for replacing; older ones are simply not replaced. */
export const KEPT_TAGS = 20;

const PLATFORMS_THAT_REPLACE: readonly NodeJS.Platform[] = ['darwin', 'win32'];

export interface NotificationClass {
  new (options: NotificationConstructorOptions): Notification;
  isSupported(): boolean;
  /** Windows only (Electron documents it for win32). */
  handleActivation(callback: (details: ActivationArguments) => void): void;
}

export interface NotifierDeps {
  Notification: NotificationClass;
  platform: NodeJS.Platform;
  /**
   * The user clicked: open the window, on that lock when there is one; `focusLockButton` when
   * the notification offered "Lock now".
   */
  onClick(lockId: number | null, focusLockButton: boolean): void;
  /** The "Lock now" button was pressed. */
  onLockAction(lockId: number): void;
  /** Windows: a notification was clicked, maybe one whose object is gone: open the window. */
  onActivated(): void;
  logger: Logger;
  iconPath?: string;
}

export function createNotifier(deps: NotifierDeps): NotifierPort & { readonly openCount: number } {
  const referenced = new Set<Notification>();
  const canReplace = PLATFORMS_THAT_REPLACE.includes(deps.platform);
  /** Tags given to `notify`, oldest first, so that `replace` knows what it replaces. */
  const tags = new Set<string>();
  /** In the Action Center, oldest first; a subset of `referenced`. */
  const timedOut = new Set<Notification>();
  const forget = (notification: Notification): void => {
    referenced.delete(notification);
    timedOut.delete(notification);
  };
  const keepInActionCenter = (notification: Notification): void => {
    timedOut.add(notification);
    const [oldest] = timedOut;
    if (timedOut.size > KEPT_TIMED_OUT_TOASTS && oldest) forget(oldest);
  };

  // macOS drops the button of an unsigned app by itself; the click still leads to the Lock button.
  const platformHasButtons = deps.platform === 'win32' || deps.platform === 'darwin';

  if (deps.platform === 'win32') {
    deps.Notification.handleActivation((details) => {
      if (details.type === 'click') deps.onActivated();
    });
  }

  return {
    get openCount() {
      return referenced.size;
    },
    notify(text, lockId, { action, tag } = {}) {
      if (tag !== undefined && canReplace) {
        tags.add(tag);
        const [oldest] = tags;
        if (tags.size > KEPT_TAGS && oldest !== undefined) tags.delete(oldest);
      }
      show(text, lockId, { action, tag });
    },
    replace(tag, text, lockId) {
      if (!canReplace || !tags.has(tag)) return false;
      show(text, lockId, { tag });
      return true;
    },
  };

  function show(
    text: NotificationText,
    lockId: number | null,
    { action, tag }: NotifyOptions,
  ): void {
    if (!deps.Notification.isSupported()) {
      deps.logger.warn(`Notifications are not supported here; not shown: ${text.title}`);
      return;
    }
    const button = action && platformHasButtons ? action : null;
    const notification = new deps.Notification({
      title: text.title,
      body: text.body,
      ...(deps.iconPath ? { icon: deps.iconPath } : {}),
      ...(button ? { actions: [{ type: 'button', text: button.label }] } : {}),
      // Only where it replaces: elsewhere Electron documents no id.
      ...(tag !== undefined && canReplace ? { id: tag } : {}),
    });
    referenced.add(notification);
    notification.on('click', () => {
      forget(notification);
      deps.onClick(lockId, action !== undefined);
    });
    if (button) {
      notification.on('action', (details) => {
        forget(notification);
        if (details.actionIndex === 0) deps.onLockAction(button.lockId);
      });
    }
    notification.on('close', (details) => {
      if (details.reason === 'timedOut') keepInActionCenter(notification);
      else forget(notification);
    });
    notification.on('failed', (_event, error) => {
      forget(notification);
      deps.logger.warn(`A notification could not be shown: ${error}`);
    });
    notification.show();
  }
}
