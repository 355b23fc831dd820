/**
 * The app lives in the tray: closing the window destroys it (nothing renders while it is not
 * shown) but does not quit, and the tray's "Open window" builds a new one that shows the
 * current state at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2eApp } from './harness/e2e-app.ts';
import type { E2eApp } from './harness/e2e-app.ts';
import { answeredSyncs, calmHousehold } from './harness/households.ts';
import { findSecrets } from './harness/leak-scan.ts';
import { clickMenuItem, trayIcon } from './harness/tray-view.ts';
import { waitFor } from './harness/wait-for.ts';

const KEY = 'pak-e2e-REOPEN-6e21c0b8';

let app: E2eApp;

beforeAll(async () => {
  app = await startE2eApp({ locks: calmHousehold(), accountKeys: [KEY], storedKey: KEY });
  await waitFor('the first sync', () => answeredSyncs(app.simulator) === 1);
}, 30_000);

afterAll(async () => {
  await app?.stop();
});

describe('closing and reopening the window', () => {
  it('destroys the window on close while the app stays in the tray', async () => {
    app.window.close();
    expect(app.window.isDestroyed()).toBe(true);
    expect(app.fake.app.hasQuit).toBe(false);
    expect(await app.host.openPages()).toEqual([]);
    // The tray goes on rendering states with no window to send them to.
    clickMenuItem(app.fake, 'Pause monitoring', 'Until resumed');
    expect(trayIcon(app.fake)).toBe('paused');
  });

  it('opens a new window from the tray on the current state', async () => {
    clickMenuItem(app.fake, 'Open window');
    const reopened = await waitFor('a second window', () => app.fake.windows[1]);
    await waitFor('the second window to be shown', () => reopened.isVisible());
    const page = await app.host.page(reopened);
    await expect.poll(() => page.locator('article.lock-card').count()).toBe(3);
    expect(await page.locator('#summary').getAttribute('data-tray')).toBe('paused');
    await page.locator('[data-banner="paused"]').getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => trayIcon(app.fake)).toBe('locked');
    expect(app.fake.windows).toHaveLength(2);
  });

  it('opens the window again when the app is opened again from Finder (macOS "activate")', async () => {
    app.fake.windows[1]?.close();
    app.fake.app.activate();
    const third = await waitFor('a third window', () => app.fake.windows[2]);
    await waitFor('the third window to be shown', () => third.isVisible());
    expect(app.fake.windows.filter((window) => !window.isDestroyed())).toEqual([third]);
  });

  it('never lets the key out, and the windows ran without errors', async () => {
    expect(await findSecrets(app, [KEY])).toEqual([]);
    expect([...app.host.records.problems, ...app.fake.problems]).toEqual([]);
  });
});
