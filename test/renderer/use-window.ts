/**
 * Registers the harness hooks for one test file (one browser for the file, a fresh page per
 * test) and returns the function that opens the window on a state.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Locator, Page } from 'playwright';
import type { WindowState } from '../../preload/contract.ts';
import { startWindowHarness } from './window-harness.ts';
import type { OpenOptions, TestWindow, WindowHarness } from './window-harness.ts';

export function useWindow(): (state: WindowState, options?: OpenOptions) => Promise<TestWindow> {
  let harness: WindowHarness | undefined;
  let current: TestWindow | undefined;
  beforeAll(async () => {
    harness = await startWindowHarness();
  });
  afterAll(async () => {
    await harness?.stop();
  });
  afterEach(async () => {
    const window = current;
    current = undefined;
    await window?.close();
  });
  return async (state, options) => {
    if (harness === undefined) throw new Error('the harness did not start');
    current = await harness.open(state, options);
    return current;
  };
}

/** The card of the lock with this name. */
export function lockCardNamed(page: Page, name: string): Locator {
  return page
    .locator('article.lock-card')
    .filter({ has: page.getByRole('heading', { name, exact: true }) });
}

/** The id of the element that has keyboard focus, or its tag when it has none. */
export function focusedId(page: Page): Promise<string> {
  return page.evaluate<string>(
    'document.activeElement?.id || document.activeElement?.tagName || ""',
  );
}
