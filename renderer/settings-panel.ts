/**
 * The settings view: snooze, monitoring and alert settings, which locks to watch, and the key.
 * Each part keeps its own form state; this file only lays them out and passes states on.
 */
import type { TedeeTrayApi, WindowState } from '../preload/contract.ts';
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
  const element = h(
    'div',
    { class: 'settings' },
    section('settings-alerts-title', 'Monitoring and alerts', snooze.element, form.element),
    section('settings-locks-title', 'Locks', chooser.element),
    keySection,
  );
  return {
    element,
    keySlot,
    keySection,
    update(state, at, visible) {
      snooze.update(state, at);
      form.update(state);
      keyExpiry.update(state);
      // A checkbox per account lock is 1,000 elements at 200 locks: built when first shown.
      if (visible) chooser.update(state);
    },
  };
}
