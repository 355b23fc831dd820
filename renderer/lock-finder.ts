/**
 * The search box and quick filters above the lock list, shown above FIND_ABOVE locks (a
 * household with three locks needs neither; the tray menu lists up to ten). Built once: what the user types is never
 * replaced by a new state. "/" anywhere focuses the search, Escape clears it, and the down
 * arrow moves on to the first lock found.
 */
import type { WindowState } from '../preload/contract.ts';
import { button, h } from './dom.ts';
import { FILTER_LABELS, LOCK_FILTERS, findMatcher, passesFilter } from './lock-filter.ts';
import type { LockFilter } from './lock-filter.ts';
import { isCompact } from './view-state.ts';
import type { ViewState, WindowActions } from './view-state.ts';

/** Above this many locks, the window offers search and filters. */
const FIND_ABOVE = 10;

export interface LockFinder {
  element: HTMLElement;
  update(state: WindowState, view: ViewState): void;
}

/** Counted without an array of the matches: the counts are taken on every push. */
function howMany<T>(items: readonly T[], matches: (item: T) => boolean): number {
  let count = 0;
  for (const item of items) if (matches(item)) count += 1;
  return count;
}

export function createLockFinder(actions: WindowActions, focusFirstCard: () => void): LockFinder {
  const search = h('input', {
    type: 'search',
    id: 'lock-search',
    class: 'lock-search',
    placeholder: 'Find a lock by name or serial',
    'aria-label': 'Find a lock by name or serial number',
    'aria-keyshortcuts': '/',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const counts = new Map<LockFilter, HTMLElement>();
  const chips = new Map(
    LOCK_FILTERS.map((filter) => {
      const count = h('span', { class: 'filter-count' });
      counts.set(filter, count);
      const chip = button([FILTER_LABELS[filter], count], () => actions.find({ filter }), {
        class: 'filter-chip',
        'data-filter': filter,
        'aria-pressed': 'false',
      });
      return [filter, chip];
    }),
  );
  const compact = button('One line per lock', () => actions.setCompact(!compactNow), {
    class: 'filter-chip view-toggle',
    id: 'compact-toggle',
    'aria-pressed': 'false',
  });
  let compactNow = false;
  /** What the counts were taken from: they change only with the locks or the threshold. */
  let countedLocks: WindowState['locks'] | null = null;
  let countedThreshold = -1;
  let countedFind: ViewState['find'] | null = null;
  const result = h('p', { class: 'find-result', id: 'find-result', role: 'status' });
  const element = h(
    'div',
    { class: 'lock-finder', role: 'search', hidden: true },
    search,
    h(
      'div',
      { class: 'finder-row' },
      h('div', { class: 'filter-chips', role: 'group', 'aria-label': 'Show' }, ...chips.values()),
      compact,
    ),
    result,
  );

  search.addEventListener('input', () => actions.find({ query: search.value }));
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && search.value !== '') {
      event.preventDefault();
      search.value = '';
      actions.find({ query: '' });
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      focusFirstCard();
    }
  });
  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    if (element.hidden || element.closest('[hidden]') !== null) return;
    const target = event.target;
    if (target instanceof HTMLElement && target.closest('input, textarea, select') !== null) return;
    event.preventDefault();
    search.focus();
    search.select();
  });

  return {
    element,
    update(state, view) {
      const threshold = state.settings.alerts.lowBatteryPercent;
      const { find } = view;
      const active = find.query.trim() !== '' || find.filter !== 'all';
      const hidden = state.locks.length <= FIND_ABOVE && !active;
      if (element.hidden !== hidden) element.hidden = hidden;
      if (hidden) return;
      if (search.value !== find.query) search.value = find.query;
      compactNow = isCompact(view, state);
      compact.setAttribute('aria-pressed', String(compactNow));
      if (state.locks === countedLocks && threshold === countedThreshold && find === countedFind)
        return;
      countedLocks = state.locks;
      countedThreshold = threshold;
      countedFind = find;
      for (const filter of LOCK_FILTERS) {
        const count = howMany(state.locks, (lock) => passesFilter(lock, filter, threshold));
        const chip = chips.get(filter);
        const label = counts.get(filter);
        if (chip === undefined || label === undefined) continue;
        if (label.textContent !== String(count)) label.textContent = String(count);
        chip.setAttribute('aria-pressed', String(filter === find.filter));
        // A filter that would show nothing is left out, unless it is the one in use.
        chip.hidden = count === 0 && filter !== 'all' && filter !== find.filter;
      }
      const shown = howMany(state.locks, findMatcher(find, threshold));
      const text = !active
        ? ''
        : shown === 0
          ? 'No lock matches.'
          : `Showing ${shown} of ${state.locks.length} locks.`;
      if (result.textContent !== text) result.textContent = text;
    },
  };
}
