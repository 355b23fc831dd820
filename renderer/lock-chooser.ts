/**
 * Which of the account's locks to monitor: all of them (including locks added later) or a
 * chosen few, remembered by serial number because Tedee changes a lock's id when it is
 * re-added. A lock without a serial can only be watched through "all locks".
 *
 * Above SEARCH_ABOVE locks a search narrows the list, and "Tick shown" / "Untick shown" act
 * on what it shows, so "every lock of the Berlin office" is a search and one click.
 */
import type { AccountLock, TedeeTrayApi, WindowState } from '../preload/contract.ts';
import { LOCK_MODEL_LABELS } from '../main/tedee/lock-enums.ts';
import { button, h, markBusy } from './dom.ts';
import { queryMatcher } from './lock-filter.ts';
import { invokeSafely } from './invoke-safely.ts';

/** Above this many locks, the chooser offers a search. */
const SEARCH_ABOVE = 10;

export interface LockChooser {
  element: HTMLElement;
  update(state: WindowState): void;
}

export function createLockChooser(api: TedeeTrayApi): LockChooser {
  const all = h('input', { type: 'radio', name: 'lock-selection', id: 'choose-all', value: 'all' });
  const some = h('input', {
    type: 'radio',
    name: 'lock-selection',
    id: 'choose-some',
    value: 'some',
  });
  const list = h('ul', {
    class: 'chooser-list',
    id: 'chooser-list',
    'aria-label': 'Locks to monitor',
  });
  const search = h('input', {
    type: 'search',
    id: 'chooser-search',
    placeholder: 'Find a lock by name or serial',
    'aria-label': 'Find a lock to tick by name or serial number',
    'aria-controls': 'chooser-list',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const tickShown = button('Tick shown', () => tickAllShown(true), { id: 'chooser-tick-shown' });
  const untickShown = button('Untick shown', () => tickAllShown(false), {
    id: 'chooser-untick-shown',
  });
  const count = h('p', { class: 'chooser-count', id: 'chooser-count', 'aria-live': 'polite' });
  const tools = h(
    'div',
    { class: 'chooser-tools', hidden: true },
    search,
    h('div', { class: 'button-row' }, tickShown, untickShown),
  );
  const result = h('p', { class: 'form-result', id: 'chooser-result', role: 'status' });
  const save = h('button', { type: 'submit', id: 'chooser-save' }, 'Save lock choice');
  const form = h(
    'form',
    { class: 'lock-chooser', novalidate: true },
    h(
      'fieldset',
      {},
      h('legend', {}, 'Locks to monitor'),
      h(
        'div',
        { class: 'check' },
        all,
        h('label', { for: 'choose-all' }, 'All locks, including ones added later'),
      ),
      h(
        'div',
        { class: 'check' },
        some,
        h('label', { for: 'choose-some' }, 'Only the locks ticked below'),
      ),
      tools,
      count,
      list,
      h('div', { class: 'form-actions' }, save, result),
    ),
  );
  let checkboxes: Array<{ lock: AccountLock; input: HTMLInputElement }> = [];
  let dirty = false;
  /** Which locks the list shows; rebuilt only when it changes so keyboard focus is not lost. */
  let shown = '';

  function syncDisabled(): void {
    for (const { lock, input } of checkboxes) input.disabled = all.checked || lock.serial === null;
    tickShown.disabled = untickShown.disabled = all.checked;
    syncShown();
  }

  /** Hides the locks the search leaves out, and counts what is ticked and shown. */
  function syncShown(): void {
    let shownCount = 0;
    const matchesQuery = queryMatcher(search.value);
    for (const { lock, input } of checkboxes) {
      const row = input.parentElement;
      const matches = matchesQuery(lock);
      if (row !== null && row.hidden === matches) row.hidden = !matches;
      if (matches) shownCount += 1;
    }
    tools.hidden = checkboxes.length <= SEARCH_ABOVE;
    const ticked = all.checked
      ? checkboxes.length
      : checkboxes.filter(({ input }) => input.checked).length;
    const parts = [`${ticked} of ${checkboxes.length} locks ticked`];
    if (shownCount < checkboxes.length) parts.push(`${shownCount} shown`);
    count.textContent = checkboxes.length <= SEARCH_ABOVE ? '' : `${parts.join(', ')}.`;
  }

  function tickAllShown(ticked: boolean): void {
    if (all.checked) return;
    for (const { input } of checkboxes)
      if (!input.disabled && input.parentElement?.hidden !== true) input.checked = ticked;
    form.dispatchEvent(new Event('change'));
  }

  function fill(state: WindowState): void {
    all.checked = state.settings.selection === 'all';
    some.checked = !all.checked;
    const signature = JSON.stringify(
      state.accountLocks.map((lock) => [lock.id, lock.name, lock.serial, lock.model]),
    );
    if (signature === shown) {
      checkboxes.forEach((entry, index) => {
        const lock = state.accountLocks[index];
        if (lock !== undefined) entry.input.checked = all.checked || lock.selected;
      });
      syncDisabled();
      return;
    }
    shown = signature;
    checkboxes = state.accountLocks.map((lock) => {
      const id = `choose-lock-${lock.id}`;
      const input = h('input', {
        type: 'checkbox',
        id,
        checked: all.checked || lock.selected,
        'data-serial': lock.serial ?? '',
      });
      return { lock, input };
    });
    list.replaceChildren(
      ...checkboxes.map(({ lock, input }) =>
        h(
          'li',
          { class: 'check' },
          input,
          h(
            'label',
            { for: input.id },
            lock.name,
            h('span', { class: 'chooser-model' }, ` · ${LOCK_MODEL_LABELS[lock.model]}`),
            lock.serial === null
              ? h('span', { class: 'chooser-note' }, ' · no serial number, only with “All locks”')
              : null,
          ),
        ),
      ),
    );
    if (checkboxes.length === 0)
      list.replaceChildren(h('li', { class: 'hint' }, 'The account has no locks yet.'));
    syncDisabled();
  }

  search.addEventListener('input', syncShown);
  // Enter in the search narrows the list; it must not save the choice.
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') event.preventDefault();
  });
  form.addEventListener('change', (event) => {
    // Searching changes what is shown, not the choice.
    if (event.target === search) return;
    dirty = true;
    result.textContent = '';
    syncDisabled();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit();
  });

  async function submit(): Promise<void> {
    const serials = checkboxes
      .filter(({ lock, input }) => input.checked && lock.serial !== null)
      .map(({ lock }) => lock.serial ?? '');
    if (!all.checked && serials.length === 0) {
      result.textContent = 'Tick at least one lock, or choose “All locks”.';
      result.classList.add('is-error');
      return;
    }
    if (save.hasAttribute('aria-disabled')) return;
    markBusy(save, true);
    const answer = await invokeSafely(() => api.selectLocks(all.checked ? 'all' : { serials }));
    markBusy(save, false);
    result.textContent = answer.ok ? 'Lock choice saved.' : answer.error;
    result.classList.toggle('is-error', !answer.ok);
    if (answer.ok) dirty = false;
  }

  return {
    element: form,
    update(state) {
      if (!dirty) fill(state);
    },
  };
}
