/**
 * Electron's BrowserWindow and its webContents. The window itself is only a record (its
 * options, shown or hidden); what it loads is opened in Chromium by the window host, and
 * what main sends it is forwarded there. The main frame reports the URL the page is really
 * on, translated back to app://, so main's sender check sees what Electron would show it.
 */
import { EventEmitter } from 'node:events';
import type { CallLog } from './call-log.ts';
import { preventableEvent } from './fake-app.ts';

/** The page side of a window: opens URLs in Chromium and delivers what main sends. */
export interface WindowHostPort {
  load(window: FakeBrowserWindow, url: string): Promise<void>;
  send(window: FakeBrowserWindow, channel: string, args: unknown[]): void;
  /** The window was destroyed: its page goes with it. */
  closed(window: FakeBrowserWindow): void;
}

export interface WindowDeps {
  log: CallLog;
  windows: FakeBrowserWindow[];
  /** Set by the harness before main starts. */
  host(): WindowHostPort;
  /** Problems the fake noticed (a failed load): the tests assert there are none. */
  problems: string[];
  /** Electron's app reacts when the last window is gone (it quits unless someone listens). */
  allWindowsClosed(): void;
}

/** The fields of Electron's WebFrameMain that main's sender check reads. */
export interface FakeFrame {
  readonly processId: number;
  readonly routingId: number;
  readonly url: string;
}

/** Electron gives every renderer process an id; the window's is this one. */
export const WINDOW_PROCESS_ID = 7;
export const MAIN_FRAME_ROUTING_ID = 1;

export class FakeWebContents extends EventEmitter {
  readonly #log: CallLog;
  readonly #deliver: (channel: string, args: unknown[]) => void;
  #url = '';
  #loading = false;
  #destroyed = false;
  permissionRequestHandler: unknown = null;
  permissionCheckHandler: unknown = null;
  windowOpenHandler: unknown = null;
  readonly session = {
    setPermissionRequestHandler: (handler: unknown) => {
      this.#log.record('session.setPermissionRequestHandler');
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler: (handler: unknown) => {
      this.#log.record('session.setPermissionCheckHandler');
      this.permissionCheckHandler = handler;
    },
  };
  readonly mainFrame: FakeFrame;

  constructor(log: CallLog, deliver: (channel: string, args: unknown[]) => void) {
    super();
    this.#log = log;
    this.#deliver = deliver;
    const currentUrl = (): string => this.#url;
    this.mainFrame = {
      processId: WINDOW_PROCESS_ID,
      routingId: MAIN_FRAME_ROUTING_ID,
      get url() {
        return currentUrl();
      },
    };
  }

  /** The window host reports where the main frame is (an app:// URL when it is ours). */
  setUrl(url: string): void {
    this.#url = url;
  }

  setLoading(loading: boolean): void {
    this.#loading = loading;
  }

  isLoading(): boolean {
    return this.#loading;
  }

  getURL(): string {
    return this.#url;
  }

  isDestroyed(): boolean {
    return this.#destroyed;
  }

  markDestroyed(): void {
    this.#destroyed = true;
  }

  setWindowOpenHandler(handler: unknown): void {
    this.#log.record('webContents.setWindowOpenHandler');
    this.windowOpenHandler = handler;
  }

  send(channel: string, ...args: unknown[]): void {
    this.#log.record('webContents.send', channel, ...args);
    // Electron throws "Object has been destroyed" for a destroyed window's webContents.
    if (this.#destroyed) throw new Error('Object has been destroyed');
    this.#deliver(channel, args);
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly options: Readonly<Record<string, unknown>>;
  readonly webContents: FakeWebContents;
  readonly #deps: WindowDeps;
  #visible = false;
  #destroyed = false;

  constructor(options: Record<string, unknown>, deps: WindowDeps) {
    super();
    deps.log.record('BrowserWindow.new', options);
    this.options = options;
    this.#deps = deps;
    this.webContents = new FakeWebContents(deps.log, (channel, args) =>
      deps.host().send(this, channel, args),
    );
    deps.windows.push(this);
  }

  async loadURL(url: string): Promise<void> {
    this.#deps.log.record('BrowserWindow.loadURL', url);
    this.webContents.setLoading(true);
    try {
      await this.#deps.host().load(this, url);
    } catch (error) {
      // Main calls `void loadURL(...)`: a rejection would go unhandled, so it is kept as a problem.
      this.#deps.problems.push(
        `loadURL(${url}) failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return;
    } finally {
      this.webContents.setLoading(false);
    }
    this.emit('ready-to-show');
  }

  show(): void {
    this.#deps.log.record('BrowserWindow.show');
    this.#visible = true;
    this.emit('show');
  }

  hide(): void {
    this.#deps.log.record('BrowserWindow.hide');
    this.#visible = false;
    this.emit('hide');
  }

  focus(): void {
    this.#deps.log.record('BrowserWindow.focus');
  }

  restore(): void {
    this.#deps.log.record('BrowserWindow.restore');
  }

  isVisible(): boolean {
    return this.#visible;
  }

  isMinimized(): boolean {
    return false;
  }

  isDestroyed(): boolean {
    return this.#destroyed;
  }

  /** The user closing the window: 'close' may be prevented, otherwise the window is destroyed. */
  close(): void {
    this.#deps.log.record('BrowserWindow.close');
    if (this.#destroyed) return;
    const event = preventableEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }

  destroy(): void {
    this.#deps.log.record('BrowserWindow.destroy');
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#visible = false;
    this.webContents.markDestroyed();
    this.#deps.host().closed(this);
    this.emit('closed');
    if (this.#deps.windows.every((window) => window.isDestroyed())) this.#deps.allWindowsClosed();
  }
}

/** `new BrowserWindow(options)` as main writes it, bound to this test file's fake. */
export function browserWindowClass(deps: WindowDeps) {
  return class BrowserWindow extends FakeBrowserWindow {
    constructor(options: Record<string, unknown>) {
      super(options, deps);
    }
  };
}
