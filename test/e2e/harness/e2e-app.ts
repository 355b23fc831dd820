/**
 * Starts the whole app for one test file: the Tedee simulator as the API, the REAL main
 * process (dist/main/index.js, the composition root included) on a recording fake of
 * `electron`, and its window in Chromium, joined by the real preload bundle. Each test file
 * runs in its own module graph, so main/index.ts, which starts at import, runs once per file.
 *
 * What a user would set up beforehand goes into the temp userData folder before start: the
 * settings file (the simulator as the API address) and, when asked, a key stored by an
 * earlier run.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright';
import { vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { launchChromium } from '../../../scripts/debian-chromium.ts';
import { BridgeSimulator } from '../../../main/demo/bridge-simulator.ts';
import { TedeeSimulator } from '../../../main/demo/tedee-simulator.ts';
import { encodeKeyRecord } from '../../../main/shell/key-record.ts';
import type { AccessKeyConfig, SimulatedLockInit } from '../../../main/demo/tedee-simulator.ts';
import type { FakeBrowserWindow } from '../fake-electron/fake-browser-window.ts';
import { createFakeElectron } from '../fake-electron/fake-electron.ts';
import type { FakeElectron } from '../fake-electron/fake-electron.ts';
import { fakeSeal } from '../fake-electron/fake-os-services.ts';
import type { FakeKeyring } from '../fake-electron/fake-os-services.ts';
import { WindowHost } from '../window-host/window-host.ts';
import { AddedProcessListeners } from './process-listeners.ts';
import { waitFor } from './wait-for.ts';

const root = join(import.meta.dirname, '../../..');
const MAIN_ENTRY = join(root, 'dist/main/index.js');

export interface E2eAppOptions {
  /** The simulated account's locks. */
  locks: SimulatedLockInit[];
  /** Personal Access Keys the account accepts (a bare string has Device.Read alone). */
  accountKeys: AccessKeyConfig[];
  /**
   * A key an earlier run stored for the simulator's address (encrypted as the fake
   * safeStorage does).
   */
  storedKey?: string;
  /** Settings file fields besides apiUrl, which is always the simulator. */
  settings?: Record<string, unknown>;
  /** Runs after the simulator started and before main does. */
  beforeStart?(simulator: TedeeSimulator): void;
  /** 'broken': safeStorage falls back to Chromium's built-in key, as with a broken Linux keyring. */
  keyring?: FakeKeyring;
  /** A simulated Tedee Bridge on loopback with the same locks, accepting this token. */
  bridgeToken?: string;
}

export interface E2eDirs {
  /** Everything the run writes lives under here, removed on stop. */
  root: string;
  userData: string;
}

export interface E2eApp {
  fake: FakeElectron;
  host: WindowHost;
  simulator: TedeeSimulator;
  /** The simulated bridge, with `bridgeToken`. */
  bridge: BridgeSimulator | null;
  window: FakeBrowserWindow;
  page: Page;
  dirs: E2eDirs;
  /** Where the key vault keeps the encrypted key. */
  keyFile: string;
  /** What main had safeStorage encrypt, but for the probe that asks which key Linux seals with. */
  encryptedKeys(): string[];
  /** What main wrote to the console (the app logs to a file; this should stay quiet). */
  mainConsole(): string[];
  /** Quits the app the way Electron does, then closes Chromium and the simulator. */
  stop(): Promise<void>;
}

export async function startE2eApp(options: E2eAppOptions): Promise<E2eApp> {
  const dirs = makeDirs();
  const simulator = await TedeeSimulator.start({ keys: options.accountKeys, locks: options.locks });
  const bridge =
    options.bridgeToken === undefined
      ? null
      : await BridgeSimulator.start({
          token: options.bridgeToken,
          locks: options.locks.map((lock) => ({ ...lock })),
        });
  writeFileSync(
    join(dirs.userData, 'settings.json'),
    JSON.stringify({ schemaVersion: 1, ...options.settings, apiUrl: simulator.baseUrl }, null, 2),
  );
  options.beforeStart?.(simulator);

  // The Linux login item writes $XDG_CONFIG_HOME/autostart: never the real one.
  const previousXdg = process.env.XDG_CONFIG_HOME;
  process.env.XDG_CONFIG_HOME = join(dirs.root, 'xdg-config');
  const consoleSpies = (['log', 'info', 'warn', 'error'] as const).map((method) =>
    vi.spyOn(console, method),
  );

  const fake = createFakeElectron({
    paths: {
      userData: dirs.userData,
      logs: join(dirs.root, 'logs'),
      exe: join(dirs.root, 'tedee-tray'),
      temp: tmpdir(),
    },
    version: packageVersion(),
    keyring: options.keyring ?? 'working',
  });
  // main and the key vault below import 'electron'.
  vi.doMock('electron', () => fake.module);
  const { KEY_FILE_NAME, KEY_STORAGE_PROBE } = await import('../../../main/shell/key-vault.ts');
  const keyFile = join(dirs.userData, KEY_FILE_NAME);
  if (options.storedKey !== undefined)
    writeFileSync(
      keyFile,
      fakeSeal(encodeKeyRecord({ key: options.storedKey, origin: simulator.baseUrl })).toString(
        'base64',
      ),
    );

  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const host = new WindowHost(browser, fake);
    fake.attachHost(host);
    const mainListeners = new AddedProcessListeners();
    await import(pathToFileURL(MAIN_ENTRY).href);
    mainListeners.seal();
    fake.app.makeReady();

    const window = await waitFor('main to open its window', () => fake.windows[0], 10_000);
    await waitFor('the window to finish loading', () => window.isVisible(), 15_000);
    const page = await host.page(window);
    await page.locator('#summary[data-tray]').waitFor();
    const started = browser;
    return {
      fake,
      host,
      simulator,
      bridge,
      window,
      page,
      dirs,
      keyFile,
      encryptedKeys: () => fake.encrypted.filter((plain) => plain !== KEY_STORAGE_PROBE),
      mainConsole: () =>
        consoleSpies.flatMap((spy) => spy.mock.calls.map((args) => args.map(String).join(' '))),
      async stop() {
        fake.app.quit();
        try {
          await waitFor('the app to quit', () => fake.app.hasQuit, 10_000);
        } finally {
          await bridge?.close();
          await cleanUp(started, host, simulator, consoleSpies);
          restoreEnv(previousXdg);
          mainListeners.remove();
          rmSync(dirs.root, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await browser?.close();
    await simulator.close();
    await bridge?.close();
    restoreEnv(previousXdg);
    for (const spy of consoleSpies) spy.mockRestore();
    throw error;
  }
}

async function cleanUp(
  browser: Browser,
  host: WindowHost,
  simulator: TedeeSimulator,
  spies: MockInstance[],
): Promise<void> {
  await host.close();
  await browser.close();
  await simulator.close();
  for (const spy of spies) spy.mockRestore();
}

function makeDirs(): E2eDirs {
  const base = mkdtempSync(join(tmpdir(), 'tedee-e2e-'));
  const dirs = { root: base, userData: join(base, 'userData') };
  mkdirSync(dirs.userData);
  return dirs;
}

function packageVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const version =
    typeof manifest === 'object' && manifest !== null && 'version' in manifest
      ? manifest.version
      : undefined;
  return typeof version === 'string' ? version : '0.0.0';
}

function restoreEnv(previousXdg: string | undefined): void {
  if (previousXdg === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = previousXdg;
}
