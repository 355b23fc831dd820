/**
 * The lock window: created hidden when first needed, shown once its page is ready, and
 * destroyed when closed, so nothing renders while it is not shown (the app lives on in the
 * tray). Locked down per Electron's security checklist.
 */
import type {
  BrowserWindow,
  BrowserWindowConstructorOptions,
  IpcMainInvokeEvent,
  WebPreferences,
} from 'electron';
import type { WindowPort } from '../app/ports.ts';
import {
  ACTIVITY_CHANNEL,
  activityUpdateSchema,
  UPDATE_CHANNEL,
  windowUpdateSchema,
} from '../../preload/contract.ts';
import type { WindowUpdate } from '../../preload/contract.ts';
import { isAppUrl, WINDOW_URL } from './app-protocol.ts';

/** @param devTools on in development only: in a user's hands DevTools would let anyone at the keyboard drive the window's verbs. */
export function secureWebPreferences(preloadPath: string, devTools: boolean): WebPreferences {
  return {
    preload: preloadPath,
    devTools,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

export interface MainWindowDeps {
  createWindow(options: BrowserWindowConstructorOptions): BrowserWindow;
  preloadPath: string;
  /** `!app.isPackaged`: DevTools for `npm start`, none in an installed app. */
  devTools: boolean;
  iconPath?: string;
}

export interface MainWindowController extends WindowPort {
  isTrustedSender: (event: Pick<IpcMainInvokeEvent, 'senderFrame'>) => boolean;
}

export function createMainWindowController(deps: MainWindowDeps): MainWindowController {
  let window: BrowserWindow | null = null;

  const open = (): BrowserWindow => {
    if (window && !window.isDestroyed()) return window;
    const created = deps.createWindow({
      width: 420,
      height: 640,
      minWidth: 360,
      minHeight: 420,
      show: false,
      title: 'Tedee Tray',
      autoHideMenuBar: true,
      ...(deps.iconPath ? { icon: deps.iconPath } : {}),
      webPreferences: secureWebPreferences(deps.preloadPath, deps.devTools),
    });
    lockDown(created);
    created.once('ready-to-show', () => created.show());
    created.on('closed', () => {
      if (window === created) window = null;
    });
    void created.loadURL(WINDOW_URL);
    window = created;
    return created;
  };

  return {
    show: () => {
      const shown = open();
      if (shown.isMinimized()) shown.restore();
      if (shown.isVisible()) shown.focus();
      else if (!shown.webContents.isLoading()) shown.show();
    },
    sendUpdate: (update: WindowUpdate) => {
      if (!window || window.isDestroyed()) return; // a window opened later asks with getState
      // Validated here so a drift between main and the contract fails loudly, in main.
      window.webContents.send(UPDATE_CHANNEL, windowUpdateSchema.parse(update));
    },
    sendActivity: (update) => {
      if (!window || window.isDestroyed()) return; // a window opened later asks with getActivity
      window.webContents.send(ACTIVITY_CHANNEL, activityUpdateSchema.parse(update));
    },
    isTrustedSender: ({ senderFrame }) => {
      if (!window || window.isDestroyed() || !senderFrame) return false;
      const main = window.webContents.mainFrame;
      const sameFrame =
        senderFrame.processId === main.processId && senderFrame.routingId === main.routingId;
      return sameFrame && isAppUrl(senderFrame.url);
    },
  };
}

/** Nothing in the window may navigate away, open windows, embed webviews or ask for permissions. */
function lockDown(window: BrowserWindow): void {
  const { webContents } = window;
  webContents.on('will-navigate', (event) => event.preventDefault());
  webContents.on('will-redirect', (event) => event.preventDefault());
  webContents.on('will-attach-webview', (event) => event.preventDefault());
  webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  webContents.session.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  webContents.session.setPermissionCheckHandler(() => false);
}
