/**
 * How the app lives: one instance (a second launch opens the first one's window), in the
 * tray with no window open, without a Dock icon on macOS, and shutting the engine down
 * before it quits.
 */
import type { App } from 'electron';
import { APP_ID } from './app-identity.ts';

type LifecycleApp = Pick<
  App,
  'requestSingleInstanceLock' | 'quit' | 'on' | 'setAppUserModelId' | 'dock'
>;

/**
 * @param onLaunchedAgain the app was started again: open the window of this instance
 * @returns false when another instance runs: this one then quits at once
 */
export function claimSingleInstance(app: LifecycleApp, onLaunchedAgain: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => onLaunchedAgain());
  // macOS: opening the running app again from Finder, Launchpad or Spotlight starts no second
  // process; the running one gets 'activate' instead.
  app.on('activate', () => onLaunchedAgain());
  return true;
}

/** @param shutdown stops polling and releases what the app holds; the app quits when it resolves */
export function wireLifecycle(
  app: LifecycleApp,
  platform: NodeJS.Platform,
  shutdown: () => Promise<void>,
): void {
  // Windows shows notifications only for an AppUserModelId an installed shortcut carries.
  if (platform === 'win32') app.setAppUserModelId(APP_ID);
  // A tray app: no Dock icon (LSUIElement does this for the packaged app; this for `npm start`).
  if (platform === 'darwin') app.dock?.hide();

  // Without a listener Electron quits when the last window closes; the app lives in the tray.
  app.on('window-all-closed', () => {});

  let shutDown = false;
  app.on('before-quit', (event) => {
    if (shutDown) return;
    event.preventDefault();
    void shutdown().finally(() => {
      shutDown = true;
      app.quit();
    });
  });
}
