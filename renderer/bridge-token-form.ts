/**
 * Entering and removing the bridge token. As with the Personal Access Key, the typed token lives
 * only in the password field: it is sent once with setBridgeToken (main checks it with the
 * bridge before keeping it) and the field is emptied as soon as main accepts it. The window is
 * only ever told whether a token is kept.
 */
import type { TedeeTrayApi, WindowState } from '../preload/contract.ts';
import { button, h, markBusy } from './dom.ts';
import { setFieldError } from './field-error.ts';
import { invokeSafely } from './invoke-safely.ts';

export interface BridgeTokenForm {
  element: HTMLElement;
  update(state: WindowState): void;
}

const STORED_TEXT = {
  none: '',
  saved: 'A token is saved for this bridge, encrypted by your system.',
  'session-only': 'A token is in use for this session only (your system offers no safe storage).',
} as const;

export function createBridgeTokenForm(api: TedeeTrayApi): BridgeTokenForm {
  const input = h('input', {
    id: 'bridge-token-input',
    name: 'bridge-token',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    autocapitalize: 'off',
    maxlength: 200,
    'aria-describedby': 'bridge-token-hint',
  });
  const error = h('p', { id: 'bridge-token-error', class: 'field-error', hidden: true });
  const submit = h(
    'button',
    { type: 'submit', class: 'primary', id: 'bridge-token-submit' },
    'Save token',
  );
  const success = h('p', { class: 'form-success', role: 'status' });
  const storedText = h('p', { class: 'bridge-token-stored' });
  const removeError = h('p', { class: 'inline-error', role: 'alert', hidden: true });
  const remove = button('Remove token', () => void removeToken(), {
    class: 'danger-quiet',
    id: 'bridge-token-remove',
  });
  const storedRow = h('div', { class: 'bridge-token-stored-row' }, storedText, remove);
  let busy = false;
  let submitLabel = 'Save token';

  const form = h(
    'form',
    { class: 'bridge-token-form', novalidate: true },
    storedRow,
    removeError,
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'bridge-token-input' }, 'Bridge token'),
      input,
      h(
        'p',
        { class: 'hint', id: 'bridge-token-hint' },
        'From the Tedee app: Bridge → Settings → API → Token. It is checked with the bridge, then kept for its address only.',
      ),
      error,
    ),
    h('div', { class: 'form-actions' }, submit),
    success,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submitToken();
  });
  input.addEventListener('input', () => {
    setFieldError(input, error, null);
    success.textContent = '';
  });

  async function submitToken(): Promise<void> {
    if (busy) return;
    const token = input.value.trim();
    if (token === '') {
      setFieldError(input, error, 'Paste the bridge token first.');
      input.focus();
      return;
    }
    setBusy(true);
    const result = await invokeSafely(() => api.setBridgeToken({ token }));
    setBusy(false);
    if (result.ok) {
      input.value = '';
      setFieldError(input, error, null);
      success.textContent = 'Token accepted by the bridge.';
    } else {
      setFieldError(input, error, result.error);
      input.focus();
    }
  }

  async function removeToken(): Promise<void> {
    if (remove.hasAttribute('aria-disabled')) return;
    markBusy(remove, true);
    const result = await invokeSafely(() => api.clearBridgeToken());
    markBusy(remove, false);
    removeError.hidden = result.ok;
    removeError.textContent = result.ok ? '' : result.error;
    success.textContent = result.ok ? 'The token was removed.' : '';
  }

  function setBusy(next: boolean): void {
    busy = next;
    markBusy(submit, next);
    submit.textContent = next ? 'Checking with the bridge…' : submitLabel;
    form.setAttribute('aria-busy', String(next));
  }

  return {
    element: form,
    update(state) {
      const stored = state.bridge.token;
      storedRow.hidden = stored === 'none';
      storedText.textContent = STORED_TEXT[stored];
      submitLabel = stored === 'none' ? 'Save token' : 'Replace token';
      if (!busy) submit.textContent = submitLabel;
    },
  };
}
