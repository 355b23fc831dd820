/**
 * The settings view: snooze, monitoring and alert settings, which locks to watch, the key, and
 * the Tedee Bridge (live mode: its settings, its token, "Test connection").
 * Each part keeps its own form state; this file only lays them out and passes states on.
 */
import type { TedeeTrayApi, WindowState } from '../preload/contract.ts';
import { createBridgeForm } from './bridge-form.ts';
import { createBridgeTest } from './bridge-test.ts';
import { createBridgeTokenForm } from './bridge-token-form.ts';
import { h } from './dom.ts';
import { createKeyExpiryField } from './key-expiry-field.ts';
import { createLockChooser } from './lock-chooser.ts';
import { createSettingsForm } from './settings-form.ts';
import { createSnoozeControl } from './snooze-control.ts';

export interface SettingsPanel {
  element: HTMLElement;
  /** Where the shared key form is placed while settings show. */
  keySlot: HTMLElement;
  keySection: HTMLElement;
  /** `visible` false while another view shows: the lock chooser then waits to be seen. */
  update(state: WindowState, now: number, visible: boolean): void;
}

function section(id: string, title: string, ...content: Node[]): HTMLElement {
  return h(
    'section',
    { class: 'settings-section', 'aria-labelledby': id },
    h('h2', { id, class: 'section-title' }, title),
    ...content,
  );
}

export function createSettingsPanel(api: TedeeTrayApi, now: () => number): SettingsPanel {
  const snooze = createSnoozeControl(api, now);
  const form = createSettingsForm(api);
  const chooser = createLockChooser(api);
  const keySlot = h('div', { class: 'settings-key' });
  const keyExpiry = createKeyExpiryField(api);
  const keySection = section(
    'settings-key-title',
    'Personal Access Key',
    keySlot,
    keyExpiry.element,
  );
  const bridgeForm = createBridgeForm(api);
  // How live mode runs now, e.g. "Live by polling the bridge: its updates cannot reach …".
  const liveStatus = h('p', {
    class: 'bridge-live-status',
    id: 'bridge-live-status',
    role: 'status',
  });
  const bridgeToken = createBridgeTokenForm(api);
  const element = h(
    'div',
    { class: 'settings' },
    section('settings-alerts-title', 'Monitoring and alerts', snooze.element, form.element),
    section('settings-locks-title', 'Locks', chooser.element),
    keySection,
    section(
      'settings-bridge-title',
      'Tedee Bridge (live mode)',
      h(
        'p',
        { class: 'hint' },
        'With the Bridge local API on, the bridge tells this computer about a change within a second, instead of the cloud every 20 seconds or more.',
      ),
      liveStatus,
      bridgeForm.element,
      bridgeToken.element,
      createBridgeTest(api),
    ),
  );
  return {
    element,
    keySlot,
    keySection,
    update(state, at, visible) {
      snooze.update(state, at);
      form.update(state, visible);
      keyExpiry.update(state);
      bridgeForm.update(state);
      const { mode, message } = state.bridge.live;
      const said = mode === 'off' ? '' : message;
      liveStatus.hidden = said === '';
      if (liveStatus.textContent !== said) liveStatus.textContent = said;
      bridgeToken.update(state);
      // A checkbox per account lock is 1,000 elements at 200 locks: built when first shown.
      if (visible) chooser.update(state);
    },
  };
}
