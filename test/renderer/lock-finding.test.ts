/**
 * A problem lock is findable among many: problem locks come first, the header counts them, the
 * banner does not call the window "all fine" beside them, and a search box, quick filters and
 * the keyboard narrow 200 cards down to the one the user wants.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { problemsFirst } from '../../main/engine/problems-first.ts';
import { useWindow } from './use-window.ts';
import { MINUTE, NOW, manyLocksState, windowLock, windowState } from './window-state-factory.ts';

const open = useWindow();

/**
 * The lock names of the cards not filtered out, top to bottom. Text content, not innerText:
 * cards out of view are not rendered (content-visibility), and innerText reads the rendering.
 */
function visibleNames(page: Page): Promise<string[]> {
  return page.locator('article.lock-card:not([hidden]) .lock-name').allTextContents();
}

/** Locks of every kind in a scattered order, as Tedee might list them. */
const scattered = windowState({
  locks: [
    windowLock({ id: 1, name: 'Door 10' }),
    windowLock({ id: 2, name: 'Shed', state: 'locking' }),
    windowLock({ id: 3, name: 'Door 2' }),
    windowLock({ id: 4, name: 'Garage', battery: 9 }),
    windowLock({ id: 5, name: 'Patio', door: 'open' }),
    windowLock({ id: 6, name: 'Back', connected: false, disconnectedSince: NOW - 5 * MINUTE }),
    windowLock({ id: 7, name: 'Attic', state: 'unlocked' }),
    windowLock({ id: 8, name: 'Gate', state: 'semi-locked', lastOperationFailed: true }),
  ],
  tray: 'attention',
});

describe('problems first', () => {
  it('orders cards by what needs attention, then by name as people read it', async () => {
    const { page } = await open(scattered);
    expect(await visibleNames(page)).toEqual([
      'Back',
      'Gate',
      'Attic',
      'Patio',
      'Garage',
      'Shed',
      'Door 2',
      'Door 10',
    ]);
  });

  it('moves a lock that starts to need attention to the top', async () => {
    const window = await open(scattered);
    await window.emit({
      ...scattered,
      locks: scattered.locks.map((lock) =>
        lock.name === 'Door 10' ? { ...lock, state: 'uncalibrated' } : lock,
      ),
    });
    await expect
      .poll(() => visibleNames(window.page))
      .toEqual(['Back', 'Door 10', 'Gate', 'Attic', 'Patio', 'Garage', 'Shed', 'Door 2']);
  });

  it('keeps problems first when many locks change at once, and when they change back', async () => {
    const locks = Array.from({ length: 30 }, (_, index) =>
      windowLock({ id: index + 1, name: `Door ${index + 1}` }),
    );
    const state = windowState({ locks });
    const window = await open(state);
    const unlockedIds = new Set([3, 5, 8, 13, 21, 22, 25, 27, 28, 30]);
    const some = {
      ...state,
      locks: locks.map((lock) =>
        unlockedIds.has(lock.id) ? { ...lock, state: 'unlocked' as const } : lock,
      ),
    };
    const expected = (current: typeof state) =>
      problemsFirst(current.locks, 20).map((lock) => lock.name);
    // Ten locks move at once (sorted), then one moves back (placed alone).
    await window.emit(some);
    await expect.poll(() => visibleNames(window.page)).toEqual(expected(some));
    const oneBack = {
      ...some,
      locks: some.locks.map((lock) =>
        lock.id === 13 ? { ...lock, state: 'locked' as const } : lock,
      ),
    };
    await window.emit(oneBack);
    await expect.poll(() => visibleNames(window.page)).toEqual(expected(oneBack));
    expect((await visibleNames(window.page)).slice(0, 9)).toEqual([
      'Door 3',
      'Door 5',
      'Door 8',
      'Door 21',
      'Door 22',
      'Door 25',
      'Door 27',
      'Door 28',
      'Door 30',
    ]);
  });

  it('places two locks that move in one update, one up and one down, each where it belongs', async () => {
    const gone = { connected: false, disconnectedSince: NOW - 5 * MINUTE } as const;
    const back = { connected: true, disconnectedSince: null } as const;
    const state = windowState({
      locks: [
        windowLock({ id: 1, name: 'Alder', battery: 9, ...gone }),
        windowLock({ id: 2, name: 'Birch', state: 'unlocked' }),
        windowLock({ id: 3, name: 'Cedar', battery: 9 }),
        windowLock({ id: 4, name: 'Dogwood', state: 'locking' }),
        windowLock({ id: 5, name: 'Elm' }),
      ],
      tray: 'attention',
    });
    const window = await open(state);
    expect(await visibleNames(window.page)).toEqual(['Alder', 'Birch', 'Cedar', 'Dogwood', 'Elm']);
    // Alder comes back with a low battery (down among the low ones, before Cedar by name) while
    // Dogwood drops off (up to the top): each is placed among cards in their current order.
    await window.emit({
      ...state,
      locks: state.locks.map((lock) =>
        lock.id === 1 ? { ...lock, ...back } : lock.id === 4 ? { ...lock, ...gone } : lock,
      ),
    });
    await expect
      .poll(() => visibleNames(window.page))
      .toEqual(['Dogwood', 'Birch', 'Alder', 'Cedar', 'Elm']);
  });

  it('counts the locks of each kind in the header, and the banner is not green beside them', async () => {
    const { page } = await open(manyLocksState(200));
    expect(await page.locator('#summary-text').innerText()).toBe('58 locks need attention');
    expect(await page.locator('#summary-counts').innerText()).toBe(
      '29 unlocked or open · 28 low on battery · 85 locked',
    );
    const banner = page.locator('[data-banner="ok"]');
    expect(await banner.locator('.banner-title').innerText()).toBe('Up to date');
    expect(await banner.getAttribute('class')).toContain('tone-info');
  });

  it('says "all locked" with no counts line when every lock is locked', async () => {
    const locks = [1, 2, 3].map((id) => windowLock({ id, name: `Door ${id}` }));
    const { page } = await open(windowState({ locks }));
    expect(await page.locator('#summary-text').innerText()).toBe('All 3 locks are locked');
    expect(await page.locator('#summary-counts').isVisible()).toBe(false);
    expect(await page.locator('[data-banner="ok"]').getAttribute('class')).toContain('tone-ok');
  });
});

describe('finding a lock', () => {
  it('offers no search for ten locks or fewer', async () => {
    const { page } = await open(manyLocksState(10));
    expect(await page.getByRole('searchbox').isVisible()).toBe(false);
  });

  it('finds locks by name or serial number as the user types', async () => {
    const state = manyLocksState(200);
    const { page } = await open(state);
    const search = page.getByRole('searchbox', { name: 'Find a lock by name or serial number' });
    await search.fill('door 17');
    const expected = ['Door 17', ...Array.from({ length: 10 }, (_n, digit) => `Door 17${digit}`)];
    await expect
      .poll(async () => (await visibleNames(page)).toSorted())
      .toEqual(expected.toSorted());
    expect(await page.locator('#find-result').innerText()).toBe('Showing 11 of 200 locks.');
    const lock = state.locks[42];
    await search.fill(lock?.serial ?? '');
    await expect.poll(() => visibleNames(page)).toEqual([lock?.name]);
    await search.fill('no such lock');
    await expect.poll(() => visibleNames(page)).toEqual([]);
    expect(await page.locator('#find-result').innerText()).toBe('No lock matches.');
    await search.press('Escape');
    await expect.poll(() => page.locator('article.lock-card:not([hidden])').count()).toBe(200);
  });

  it('filters by kind, with the count on each filter', async () => {
    const { page } = await open(manyLocksState(200));
    const chip = (name: RegExp) => page.getByRole('button', { name });
    expect(
      await chip(/^Disconnected/)
        .locator('.filter-count')
        .textContent(),
    ).toBe('29');
    await chip(/^Disconnected/).click();
    expect(await chip(/^Disconnected/).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.locator('article.lock-card:not([hidden])').count()).toBe(29);
    expect(await page.locator('article.lock-card:not([hidden]).is-disconnected').count()).toBe(29);
    await chip(/^Low battery/).click();
    await expect.poll(() => page.locator('article.lock-card:not([hidden])').count()).toBe(28);
    await chip(/^All/).click();
    await expect.poll(() => page.locator('article.lock-card:not([hidden])').count()).toBe(200);
  });

  it('keeps the search and filter through a new state', async () => {
    const state = manyLocksState(200);
    const window = await open(state);
    await window.page.getByRole('searchbox').fill('door 17');
    await window.emit({ ...state, lastSyncedAt: NOW });
    await window.page.locator('.banner-text', { hasText: 'Last checked 14:30.' }).waitFor();
    expect(await window.page.getByRole('searchbox').inputValue()).toBe('door 17');
    expect(await window.page.locator('article.lock-card:not([hidden])').count()).toBe(11);
  });

  it('clears the search and filter to show the lock a notification was about', async () => {
    const state = manyLocksState(200);
    const window = await open(state);
    const { page } = window;
    await page.getByRole('button', { name: /^Disconnected/ }).click();
    await page.getByRole('searchbox').fill('door 3');
    const unlocked = state.locks.find((lock) => lock.state === 'unlocked');
    await window.emit({ ...state, focusLockId: unlocked?.id ?? null });
    const card = page.locator(`article[data-lock-id="${unlocked?.id}"]`);
    await expect.poll(() => card.isVisible()).toBe(true);
    expect(await page.getByRole('searchbox').inputValue()).toBe('');
    expect(await page.locator(`article[data-lock-id="${unlocked?.id}"]:focus`).count()).toBe(1);
    expect(await page.locator('article.lock-card:not([hidden])').count()).toBe(200);
  });

  it('shows one line per lock above 50 locks, until the user switches it off', async () => {
    const { page } = await open(manyLocksState(51));
    const toggle = page.getByRole('button', { name: 'One line per lock' });
    const firstHeight = () =>
      page
        .locator('article.lock-card')
        .first()
        .evaluate((card) => card.getBoundingClientRect().height);
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await firstHeight()).toBeLessThan(50);
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await firstHeight()).toBeGreaterThan(80);
  });

  it('shows one line per lock above the number of locks the settings give', async () => {
    const state = manyLocksState(12);
    const cutOff = (compactAbove: number) => ({
      ...state,
      settings: { ...state.settings, window: { compactAbove } },
    });
    const window = await open(cutOff(11));
    const list = window.page.locator('#lock-list');
    expect(await list.getAttribute('class')).toContain('is-compact');
    await window.emit(cutOff(12));
    await expect.poll(() => list.getAttribute('class')).not.toContain('is-compact');
    expect(
      await window.page
        .getByRole('button', { name: 'One line per lock' })
        .getAttribute('aria-pressed'),
    ).toBe('false');
  });

  it('shows full cards for 50 locks or fewer', async () => {
    const { page } = await open(manyLocksState(50));
    expect(
      await page.getByRole('button', { name: 'One line per lock' }).getAttribute('aria-pressed'),
    ).toBe('false');
  });

  it('works from the keyboard: / to search, arrows between cards, Enter for History', async () => {
    const state = manyLocksState(200, { events: 2 });
    const { page } = await open(state);
    // Above 50 locks the list starts with one line per lock, which has no History.
    await page.getByRole('button', { name: 'One line per lock' }).click();
    await page.locator('body').press('/');
    expect(await page.evaluate('document.activeElement?.id')).toBe('lock-search');
    await page.keyboard.type('door 17');
    await page.keyboard.press('ArrowDown');
    const focusedName = () =>
      page.evaluate("document.activeElement?.querySelector('.lock-name')?.textContent ?? null");
    const first = await focusedName();
    const names = await visibleNames(page);
    expect(first).toBe(names[0]);
    await page.keyboard.press('ArrowDown');
    expect(await focusedName()).toBe(names[1]);
    await page.keyboard.press('End');
    expect(await focusedName()).toBe(names.at(-1));
    await page.keyboard.press('ArrowUp');
    expect(await focusedName()).toBe(names.at(-2));
    await page.keyboard.press('Enter');
    const card = page.locator('article.lock-card:focus');
    expect(await card.locator('details').getAttribute('open')).toBe('');
    await expect.poll(() => card.locator('.event').count()).toBe(2);
  });
});
