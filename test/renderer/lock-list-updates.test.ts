/**
 * A new state from main changes only what changed: the other cards stay the same DOM nodes, so
 * what the user is doing in the window (focus, a text selection, an open History, the place
 * they scrolled to) survives every sync, and a push with 200 locks touches one card, not all.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import type { WindowLock, WindowState, WindowUpdate } from '../../preload/contract.ts';
import type { FakeGlobals } from './fake-tedee-tray.ts';
import { lockCardNamed, useWindow } from './use-window.ts';
import type { TestWindow } from './window-harness.ts';
import { MINUTE, NOW, manyLocksState, windowLock, windowState } from './window-state-factory.ts';

const open = useWindow();

/** The same state with one lock changed. */
function withLock(state: WindowState, id: number, change: Partial<WindowLock>): WindowState {
  return {
    ...state,
    locks: state.locks.map((lock) => (lock.id === id ? { ...lock, ...change } : lock)),
  };
}

/** Calm, all-locked locks named "Lock 01".. in order, so the list order is the id order. */
function calmLocks(count: number): WindowState {
  const locks = Array.from({ length: count }, (_, index) =>
    windowLock({ id: index + 1, name: `Lock ${String(index + 1).padStart(2, '0')}` }),
  );
  return windowState({ locks });
}

/**
 * Starts recording which cards have nodes added or removed anywhere inside them, and keeps the
 * card nodes present now. Page-side code as text: the tests are type-checked without the DOM.
 * A card's freshness line ("Checked 14 s ago") follows the time of every sync by design, so it
 * is recorded apart, in `freshened`.
 */
const WATCH_CARDS = `
  globalThis.touched = new Set();
  globalThis.freshened = new Set();
  globalThis.before = [...document.querySelectorAll('article.lock-card')];
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of [record.target, ...record.addedNodes, ...record.removedNodes]) {
        const element = node instanceof Element ? node : node.parentElement;
        const id = element?.closest('article')?.getAttribute('data-lock-id');
        if (!id) continue;
        if (element.closest('.lock-freshness')) globalThis.freshened.add(id);
        else globalThis.touched.add(id);
      }
    }
  }).observe(document.getElementById('lock-list'), { childList: true, subtree: true });
`;

/** Records every change in the page that is not inside a <time>, as "tag#id.class". */
const WATCH_PAGE = `
  globalThis.changedOutsideTimes = [];
  new MutationObserver((records) => {
    for (const record of records) {
      const element = record.target instanceof Element ? record.target : record.target.parentElement;
      if (element?.closest('time') !== null) continue;
      globalThis.changedOutsideTimes.push(element.tagName + '#' + element.id + '.' + element.className);
    }
  }).observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
`;
/** The ids of the cards whose freshness line changed since WATCH_CARDS. */
function freshened(page: Page): Promise<string[]> {
  return page.evaluate('[...globalThis.freshened].toSorted()');
}

/** The ids of the cards touched since WATCH_CARDS, and how many earlier card nodes are still in the page. */
const CARD_CHANGES = `({
  touched: [...globalThis.touched].toSorted(),
  sameNodes: globalThis.before.filter((card) => card.isConnected).length,
})`;

/** The lock id of the focused card, or null. */
function focusedCard(page: Page): Promise<string | null> {
  return page.evaluate("document.activeElement?.getAttribute('data-lock-id') ?? null");
}

async function watchCards(page: Page): Promise<void> {
  await page.evaluate(WATCH_CARDS);
}

function cardChanges(page: Page): Promise<{ touched: string[]; sameNodes: number }> {
  return page.evaluate(CARD_CHANGES);
}

/** Emits and waits until the window has drawn the given lock state. */
async function push(window: TestWindow, state: WindowState, lockId: number): Promise<void> {
  await window.emit(state);
  const lock = state.locks.find((candidate) => candidate.id === lockId);
  await window.page
    .locator(`article[data-lock-id="${lockId}"] .lock-state[data-state="${lock?.state ?? 'none'}"]`)
    .waitFor();
}

describe('lock list updates', () => {
  it('redraws only the card whose lock changed; every other card is the same node', async () => {
    const state = manyLocksState(200);
    const window = await open(state);
    await watchCards(window.page);
    const target = state.locks.find((lock) => lock.state === 'locked' && lock.connected);
    if (target === undefined) throw new Error('no locked lock in the fixture');
    await push(window, withLock(state, target.id, { state: 'locking' }), target.id);
    expect(await cardChanges(window.page)).toEqual({
      touched: [String(target.id)],
      sameNodes: 200,
    });
  });

  it('touches nothing but the freshness line when a sync changed nothing but the time of the sync', async () => {
    const state = calmLocks(20);
    const window = await open(state);
    await watchCards(window.page);
    const later = {
      ...state,
      lastSyncedAt: NOW,
      locks: state.locks.map((lock) => ({ ...lock, lastSyncedAt: NOW })),
    };
    await window.emit(later);
    await window.page.locator('.banner-text', { hasText: 'Last checked 14:30.' }).waitFor();
    expect(await cardChanges(window.page)).toEqual({ touched: [], sameNodes: 20 });
    expect(await freshened(window.page)).toHaveLength(20);
    expect(await lockCardNamed(window.page, 'Lock 01').locator('.lock-freshness').innerText()).toBe(
      'Checked just now',
    );
  });

  it('asks for the whole state when an update builds on one it never had, then shows it', async () => {
    const state = calmLocks(3);
    const window = await open(state);
    const { page } = window;
    expect(await window.calls('getState')).toHaveLength(1);
    // A change on top of update 7, which the window missed (it holds number 1).
    const missed: WindowUpdate = {
      kind: 'changes',
      version: 8,
      baseVersion: 7,
      fields: {},
      locks: [{ id: 2, state: 'unlocked' }],
      lockIds: null,
    };
    const later = withLock(state, 2, { state: 'unlocked' });
    await window.respond('getState', {
      ok: true,
      data: { kind: 'full', version: 9, state: later },
    });
    await page.evaluate(
      (update) => (globalThis as unknown as FakeGlobals).__tedeeFake.deliver(update),
      missed,
    );
    await expect.poll(() => window.calls('getState')).toHaveLength(2);
    await page.locator('article[data-lock-id="2"] .lock-state[data-state="unlocked"]').waitFor();
  });

  it('touches no card when a button is pressed', async () => {
    const window = await open(calmLocks(20));
    await watchCards(window.page);
    await window.page.getByRole('button', { name: 'Pause 1 h' }).click();
    await expect.poll(() => window.calls('pause')).toHaveLength(1);
    expect(await cardChanges(window.page)).toEqual({ touched: [], sameNodes: 20 });
  });

  it('keeps focus on a card, a text selection and an open History through 10 pushes', async () => {
    const state = calmLocks(12);
    const withEvents = withLock(state, 2, {
      recentEvents: [{ at: NOW - 5 * MINUTE, state: 'locked', connected: true, battery: 80 }],
    });
    const window = await open(withEvents);
    const { page } = window;
    const card2 = lockCardNamed(page, 'Lock 02');
    await card2.getByText('History (1 events)').click();
    await page.evaluate(`
      getSelection().selectAllChildren(document.querySelector('article[data-lock-id="3"] .lock-name'));
      document.querySelector('article[data-lock-id="1"]').focus();
    `);
    let current = withEvents;
    for (let step = 0; step < 10; step += 1) {
      current = withLock(current, 5, {
        battery: 50 + step,
        lastChanged: new Date(NOW - step * MINUTE).toISOString(),
      });
      await window.emit(current);
      await page
        .locator('article[data-lock-id="5"] [data-fact="battery"]', { hasText: `${50 + step} %` })
        .waitFor();
    }
    expect(await focusedCard(page)).toBe('1');
    expect(await page.evaluate('getSelection().toString()')).toBe('Lock 03');
    expect(await card2.locator('details').getAttribute('open')).toBe('');
    expect(await card2.locator('.event').count()).toBe(1);
  });

  it('keeps focus on a card whose own lock changes', async () => {
    const state = calmLocks(5);
    const window = await open(state);
    await window.page.locator('article[data-lock-id="4"]').focus();
    await push(window, withLock(state, 4, { state: 'locking' }), 4);
    expect(await focusedCard(window.page)).toBe('4');
  });

  it('holds the card being read in place when a card above the view grows', async () => {
    const state = calmLocks(30);
    const window = await open(state);
    const { page } = window;
    const read = page.locator('article[data-lock-id="20"]');
    await read.evaluate((card) => card.scrollIntoView({ block: 'start' }));
    const before = await read.evaluate((card) => card.getBoundingClientRect().top);
    // Stale and out of date: a badge and an explanation line make card 5 taller.
    await window.emit(withLock(state, 5, { stale: true, lastSyncedAt: NOW - 40 * MINUTE }));
    await page.locator('article[data-lock-id="5"].is-stale').waitFor({ state: 'attached' });
    await page.evaluate(
      'new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))',
    );
    expect(await read.evaluate((card) => card.getBoundingClientRect().top)).toBe(before);
  });

  it('builds a History section only while it is open', async () => {
    const state = manyLocksState(200, { samples: 300, events: 20 });
    const window = await open(state);
    const { page } = window;
    expect(await page.locator('details.lock-history > :not(summary)').count()).toBe(0);
    // Above 50 locks the list starts with one line per lock, which has no History.
    await page.getByRole('button', { name: 'One line per lock' }).click();
    const first = page.locator('article.lock-card').first();
    await first.getByText(/^History/).click();
    // The toggle event that builds or drops the parts comes after the click, as a task.
    await expect.poll(() => first.locator('.battery-chart').count()).toBe(1);
    expect(await first.locator('.event').count()).toBe(20);
    await first.getByText(/^History/).click();
    await expect.poll(() => first.locator('.battery-chart, .event-list').count()).toBe(0);
  });

  it('changes nothing but the wording of times when a minute passes without a new state', async () => {
    const window = await open(calmLocks(20), { clock: 'manual' });
    const { page } = window;
    await page.evaluate(WATCH_PAGE);
    const since = page.locator('article[data-lock-id="2"] time.lock-since');
    await page.clock.runFor(61_000);
    await expect.poll(() => since.getAttribute('title')).toBe('48 min ago');
    expect(await page.evaluate('globalThis.changedOutsideTimes')).toEqual([]);
  });

  it('draws the window once for a button press, marking the button busy meanwhile', async () => {
    const window = await open(calmLocks(3));
    const { page } = window;
    await page.evaluate(`
      globalThis.toolbarRebuilt = 0;
      globalThis.busyMarks = [];
      new MutationObserver((records) => {
        for (const record of records) {
          if (record.type === 'childList') globalThis.toolbarRebuilt += 1;
          else globalThis.busyMarks.push(record.target.getAttribute('aria-disabled'));
        }
      }).observe(document.getElementById('toolbar'), {
        childList: true,
        attributes: true,
        attributeFilter: ['aria-disabled'],
        subtree: true,
      });
    `);
    await page.getByRole('button', { name: 'Pause 1 h' }).click();
    await expect.poll(() => window.calls('pause')).toHaveLength(1);
    await expect.poll(() => page.evaluate('globalThis.busyMarks')).toEqual(['true', null]);
    // Marked and unmarked in place; the answer changed nothing else, so nothing is rebuilt.
    expect(await page.evaluate('globalThis.toolbarRebuilt')).toBe(0);
  });

  it('rewrites only the relative times when a minute passes without a new state', async () => {
    const state = calmLocks(3);
    const window = await open(state, { clock: 'manual' });
    const { page } = window;
    await watchCards(page);
    const since = page.locator('article[data-lock-id="2"] time.lock-since');
    expect(await since.getAttribute('title')).toBe('47 min ago');
    await page.clock.runFor(61_000);
    await expect.poll(() => since.getAttribute('title')).toBe('48 min ago');
    expect(await page.locator('article[data-lock-id="2"] .lock-state').textContent()).toBe(
      'Locked since 13:43',
    );
    expect(await cardChanges(page)).toEqual({ touched: [], sameNodes: 3 });
  });
});
