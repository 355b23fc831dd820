/**
 * The monitored locks as cards, problems first, or a sentence saying why there are none.
 *
 * Keyed by lock id: each lock keeps its card for as long as it is monitored, a new state
 * redraws only the cards whose lock changed, and the order is fixed by moving as few cards as
 * possible. With 200 locks a sync that changes one lock touches one card.
 */
import type { OperationsState, WindowLock, WindowState } from '../preload/contract.ts';
import { button, h } from './dom.ts';
import { replaceKeepingFocus } from './focus-keeper.ts';
import { moveBefore, placeInOrder } from './keyed-order.ts';
import { locksTouchedBy } from './lock-actions.ts';
import { createLockCard } from './lock-card.ts';
import { findMatcher } from './lock-filter.ts';
import type { LockFind } from './lock-filter.ts';
import type { LockCard } from './lock-card.ts';
import { compareProblemsFirst, problemsFirst } from '../main/engine/problems-first.ts';
import { lockConcernOf } from '../main/engine/tray-status.ts';
import { refreshRelativeTimes } from './relative-time.ts';
import { isCompact } from './view-state.ts';
import type { ViewState, WindowActions } from './view-state.ts';

const MINUTE = 60_000;
/** Up to this many locks moving in one update are placed one by one; more, and the list is sorted. */
const MOVES_ONE_BY_ONE = 8;

export interface LockList {
  update(state: WindowState, view: ViewState, now: number): void;
  focusFirstCard(): void;
}

/** The cards the search and filters leave visible, in list order. */
function visibleCards(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(':scope > article.lock-card:not([hidden])')];
}

function focusCard(card: HTMLElement | undefined): void {
  if (card === undefined) return;
  card.focus({ preventScroll: true });
  card.scrollIntoView({ block: 'nearest' });
}

/**
 * Up and down move between cards, Home and End to the first and last, Enter opens or closes the
 * card's History: a list of 200 is walked without the mouse.
 */
function navigateWithKeys(container: HTMLElement): void {
  container.addEventListener('keydown', (event) => {
    const card = event.target;
    if (!(card instanceof HTMLElement) || !card.matches('article.lock-card')) return;
    const cards = visibleCards(container);
    const index = cards.indexOf(card);
    const targets: Record<string, HTMLElement | undefined> = {
      ArrowDown: cards[index + 1],
      ArrowUp: cards[index - 1],
      Home: cards[0],
      End: cards.at(-1),
    };
    if (event.key in targets) {
      event.preventDefault();
      focusCard(targets[event.key]);
    } else if (event.key === 'Enter') {
      const summary = card.querySelector<HTMLElement>(
        'details.lock-history:not([hidden]) > summary',
      );
      if (summary === null) return;
      event.preventDefault();
      summary.click();
    }
  });
}

/** Whether a lock's change can move it in the problems-first order. */
function mayMove(before: WindowLock, after: WindowLock, lowBatteryPercent: number): boolean {
  return (
    before.name !== after.name ||
    lockConcernOf(before, lowBatteryPercent) !== lockConcernOf(after, lowBatteryPercent)
  );
}

export function createLockList(container: HTMLElement, actions: WindowActions): LockList {
  const cards = new Map<number, LockCard>();
  /** The lock object each card last drew: main's updates replace a lock only when it changed. */
  const drawn = new Map<number, WindowLock>();
  /** The locks in the order their cards stand. */
  let ordered: WindowLock[] = [];
  /** What the last update drew from, to tell what changed since. */
  let last: {
    locks: readonly WindowLock[];
    lowBatteryPercent: number;
    find: LockFind;
    operations: OperationsState;
  } | null = null;
  let highlighted: number | null = null;
  /** Which sentence shows instead of cards, so it is not rebuilt on every state. */
  let shownEmpty: 'starting' | 'none' | null = null;
  let timesWrittenForMinute = -1;
  navigateWithKeys(container);

  function showEmpty(kind: 'starting' | 'none'): void {
    cards.clear();
    drawn.clear();
    ordered = [];
    last = null;
    if (shownEmpty === kind) return;
    shownEmpty = kind;
    replaceKeepingFocus(container, [
      kind === 'starting'
        ? h('p', { class: 'empty' }, 'Looking for your locks…')
        : h(
            'div',
            { class: 'empty' },
            h(
              'p',
              {},
              'No locks to show. The account has no locks, or none is chosen for monitoring.',
            ),
            button('Choose locks', () => actions.showPanel('settings'), {
              'data-focus-key': 'empty-choose',
            }),
          ),
    ]);
  }

  function show(card: LockCard, shown: boolean): void {
    if (card.element.hidden === shown) card.element.hidden = !shown;
  }

  /** Moves one lock's card to its place in a list otherwise in order: no other card moves. */
  function reposition(lock: WindowLock, compare: (a: WindowLock, b: WindowLock) => number): void {
    ordered.splice(
      ordered.findIndex((candidate) => candidate.id === lock.id),
      1,
    );
    let low = 0;
    let high = ordered.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (compare(ordered[middle] ?? lock, lock) < 0) low = middle + 1;
      else high = middle;
    }
    ordered.splice(low, 0, lock);
    const next = ordered[low + 1];
    const card = cards.get(lock.id);
    if (card !== undefined)
      moveBefore(
        container,
        card.element,
        next === undefined ? null : (cards.get(next.id)?.element ?? null),
      );
  }

  return {
    update(state, view, now) {
      if (state.locks.length === 0) {
        showEmpty(state.status.kind === 'starting' ? 'starting' : 'none');
        return;
      }
      shownEmpty = null;
      container.classList.toggle('is-compact', isCompact(view, state));
      const lowBatteryPercent = state.settings.alerts.lowBatteryPercent;
      const operations = state.operations;
      const context = { now, lowBatteryPercent, operations };
      const thresholdMoved = last === null || last.lowBatteryPercent !== lowBatteryPercent;
      const findChanged = thresholdMoved || last?.find !== view.find;
      const matches = findMatcher(view.find, lowBatteryPercent);
      let reorder = thresholdMoved;
      const moved: WindowLock[] = [];
      const touched = locksTouchedBy(last?.operations ?? null, operations);
      const redrawAll = thresholdMoved || touched === 'all';
      if (redrawAll || last?.locks !== state.locks || touched.size > 0) {
        for (const lock of state.locks) {
          const before = drawn.get(lock.id);
          if (before === lock && !redrawAll && !touched.has(lock.id)) continue;
          let card = cards.get(lock.id);
          if (card === undefined) {
            card = createLockCard(
              lock.id,
              view.openHistories.has(lock.id),
              (open) => actions.toggleHistory(lock.id, open),
              (operation) => actions.operate(lock.id, operation),
            );
            card.setHighlighted(highlighted === lock.id);
            cards.set(lock.id, card);
            reorder = true;
          } else if (before !== undefined && mayMove(before, lock, lowBatteryPercent)) {
            moved.push(lock);
          }
          card.update(lock, context);
          drawn.set(lock.id, lock);
          if (!findChanged) show(card, matches(lock));
        }
        if (drawn.size !== state.locks.length) {
          const present = new Set(state.locks.map((lock) => lock.id));
          for (const id of drawn.keys()) {
            if (present.has(id)) continue;
            drawn.delete(id);
            cards.get(id)?.element.remove();
            cards.delete(id);
          }
          reorder = true;
        }
      }
      if (findChanged)
        for (const lock of state.locks) {
          const card = cards.get(lock.id);
          if (card !== undefined) show(card, matches(lock));
        }
      if (view.highlightedLockId !== highlighted) {
        if (highlighted !== null) cards.get(highlighted)?.setHighlighted(false);
        highlighted = view.highlightedLockId;
        if (highlighted !== null) cards.get(highlighted)?.setHighlighted(true);
      }
      if (reorder || moved.length > MOVES_ONE_BY_ONE) {
        ordered = problemsFirst(state.locks, lowBatteryPercent);
        placeInOrder(
          container,
          ordered.flatMap((lock) => cards.get(lock.id)?.element ?? []),
        );
      } else {
        // The list holds the old objects of the moved locks; each is placed anew.
        const current = new Map(state.locks.map((lock) => [lock.id, lock]));
        ordered = ordered.map((lock) => current.get(lock.id) ?? lock);
        const compare = compareProblemsFirst(lowBatteryPercent);
        for (const lock of moved) reposition(lock, compare);
      }
      last = { locks: state.locks, lowBatteryPercent, find: view.find, operations };
      // Cards redrawn above already say the current time; the others catch up once a minute.
      const minute = Math.floor(now / MINUTE);
      if (minute !== timesWrittenForMinute) {
        timesWrittenForMinute = minute;
        refreshRelativeTimes(container, now);
      }
    },
    focusFirstCard() {
      focusCard(visibleCards(container)[0]);
    },
  };
}
