/**
 * A recording fake of the `electron` module for running the real main process in Node: every
 * API main/index.ts and the shell adapters touch, with Electron's rules where breaking them
 * would be a bug (ready ordering, one handler per channel). `module` is what vi.doMock hands
 * to main in place of the npm package, which is only a binary locator.
 */
import { CallLog } from './call-log.ts';
import { FakeApp } from './fake-app.ts';
import type { FakeAppPaths } from './fake-app.ts';
import { browserWindowClass } from './fake-browser-window.ts';
import type { FakeBrowserWindow, WindowHostPort } from './fake-browser-window.ts';
import { FakeIpcMain } from './fake-ipc-main.ts';
import { osServices } from './fake-os-services.ts';
import type { FakeKeyring } from './fake-os-services.ts';
import { FakeProtocol, fakeNet } from './fake-protocol.ts';
import { trayModules } from './fake-tray.ts';
import type { FakeTray } from './fake-tray.ts';

export interface FakeElectronOptions {
  paths: FakeAppPaths;
  version: string;
  /** 'broken': safeStorage seals with Chromium's built-in key, as on Linux with a broken keyring. */
  keyring?: FakeKeyring;
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

export function createFakeElectron(options: FakeElectronOptions) {
  const log = new CallLog();
  const problems: string[] = [];
  const windows: FakeBrowserWindow[] = [];
  const trays: FakeTray[] = [];
  let host: WindowHostPort | null = null;

  const app = new FakeApp(log, options.paths, options.version);
  const ipcMain = new FakeIpcMain(log);
  const protocol = new FakeProtocol(log, app);
  const net = fakeNet(log);
  const services = osServices(log, app, options.keyring ?? 'working');
  const { Tray, Menu, nativeImage } = trayModules({ log, trays });
  const BrowserWindow = browserWindowClass({
    log,
    windows,
    problems,
    allWindowsClosed: () => app.allWindowsClosed(),
    host: () => {
      if (!host) throw new Error('no window host is attached to the fake electron');
      return host;
    },
  });

  const dialog = {
    // Electron allows it before 'ready' too (on Linux it then writes to stderr); the call log
    // says which it was.
    showErrorBox: (title: string, content: string): void => {
      log.record('dialog.showErrorBox', title, content);
    },
  };

  const exports = {
    app,
    BrowserWindow,
    dialog,
    ipcMain,
    Menu,
    nativeImage,
    net,
    Notification: services.Notification,
    powerMonitor: services.powerMonitor,
    protocol,
    safeStorage: services.safeStorage,
    shell: services.shell,
    Tray,
  };

  return {
    log,
    problems,
    windows,
    trays,
    app,
    ipcMain,
    protocol,
    notifications: services.shownNotifications,
    /** Plaintexts handed to safeStorage.encryptStringAsync. */
    encrypted: services.encrypted,
    powerMonitor: services.powerMonitor,
    attachHost(next: WindowHostPort): void {
      host = next;
    },
    /** The module as `import { app } from 'electron'` and `import electron from 'electron'` see it. */
    module: { ...exports, default: exports },
  };
}
