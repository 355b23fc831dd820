/**
 * The activity log in a lock's History, in Chromium: asked for when the History opens (never
 * sent with the state), newest first with time and who and how, new entries on top while it is
 * open, older pages on request; the scope hint when the key lacks DeviceActivity.Read; axe.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import type { WindowActivity } from '../../preload/contract.ts';
import { lockCardNamed, useWindow } from './use-window.ts';
import { MINUTE, NOW, iso, windowLock, windowState } from './window-state-factory.ts';

const open = useWindow();

function entry(
  id: number,
  minutesAgo: number,
  text: string,
  user: string | null = null,
): WindowActivity {
  return { id, event: 61, text, user, source: 'device', date: iso(NOW - minutesAgo * MINUTE) };
}

const FIRST_PAGE = [
  entry(5, 3, 'Unlocked by Anna with the keypad', 'Anna'),
  entry(4, 40, 'Locked automatically'),
  entry(3, 95, 'Incorrect PIN entered'),
];

async function openWithActivity(more = false) {
  const window = await open(
    windowState({ locks: [windowLock({ id: 48213, name: 'Front door', activityCount: 7 })] }),
    { responses: { getActivity: { ok: true, data: { entries: FIRST_PAGE, more } } } },
  );
  const card = lockCardNamed(window.page, 'Front door');
  return { window, card };
}

describe('the activity list', () => {
  it('asks for nothing until the History opens, then shows the first page newest first', async () => {
    const { window, card } = await openWithActivity();
    expect(await window.calls('getActivity')).toEqual([]);
    await expect.poll(() => card.locator('summary').innerText()).toContain('7 in the activity log');
    await card.locator('summary').click();
    const items = card.locator('.activity-entry');
    await expect.poll(() => items.count()).toBe(3);
    expect(await items.locator('.activity-text').allInnerTexts()).toEqual([
      'Unlocked by Anna with the keypad',
      'Locked automatically',
      'Incorrect PIN entered',
    ]);
    expect(await items.first().locator('time').innerText()).toBe('14:27');
    expect(await items.first().locator('time').getAttribute('datetime')).toBe(
      iso(NOW - 3 * MINUTE),
    );
    expect((await window.calls('getActivity')).map((call) => call.request)).toEqual([
      { lockId: 48213, afterId: null, limit: 20 },
    ]);
    expect((await window.calls('watchActivity')).at(-1)?.request).toEqual({ lockIds: [48213] });
  });

  it('puts pushed entries on top while open, once each, and stops watching when closed', async () => {
    const { window, card } = await openWithActivity();
    await card.locator('summary').click();
    await expect.poll(() => card.locator('.activity-entry').count()).toBe(3);
    await window.emitActivity({
      lockId: 48213,
      entries: [entry(6, 1, 'Locked by Bea with the keypad button', 'Bea'), FIRST_PAGE[0]!],
    });
    await window.emitActivity({ lockId: 999, entries: [entry(7, 0, 'Another lock')] });
    await expect.poll(() => card.locator('.activity-entry').count()).toBe(4);
    expect(await card.locator('.activity-text').first().innerText()).toBe(
      'Locked by Bea with the keypad button',
    );
    await card.locator('summary').click();
    await expect
      .poll(async () => (await window.calls('watchActivity')).at(-1)?.request)
      .toEqual({
        lockIds: [],
      });
    expect(await card.locator('.activity-entry').count()).toBe(0);
  });

  it('asks for older entries after the last one shown', async () => {
    const { window, card } = await openWithActivity(true);
    await card.locator('summary').click();
    const older = card.getByRole('button', { name: 'Show older' });
    await expect.poll(() => older.isVisible()).toBe(true);
    await window.respond('getActivity', {
      ok: true,
      data: { entries: [entry(2, 200, 'Locked by hand')], more: false },
    });
    await older.click();
    await expect.poll(() => card.locator('.activity-entry').count()).toBe(4);
    expect((await window.calls('getActivity')).at(-1)?.request).toEqual({
      lockId: 48213,
      afterId: 3,
      limit: 20,
    });
    await expect.poll(() => older.isVisible()).toBe(false);
  });

  it.each(['light', 'dark'] as const)('passes axe with the list open (%s)', async (colorScheme) => {
    const window = await open(
      windowState({ locks: [windowLock({ id: 48213, name: 'Front door', activityCount: 3 })] }),
      {
        colorScheme,
        responses: { getActivity: { ok: true, data: { entries: FIRST_PAGE, more: true } } },
      },
    );
    const card = lockCardNamed(window.page, 'Front door');
    await card.locator('summary').click();
    await expect.poll(() => card.locator('.activity-entry').count()).toBe(3);
    const results = await new AxeBuilder({ page: window.page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(
      results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
    ).toEqual([]);
  });
});

describe('the scope hint', () => {
  it('says which scope is missing and how to get it, and offers to enter a new key', async () => {
    const window = await open(
      windowState({ activity: { status: 'needs-scope', retryAt: NOW + 60 * MINUTE } }),
    );
    const banner = window.page.locator('[data-banner="activity-scope"]');
    expect(await banner.locator('.banner-title').innerText()).toBe(
      'Who and how needs the DeviceActivity.Read scope',
    );
    expect(await banner.locator('.banner-text').innerText()).toContain(
      'Tedee Portal → Personal Access Keys',
    );
    await expect
      .poll(() => banner.getByRole('button', { name: 'Enter a new key' }).isVisible())
      .toBe(true);
    const results = await new AxeBuilder({ page: window.page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(
      results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
    ).toEqual([]);
  });

  it('is not shown while the log can be read', async () => {
    const window = await open(windowState({ activity: { status: 'available', retryAt: null } }));
    expect(await window.page.locator('[data-banner="activity-scope"]').count()).toBe(0);
  });
});
