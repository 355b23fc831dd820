/**
 * Choosing among many locks: a search narrows the list of checkboxes, "Tick shown" and
 * "Untick shown" act only on what it shows, and a count says how many are ticked.
 */
import { describe, expect, it } from 'vitest';
import type { WindowState } from '../../preload/contract.ts';
import { accountLockOf, manyLocksState, mixedHouseholdState } from './window-state-factory.ts';
import { useWindow } from './use-window.ts';
import type { TestWindow } from './window-harness.ts';

const open = useWindow();

async function openSettings(state: WindowState): Promise<TestWindow> {
  const window = await open(state);
  await window.page.getByRole('button', { name: 'Settings' }).click();
  return window;
}

/** 200 locks of which the first two are chosen. */
function twoOf200(): WindowState {
  const state = manyLocksState(200);
  const chosen = state.locks.slice(0, 2).map((lock) => lock.serial ?? '');
  return {
    ...state,
    settings: { ...state.settings, selection: { serials: chosen } },
    accountLocks: state.locks.map((lock) =>
      accountLockOf(lock, chosen.includes(lock.serial ?? '')),
    ),
  };
}

describe('lock chooser', () => {
  it('ticks every lock the search shows, and only those, then saves them with the others', async () => {
    const state = twoOf200();
    const window = await openSettings(state);
    const { page } = window;
    const count = page.locator('#chooser-count');
    expect(await count.innerText()).toBe('2 of 200 locks ticked.');
    await page.getByRole('searchbox', { name: /Find a lock to tick/ }).fill('door 17');
    expect(await page.locator('#chooser-list li:not([hidden])').count()).toBe(11);
    expect(await count.innerText()).toBe('2 of 200 locks ticked, 11 shown.');
    await page.getByRole('button', { name: 'Tick shown', exact: true }).click();
    expect(await count.innerText()).toBe('13 of 200 locks ticked, 11 shown.');
    await page.getByRole('button', { name: 'Save lock choice' }).click();
    const shown = state.locks.filter((lock) => /^Door 17\d?$/.test(lock.name));
    const expected = [...state.locks.slice(0, 2), ...shown].map((lock) => lock.serial ?? '');
    await expect
      .poll(async () => {
        const calls = await window.calls('selectLocks');
        const request = calls[0]?.request as { serials: string[] } | undefined;
        return request?.serials.toSorted();
      })
      .toEqual(expected.toSorted());
  });

  it('unticks only the locks shown', async () => {
    const state = twoOf200();
    const window = await openSettings(state);
    const { page } = window;
    const first = state.locks[0];
    await page.getByRole('searchbox', { name: /Find a lock to tick/ }).fill(first?.name ?? '');
    await page.getByRole('button', { name: 'Untick shown' }).click();
    expect(await page.locator('#chooser-count').innerText()).toMatch(/^1 of 200 locks ticked/);
  });

  it('offers no search for ten locks or fewer', async () => {
    const { page } = await openSettings(mixedHouseholdState());
    expect(await page.locator('#chooser-search').isVisible()).toBe(false);
    expect(await page.locator('#chooser-count').isVisible()).toBe(false);
  });
});
