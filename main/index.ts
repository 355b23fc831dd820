/**
 * The composition root: creates the Electron adapters, hands them to the controller, and
 * nothing else. Decisions live in main/app and main/engine; Electron calls in main/shell.
 */
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  net,
  Notification,
  powerMonitor,
  protocol,
  shell,
  Tray,
} from 'electron';
import { HELP_URLS, TedeeTrayApp } from './app/tedee-tray-app.ts';
import { startDemoBackend } from './demo/demo-backend.ts';
import { TedeeClient } from './tedee/client.ts';
import { registerAppScheme, serveRenderer } from './shell/app-protocol.ts';
import { claimSingleInstance, wireLifecycle } from './shell/app-lifecycle.ts';
import { chromiumFetch } from './shell/chromium-fetch.ts';
import { failStartUp, logProcessFailures } from './shell/failures.ts';
import { createActivityFile, createHistoryFile } from './shell/history-file.ts';
import { registerIpcHandlers } from './shell/ipc.ts';
import { instanceIdFile } from './shell/instance-id-file.ts';
import { BRIDGE_TOKEN, createKeyVault } from './shell/key-vault.ts';
import { createLoginItem, wasStartedAtLogin } from './shell/login-item.ts';
import { createMainWindowController } from './shell/main-window.ts';
import { createConfirmDialog } from './shell/confirm-dialog.ts';
import { createNotifier } from './shell/notifier.ts';
import { createExternalOpener } from './shell/open-external.ts';
import { wirePowerEvents } from './shell/power.ts';
import { createRotatingLog, redactSecrets } from './shell/rotating-log.ts';
import { createSettingsStore } from './shell/settings-store.ts';
import { createTrayAdapter } from './shell/tray.ts';

const here = import.meta.dirname;
const paths = {
  preload: path.join(here, '../preload/index.cjs'),
  renderer: path.join(here, '../renderer'),
  assets: path.join(here, 'assets'),
};

// Must happen before 'ready' (Electron's rule for privileged schemes).
registerAppScheme(protocol);

let running: TedeeTrayApp | null = null;
const secrets = (): readonly string[] => running?.secrets ?? [];
const logsDir = path.join(app.getPath('userData'), 'logs');
const logger = createRotatingLog({ directory: logsDir, secrets });
logProcessFailures(process, logger);

if (claimSingleInstance(app, () => running?.onTrayAction({ kind: 'open-window' }))) {
  void app
    .whenReady()
    .then(start)
    .catch((error: unknown) =>
      failStartUp(
        { app, dialog, logger, logsDir, redact: (text) => redactSecrets(text, secrets) },
        error,
      ),
    );
}

async function start(): Promise<void> {
  wireLifecycle(app, process.platform, async () => {
    await running?.shutdown();
    logger.info('Stopped.');
  });
  serveRenderer(protocol, net, paths.renderer);

  const window = createMainWindowController({
    createWindow: (options) => new BrowserWindow(options),
    preloadPath: paths.preload,
    devTools: !app.isPackaged,
    iconPath: path.join(paths.assets, 'app-icon.png'),
  });
  const tedeeTray = new TedeeTrayApp({
    settings: createSettingsStore(),
    history: createHistoryFile(app.getPath('userData'), logger),
    activity: createActivityFile(app.getPath('userData'), logger),
    keyVault: createKeyVault(app.getPath('userData'), logger),
    bridgeTokenVault: createKeyVault(
      app.getPath('userData'),
      logger,
      process.platform,
      BRIDGE_TOKEN,
    ),
    instanceId: instanceIdFile(app.getPath('userData'), logger),
    loginItem: createLoginItem(),
    tray: createTrayAdapter({
      createTray: (image) => new Tray(image),
      onAction: (action) => tedeeTray.onTrayAction(action),
      platform: process.platform,
      assetsDir: paths.assets,
    }),
    notifier: createNotifier({
      Notification,
      platform: process.platform,
      onClick: (lockId, focusLockButton) => tedeeTray.openLock(lockId, focusLockButton),
      onLockAction: (lockId) => tedeeTray.lockFromNotification(lockId),
      onActivated: () => window.show(),
      logger,
    }),
    confirm: createConfirmDialog(dialog),
    window,
    logger,
    createApi: ({ key, apiUrl, keyOrigin }) =>
      new TedeeClient({ personalKey: key, apiUrl, keyOrigin, fetch: chromiumFetch(net) }),
    startDemo: startDemoBackend,
    openExternal: createExternalOpener(shell, Object.values(HELP_URLS), logger),
    openLogsFolder: () => void shell.openPath(logsDir),
    quit: () => app.quit(),
  });
  running = tedeeTray;

  registerIpcHandlers({
    ipcMain,
    isTrustedSender: window.isTrustedSender,
    handle: (verb, request) => tedeeTray.handle(verb, request),
    logger,
  });
  wirePowerEvents(powerMonitor, tedeeTray);
  await tedeeTray.start();
  logger.info(`Started ${app.getVersion()} on ${process.platform}.`);

  if (process.argv.includes('--demo')) void tedeeTray.handle('startDemo', undefined);
  // Started at login: stay in the tray. Started by the user: show what the app is.
  if (!wasStartedAtLogin(process.platform, process.argv)) window.show();
}
