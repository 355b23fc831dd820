/**
 * Everything a window test needs: the renderer built into a temp folder, served over loopback,
 * one Chromium for the test file, and a fresh page per test with the fake preload API and the
 * test's state injected before the page's scripts run.
 *
 * Each page records uncaught errors, console errors, CSP violations and dialogs (the window
 * must never use alert()); closing a page fails the test if any occurred.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { launchChromium } from '../../scripts/debian-chromium.ts';
import type { Browser, Page } from 'playwright';
import { expect } from 'vitest';
import type {
  ActivityUpdate,
  InvokeResult,
  ResponseOf,
  Verb,
  WindowState,
} from '../../preload/contract.ts';
import { buildRenderer } from '../../scripts/build-renderer.ts';
import { saveBrowserCoverage, startBrowserCoverage } from '../support/browser-coverage.ts';
import type { FakeCall, FakeGlobals, FakeResponses } from './fake-tedee-tray.ts';
import { serveFolder } from './static-server.ts';
import type { StaticServer } from './static-server.ts';
import { NOW } from './window-state-factory.ts';

export interface OpenOptions {
  responses?: FakeResponses;
  colorScheme?: 'light' | 'dark';
  /**
   * 'fixed': Date.now() is NOW and timers run; 'manual': time only moves when the test says;
   * 'real': the browser's own clock, for timing (a faked clock counts whole milliseconds).
   */
  clock?: 'fixed' | 'manual' | 'real';
  deviceScaleFactor?: number;
  /** Window height; taller than the app's 640 only to see every card at once. */
  height?: number;
  /** Window width; main lets the user shrink it to 360. */
  width?: number;
}

export interface TestWindow {
  page: Page;
  calls(verb?: Verb): Promise<FakeCall[]>;
  emit(state: WindowState): Promise<void>;
  /** Pushes new activity entries as main does for a lock whose History is open. */
  emitActivity(update: ActivityUpdate): Promise<void>;
  respond<V extends Verb>(verb: V, result: InvokeResult<ResponseOf<V>>): Promise<void>;
  /** Hands over (and forgets) the problems recorded so far, for a test that provokes them on purpose. */
  takeProblems(): string[];
  /** Closes the page and fails if anything went wrong in it meanwhile. */
  close(): Promise<void>;
}

export interface WindowHarness {
  open(state: WindowState, options?: OpenOptions): Promise<TestWindow>;
  stop(): Promise<void>;
}

export async function startWindowHarness(): Promise<WindowHarness> {
  const folder = await mkdtemp(join(tmpdir(), 'tedee-renderer-'));
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  try {
    await buildRenderer(folder);
    const fake = await build({
      entryPoints: [join(import.meta.dirname, 'fake-tedee-tray.ts')],
      bundle: true,
      format: 'iife',
      target: 'chrome140',
      write: false,
    });
    const fakeScript = fake.outputFiles[0]?.text ?? '';
    server = await serveFolder(folder);
    browser = await launchChromium();
    return harness(browser, server, folder, fakeScript);
  } catch (error) {
    await browser?.close();
    await server?.close();
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

function harness(
  browser: Browser,
  server: StaticServer,
  folder: string,
  fakeScript: string,
): WindowHarness {
  return {
    async open(state, options = {}) {
      const context = await browser.newContext({
        viewport: { width: options.width ?? 420, height: options.height ?? 640 },
        deviceScaleFactor: options.deviceScaleFactor ?? 1,
        timezoneId: 'UTC',
        locale: 'en-GB',
        colorScheme: options.colorScheme ?? 'light',
        reducedMotion: 'reduce',
      });
      const page = await context.newPage();
      await startBrowserCoverage(page);
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
      });
      page.on('dialog', (dialog) => {
        problems.push(`dialog: ${dialog.message()}`);
        void dialog.dismiss();
      });
      if (options.clock === 'manual') {
        // An installed clock runs until paused, so installing at NOW and pausing at NOW fails
        // ("Cannot fast-forward to the past") whenever a millisecond passes in between, as on a
        // loaded machine. Installed a minute early, it reaches NOW before the page has a timer.
        await page.clock.install({ time: NOW - 60_000 });
        await page.clock.pauseAt(NOW);
      } else if (options.clock !== 'real') {
        await page.clock.setFixedTime(NOW);
      }
      const fixture = JSON.stringify({ state, responses: options.responses ?? {} });
      await page.addInitScript({
        content: `globalThis.__tedeeFixture = ${fixture};\n${fakeScript}`,
      });
      await page.addInitScript({
        content:
          'globalThis.__cspViolations = [];' +
          "document.addEventListener('securitypolicyviolation', (e) => globalThis.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));",
      });
      await page.goto(`${server.baseUrl}index.html`);
      await page.locator('#summary[data-tray]').waitFor();
      return {
        page,
        calls: async (verb) => {
          const calls = await page.evaluate(
            () => (globalThis as unknown as FakeGlobals).__tedeeFake.calls,
          );
          return verb === undefined ? calls : calls.filter((call) => call.verb === verb);
        },
        emit: (next) =>
          page.evaluate(
            (value) => (globalThis as unknown as FakeGlobals).__tedeeFake.emit(value),
            next,
          ),
        emitActivity: (update) =>
          page.evaluate(
            (value) => (globalThis as unknown as FakeGlobals).__tedeeFake.emitActivity(value),
            update,
          ),
        respond: (verb, result) =>
          page.evaluate(
            ([name, value]) =>
              (globalThis as unknown as FakeGlobals).__tedeeFake.respond(name, value),
            [verb, result] as const,
          ),
        takeProblems: () => problems.splice(0),
        async close() {
          const violations = await page.evaluate<string[]>('globalThis.__cspViolations');
          await saveBrowserCoverage(page, [join(folder, 'app.js')]);
          await context.close();
          expect([
            ...problems,
            ...violations.map((violation) => `CSP violation: ${violation}`),
          ]).toEqual([]);
        },
      };
    },
    async stop() {
      await browser.close();
      await server.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
