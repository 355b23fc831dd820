/**
 * The date the key expires, next to the key in the settings: optional, checked with main's own
 * rule before it is sent, and what was typed stays in the field (with the message under it)
 * when it is not a date, so the user can correct it rather than type it again. Where Tedee's
 * key list gives the date (the key has Account.Read), the field says so; the entered date then
 * only stands in when that list cannot be read.
 */
import type { TedeeTrayApi, WindowState } from '../preload/contract.ts';
import { keyExpiryDateSchema } from '../main/engine/monitor-settings.ts';
import { h, markBusy } from './dom.ts';
import { setFieldError } from './field-error.ts';
import { invokeSafely } from './invoke-safely.ts';

export interface KeyExpiryField {
  element: HTMLElement;
  update(state: WindowState): void;
}

export function createKeyExpiryField(api: TedeeTrayApi): KeyExpiryField {
  const input = h('input', {
    id: 'key-expiry-input',
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'off',
    placeholder: 'YYYY-MM-DD',
    maxlength: 20,
    'aria-describedby': 'key-expiry-hint',
  });
  const error = h('p', { id: 'key-expiry-error', class: 'field-error', hidden: true });
  const hint = h(
    'p',
    { id: 'key-expiry-hint', class: 'hint' },
    'Optional: the expiry date you picked in the Tedee Portal. Tedee Tray warns 14 days and 1 day before.',
  );
  const save = h('button', { type: 'submit', id: 'key-expiry-save' }, 'Save date');
  const result = h('p', { class: 'form-result', id: 'key-expiry-result', role: 'status' });
  const form = h(
    'form',
    { class: 'key-expiry', novalidate: true },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'key-expiry-input' }, 'Key expires on'),
      input,
      hint,
      error,
    ),
    h('div', { class: 'form-actions' }, save, result),
  );
  let saved: string | null = null;
  let dirty = false;
  let busy = false;

  input.addEventListener('input', () => {
    dirty = true;
    result.textContent = '';
    setFieldError(input, error, null);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit();
  });

  async function submit(): Promise<void> {
    if (busy) return;
    const text = input.value.trim();
    const parsed = keyExpiryDateSchema.safeParse(text === '' ? null : text);
    if (!parsed.success) {
      setFieldError(input, error, parsed.error.issues[0]?.message ?? 'Enter a date.');
      input.focus();
      return;
    }
    if (parsed.data === saved) {
      result.textContent = 'Nothing changed.';
      return;
    }
    busy = true;
    markBusy(save, true);
    const answer = await invokeSafely(() => api.updateSettings({ keyExpiresOn: parsed.data }));
    busy = false;
    markBusy(save, false);
    if (answer.ok) {
      dirty = false;
      result.textContent = parsed.data === null ? 'Expiry date removed.' : 'Expiry date saved.';
    } else {
      setFieldError(input, error, answer.error);
    }
  }

  return {
    element: form,
    update(state) {
      saved = state.settings.keyExpiresOn;
      if (!dirty && !busy) input.value = saved ?? '';
      const fromTedee = state.health.keyExpiryFromTedee;
      hint.textContent =
        fromTedee !== null
          ? `Tedee says this key expires on ${new Date(fromTedee).toISOString().slice(0, 10)}; that date is used, and this one only when Tedee cannot be asked.`
          : 'Optional: the expiry date you picked in the Tedee Portal. Tedee Tray warns 14 days and 1 day before.';
    },
  };
}
