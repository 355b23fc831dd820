/**
 * Refresh now (held back by Tedee's 20 s rule until refreshAllowedAt), pause and resume, and
 * getting around with the keyboard alone.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { focusedId, useWindow } from './use-window.ts';
import { NOW, SECOND, mixedHouseholdState, windowState } from './window-state-factory.ts';

const open = useWindow();

/** Presses Tab until `id` has focus; the ids passed on the way, in order. */
async function tabTo(page: Page, id: string, limit = 30): Promise<string[]> {
  const passed: string[] = [];
  for (let step = 0; step < limit; step += 1) {
    await page.keyboard.press('Tab');
    const focused = await focusedId(page);
    passed.push(focused);
    if (focused === id) return passed;
  }
  throw new Error(`Tab never reached #${id}; passed ${passed.join(', ')}`);
}

describe('toolbar', () => {
  it('keeps "Refresh now" disabled until refreshAllowedAt, then enables it on time', async () => {
    const window = await open(windowState({ refreshAllowedAt: NOW + 15 * SECOND }), {
      clock: 'manual',
    });
    const refresh = window.page.getByRole('button', { name: 'Refresh now' });
    expect(await refresh.isDisabled()).toBe(true);
    expect(await window.page.locator('#refresh-hint').innerText()).toBe('Available at 14:30:15');
    await window.page.clock.runFor(14 * SECOND);
    expect(await refresh.isDisabled()).toBe(true);
    await window.page.clock.runFor(2 * SECOND);
    await expect.poll(() => refresh.isDisabled()).toBe(false);
    await refresh.click();
    expect(await window.calls('refreshNow')).toEqual([{ verb: 'refreshNow', request: undefined }]);
  });

  it('says when the requested sync will run, and shows a refusal beside the button', async () => {
    const window = await open(windowState(), {
      responses: { refreshNow: { ok: true, data: { at: NOW + 5 * SECOND } } },
    });
    await window.page.getByRole('button', { name: 'Refresh now' }).click();
    await expect
      .poll(() => window.page.locator('#refresh-hint').innerText())
      .toBe('Checking at 14:30:05');
    await window.respond('refreshNow', {
      ok: false,
      error: 'Tedee allows one sync every 20 seconds.',
    });
    await window.page.getByRole('button', { name: 'Refresh now' }).click();
    await expect
      .poll(() => window.page.locator('#toolbar [role="alert"]').innerText())
      .toBe('Tedee allows one sync every 20 seconds.');
  });

  it('pauses for an hour and offers to resume while paused', async () => {
    const window = await open(windowState());
    await window.page.getByRole('button', { name: 'Pause 1 h' }).click();
    expect(await window.calls('pause')).toEqual([{ verb: 'pause', request: { minutes: 60 } }]);
    await window.emit(
      windowState({
        status: { kind: 'paused', message: '', retryAt: NOW + 3600 * SECOND },
        tray: 'paused',
      }),
    );
    await window.page.locator('#toolbar').getByRole('button', { name: 'Resume' }).click();
    expect(await window.calls('resume')).toEqual([{ verb: 'resume', request: undefined }]);
  });
});

describe('keyboard', () => {
  it('reaches the key controls in order and activates them with Enter and Space', async () => {
    const window = await open(
      windowState({
        locks: [],
        accountLocks: [],
        tray: 'no-locks',
        key: { stored: 'none', storage: 'encrypted' },
      }),
    );
    const passed = await tabTo(window.page, 'start-demo');
    expect(passed).toEqual([
      'nav-locks',
      'nav-settings',
      'key-input',
      'key-session-only',
      'key-submit',
      'key-help',
      'start-demo',
    ]);
    await window.page.keyboard.press('Space');
    expect(await window.calls('startDemo')).toHaveLength(1);
    await window.page.keyboard.press('Shift+Tab');
    expect(await focusedId(window.page)).toBe('key-help');
    await window.page.keyboard.press('Enter');
    expect(await window.calls('openExternalHelp')).toHaveLength(1);
    await tabTo(window.page, 'key-input');
    await window.page.keyboard.type('pak-from-keyboard');
    await window.page.keyboard.press('Enter');
    await expect
      .poll(() => window.calls('setKey'))
      .toEqual([{ verb: 'setKey', request: { key: 'pak-from-keyboard', sessionOnly: false } }]);
  });

  it('reaches the toolbar, shows a focus ring, and keeps focus when a new state arrives', async () => {
    const window = await open(mixedHouseholdState());
    await tabTo(window.page, 'refresh-now');
    expect(
      await window.page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle'),
    ).toBe('solid');
    await window.emit(mixedHouseholdState({ lastSyncedAt: NOW }));
    await expect
      .poll(() => window.page.locator('.banner-text').first().innerText())
      .toBe('Last checked 14:30.');
    expect(await focusedId(window.page)).toBe('refresh-now');
    await window.page.keyboard.press('Enter');
    expect(await window.calls('refreshNow')).toHaveLength(1);
    // Main answers with the next 20 s window: the button is disabled, yet Tab carries on from the toolbar.
    await window.emit(
      mixedHouseholdState({ lastSyncedAt: NOW, refreshAllowedAt: NOW + 20 * SECOND }),
    );
    await expect
      .poll(() => window.page.getByRole('button', { name: 'Refresh now' }).isDisabled())
      .toBe(true);
    await window.page.keyboard.press('Tab');
    expect(await window.page.evaluate<string>('document.activeElement.textContent')).toBe(
      'Pause 1 h',
    );
  });

  it('opens settings with the keyboard and reaches the interval field', async () => {
    const window = await open(mixedHouseholdState());
    await tabTo(window.page, 'nav-settings');
    await window.page.keyboard.press('Enter');
    expect(await window.page.locator('#settings-view').isVisible()).toBe(true);
    await tabTo(window.page, 'settings-interval');
    expect(await window.page.locator('#nav-settings').getAttribute('aria-current')).toBe('page');
  });
});
