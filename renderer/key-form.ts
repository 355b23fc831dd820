/**
 * Entering, replacing and removing the Personal Access Key. The typed key lives only in the
 * password field: it is sent once with setKey and the field is emptied as soon as main
 * accepts it, so the window never holds a key that is already stored.
 *
 * Where the system has no safe storage ('basic-text' is readable text on disk, 'unavailable'
 * is nothing at all), "this session only" is forced on and the reason is spelt out.
 */
import type { TedeeTrayApi, WindowState } from '../preload/contract.ts';
import { button, h, markBusy } from './dom.ts';
import { setFieldError } from './field-error.ts';
import { invokeSafely } from './invoke-safely.ts';

export interface KeyForm {
  element: HTMLElement;
  update(state: WindowState): void;
  focusInput(): void;
}

const SESSION_HINTS = {
  encrypted: 'Leave it unticked to keep the key, encrypted by your system, for the next start.',
  'basic-text':
    'Your system has no keyring this app can use, so the key could only be saved as readable text. It is kept in memory instead: enter it again after a restart.',
  unavailable:
    'Your system offers no safe place for secrets, so the key is kept in memory for this session only.',
} as const;

const STORED_TEXT = {
  none: '',
  saved: 'A key is saved, encrypted by your system.',
  'session-only': 'A key is in use for this session only.',
} as const;

export function createKeyForm(api: TedeeTrayApi): KeyForm {
  const input = h('input', {
    id: 'key-input',
    name: 'key',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    autocapitalize: 'off',
    maxlength: 1000,
  });
  const keyError = h('p', { id: 'key-error', class: 'field-error', hidden: true });
  const sessionOnly = h('input', {
    id: 'key-session-only',
    type: 'checkbox',
    'aria-describedby': 'key-session-hint',
  });
  const sessionHint = h('p', { id: 'key-session-hint', class: 'hint' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'key-submit' }, 'Save key');
  const success = h('p', { class: 'form-success', role: 'status' });
  const helpError = h('p', {
    class: 'inline-error',
    id: 'key-help-error',
    role: 'alert',
    hidden: true,
  });
  const help = button('How to create a key', () => void openHelp(), {
    class: 'link',
    id: 'key-help',
  });
  const storedText = h('p', { class: 'key-stored' });
  const removeError = h('p', {
    class: 'inline-error',
    id: 'key-remove-error',
    role: 'alert',
    hidden: true,
  });
  const remove = button('Remove key', () => void removeKey(), {
    class: 'danger-quiet',
    id: 'key-remove',
  });
  const storedRow = h('div', { class: 'key-stored-row' }, storedText, remove);
  let forced = false;
  let busy = false;
  let submitLabel = 'Save key';

  const form = h(
    'form',
    { class: 'key-form', novalidate: true },
    storedRow,
    removeError,
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'key-input' }, 'Personal Access Key'),
      input,
      keyError,
    ),
    h(
      'div',
      { class: 'check' },
      sessionOnly,
      h('label', { for: 'key-session-only' }, 'Keep for this session only'),
    ),
    sessionHint,
    h('div', { class: 'form-actions' }, submit, help),
    helpError,
    success,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submitKey();
  });
  input.addEventListener('input', () => {
    setFieldError(input, keyError, null);
    success.textContent = '';
  });

  async function submitKey(): Promise<void> {
    if (busy) return;
    const key = input.value.trim();
    if (key === '') {
      setFieldError(input, keyError, 'Paste your Personal Access Key first.');
      input.focus();
      return;
    }
    setBusy(true);
    const result = await invokeSafely(() =>
      api.setKey({ key, sessionOnly: forced || sessionOnly.checked }),
    );
    setBusy(false);
    if (result.ok) {
      input.value = '';
      setFieldError(input, keyError, null);
      success.textContent = 'Key accepted. Checking your locks…';
    } else {
      setFieldError(input, keyError, result.error);
      input.focus();
    }
  }

  async function openHelp(): Promise<void> {
    const result = await invokeSafely(() =>
      api.openExternalHelp({ topic: 'personal-access-keys' }),
    );
    helpError.hidden = result.ok;
    helpError.textContent = result.ok ? '' : result.error;
  }

  async function removeKey(): Promise<void> {
    if (remove.hasAttribute('aria-disabled')) return;
    markBusy(remove, true);
    const result = await invokeSafely(() => api.clearKey());
    markBusy(remove, false);
    removeError.hidden = result.ok;
    removeError.textContent = result.ok ? '' : result.error;
    success.textContent = result.ok ? 'The key was removed.' : '';
  }

  function setBusy(next: boolean): void {
    busy = next;
    markBusy(submit, next);
    submit.textContent = next ? 'Checking with Tedee…' : submitLabel;
    form.setAttribute('aria-busy', String(next));
  }

  return {
    element: form,
    update(state) {
      const stored = state.key.stored;
      storedRow.hidden = stored === 'none';
      storedText.textContent = STORED_TEXT[stored];
      submitLabel = stored === 'none' ? 'Save key' : 'Replace key';
      if (!busy) submit.textContent = submitLabel;
      const wasForced = forced;
      forced = state.key.storage !== 'encrypted';
      // Disabled and ticked says "this is how it will be" while the hint says why.
      if (forced) sessionOnly.checked = true;
      else if (wasForced) sessionOnly.checked = false;
      sessionOnly.disabled = forced;
      sessionHint.textContent = SESSION_HINTS[state.key.storage];
    },
    focusInput() {
      input.focus();
    },
  };
}
