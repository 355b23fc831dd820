/**
 * The built app in a real Electron, driven by Playwright: started in demo mode it opens its
 * window on the three simulated locks, the window is locked down (context isolation, sandbox,
 * no Node) and offers exactly the contract's verbs, and closing the window destroys it (nothing
 * renders while it is not shown) while the app goes on in the tray. Run by `npm run test:electron` where the Electron binary is
 * installed; each run gets its own userData folder, so it neither reads nor changes the
 * settings, key or single-instance lock of an installed Tedee Tray.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron } from 'playwright';
import type { ElectronApplication, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../preload/contract.ts';
import { sampleLocks } from '../../main/demo/sample-locks.ts';
import { WINDOW_URL } from '../../main/shell/app-protocol.ts';

const ROOT = path.join(import.meta.dirname, '../..');

/** The test's environment for Electron, less what would change how it starts. */
function electronEnvironment(): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env))
    if (value !== undefined) environment[name] = value;
  // Set by some editors' terminals; Electron would then run as plain Node and never open a window.
  delete environment.ELECTRON_RUN_AS_NODE;
  return environment;
}

describe('Tedee Tray in Electron, in demo mode', () => {
  let userData = '';
  let launched: ElectronApplication | undefined;
  let firstWindow: Page | undefined;

  beforeAll(async () => {
    userData = await mkdtemp(path.join(tmpdir(), 'tedee-tray-electron-'));
    // --user-data-dir is Chromium's switch, which Electron also takes as app.getPath('userData').
    launched = await electron.launch({
      args: [`--user-data-dir=${userData}`, '.', '--demo'],
      cwd: ROOT,
      env: electronEnvironment(),
    });
    firstWindow = await launched.firstWindow();
  });

  afterAll(async () => {
    await launched?.close();
    await rm(userData, { recursive: true, force: true });
  });

  function started(): { app: ElectronApplication; window: Page } {
    if (launched === undefined || firstWindow === undefined)
      throw new Error('the app did not start');
    return { app: launched, window: firstWindow };
  }

  it('opens its window on the app:// page with the three demo locks', async () => {
    const { window } = started();
    // The window may be reported before its page has committed, while it is still about:blank.
    await expect.poll(() => window.url()).toBe(WINDOW_URL);
    const names = window.locator('article.lock-card h2');
    await expect
      .poll(async () => (await names.allInnerTexts()).sort(), { timeout: 30_000 })
      .toEqual(
        sampleLocks()
          .map((lock) => lock.name)
          .sort(),
      );
  });

  it('is ready, with one window whose web preferences keep the page away from Node', async () => {
    const { app, window } = started();
    const main = await app.evaluate((electronMain) => ({
      ready: electronMain.app.isReady(),
      windows: electronMain.BrowserWindow.getAllWindows().map((browserWindow) => {
        // Electron has no documented way to read a window's webPreferences back; this long-standing
        // method (Electron's own tests use it) is looked up at run time, and its absence is reported.
        const contents = browserWindow.webContents as unknown as {
          getLastWebPreferences?: () => Record<string, unknown> | null;
        };
        const preferences =
          typeof contents.getLastWebPreferences === 'function'
            ? contents.getLastWebPreferences()
            : null;
        return preferences === null
          ? 'webContents.getLastWebPreferences() is not available'
          : {
              contextIsolation: preferences.contextIsolation,
              sandbox: preferences.sandbox,
              nodeIntegration: preferences.nodeIntegration,
            };
      }),
    }));
    expect(main).toEqual({
      ready: true,
      windows: [{ contextIsolation: true, sandbox: true, nodeIntegration: false }],
    });
    // The same, seen from the page: no Node globals reach it.
    expect(
      await window.evaluate<string[]>(
        "['require', 'process', 'module', 'Buffer'].filter((name) => name in globalThis)",
      ),
    ).toEqual([]);
  });

  it('offers the page exactly the contract’s verbs and onUpdate, all functions, on a frozen object', async () => {
    const { window } = started();
    const names = await window.evaluate<string[]>('Object.keys(window.tedeeTray).sort()');
    expect(names).toEqual([...VERBS, 'onUpdate'].sort());
    expect(
      await window.evaluate<boolean>(
        "Object.values(window.tedeeTray).every((value) => typeof value === 'function')",
      ),
    ).toBe(true);
    expect(await window.evaluate<boolean>('Object.isFrozen(window.tedeeTray)')).toBe(true);
  });

  it('destroys the window when it is closed, and keeps running in the tray', async () => {
    const { app } = started();
    await app.evaluate(({ BrowserWindow }) => {
      for (const browserWindow of BrowserWindow.getAllWindows()) browserWindow.close();
    });
    const windowCount = () =>
      app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
    await expect.poll(windowCount).toBe(0);
    expect(app.process().exitCode).toBeNull();
    expect(await app.evaluate((electronMain) => electronMain.app.isReady())).toBe(true);
  });
});
