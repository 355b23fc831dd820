/**
 * Key trouble end to end: a stored key Tedee no longer accepts (revoked in the simulator, so
 * the first poll gets 401) shows as the key banner in the window and the key-problem tray
 * icon; a new key entered from that banner is checked and stored, and when Tedee then answers
 * 429 with Retry-After the window says until when it is rate limited.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { windowUpdateSchema } from '../../preload/contract.ts';
import type { WindowState } from '../../preload/contract.ts';
import { encodeKeyRecord } from '../../main/shell/key-record.ts';
import { fakeUnseal } from './fake-electron/fake-os-services.ts';
import { startE2eApp } from './harness/e2e-app.ts';
import type { E2eApp } from './harness/e2e-app.ts';
import { calmHousehold, requestLines } from './harness/households.ts';
import { findSecrets } from './harness/leak-scan.ts';
import { menuLines, theTray, trayIcon } from './harness/tray-view.ts';

const REVOKED_KEY = 'pak-e2e-REVOKED-c4d2a9e7';
const NEW_KEY = 'pak-e2e-REPLACEMENT-81f0b6c3';

let app: E2eApp;

beforeAll(async () => {
  app = await startE2eApp({
    locks: calmHousehold(),
    accountKeys: [REVOKED_KEY],
    storedKey: REVOKED_KEY,
    beforeStart: (simulator) => simulator.revokeKey(REVOKED_KEY),
  });
}, 30_000);

afterAll(async () => {
  await app?.stop();
});

/** The app status main last sent to the window (updates carry it only when it changed). */
function lastStatus(): WindowState['status'] {
  for (const sent of app.fake.log.named('webContents.send').toReversed()) {
    const update = windowUpdateSchema.parse(sent.args[1]);
    const status = update.kind === 'full' ? update.state.status : update.fields.status;
    if (status !== undefined) return status;
  }
  throw new Error('main sent the window no status');
}

/** The window's clock time (the page runs in en-GB, UTC): "14:05". */
function windowTime(at: number): string {
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  }).format(at);
}

/** The tray's clock time: main formats in the user's locale and zone, which are this process's. */
function trayTime(at: number): string {
  return new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(at);
}

describe('key problems', () => {
  it('shows a key Tedee rejects (401) as the key banner and the key-problem tray icon', async () => {
    await expect.poll(() => trayIcon(app.fake), { timeout: 10_000 }).toBe('key-problem');
    expect(requestLines(app.simulator)).toEqual(['GET /api/v37/my/lock 401']);

    const banner = app.page.locator('[data-banner="auth-error"]');
    await expect
      .poll(() => banner.locator('.banner-title').innerText())
      .toBe('Tedee rejected the key');
    expect(await banner.getByRole('button', { name: 'Enter a new key' }).isVisible()).toBe(true);
    expect(theTray(app.fake).tooltip).toBe('Tedee: key rejected');
    expect(menuLines(app.fake)).toContain('Key rejected: open the window to fix');
    expect(app.fake.notifications.map((shown) => shown.options.title)).toEqual([
      'Tedee rejected the access key',
    ]);
  });

  it('takes a new key from the banner, then shows until when Tedee rate limits (429)', async () => {
    app.simulator.addKey(NEW_KEY);
    // The key is checked with one request before it is stored (answered normally after a 0 ms
    // delay); the poll that follows is the one Tedee refuses.
    app.simulator.queueFault({ kind: 'delay', ms: 0 });
    app.simulator.queueFault({ kind: 'status', status: 429, headers: { 'Retry-After': '600' } });

    await app.page.getByRole('button', { name: 'Enter a new key' }).click();
    await app.page.getByRole('textbox', { name: 'Personal Access Key' }).fill(NEW_KEY);
    await app.page.getByRole('button', { name: 'Replace key' }).click();
    await expect.poll(() => trayIcon(app.fake), { timeout: 10_000 }).toBe('offline');

    expect(requestLines(app.simulator).slice(1)).toEqual([
      'GET /api/v37/my/lock 200',
      'GET /api/v37/my/lock 429',
    ]);
    const status = lastStatus();
    expect(status.kind).toBe('rate-limited');
    const retryAt = status.retryAt ?? 0;
    expect(Math.abs(retryAt - (Date.now() + 600_000))).toBeLessThan(15_000);

    await app.page.getByRole('button', { name: 'Locks' }).click();
    const banner = app.page.locator('[data-banner="rate-limited"] .banner-title');
    await expect.poll(() => banner.innerText()).toBe(`Rate limited until ${windowTime(retryAt)}`);
    // The tray puts the date in front when the time is on another day.
    const limitLine = menuLines(app.fake).find((line) => line.startsWith('Rate limited until '));
    expect(limitLine?.endsWith(` ${trayTime(retryAt)}`)).toBe(true);

    const record = encodeKeyRecord({ key: NEW_KEY, origin: app.simulator.baseUrl });
    expect(app.encryptedKeys()).toEqual([record]);
    expect(fakeUnseal(Buffer.from(readFileSync(app.keyFile, 'utf8'), 'base64'))).toBe(record);
  });

  it('never lets either key out, and the window ran without errors', async () => {
    expect(await findSecrets(app, [REVOKED_KEY, NEW_KEY])).toEqual([]);
    expect([...app.host.records.problems, ...app.fake.problems]).toEqual([]);
  });
});
