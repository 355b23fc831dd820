/**
 * Native notifications from the engine's alerts (already merged: one per sync at most).
 * Each Notification is referenced until it is closed or clicked: Electron drops the click
 * handler of a notification that was garbage-collected (electron/electron#12690).
 */
import type { Notification, NotificationConstructorOptions } from 'electron';
import type { Logger, NotifierPort } from '../app/ports.ts';

export interface NotificationClass {
  new (options: NotificationConstructorOptions): Notification;
  isSupported(): boolean;
}

export interface NotifierDeps {
  Notification: NotificationClass;
  /** The user clicked: open the window, on that lock when there is one. */
  onClick(lockId: number | null): void;
  logger: Logger;
  iconPath?: string;
}

export function createNotifier(deps: NotifierDeps): NotifierPort & { readonly openCount: number } {
  const open = new Set<Notification>();
  return {
    get openCount() {
      return open.size;
    },
    notify(text, lockId) {
      if (!deps.Notification.isSupported()) {
        deps.logger.warn(`Notifications are not supported here; not shown: ${text.title}`);
        return;
      }
      const notification = new deps.Notification({
        title: text.title,
        body: text.body,
        ...(deps.iconPath ? { icon: deps.iconPath } : {}),
      });
      open.add(notification);
      notification.on('click', () => {
        open.delete(notification);
        deps.onClick(lockId);
      });
      notification.on('close', () => open.delete(notification));
      notification.on('failed', (_event, error) => {
        open.delete(notification);
        deps.logger.warn(`A notification could not be shown: ${error}`);
      });
      notification.show();
    },
  };
}
