/**
 * Live mode end to end: the user turns the Bridge on in the real window (address, token), main
 * checks the token with the simulated bridge, stores it encrypted, registers one callback and
 * the cards say "Live"; a change at the door reaches the window by the bridge's callback within
 * 2 s, long before the cloud's next sync could; Test connection reports what works; quitting
 * deletes the callback; and neither the token nor the key turns up anywhere but encrypted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeKeyRecord } from '../../main/shell/key-record.ts';
import { lockCardNamed } from '../renderer/use-window.ts';
import { fakeUnseal } from './fake-electron/fake-os-services.ts';
import { startE2eApp } from './harness/e2e-app.ts';
import type { E2eApp } from './harness/e2e-app.ts';
import { calmHousehold, LOCK } from './harness/households.ts';
import { findSecrets } from './harness/leak-scan.ts';
import { menuLines, theTray } from './harness/tray-view.ts';

const KEY = 'pak-e2e-LIVE-MODE-5f1c0a93';
const TOKEN = 'brt-e2e-LIVE-3c9d7e21';

let app: E2eApp;
let stopped = false;

beforeAll(async () => {
  app = await startE2eApp({
    locks: calmHousehold(),
    accountKeys: [KEY],
    storedKey: KEY,
    bridgeToken: TOKEN,
  });
}, 30_000);

afterAll(async () => {
  if (!stopped) await app?.stop();
});

const bridgeAddress = () => app.bridge?.baseUrl ?? '';
const freshness = (name: string) => lockCardNamed(app.page, name).locator('.lock-freshness');

describe('live mode on the simulated bridge', () => {
  it('is turned on in the Bridge section: settings saved, the token checked and stored encrypted', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('switch', { name: 'Follow my locks live through the bridge' }).check();
    await page.getByLabel('Bridge address').fill(bridgeAddress());
    await page.getByRole('button', { name: 'Save bridge settings' }).click();
    await expect
      .poll(() => page.locator('#bridge-result').innerText())
      .toBe('Bridge settings saved.');

    await page.getByLabel('Bridge token').fill(TOKEN);
    await page.getByRole('button', { name: 'Save token' }).click();
    await expect
      .poll(
        () =>
          page.getByText('A token is saved for this bridge, encrypted by your system.').isVisible(),
        {
          timeout: 10_000,
        },
      )
      .toBe(true);
    expect(await page.getByLabel('Bridge token').inputValue()).toBe('');

    // Imported once main runs: the key vault imports 'electron', which only the harness fakes.
    const { BRIDGE_TOKEN_FILE_NAME } = await import('../../main/shell/key-vault.ts');
    const tokenFile = join(app.dirs.userData, BRIDGE_TOKEN_FILE_NAME);
    const record = encodeKeyRecord({ key: TOKEN, origin: bridgeAddress() });
    expect(fakeUnseal(Buffer.from(readFileSync(tokenFile, 'utf8'), 'base64'))).toBe(record);
    const settings = readFileSync(join(app.dirs.userData, 'settings.json'), 'utf8');
    expect(JSON.parse(settings)).toMatchObject({
      bridge: { enabled: true, address: bridgeAddress(), authMode: 'encrypted' },
    });
  });

  it('registers one callback, and the window shows "Live"; the tray says live', async () => {
    await app.page.getByRole('button', { name: 'Locks' }).click();
    await expect.poll(() => freshness('Front door').innerText(), { timeout: 20_000 }).toBe('Live');
    expect(app.bridge?.callbacks()).toHaveLength(1);
    expect(theTray(app.fake).tooltip).toMatch(/^Tedee \(live\): /);
    expect(menuLines(app.fake).some((line) => /live/i.test(line))).toBe(true);
  });

  it('shows a change at the door within 2 s, by the bridge’s callback', async () => {
    const state = lockCardNamed(app.page, 'Garage').locator('.lock-state');
    expect(await state.getAttribute('data-state')).toBe('locked');
    const changedAt = Date.now();
    app.bridge?.updateLock(LOCK.garage, { state: 'unlocked' });
    await expect
      .poll(() => state.getAttribute('data-state'), { timeout: 2_000, interval: 50 })
      .toBe('unlocked');
    expect(Date.now() - changedAt).toBeLessThan(2_000);
    expect(app.bridge?.deliveries().at(-1)).toMatchObject({
      event: 'lock-status-changed',
      status: 204,
    });
  });

  it('Test connection reports the bridge reachable, the token accepted, the clock right, callbacks arriving', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Test connection' }).click();
    const outcomes = page.locator('#bridge-checks li');
    await expect.poll(() => outcomes.count(), { timeout: 10_000 }).toBe(4);
    expect(
      await outcomes.evaluateAll((items) => items.map((item) => item.getAttribute('data-outcome'))),
    ).toEqual(['ok', 'ok', 'ok', 'ok']);
  });

  it('finds neither the token nor the key anywhere but in encrypted storage', async () => {
    expect(await findSecrets(app, [KEY, TOKEN])).toEqual([]);
  });

  it('deletes its callback when the app quits', async () => {
    const bridge = app.bridge;
    stopped = true;
    await app.stop();
    expect(bridge?.callbacks()).toEqual([]);
  });
});
