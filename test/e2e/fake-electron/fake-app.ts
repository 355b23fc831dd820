/**
 * Electron's `app` for one test file: it becomes ready when the test says so, gives each
 * test file its own folders, and quits the way Electron does (before-quit may be prevented,
 * which is how main flushes the engine before it goes).
 */
import { EventEmitter } from 'node:events';
import type { CallLog } from './call-log.ts';

export interface FakeAppPaths {
  userData: string;
  logs: string;
  exe: string;
  temp: string;
}

/** What Electron passes to 'before-quit' and 'will-quit' listeners. */
export interface PreventableEvent {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}

export function preventableEvent(): PreventableEvent {
  let prevented = false;
  return {
    preventDefault: () => {
      prevented = true;
    },
    get defaultPrevented() {
      return prevented;
    },
  };
}

export class FakeApp extends EventEmitter {
  readonly #log: CallLog;
  readonly #paths: FakeAppPaths;
  readonly #version: string;
  readonly #ready: PromiseWithResolvers<void> = Promise.withResolvers();
  readonly #quit: PromiseWithResolvers<void> = Promise.withResolvers();
  #isReady = false;
  #hasQuit = false;
  #exitCode: number | null = null;
  /** Electron: undefined except on macOS; the tests run main as on Linux. */
  readonly dock = undefined;
  readonly isPackaged = false;

  constructor(log: CallLog, paths: FakeAppPaths, version: string) {
    super();
    this.#log = log;
    this.#paths = paths;
    this.#version = version;
  }

  /** The test's stand-in for Electron finishing its start-up. */
  makeReady(): void {
    if (this.#isReady) return;
    this.#isReady = true;
    this.#log.markReady();
    this.emit('ready', {}, {});
    this.#ready.resolve();
  }

  /**
   * The user opened the running app again from Finder, Launchpad or Spotlight. Electron emits
   * 'activate' on macOS only, with whether any window is visible; main runs as on Linux here,
   * but listens on every platform.
   */
  activate(): void {
    const hasVisibleWindows = false;
    this.emit('activate', {}, hasVisibleWindows);
  }

  /** Resolves once a quit went all the way through (nothing prevented it). */
  whenQuit(): Promise<void> {
    return this.#quit.promise;
  }

  get hasQuit(): boolean {
    return this.#hasQuit;
  }

  whenReady(): Promise<void> {
    this.#log.record('app.whenReady');
    return this.#ready.promise;
  }

  isReady(): boolean {
    return this.#isReady;
  }

  getPath(name: string): string {
    this.#log.record('app.getPath', name);
    if (!Object.hasOwn(this.#paths, name)) throw new Error(`Failed to get '${name}' path`);
    return this.#paths[name as keyof FakeAppPaths];
  }

  getVersion(): string {
    this.#log.record('app.getVersion');
    return this.#version;
  }

  requestSingleInstanceLock(): boolean {
    this.#log.record('app.requestSingleInstanceLock');
    return true;
  }

  setAppUserModelId(id: string): void {
    this.#log.record('app.setAppUserModelId', id);
  }

  getLoginItemSettings(options?: unknown): { openAtLogin: boolean; wasOpenedAtLogin: boolean } {
    this.#log.record('app.getLoginItemSettings', options);
    return { openAtLogin: false, wasOpenedAtLogin: false };
  }

  setLoginItemSettings(settings: unknown): void {
    this.#log.record('app.setLoginItemSettings', settings);
  }

  /** Electron quits when the last window closes, unless the app listens for 'window-all-closed'. */
  allWindowsClosed(): void {
    if (this.listenerCount('window-all-closed') > 0) this.emit('window-all-closed');
    else this.quit();
  }

  /** Electron: ends at once with the code, without 'before-quit' or 'will-quit'. */
  exit(exitCode = 0): void {
    this.#log.record('app.exit', exitCode);
    this.#exitCode = exitCode;
  }

  /** The code app.exit() was called with; null while the app has not exited that way. */
  get exitCode(): number | null {
    return this.#exitCode;
  }

  quit(): void {
    this.#log.record('app.quit');
    if (this.#hasQuit) return;
    const beforeQuit = preventableEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    const willQuit = preventableEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return;
    this.#hasQuit = true;
    this.emit('quit', {}, 0);
    this.#quit.resolve();
  }
}
