/**
 * The Chromium side of the fake BrowserWindow: one page per window, opened when main first
 * loads a URL into it. Messages main sends to a window with no page yet are lost, as they are
 * in Electron before the renderer exists.
 */
import type { Browser, Page } from 'playwright';
import type { FakeBrowserWindow, WindowHostPort } from '../fake-electron/fake-browser-window.ts';
import type { FakeElectron } from '../fake-electron/fake-electron.ts';
import { HostedWindow } from './hosted-window.ts';
import { emptyWindowRecords } from './window-records.ts';

export class WindowHost implements WindowHostPort {
  readonly #browser: Browser;
  readonly #fake: FakeElectron;
  readonly #windows = new Map<FakeBrowserWindow, Promise<HostedWindow>>();
  readonly records = emptyWindowRecords();

  constructor(browser: Browser, fake: FakeElectron) {
    this.#browser = browser;
    this.#fake = fake;
  }

  async load(window: FakeBrowserWindow, url: string): Promise<void> {
    let hosted = this.#windows.get(window);
    if (!hosted) {
      hosted = HostedWindow.open(this.#browser, window, this.#fake, this.records);
      this.#windows.set(window, hosted);
    }
    await (await hosted).goto(url);
  }

  send(window: FakeBrowserWindow, channel: string, args: unknown[]): void {
    // A window whose page failed to open has nothing to deliver to; the failure is recorded.
    void this.#windows.get(window)?.then(
      (hosted) => hosted.deliver(channel, args),
      () => {},
    );
  }

  closed(window: FakeBrowserWindow): void {
    const hosted = this.#windows.get(window);
    this.#windows.delete(window);
    void hosted?.then(
      (page) => page.close(),
      () => {},
    );
  }

  /** The page of a window main created (the first one unless told). */
  async page(window: FakeBrowserWindow): Promise<Page> {
    const hosted = this.#windows.get(window);
    if (!hosted) throw new Error('main has not loaded anything into this window yet');
    return (await hosted).page;
  }

  /** The pages of every window that is still open. */
  async openPages(): Promise<Page[]> {
    return (await Promise.all(this.#windows.values())).map((hosted) => hosted.page);
  }

  async close(): Promise<void> {
    const windows = [...this.#windows.values()];
    this.#windows.clear();
    await Promise.all(windows.map(async (hosted) => (await hosted).close()));
  }
}
