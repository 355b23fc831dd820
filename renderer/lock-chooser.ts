/**
 * Which of the account's locks to monitor: all of them (including locks added later) or a
 * chosen few, remembered by serial number because Tedee changes a lock's id when it is
 * re-added. A lock without a serial can only be watched through "all locks".
 */
import type { AccountLock, TedeeTrayApi, WindowState } from '../preload/contract.ts';
import { LOCK_MODEL_LABELS } from '../main/tedee/lock-enums.ts';
import { h, markBusy } from './dom.ts';
import { invokeSafely } from './invoke-safely.ts';

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
  const list = h('ul', { class: 'chooser-list', 'aria-label': 'Locks to monitor' });
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

  form.addEventListener('change', () => {
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
