/**
 * Linux with a keyring that is named but broken: Chromium then seals with the key built into
 * its source (ciphertext `v10`) while getSelectedStorageBackend still says gnome_libsecret. The
 * app must see through it: the window forces "this session only" and says why, the key works
 * for the session, and nothing is written to key.bin.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2eApp } from './harness/e2e-app.ts';
import type { E2eApp } from './harness/e2e-app.ts';
import { answeredSyncs, calmHousehold } from './harness/households.ts';
import { findSecrets } from './harness/leak-scan.ts';
import { trayIcon } from './harness/tray-view.ts';

const KEY = 'pak-e2e-BROKEN-KEYRING-3f7a91c4';

let app: E2eApp;

beforeAll(async () => {
  app = await startE2eApp({ locks: calmHousehold(), accountKeys: [KEY], keyring: 'broken' });
}, 30_000);

afterAll(async () => {
  await app?.stop();
});

describe('a broken Linux keyring', () => {
  it('is offered as no safe storage: "this session only" is ticked, fixed, and explained', async () => {
    const sessionOnly = app.page.getByRole('checkbox', { name: 'Keep for this session only' });
    expect(await sessionOnly.isChecked()).toBe(true);
    expect(await sessionOnly.isDisabled()).toBe(true);
    expect(await app.page.locator('#key-session-hint').innerText()).toMatch(/no keyring/);
  });

  it('uses a typed key for the session and stores nothing', async () => {
    await app.page.getByRole('textbox', { name: 'Personal Access Key' }).fill(KEY);
    await app.page.getByRole('button', { name: 'Save key' }).click();
    await expect.poll(() => answeredSyncs(app.simulator), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => trayIcon(app.fake)).toBe('locked');
    expect(app.encryptedKeys()).toEqual([]);
    expect(existsSync(app.keyFile)).toBe(false);
  });

  it('never lets the key out, and the window ran without errors', async () => {
    expect(await findSecrets(app, [KEY])).toEqual([]);
    expect([...app.host.records.problems, ...app.fake.problems]).toEqual([]);
  });
});
