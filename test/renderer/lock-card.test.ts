/**
 * Every lock card variant, read the way a person would: words, glyph and tone together, so a
 * state is never told by colour alone, and nothing that is not unlocked ever reads as unlocked.
 */
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright';
import type { WindowLock } from '../../preload/contract.ts';
import { lockCardNamed, useWindow } from './use-window.ts';
import {
  MINUTE,
  NOW,
  batteryTrend,
  iso,
  mixedHouseholdState,
  windowLock,
  windowState,
} from './window-state-factory.ts';

const open = useWindow();

async function showLock(overrides: Partial<WindowLock>): Promise<Locator> {
  const window = await open(
    windowState({ locks: [windowLock({ name: 'Front door', ...overrides })] }),
  );
  return lockCardNamed(window.page, 'Front door');
}

async function read(card: Locator) {
  return {
    state: await card.locator('.lock-state').innerText(),
    glyph: await card.getAttribute('data-glyph'),
    tone: (await card.getAttribute('class'))?.match(/tone-(\w+)/)?.[1],
    facts: await card.locator('.lock-facts').innerText(),
    explanation:
      (await card.locator('.lock-explanation').count()) > 0
        ? await card.locator('.lock-explanation').innerText()
        : '',
  };
}

function fact(card: Locator, name: string): Locator {
  return card.locator(`dd[data-fact="${name}"]`);
}

describe('lock card', () => {
  it('shows a locked lock with its model, door, battery, connection and last change', async () => {
    const card = await showLock({
      state: 'locked',
      model: 'lock-pro',
      battery: 82,
      lastChanged: iso(NOW - 47 * MINUTE),
    });
    expect(await read(card)).toMatchObject({
      state: 'Locked since 13:43',
      glyph: 'locked',
      tone: 'ok',
    });
    expect(await card.locator('.lock-model').innerText()).toBe('Lock PRO');
    expect(await fact(card, 'door').innerText()).toBe('Closed');
    expect(await fact(card, 'battery').innerText()).toBe('82 %');
    expect(await fact(card, 'connection').innerText()).toBe('Connected');
  });

  it('draws the glyph with the card itself: a tile, and the named icon as a mask on it', async () => {
    const card = await showLock({ state: 'locked' });
    // Page code as text: the tests are type-checked without the DOM library.
    const drawn = await card.page().evaluate<{
      glyph: string;
      mask: string;
      icon: string;
      tile: string;
    }>(`(() => {
      const card = document.querySelector('article.lock-card');
      return {
        glyph: getComputedStyle(card).getPropertyValue('--glyph'),
        mask: getComputedStyle(card, '::after').maskImage,
        icon: getComputedStyle(card, '::after').backgroundColor,
        tile: getComputedStyle(card, '::before').backgroundColor,
      };
    })()`);
    expect(drawn.mask).toBe(drawn.glyph);
    // The closed shackle of icons.ts's "locked", not the open one of "unlocked".
    expect(decodeURIComponent(drawn.mask)).toContain('M8 11V7a4 4 0 0 1 8 0v4');
    expect(drawn.icon).not.toBe(drawn.tile);
    expect(await card.locator('svg').count()).toBe(0);
  });

  it('shows an unlocked lock as unlocked, in words and with the open padlock', async () => {
    expect(await read(await showLock({ state: 'unlocked', model: 'lock-go' }))).toMatchObject({
      state: 'Unlocked since 13:43',
      glyph: 'unlocked',
      tone: 'warn',
    });
  });

  it('shows a semi-locked lock as partly locked, not jammed', async () => {
    const look = await read(await showLock({ state: 'semi-locked', lastOperationFailed: false }));
    expect(look).toMatchObject({
      state: 'Partly locked since 13:43',
      glyph: 'unlocked',
      tone: 'warn',
      explanation: 'The bolt is not fully out.',
    });
  });

  it('shows a failed operation that left the lock semi-locked as jammed', async () => {
    const look = await read(await showLock({ state: 'semi-locked', lastOperationFailed: true }));
    expect(look).toMatchObject({ state: 'Jammed since 13:43', glyph: 'attention', tone: 'alert' });
    expect(look.explanation).toContain('did not finish');
  });

  it('does not call a failed operation on a locked lock jammed', async () => {
    expect((await read(await showLock({ state: 'locked', lastOperationFailed: true }))).state).toBe(
      'Locked since 13:43',
    );
  });

  it('shows an open door in words and in the warning tone', async () => {
    const card = await showLock({ state: 'locked', door: 'open' });
    expect(await fact(card, 'door').innerText()).toBe('Open');
    expect(await fact(card, 'door').getAttribute('class')).toBe('tone-warn');
  });

  it('marks a battery at or below the threshold as low, with a bar as long as the level', async () => {
    const card = await showLock({ battery: 12 });
    expect(await fact(card, 'battery').innerText()).toBe('12 %\nLow');
    // The fill is 16 px at 100 %: 12 % is 1.92 px, read from the rendered pseudo-element.
    expect(await card.locator('.battery-gauge').getAttribute('data-level')).toBe('12');
    const fill = await card
      .page()
      .evaluate<string>(
        "getComputedStyle(document.querySelector('.battery-gauge'), '::after').width",
      );
    // Layout rounds to 1/64 px.
    expect(Number.parseFloat(fill)).toBeCloseTo(1.92, 1);
  });

  it('puts the low-battery line exactly at the threshold from the settings', async () => {
    const window = await open(
      windowState({
        locks: [
          windowLock({ id: 1, name: 'At', battery: 20 }),
          windowLock({ id: 2, name: 'Above', battery: 21 }),
        ],
      }),
    );
    expect(await fact(lockCardNamed(window.page, 'At'), 'battery').innerText()).toContain('Low');
    expect(await fact(lockCardNamed(window.page, 'Above'), 'battery').innerText()).toBe('21 %');
  });

  it('shows a charging lock as charging and not as low', async () => {
    const card = await showLock({ battery: 12, charging: true });
    expect(await fact(card, 'battery').innerText()).toBe('12 %\nCharging');
  });

  it('keeps the last known state of a disconnected lock and says since when it is gone', async () => {
    const card = await showLock({
      state: 'locked',
      connected: false,
      disconnectedSince: NOW - 28 * MINUTE,
    });
    expect(await read(card)).toMatchObject({
      state: 'Last known: Locked since 13:43',
      glyph: 'disconnected',
      tone: 'alert',
    });
    expect(await fact(card, 'connection').innerText()).toBe('Disconnected since 14:02');
    expect(await card.getAttribute('class')).toContain('is-disconnected');
  });

  it('says the battery is unknown when Tedee did not report it', async () => {
    const card = await showLock({ battery: null });
    expect(await fact(card, 'battery').innerText()).toBe('Unknown');
    expect(await card.locator('.battery-gauge').count()).toBe(0);
  });

  it('marks stale values and says when they were last checked', async () => {
    const card = await showLock({ stale: true, lastSyncedAt: NOW - 40 * MINUTE });
    expect(await card.locator('.badge-stale').innerText()).toBe('Out of date');
    expect((await read(card)).explanation).toContain('Last checked 13:50');
  });

  it.each([
    ['updating', 'Updating firmware…', 'busy'],
    ['calibrating', 'Calibrating…', 'busy'],
    ['uncalibrated', 'Not calibrated', 'attention'],
    ['unknown', 'State unknown', 'unknown'],
    [null, 'No state reported', 'unknown'],
  ] as const)('shows %s as "%s", never as unlocked', async (state, words, glyph) => {
    const look = await read(await showLock({ state }));
    expect(look.state).toBe(`${words} since 13:43`);
    expect(look.glyph).toBe(glyph);
    expect(look.state.toLowerCase()).not.toContain('unlock');
    expect(look.tone).not.toBe('warn');
  });

  it('draws the battery trend as an image with a summary for screen readers', async () => {
    const card = await showLock({ batteryTrend: batteryTrend(92, 76) });
    await card.getByText(/^History/).click();
    const chart = card.getByRole('img', {
      name: 'Battery over the last 7 days: from 92 % to 76 %, lowest 76 %.',
    });
    expect(await chart.isVisible()).toBe(true);
    expect((await chart.locator('polyline').getAttribute('points'))?.split(' ')).toHaveLength(8);
  });

  it('lists recent events, newest first, and keeps the list open when a new state arrives', async () => {
    const window = await open(mixedHouseholdState());
    const card = lockCardNamed(window.page, 'Front door');
    await card.getByText('History (battery, 2 events)').click();
    expect(await card.locator('.event').allInnerTexts()).toEqual([
      '13:43\nLocked\n76 %',
      '12:30\nUnlocked\n77 %',
    ]);
    await window.emit(mixedHouseholdState({ lastSyncedAt: NOW }));
    await expect
      .poll(() => window.page.locator('.banner-text').first().innerText())
      .toBe('Last checked 14:30.');
    expect(await card.locator('.event').first().isVisible()).toBe(true);
  });

  it('scrolls to and highlights the lock main asks to focus, even from the settings panel', async () => {
    const window = await open(mixedHouseholdState());
    await window.page.getByRole('button', { name: 'Settings' }).click();
    await window.emit(mixedHouseholdState({ focusLockId: 3 }));
    const card = window.page.locator('article[data-lock-id="3"]');
    await expect.poll(() => card.getAttribute('class')).toContain('is-highlighted');
    expect(await window.page.locator('#locks-view').isVisible()).toBe(true);
    expect(await window.page.locator('article[data-lock-id="3"]:focus').count()).toBe(1);
    expect(await card.isVisible()).toBe(true);
  });
});
