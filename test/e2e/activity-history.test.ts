/**
 * The activity log end to end, with a key that has DeviceActivity.Read: a lock's History opened
 * in the real window asks main for its entries through the preload and tells main it is open,
 * so that new entries are pushed to it (the preload's onActivity); closed, it tells main so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockCardNamed } from '../renderer/use-window.ts';
import { startE2eApp } from './harness/e2e-app.ts';
import type { E2eApp } from './harness/e2e-app.ts';
import { calmHousehold, LOCK } from './harness/households.ts';
import { findSecrets } from './harness/leak-scan.ts';

const KEY = 'pak-e2e-ACTIVITY-4f2a9c1e';
const MINUTE_MS = 60_000;

let app: E2eApp;

beforeAll(async () => {
  app = await startE2eApp({
    locks: calmHousehold(),
    accountKeys: [{ key: KEY, scopes: ['Device.Read', 'DeviceActivity.Read'] }],
    storedKey: KEY,
    beforeStart: (simulator) => {
      simulator.logActivity(LOCK.frontDoor, { event: 38, at: Date.now() - 30 * MINUTE_MS });
      simulator.logActivity(LOCK.frontDoor, {
        event: 61,
        author: { userId: 7, name: 'Anna' },
        at: Date.now() - 5 * MINUTE_MS,
      });
    },
  });
}, 30_000);

afterAll(async () => {
  await app?.stop();
});

function watchRequests(): unknown[] {
  return app.host.records.invocations
    .filter((call) => call.channel.endsWith(':watchActivity'))
    .map((call) => call.args[0]);
}

describe('a History with the activity log', () => {
  it('lists the lock’s entries, newest first, asked for when it opens', async () => {
    const frontDoor = lockCardNamed(app.page, 'Front door');
    const summary = frontDoor.locator('summary');
    await expect
      .poll(() => summary.innerText(), { timeout: 15_000 })
      .toContain('2 in the activity log');
    expect(watchRequests()).toEqual([]);
    await summary.click();
    const entries = frontDoor.locator('.activity-entry');
    await expect.poll(() => entries.count(), { timeout: 10_000 }).toBe(2);
    expect((await entries.allInnerTexts()).map((text) => text.split('\n').at(-1))).toEqual([
      'Unlocked by Anna with the keypad',
      'Locked by hand',
    ]);
    expect(watchRequests()).toEqual([{ lockIds: [LOCK.frontDoor] }]);
  });

  it('tells main when it closes, so nothing more is pushed to it', async () => {
    await lockCardNamed(app.page, 'Front door').locator('summary').click();
    await expect.poll(() => watchRequests().at(-1)).toEqual({ lockIds: [] });
  });

  it('never lets the key out, and the window ran without errors', async () => {
    expect(await findSecrets(app, [KEY])).toEqual([]);
    expect([...app.host.records.problems, ...app.fake.problems]).toEqual([]);
  });
});
