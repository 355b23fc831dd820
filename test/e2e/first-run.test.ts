/**
 * A first run, end to end: the user types a key into the real window, main checks it with
 * Tedee (the simulator), stores it encrypted and starts polling; the first snapshot reaches
 * the window and the tray, and a change at Tedee reaches both at the next sync, which the
 * tray's "Refresh now" asks for once Tedee's 20-second rule allows it (one real wait).
 */
import { readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockCardNamed } from '../renderer/use-window.ts';
import { encodeKeyRecord } from '../../main/shell/key-record.ts';
import { fakeUnseal } from './fake-electron/fake-os-services.ts';
import { startE2eApp } from './harness/e2e-app.ts';
import type { E2eApp } from './harness/e2e-app.ts';
import { answeredSyncs, calmHousehold, LOCK, requestLines } from './harness/households.ts';
import { findSecrets } from './harness/leak-scan.ts';
import { clickMenuItem, menuItem, menuLines, theTray, trayIcon } from './harness/tray-view.ts';
import { waitFor } from './harness/wait-for.ts';

const KEY = 'pak-e2e-FIRST-RUN-b7c1e9d2';

let app: E2eApp;

beforeAll(async () => {
  app = await startE2eApp({ locks: calmHousehold(), accountKeys: [KEY] });
}, 30_000);

afterAll(async () => {
  await app?.stop();
});

function lockState(name: string): Promise<string | null> {
  return lockCardNamed(app.page, name).locator('.lock-state').getAttribute('data-state');
}

describe('first run', () => {
  it('opens the window on the welcome panel while the tray asks for a key', async () => {
    expect(await app.page.getByRole('heading', { name: 'Welcome to Tedee Tray' }).isVisible()).toBe(
      true,
    );
    expect(trayIcon(app.fake)).toBe('key-problem');
    expect(menuLines(app.fake)).toContain('No key set: open the window to add one');
    expect(app.simulator.requests()).toEqual([]);
  });

  it('checks a typed key with Tedee, stores it encrypted, then polls', async () => {
    await app.page.getByRole('textbox', { name: 'Personal Access Key' }).fill(KEY);
    await app.page.getByRole('button', { name: 'Save key' }).click();
    await expect.poll(() => answeredSyncs(app.simulator), { timeout: 10_000 }).toBe(1);
    // The same poll reads the bridges, the door sensors and the key's expiry after the sync,
    // then the activity log's baseline, which a key without DeviceActivity.Read gets 403 for.
    await expect.poll(() => requestLines(app.simulator).length, { timeout: 10_000 }).toBe(7);

    expect(app.host.records.invocations.filter((call) => call.channel.endsWith(':setKey'))).toEqual(
      [{ channel: 'tedee-tray:invoke:setKey', args: [{ key: KEY, sessionOnly: false }] }],
    );
    // Checked with one lock-list request before anything was stored; then the poll. The key
    // has Device.Read alone, so the key list answers 403, which changes nothing.
    expect(requestLines(app.simulator)).toEqual([
      'GET /api/v37/my/lock 200',
      'GET /api/v37/my/lock 200',
      'GET /api/v37/my/lock/sync 200',
      'GET /api/v37/my/device/details 200',
      'GET /api/v37/my/doorsensor 200',
      'GET /api/v37/my/personalaccesskey 403',
      'GET /api/v37/my/deviceactivity 403',
    ]);
    const record = encodeKeyRecord({ key: KEY, origin: app.simulator.baseUrl });
    expect(app.encryptedKeys()).toEqual([record]);
    const stored = readFileSync(app.keyFile, 'utf8');
    expect(stored).not.toContain(KEY);
    expect(fakeUnseal(Buffer.from(stored, 'base64'))).toBe(record);
    // Every request went through Electron's net.fetch (Chromium's proxy and certificates).
    const tedeeFetches = app.fake.log
      .named('net.fetch')
      .map((call) => String(call.args[0]))
      .filter((url) => url.startsWith(app.simulator.baseUrl));
    expect(tedeeFetches.map((url) => new URL(url).pathname)).toEqual([
      '/api/v37/my/lock',
      '/api/v37/my/lock',
      '/api/v37/my/lock/sync',
      '/api/v37/my/device/details',
      '/api/v37/my/doorsensor',
      '/api/v37/my/personalaccesskey',
      '/api/v37/my/deviceactivity',
    ]);
    expect(statSync(app.keyFile).mode & 0o777).toBe(0o600);
  });

  it('shows the first snapshot in the window and in the tray', async () => {
    await expect.poll(() => app.page.locator('article.lock-card').count()).toBe(3);
    for (const name of ['Front door', 'Garage', 'Back door'])
      expect(await lockState(name)).toBe('locked');
    expect(await app.page.locator('[data-banner="ok"] .banner-title').innerText()).toBe(
      'Up to date',
    );

    expect(trayIcon(app.fake)).toBe('locked');
    expect(theTray(app.fake).tooltip).toBe('Tedee: all 3 locked');
    expect(menuLines(app.fake)).toEqual(
      expect.arrayContaining([
        'Front door: Locked, 76 %, connected',
        'Garage: Locked, 54 %, connected',
        'Back door: Locked, 41 %, connected',
      ]),
    );
    expect(app.fake.notifications).toEqual([]);
  });

  it('brings a change at Tedee to the window, the tray icon and the menu at the next sync, with one notification', async () => {
    app.simulator.updateLock(LOCK.frontDoor, { state: 'unlocked' });
    app.simulator.updateLock(LOCK.backDoor, { battery: 12 });
    // Until Tedee allows the next sync the menu says when it will, and the item is disabled.
    const waiting = menuLines(app.fake).find((line) => line.startsWith('Refresh available at '));
    expect(waiting && menuItem(app.fake, waiting)?.enabled).toBe(false);

    await waitFor(
      'the tray to offer "Refresh now"',
      () => menuItem(app.fake, 'Refresh now')?.enabled === true,
      25_000,
    );
    clickMenuItem(app.fake, 'Refresh now');
    await expect.poll(() => trayIcon(app.fake), { timeout: 10_000 }).toBe('unlocked');

    expect(answeredSyncs(app.simulator)).toBe(2);
    expect(theTray(app.fake).tooltip).toBe('Tedee: Front door unlocked');
    expect(menuLines(app.fake)).toEqual(
      expect.arrayContaining([
        'Front door: Unlocked, 76 %, connected',
        'Back door: Locked, 12 % (low), connected',
      ]),
    );
    await expect.poll(() => lockState('Front door')).toBe('unlocked');
    expect(
      await lockCardNamed(app.page, 'Back door').locator('dd[data-fact="battery"]').innerText(),
    ).toBe('12 %\nLow');
    expect(app.fake.notifications.map((shown) => shown.options)).toEqual([
      {
        title: 'Back door battery is low: 12 %',
        body: 'Charge the lock soon; it is at or below your 20 % warning level.',
      },
    ]);
  }, 40_000);

  it('opens the window on the lock a clicked notification is about, also after it timed out into the Action Center', async () => {
    const [notification] = app.fake.notifications;
    if (!notification) throw new Error('no notification to click');
    notification.timeOut();
    notification.emit('click', {});
    await expect
      .poll(() => app.page.evaluate<string | undefined>('document.activeElement?.dataset.lockId'))
      .toBe(String(LOCK.backDoor));
  });

  it('never lets the key out, and the window ran without errors', async () => {
    expect(await findSecrets(app, [KEY])).toEqual([]);
    expect([...app.host.records.problems, ...app.fake.problems]).toEqual([]);
  });
});
