/**
 * The settings form: polling interval and budget (with a live estimate of the requests they
 * cost), alert switches and thresholds, start at login, whether this computer may unlock and,
 * under "Advanced", the API address.
 *
 * Values are checked here, with main's own schemas, before anything is sent; only changed
 * fields are sent. While the user is editing, new states from main do not overwrite the form.
 */
import type { TedeeTrayApi, WindowState } from '../preload/contract.ts';
import {
  ACCOUNT_REQUESTS_PER_HOUR,
  ALERT_KINDS,
  LOW_BATTERY_RANGE,
  MAX_INTERVAL_SECONDS,
  MIN_INTERVAL_SECONDS,
} from '../main/engine/monitor-settings.ts';
import type { AlertKind } from '../main/engine/monitor-settings.ts';
import { h, markBusy } from './dom.ts';
import { setFieldError } from './field-error.ts';
import { inlineNumber, numberField, saveActions, switchControl } from './form-fields.ts';
import type { NumberField } from './form-fields.ts';
import { invokeSafely } from './invoke-safely.ts';
import { createUnlockedLocksField } from './unlocked-locks-field.ts';
import { checkDraft, draftOf, projectionOf } from './settings-values.ts';
import { COMPACT_LIST_RANGE } from '../main/settings/app-settings.ts';
import type { DraftField, SettingsDraft } from './settings-values.ts';

const ALERT_LABELS: Readonly<Record<AlertKind, string>> = {
  disconnected: 'A lock disconnects',
  reconnected: 'A lock reconnects',
  'battery-low': 'A battery runs low',
  'left-unlocked': 'A lock stays unlocked',
  'door-open': 'A door stays open',
  'api-unreachable': 'Tedee can’t be reached',
  'key-rejected': 'Tedee rejects the key',
  'bridge-offline': 'A bridge goes offline',
  'door-sensor-battery-low': 'A door sensor’s battery runs low',
  'key-expiring': 'The key is about to expire',
  unlocked: 'A lock is unlocked',
  jammed: 'A lock jams',
  'incorrect-pin': 'A wrong PIN is typed on a keypad',
};

const MINUTES = { before: 'after', unit: 'min' };

export interface SettingsForm {
  element: HTMLElement;
  /** `visible` false while another view shows: the per-lock boxes then wait to be seen. */
  update(state: WindowState, visible: boolean): void;
}

export function createSettingsForm(api: TedeeTrayApi): SettingsForm {
  const projection = h('output', {
    id: 'budget-projection',
    class: 'projection',
    for: 'settings-interval settings-budget',
  });
  const fields: Record<Exclude<DraftField, 'apiUrl'>, NumberField> = {
    intervalSeconds: numberField('settings-interval', 'Check every', 'seconds', {
      min: MIN_INTERVAL_SECONDS,
      max: MAX_INTERVAL_SECONDS,
    }),
    budgetPerHour: numberField(
      'settings-budget',
      'Hourly request budget',
      'requests',
      { min: 1, max: ACCOUNT_REQUESTS_PER_HOUR },
      projection,
    ),
    lowBatteryPercent: inlineNumber(
      'settings-low-battery',
      'Low-battery threshold in percent',
      { before: 'at', unit: '%' },
      LOW_BATTERY_RANGE,
    ),
    leftUnlockedMinutes: inlineNumber(
      'settings-left-unlocked',
      'Minutes a lock may stay unlocked before the alert',
      MINUTES,
      { min: 1, max: 1440 },
    ),
    doorOpenMinutes: inlineNumber(
      'settings-door-open',
      'Minutes a door may stay open before the alert',
      MINUTES,
      { min: 1, max: 1440 },
    ),
    compactAbove: numberField(
      'settings-compact-above',
      'One line per lock above',
      'locks',
      COMPACT_LIST_RANGE,
      h(
        'p',
        { class: 'hint', id: 'settings-compact-above-hint' },
        'With more locks than this the list starts with one line per lock; 0 always does.',
      ),
    ),
  };
  fields.compactAbove.input.setAttribute('aria-describedby', 'settings-compact-above-hint');
  /** The number that belongs to an alert sits in its row. */
  const alertNumbers: Partial<Record<AlertKind, NumberField>> = {
    'battery-low': fields.lowBatteryPercent,
    'left-unlocked': fields.leftUnlockedMinutes,
    'door-open': fields.doorOpenMinutes,
  };
  const alertSwitches = Object.fromEntries(
    ALERT_KINDS.map((kind) => [
      kind,
      switchControl(`alert-${kind}`, ALERT_LABELS[kind], alertNumbers[kind]?.row),
    ]),
  ) as Record<AlertKind, ReturnType<typeof switchControl>>;
  const unlockedLocks = createUnlockedLocksField();
  const startAtLogin = switchControl('settings-start-at-login', 'Start Tedee Tray when I log in');
  const allowUnlock = switchControl('settings-allow-unlock', 'Allow unlocking from this computer');
  allowUnlock.input.setAttribute('aria-describedby', 'settings-allow-unlock-hint');
  /** Shown once Tedee refused an operation: which scope the key lacks. */
  const operationsNotice = h('p', { class: 'field-error', id: 'settings-operations-notice' });
  const apiUrl = h('input', {
    id: 'settings-api-url',
    type: 'url',
    spellcheck: 'false',
    'aria-describedby': 'settings-api-url-hint',
  });
  const apiUrlError = h('p', { id: 'settings-api-url-error', class: 'field-error', hidden: true });
  const { save, undo, result } = saveActions('settings', 'Save settings', () => reset());

  const form = h(
    'form',
    { class: 'settings-form', novalidate: true },
    h(
      'fieldset',
      {},
      h('legend', {}, 'Checking'),
      fields.intervalSeconds.row,
      fields.budgetPerHour.row,
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Alert me when'),
      ...ALERT_KINDS.flatMap((kind) =>
        kind === 'unlocked'
          ? [alertSwitches[kind].row, unlockedLocks.element]
          : [alertSwitches[kind].row],
      ),
      fields.lowBatteryPercent.error,
      fields.leftUnlockedMinutes.error,
      fields.doorOpenMinutes.error,
    ),
    h('fieldset', {}, h('legend', {}, 'General'), startAtLogin.row, fields.compactAbove.row),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Locking and unlocking'),
      allowUnlock.row,
      h(
        'p',
        { class: 'hint', id: 'settings-allow-unlock-hint' },
        'Lock is always offered. Unlock and Pull latch ask for confirmation each time, and this switch turns itself off when the key changes. Both need a key with the Lock.Operate scope.',
      ),
      operationsNotice,
    ),
    h(
      'details',
      { class: 'advanced' },
      h('summary', {}, 'Advanced'),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'settings-api-url' }, 'Tedee API address'),
        apiUrl,
        h(
          'p',
          { class: 'hint', id: 'settings-api-url-hint' },
          'Change it only for a proxy or the local simulator.',
        ),
        apiUrlError,
      ),
    ),
    h('div', { class: 'form-actions form-actions-sticky' }, save, undo, result),
  );

  let current: WindowState | null = null;
  let dirty = false;
  let busy = false;

  function readDraft(): SettingsDraft {
    return {
      intervalSeconds: fields.intervalSeconds.input.value,
      budgetPerHour: fields.budgetPerHour.input.value,
      lowBatteryPercent: fields.lowBatteryPercent.input.value,
      leftUnlockedMinutes: fields.leftUnlockedMinutes.input.value,
      doorOpenMinutes: fields.doorOpenMinutes.input.value,
      alertsEnabled: Object.fromEntries(
        ALERT_KINDS.map((kind) => [kind, alertSwitches[kind].input.checked]),
      ) as Record<AlertKind, boolean>,
      unlockedLockSerials: unlockedLocks.read(),
      startAtLogin: startAtLogin.input.checked,
      allowUnlock: allowUnlock.input.checked,
      apiUrl: apiUrl.value,
      compactAbove: fields.compactAbove.input.value,
    };
  }

  function fill(draft: SettingsDraft): void {
    for (const [name, field] of Object.entries(fields) as Array<[keyof typeof fields, NumberField]>)
      field.input.value = draft[name];
    for (const kind of ALERT_KINDS) alertSwitches[kind].input.checked = draft.alertsEnabled[kind];
    unlockedLocks.fill(draft.unlockedLockSerials, current?.accountLocks ?? []);
    startAtLogin.input.checked = draft.startAtLogin;
    allowUnlock.input.checked = draft.allowUnlock;
    apiUrl.value = draft.apiUrl;
    syncDependents();
  }

  function showErrors(errors: Partial<Record<DraftField, string>>): void {
    for (const [name, field] of Object.entries(fields) as Array<
      [keyof typeof fields, NumberField]
    >) {
      setFieldError(field.input, field.error, errors[name] ?? null);
    }
    setFieldError(apiUrl, apiUrlError, errors.apiUrl ?? null);
  }

  /** The estimate and the minutes fields follow what is typed or switched, before saving. */
  function syncDependents(): void {
    const estimate = projectionOf(
      readDraft(),
      current?.budget.accountLimitPerHour ?? ACCOUNT_REQUESTS_PER_HOUR,
    );
    projection.textContent = estimate.text;
    projection.classList.toggle('is-over-budget', estimate.overBudget);
    // Only the minutes follow their switch: the low-battery threshold also colours the tray icon.
    fields.leftUnlockedMinutes.input.disabled = !alertSwitches['left-unlocked'].input.checked;
    fields.doorOpenMinutes.input.disabled = !alertSwitches['door-open'].input.checked;
    unlockedLocks.setEnabled(alertSwitches.unlocked.input.checked);
    undo.hidden = !dirty;
  }

  function reset(): void {
    dirty = false;
    showErrors({});
    result.textContent = '';
    if (current !== null) fill(draftOf(current.settings));
  }

  form.addEventListener('input', (event) => {
    dirty = true;
    result.textContent = '';
    const target = event.target;
    const field = Object.values(fields).find((candidate) => candidate.input === target);
    if (field !== undefined) setFieldError(field.input, field.error, null);
    syncDependents();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit();
  });

  async function submit(): Promise<void> {
    if (current === null || busy) return;
    const check = checkDraft(readDraft(), current.settings);
    if (!check.ok) {
      showErrors(check.errors);
      result.textContent = 'Please correct the highlighted fields.';
      form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    showErrors({});
    if (Object.keys(check.update).length === 0) {
      result.textContent = 'Nothing changed.';
      return;
    }
    busy = true;
    markBusy(save, true);
    const answer = await invokeSafely(() => api.updateSettings(check.update));
    busy = false;
    markBusy(save, false);
    result.textContent = answer.ok ? 'Settings saved.' : answer.error;
    result.classList.toggle('is-error', !answer.ok);
    if (answer.ok) dirty = false;
    syncDependents();
  }

  return {
    element: form,
    update(state, visible) {
      const changed = current?.settings !== state.settings || current.budget !== state.budget;
      current = state;
      operationsNotice.textContent = state.operations.notice ?? '';
      operationsNotice.hidden = state.operations.notice === null;
      if (dirty || busy) syncDependents();
      // The same settings objects as last time: main's update did not touch them.
      else if (changed) fill(draftOf(state.settings));
      unlockedLocks.setVisible(visible);
    },
  };
}
