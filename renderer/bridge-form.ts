/**
 * The Bridge section's settings: live mode on or off, the bridge's address, the token type, and
 * under "Callbacks and polling" where the bridge calls back and how often it is polled when it
 * cannot.
 *
 * As in the settings form: values are checked here with main's own schemas before anything is
 * sent, only what changed is sent, a bad value is shown next to its field and nothing typed is
 * lost, and new states from main do not overwrite the form while the user edits it.
 */
import type { TedeeTrayApi, WindowState } from '../preload/contract.ts';
import { CALLBACK_PORT_RANGE, LAN_POLL_SECONDS_RANGE } from '../main/settings/bridge-settings.ts';
import { h, markBusy } from './dom.ts';
import { setFieldError } from './field-error.ts';
import { numberField, saveActions, switchControl } from './form-fields.ts';
import type { NumberField } from './form-fields.ts';
import { invokeSafely } from './invoke-safely.ts';
import { bridgeDraftOf, checkBridgeDraft } from './bridge-values.ts';
import type { BridgeDraft, BridgeDraftErrors, BridgeField } from './bridge-values.ts';

export interface BridgeForm {
  element: HTMLElement;
  update(state: WindowState): void;
}

interface TextField {
  row: HTMLElement;
  input: HTMLInputElement;
  error: HTMLElement;
}

function textField(id: string, label: string, hint: string, placeholder?: string): TextField {
  const input = h('input', {
    id,
    type: 'text',
    spellcheck: 'false',
    autocapitalize: 'off',
    placeholder,
    'aria-describedby': `${id}-hint`,
  });
  const error = h('p', { id: `${id}-error`, class: 'field-error', hidden: true });
  const row = h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    input,
    h('p', { class: 'hint', id: `${id}-hint` }, hint),
    error,
  );
  return { row, input, error };
}

export function createBridgeForm(api: TedeeTrayApi): BridgeForm {
  const enabled = switchControl('bridge-enabled', 'Follow my locks live through the bridge');
  const address = textField(
    'bridge-address',
    'Bridge address',
    'As the Tedee app shows it under Bridge → Settings → API, e.g. http://192.168.1.20 (add :PORT for another port than 80).',
    'http://192.168.1.20',
  );
  const encrypted = h('input', {
    id: 'bridge-auth-encrypted',
    type: 'radio',
    name: 'bridge-auth',
    value: 'encrypted',
  });
  const plain = h('input', {
    id: 'bridge-auth-plain',
    type: 'radio',
    name: 'bridge-auth',
    value: 'plain',
  });
  const callbackHost = textField(
    'bridge-callback-host',
    'Callback address',
    "This computer's address the bridge calls. Empty: the one your system uses toward the bridge.",
    'Automatic',
  );
  const numbers: Record<'callbackPort' | 'lanPollSeconds', NumberField> = {
    callbackPort: numberField(
      'bridge-callback-port',
      'Callback port',
      'empty: any',
      CALLBACK_PORT_RANGE,
    ),
    lanPollSeconds: numberField(
      'bridge-lan-poll',
      'Poll the bridge every',
      'seconds',
      LAN_POLL_SECONDS_RANGE,
      h(
        'p',
        { class: 'hint', id: 'bridge-lan-poll-hint' },
        "Only while the bridge's calls cannot reach this computer.",
      ),
    ),
  };
  const { save, undo, result } = saveActions('bridge', 'Save bridge settings', () => reset());
  const controls: Record<BridgeField, { input: HTMLInputElement; error: HTMLElement }> = {
    address,
    callbackHost,
    callbackPort: numbers.callbackPort,
    lanPollSeconds: numbers.lanPollSeconds,
  };

  const form = h(
    'form',
    { class: 'settings-form bridge-form', novalidate: true },
    enabled.row,
    address.row,
    h(
      'fieldset',
      { class: 'choice' },
      h('legend', {}, 'Token type'),
      h(
        'div',
        { class: 'check' },
        encrypted,
        h('label', { for: 'bridge-auth-encrypted' }, 'Encrypted (recommended)'),
      ),
      h('div', { class: 'check' }, plain, h('label', { for: 'bridge-auth-plain' }, 'Plain')),
      h(
        'p',
        { class: 'hint' },
        'Match the "Encrypted token" switch in the Tedee app. A plain token travels readable over your network.',
      ),
    ),
    h(
      'details',
      { class: 'advanced' },
      h('summary', {}, 'Callbacks and polling'),
      callbackHost.row,
      numbers.callbackPort.row,
      numbers.lanPollSeconds.row,
    ),
    h('div', { class: 'form-actions' }, save, undo, result),
  );

  let current: WindowState | null = null;
  let dirty = false;
  let busy = false;

  function readDraft(): BridgeDraft {
    return {
      enabled: enabled.input.checked,
      address: address.input.value,
      authMode: plain.checked ? 'plain' : 'encrypted',
      callbackHost: callbackHost.input.value,
      callbackPort: numbers.callbackPort.input.value,
      lanPollSeconds: numbers.lanPollSeconds.input.value,
    };
  }

  function fill(draft: BridgeDraft): void {
    enabled.input.checked = draft.enabled;
    address.input.value = draft.address;
    encrypted.checked = draft.authMode === 'encrypted';
    plain.checked = draft.authMode === 'plain';
    callbackHost.input.value = draft.callbackHost;
    numbers.callbackPort.input.value = draft.callbackPort;
    numbers.lanPollSeconds.input.value = draft.lanPollSeconds;
    undo.hidden = !dirty;
  }

  function showErrors(errors: BridgeDraftErrors): void {
    for (const [name, control] of Object.entries(controls) as Array<
      [BridgeField, (typeof controls)[BridgeField]]
    >)
      setFieldError(control.input, control.error, errors[name] ?? null);
  }

  function reset(): void {
    dirty = false;
    showErrors({});
    result.textContent = '';
    if (current !== null) fill(bridgeDraftOf(current.settings.bridge));
  }

  form.addEventListener('input', (event) => {
    dirty = true;
    result.textContent = '';
    const control = Object.values(controls).find((candidate) => candidate.input === event.target);
    if (control !== undefined) setFieldError(control.input, control.error, null);
    undo.hidden = false;
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit();
  });

  async function submit(): Promise<void> {
    if (current === null || busy) return;
    const check = checkBridgeDraft(readDraft(), current.settings);
    if (!check.ok) {
      showErrors(check.errors);
      result.textContent = 'Please correct the highlighted fields.';
      result.classList.add('is-error');
      // A field under the closed "Callbacks and polling" must be seen to be corrected.
      const invalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
      const advanced = invalid?.closest('details');
      if (advanced) advanced.open = true;
      invalid?.focus();
      return;
    }
    showErrors({});
    result.classList.remove('is-error');
    if (Object.keys(check.update).length === 0) {
      result.textContent = 'Nothing changed.';
      return;
    }
    busy = true;
    markBusy(save, true);
    const answer = await invokeSafely(() => api.updateSettings(check.update));
    busy = false;
    markBusy(save, false);
    result.textContent = answer.ok ? 'Bridge settings saved.' : answer.error;
    result.classList.toggle('is-error', !answer.ok);
    if (answer.ok) {
      dirty = false;
      undo.hidden = true;
    }
  }

  return {
    element: form,
    update(state) {
      current = state;
      if (!dirty && !busy) fill(bridgeDraftOf(state.settings.bridge));
    },
  };
}
