/**
 * The monitored locks as cards, problems first, or a sentence saying why there are none.
 *
 * Keyed by lock id: each lock keeps its card for as long as it is monitored, a new state
 * redraws only the cards whose lock changed, and the order is fixed by moving as few cards as
 * possible. With 200 locks a sync that changes one lock touches one card.
 */
import type { WindowState } from '../preload/contract.ts';
import { button, h } from './dom.ts';
import { replaceKeepingFocus } from './focus-keeper.ts';
import { placeInOrder } from './keyed-order.ts';
import { createLockCard } from './lock-card.ts';
import { matchesFind } from './lock-filter.ts';
import type { LockCard } from './lock-card.ts';
import { problemsFirst } from '../main/engine/problems-first.ts';
import { refreshRelativeTimes } from './relative-time.ts';
import { isCompact } from './view-state.ts';
import type { ViewState, WindowActions } from './view-state.ts';

const MINUTE = 60_000;

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

export function createLockList(container: HTMLElement, actions: WindowActions): LockList {
  const cards = new Map<number, LockCard>();
  /** Which sentence shows instead of cards, so it is not rebuilt on every state. */
  let shownEmpty: 'starting' | 'none' | null = null;
  let timesWrittenForMinute = -1;
  navigateWithKeys(container);

  function showEmpty(kind: 'starting' | 'none'): void {
    cards.clear();
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

  return {
    update(state, view, now) {
      if (state.locks.length === 0) {
        showEmpty(state.status.kind === 'starting' ? 'starting' : 'none');
        return;
      }
      shownEmpty = null;
      container.classList.toggle('is-compact', isCompact(view, state.locks.length));
      const context = {
        now,
        lowBatteryPercent: state.settings.alerts.lowBatteryPercent,
        operations: state.operations,
      };
      const ordered = problemsFirst(state.locks, context.lowBatteryPercent);
      const present = new Set(ordered.map((lock) => lock.id));
      for (const id of cards.keys()) if (!present.has(id)) cards.delete(id);
      const elements = ordered.map((lock) => {
        let card = cards.get(lock.id);
        if (card === undefined) {
          card = createLockCard(
            lock.id,
            view.openHistories.has(lock.id),
            (open) => actions.toggleHistory(lock.id, open),
            (operation) => actions.operate(lock.id, operation),
          );
          cards.set(lock.id, card);
        }
        card.update(lock, context);
        card.setHighlighted(view.highlightedLockId === lock.id);
        const hidden = !matchesFind(lock, view.find, context.lowBatteryPercent);
        if (card.element.hidden !== hidden) card.element.hidden = hidden;
        return card.element;
      });
      placeInOrder(container, elements);
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
