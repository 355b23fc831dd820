/**
 * One fake BrowserWindow shown in Chromium: its page is served by main's app:// handler, runs
 * the real preload through the shim, and its invokes reach the fake ipcMain with the event
 * Electron would build: the sender frame is the window's main frame when the main frame
 * called, and any other frame is a frame of its own.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, BrowserContext, Frame, Page, Route } from 'playwright';
import { APP_SCHEME } from '../../../main/shell/app-protocol.ts';
import { saveBrowserCoverage, startBrowserCoverage } from '../../support/browser-coverage.ts';
import type { FakeBrowserWindow, FakeFrame } from '../fake-electron/fake-browser-window.ts';
import { WINDOW_PROCESS_ID } from '../fake-electron/fake-browser-window.ts';
import type { FakeElectron } from '../fake-electron/fake-electron.ts';
import type { FakeInvokeEvent } from '../fake-electron/fake-ipc-main.ts';
import { isPageUrl, toAppUrl, toPageUrl } from './app-origin.ts';
import { preloadInitScript } from './preload-script.ts';
import type { BridgeMessage } from './preload-shim.ts';
import { StateOutbox } from './state-outbox.ts';
import type { WindowRecords } from './window-records.ts';

const BINDING_NAME = '__tedeeE2eBridge';
/** The window's script, as main's app:// handler serves it. */
const RENDERER_BUNDLE = join(import.meta.dirname, '../../../dist/renderer/app.js');

export class HostedWindow {
  readonly page: Page;
  readonly #context: BrowserContext;
  readonly #window: FakeBrowserWindow;
  readonly #preload: string;
  readonly #fake: FakeElectron;
  readonly #records: WindowRecords;
  readonly #token = randomUUID();
  readonly #outbox = new StateOutbox();
  readonly #subframeIds = new WeakMap<Frame, number>();

  private constructor(
    context: BrowserContext,
    page: Page,
    window: FakeBrowserWindow,
    preload: string,
    fake: FakeElectron,
    records: WindowRecords,
  ) {
    this.#context = context;
    this.page = page;
    this.#window = window;
    this.#preload = preload;
    this.#fake = fake;
    this.#records = records;
  }

  static async open(
    browser: Browser,
    window: FakeBrowserWindow,
    fake: FakeElectron,
    records: WindowRecords,
  ): Promise<HostedWindow> {
    const preload = preloadPathOf(window);
    const context = await browser.newContext({
      viewport: {
        width: Number(window.options.width ?? 420),
        height: Number(window.options.height ?? 640),
      },
      timezoneId: 'UTC',
      locale: 'en-GB',
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    await startBrowserCoverage(page);
    const hosted = new HostedWindow(context, page, window, preload, fake, records);
    hosted.#watch();
    await context.route('**/*', (route) => hosted.#serve(route));
    await page.exposeBinding(BINDING_NAME, (source, token: unknown, message: BridgeMessage) =>
      hosted.#onBridge(source, token, message),
    );
    await page.addInitScript({
      content: await preloadInitScript(preload, { binding: BINDING_NAME, token: hosted.#token }),
    });
    return hosted;
  }

  async goto(appUrl: string): Promise<void> {
    await this.page.goto(toPageUrl(appUrl));
  }

  deliver(channel: string, args: unknown[]): void {
    // Electron sends a structured clone; so does this, so main cannot share objects with the page.
    this.#outbox.put({ channel, args: structuredClone(args) });
  }

  async close(): Promise<void> {
    this.#outbox.close();
    await saveBrowserCoverage(this.page, [RENDERER_BUNDLE, this.#preload]);
    await this.#context.close();
  }

  #watch(): void {
    const { problems, console: consoleLines } = this.#records;
    this.page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    this.page.on('console', (message) => {
      consoleLines.push(`${message.type()}: ${message.text()}`);
      // CSP violations arrive here too, as console errors.
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    this.page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    this.page.on('framenavigated', (frame) => {
      if (frame === this.page.mainFrame()) this.#window.webContents.setUrl(toAppUrl(frame.url()));
    });
  }

  /** Every request the page makes: ours go to main's app:// handler, anything else is a finding. */
  async #serve(route: Route): Promise<void> {
    const url = route.request().url();
    const handler = this.#fake.protocol.handlers.get(APP_SCHEME);
    if (!isPageUrl(url) || !handler) {
      this.#records.problems.push(`request the app could not serve: ${url}`);
      await route.abort('blockedbyclient');
      return;
    }
    try {
      const response = await handler(
        new Request(toAppUrl(url), { method: route.request().method() }),
      );
      const body = Buffer.from(await response.arrayBuffer());
      await route.fulfill({
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body,
      });
    } catch (error) {
      this.#records.problems.push(`app:// handler failed for ${url}: ${messageOf(error)}`);
      await route.abort('failed');
    }
  }

  async #onBridge(
    source: { frame: Frame },
    token: unknown,
    message: BridgeMessage,
  ): Promise<unknown> {
    if (token !== this.#token) {
      this.#records.problems.push('the bridge binding was called without the shim’s token');
      throw new Error('Refused.');
    }
    if (message.kind === 'next') return this.#outbox.next(message.documentId);
    const event = this.#eventFor(source.frame);
    this.#records.invocations.push({ channel: message.channel, args: message.args });
    try {
      const result = await this.#fake.ipcMain.invoke(message.channel, event, message.args);
      this.#records.results.push({ channel: message.channel, result });
      return structuredClone(result);
    } catch (error) {
      this.#records.results.push({
        channel: message.channel,
        result: `rejected: ${messageOf(error)}`,
      });
      throw error;
    }
  }

  #eventFor(frame: Frame): FakeInvokeEvent {
    const senderFrame =
      frame === this.page.mainFrame() ? this.#window.webContents.mainFrame : this.#subframe(frame);
    return {
      senderFrame,
      sender: this.#window.webContents,
      processId: senderFrame.processId,
      frameId: senderFrame.routingId,
    };
  }

  #subframe(frame: Frame): FakeFrame {
    let routingId = this.#subframeIds.get(frame);
    if (routingId === undefined) {
      routingId = 100 + this.page.frames().indexOf(frame);
      this.#subframeIds.set(frame, routingId);
    }
    return { processId: WINDOW_PROCESS_ID, routingId, url: toAppUrl(frame.url()) };
  }
}

function preloadPathOf(window: FakeBrowserWindow): string {
  const preferences = window.options.webPreferences;
  const preload =
    typeof preferences === 'object' && preferences !== null && 'preload' in preferences
      ? preferences.preload
      : undefined;
  if (typeof preload !== 'string')
    throw new Error('the window has no preload: main must name one in webPreferences');
  return preload;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
