/**
 * What a first start shows: what the app does, the key form, and a way to look around with
 * simulated locks before creating a key.
 */
import { button, h, markBusy } from './dom.ts';
import { icon } from './icons.ts';
import type { ViewState, WindowActions } from './view-state.ts';

export interface WelcomePanel {
  element: HTMLElement;
  /** Where the (single, shared) key form is placed while the welcome panel shows. */
  keySlot: HTMLElement;
  update(view: ViewState): void;
}

export function createWelcomePanel(actions: WindowActions): WelcomePanel {
  const keySlot = h('div', { class: 'welcome-key' });
  const demo = button('Try the demo', () => actions.startDemo(), {
    id: 'start-demo',
    'data-control': 'demo',
  });
  const demoError = h('p', { class: 'inline-error', role: 'alert', hidden: true });
  const element = h(
    'section',
    { class: 'welcome', 'aria-labelledby': 'welcome-title' },
    h('div', { class: 'welcome-glyph' }, icon('locked')),
    h('h2', { id: 'welcome-title' }, 'Welcome to Tedee Tray'),
    h(
      'p',
      { class: 'welcome-text' },
      'See at a glance whether every Tedee lock is locked, connected and charged. ',
      'To begin, paste a Personal Access Key from your Tedee account.',
    ),
    keySlot,
    h('div', { class: 'divider', 'aria-hidden': 'true' }, h('span', {}, 'or')),
    h(
      'div',
      { class: 'welcome-demo' },
      demo,
      h('p', { class: 'hint' }, 'Simulated locks, no account needed.'),
      demoError,
    ),
  );
  return {
    element,
    keySlot,
    update(view) {
      markBusy(demo, view.busy.has('demo'));
      const error = view.errors.get('demo');
      demoError.hidden = error === undefined;
      demoError.textContent = error ?? '';
    },
  };
}
