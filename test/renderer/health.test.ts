/**
 * The window's parts about what surrounds the locks, in Chromium: "Update available" on a lock
 * card, the banner for a bridge that lost the cloud, the banner before the key expires, and the
 * key's expiry date in the settings. Each is checked with axe (WCAG A and AA, serious and
 * critical) in both themes, and photographed to test-results/screenshots/ for looking at.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright';
import { beforeAll, describe, expect, it } from 'vitest';
import { keyExpiryDateSchema } from '../../main/engine/monitor-settings.ts';
import { defaultAppSettings } from '../../main/settings/app-settings.ts';
import type { WindowState } from '../../preload/contract.ts';
import { focusedId, lockCardNamed, useWindow } from './use-window.ts';
import { DAY, NOW, mixedHouseholdState, windowLock, windowState } from './window-state-factory.ts';

const open = useWindow();
const SCREENSHOTS = join(import.meta.dirname, '../../test-results/screenshots');

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
});

async function blockingViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`),
    );
}

/** A household where the hall bridge is offline, one lock has an update, and the key expires soon. */
function troubledSurroundings(overrides: Partial<WindowState> = {}): WindowState {
  return windowState({
    locks: [
      windowLock({
        id: 1,
        name: 'Front door',
        connected: false,
        disconnectedSince: NOW - DAY / 96,
      }),
      windowLock({ id: 2, name: 'Garage', connected: false, disconnectedSince: NOW - DAY / 96 }),
      windowLock({ id: 3, name: 'Back door', updateAvailable: true }),
    ],
    tray: 'attention',
    health: {
      offlineBridges: [{ id: 47090, name: 'Hall bridge', lockNames: ['Front door', 'Garage'] }],
      keyExpiring: { at: NOW + 9 * DAY, daysLeft: 9, source: 'entered' },
      keyExpiryFromTedee: null,
    },
    ...overrides,
  });
}

describe('"Update available" on a lock card', () => {
  it('appears on the lock Tedee offers an update for, and on no other', async () => {
    const state = mixedHouseholdState();
    const [first, ...rest] = state.locks;
    const { page, emit } = await open({
      ...state,
      locks: [{ ...first!, updateAvailable: true }, ...rest],
    });
    const badge = lockCardNamed(page, first!.name).locator('.badge-update');
    expect(await badge.innerText()).toBe('Update available');
    expect(await badge.getAttribute('title')).toContain('Install it from the Tedee app');
    expect(await page.locator('.badge-update').count()).toBe(1);
    // Installed: the next state drops it from the card.
    await emit(state);
    await expect.poll(() => page.locator('.badge-update').count()).toBe(0);
  });

  it('keeps a lock that is updating its firmware reading "Updating firmware…", not unlocked', async () => {
    const { page } = await open(
      windowState({
        locks: [windowLock({ name: 'Office', state: 'updating', updateAvailable: true })],
      }),
    );
    const card = lockCardNamed(page, 'Office');
    expect(await card.locator('.lock-state').innerText()).toContain('Updating firmware…');
    expect(await card.innerText()).not.toContain('Unlocked');
  });
});

describe('the health banners', () => {
  it('say which bridge is offline and which locks it takes with it', async () => {
    const { page } = await open(troubledSurroundings());
    const bridge = page.locator('[data-banner="bridge-offline"]');
    expect(await bridge.locator('.banner-title').innerText()).toBe('Hall bridge is offline');
    expect(await bridge.locator('.banner-text').innerText()).toBe(
      'The bridge has lost its connection to Tedee, so Front door and Garage cannot be checked or changed remotely. Check the bridge’s power and Wi-Fi.',
    );
  });

  it('warn before the key expires, with the way to a new key', async () => {
    const { page, calls } = await open(troubledSurroundings());
    const banner = page.locator('[data-banner="key-expiring"]');
    expect(await banner.locator('.banner-title').innerText()).toBe(
      'Your Personal Access Key expires in 9 days',
    );
    expect(await banner.locator('.banner-text').innerText()).toContain(
      'It expires on 2025-12-04, the date entered in the settings.',
    );
    await banner.getByRole('button', { name: 'Open the Tedee Portal' }).click();
    expect(await calls('openExternalHelp')).toEqual([
      { verb: 'openExternalHelp', request: { topic: 'personal-access-keys' } },
    ]);
    await banner.getByRole('button', { name: 'Enter a new key' }).click();
    expect(await focusedId(page)).toBe('key-input');
  });

  it('says "tomorrow" on the last day, and nothing when no expiry is near', async () => {
    const { page, emit } = await open(
      troubledSurroundings({
        health: {
          offlineBridges: [],
          keyExpiring: { at: NOW + DAY / 2, daysLeft: 1, source: 'tedee' },
          keyExpiryFromTedee: NOW + DAY / 2,
        },
      }),
    );
    const title = page.locator('[data-banner="key-expiring"] .banner-title');
    expect(await title.innerText()).toBe('Your Personal Access Key expires tomorrow');
    expect(await page.locator('[data-banner="bridge-offline"]').count()).toBe(0);
    await emit(windowState());
    await expect.poll(() => page.locator('[data-banner="key-expiring"]').count()).toBe(0);
  });

  it.each(['light', 'dark'] as const)('pass axe in the %s theme', async (colorScheme) => {
    const { page } = await open(troubledSurroundings(), { colorScheme });
    expect(await blockingViolations(page)).toEqual([]);
    await writeFile(join(SCREENSHOTS, `health-${colorScheme}.png`), await page.screenshot());
    await lockCardNamed(page, 'Back door').scrollIntoViewIfNeeded();
    await writeFile(join(SCREENSHOTS, `health-update-${colorScheme}.png`), await page.screenshot());
  });
});

describe('the key expiry date in the settings', () => {
  async function openKeySettings(state: WindowState = windowState()) {
    const window = await open(state);
    await window.page.getByRole('button', { name: 'Settings' }).click();
    return window;
  }

  it('keeps what was typed when it is not a date, says why, and sends nothing', async () => {
    const { page, calls } = await openKeySettings();
    const field = page.getByLabel('Key expires on');
    await field.fill('2027-02-30');
    await page.getByRole('button', { name: 'Save date' }).click();
    const message = keyExpiryDateSchema.safeParse('2027-02-30').error?.issues[0]?.message;
    expect(message).toBeDefined();
    expect(await page.locator('#key-expiry-error').innerText()).toBe(message);
    expect(await field.inputValue()).toBe('2027-02-30');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await focusedId(page)).toBe('key-expiry-input');
    expect(await calls('updateSettings')).toEqual([]);
  });

  it('saves a date, and an emptied field as no date', async () => {
    const { page, calls, emit } = await openKeySettings();
    const field = page.getByLabel('Key expires on');
    await field.fill(' 2027-05-31 ');
    await page.getByRole('button', { name: 'Save date' }).click();
    await expect
      .poll(() => page.locator('#key-expiry-result').innerText())
      .toBe('Expiry date saved.');
    await emit(windowState({ settings: { ...defaultAppSettings, keyExpiresOn: '2027-05-31' } }));
    await field.fill('');
    await page.getByRole('button', { name: 'Save date' }).click();
    await expect
      .poll(() => page.locator('#key-expiry-result').innerText())
      .toBe('Expiry date removed.');
    expect((await calls('updateSettings')).map((call) => call.request)).toEqual([
      { keyExpiresOn: '2027-05-31' },
      { keyExpiresOn: null },
    ]);
  });

  it('says so when Tedee itself gives the date, and passes axe with an error showing', async () => {
    const { page } = await openKeySettings(
      windowState({
        settings: { ...defaultAppSettings, keyExpiresOn: '2027-05-31' },
        health: {
          offlineBridges: [],
          keyExpiring: null,
          keyExpiryFromTedee: Date.UTC(2028, 0, 15),
        },
      }),
    );
    expect(await page.getByLabel('Key expires on').inputValue()).toBe('2027-05-31');
    expect(await page.locator('#key-expiry-hint').innerText()).toBe(
      'Tedee says this key expires on 2028-01-15; that date is used, and this one only when Tedee cannot be asked.',
    );
    await page.getByLabel('Key expires on').fill('next May');
    await page.getByRole('button', { name: 'Save date' }).click();
    expect(await blockingViolations(page)).toEqual([]);
    await page.locator('.key-expiry').scrollIntoViewIfNeeded();
    await writeFile(join(SCREENSHOTS, 'health-key-expiry-field.png'), await page.screenshot());
  });
});
