/**
 * Alerts end to end: with the key an earlier run stored, a lock that stays disconnected for
 * two syncs and a battery that drops below the threshold at the same sync become ONE native
 * notification naming both; a single disconnected sync raises none. The second sync comes
 * from the interval (20 s, Tedee's minimum, set in the settings file): one real wait.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockCardNamed } from '../renderer/use-window.ts';
import { startE2eApp } from './harness/e2e-app.ts';
import type { E2eApp } from './harness/e2e-app.ts';
import { answeredSyncs, calmHousehold, LOCK } from './harness/households.ts';
import { findSecrets } from './harness/leak-scan.ts';
import { menuLines, trayIcon } from './harness/tray-view.ts';

const KEY = 'pak-e2e-DISCONNECT-5a8e0f31';

let app: E2eApp;

beforeAll(async () => {
  const locks = calmHousehold().map((lock) =>
    lock.id === LOCK.garage ? { ...lock, connected: false } : lock,
  );
  app = await startE2eApp({
    locks,
    accountKeys: [KEY],
    storedKey: KEY,
    settings: { poll: { intervalSeconds: 20, budgetPerHour: 350 } },
  });
}, 30_000);

afterAll(async () => {
  await app?.stop();
});

function fact(lock: string, name: string): Promise<string> {
  return lockCardNamed(app.page, lock).locator(`dd[data-fact="${name}"]`).innerText();
}

describe('disconnect and low-battery alerts', () => {
  it('polls with the stored key and shows the disconnected lock, without a notification yet', async () => {
    await expect.poll(() => answeredSyncs(app.simulator), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => trayIcon(app.fake)).toBe('attention');
    expect(app.encryptedKeys()).toEqual([]); // read back, not stored again
    expect(app.fake.log.named('safeStorage.decryptStringAsync')).toHaveLength(1);

    expect(menuLines(app.fake)).toContainEqual(
      expect.stringMatching(/^Garage: disconnected since \d/),
    );
    await expect.poll(() => fact('Garage', 'connection')).toMatch(/^Disconnected/);
    // One disconnected sync is often a missed heartbeat; it takes two to alert.
    expect(app.fake.notifications).toEqual([]);
  });

  it('merges the confirmed disconnection and the low battery of the next sync into one notification', async () => {
    app.simulator.updateLock(LOCK.backDoor, { battery: 9 });
    await expect
      .poll(() => answeredSyncs(app.simulator), { timeout: 25_000, interval: 200 })
      .toBe(2);
    await expect.poll(() => fact('Back door', 'battery')).toBe('9 %\nLow');

    expect(app.fake.notifications.map((shown) => shown.options)).toEqual([
      { title: '2 lock alerts', body: 'Garage is disconnected\nBack door battery is low: 9 %' },
    ]);
    expect(trayIcon(app.fake)).toBe('attention');
    expect(menuLines(app.fake)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Garage: disconnected/),
        'Back door: Locked, 9 % (low), connected',
      ]),
    );
  }, 35_000);

  it('never lets the key out, and the window ran without errors', async () => {
    expect(await findSecrets(app, [KEY])).toEqual([]);
    expect([...app.host.records.problems, ...app.fake.problems]).toEqual([]);
  });
});
