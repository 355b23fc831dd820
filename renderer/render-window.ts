/**
 * Draws one whole state into the page skeleton of index.html. Called for every state from
 * main and every change of view state. The lock list and the forms are long-lived parts that
 * only receive the state and change what differs, so what the user is reading or typing
 * survives; the small regions (header, banners, toolbar) are rewritten only when they differ.
 */
import type { WindowState } from '../preload/contract.ts';
import { byId } from './dom.ts';
import { replaceKeepingFocus } from './focus-keeper.ts';
import { healthBanners } from './health-banners.ts';
import { icon } from './icons.ts';
import type { KeyForm } from './key-form.ts';
import type { LockFinder } from './lock-finder.ts';
import type { LockList } from './lock-list.ts';
import type { SettingsPanel } from './settings-panel.ts';
import { statusBanners, statusTitle } from './status-banner.ts';
import { toolbar } from './toolbar.ts';
import { traySummary } from './tray-summary.ts';
import type { Summary } from './tray-summary.ts';
import type { ViewState, WindowActions } from './view-state.ts';
import type { WelcomePanel } from './welcome-panel.ts';

const NOT_SET_UP: Summary = {
  text: 'Let’s get you set up',
  tone: 'busy',
  glyph: 'key',
  counts: '',
};

export interface Shell {
  summary: HTMLElement;
  summaryGlyph: HTMLElement;
  summaryText: HTMLElement;
  summaryCounts: HTMLElement;
  live: HTMLElement;
  navLocks: HTMLButtonElement;
  navSettings: HTMLButtonElement;
  banners: HTMLElement;
  locksView: HTMLElement;
  toolbar: HTMLElement;
  lockList: HTMLElement;
  welcomeView: HTMLElement;
  settingsView: HTMLElement;
}

export interface Parts {
  lockList: LockList;
  finder: LockFinder;
  keyForm: KeyForm;
  welcome: WelcomePanel;
  settings: SettingsPanel;
}

export function findShell(): Shell {
  return {
    summary: byId('summary', HTMLElement),
    summaryGlyph: byId('summary-glyph', HTMLElement),
    summaryText: byId('summary-text', HTMLElement),
    summaryCounts: byId('summary-counts', HTMLElement),
    live: byId('live', HTMLElement),
    navLocks: byId('nav-locks', HTMLButtonElement),
    navSettings: byId('nav-settings', HTMLButtonElement),
    banners: byId('banners', HTMLElement),
    locksView: byId('locks-view', HTMLElement),
    toolbar: byId('toolbar', HTMLElement),
    lockList: byId('lock-list', HTMLElement),
    welcomeView: byId('welcome-view', HTMLElement),
    settingsView: byId('settings-view', HTMLElement),
  };
}

/** True when there is nothing to monitor yet and the welcome panel takes the locks' place. */
export function showsWelcome(state: WindowState): boolean {
  const bridgeOnly = state.settings.bridge.enabled && state.bridge.token !== 'none';
  return state.key.stored === 'none' && !state.demo && !bridgeOnly;
}

export function renderWindow(
  shell: Shell,
  parts: Parts,
  state: WindowState,
  view: ViewState,
  actions: WindowActions,
  now: number,
): void {
  const welcome = showsWelcome(state);
  const summary = welcome ? NOT_SET_UP : traySummary(state);
  const summaryClass = `summary tone-${summary.tone}`;
  if (shell.summary.className !== summaryClass) shell.summary.className = summaryClass;
  if (shell.summary.dataset['tray'] !== state.tray) shell.summary.dataset['tray'] = state.tray;
  if (shell.summaryGlyph.firstElementChild?.getAttribute('data-icon') !== summary.glyph)
    shell.summaryGlyph.replaceChildren(icon(summary.glyph));
  if (shell.summaryText.textContent !== summary.text) shell.summaryText.textContent = summary.text;
  if (shell.summaryCounts.textContent !== summary.counts)
    shell.summaryCounts.textContent = summary.counts;
  // Only a changed sentence is written, so screen readers hear changes, not every sync.
  const announcement = welcome ? summary.text : `${summary.text}. ${statusTitle(state, now)}.`;
  if (shell.live.textContent !== announcement) shell.live.textContent = announcement;

  // Before a key exists the status can only say "no key", which the welcome panel says better.
  const banners = [
    ...statusBanners(state, view, actions, now),
    ...healthBanners(state.health, actions),
  ];
  replaceKeepingFocus(
    shell.banners,
    welcome ? banners.filter((banner) => banner.dataset['banner'] === 'notice') : banners,
  );
  setHidden(shell.locksView, view.panel !== 'locks' || welcome);
  setHidden(shell.welcomeView, view.panel !== 'locks' || !welcome);
  setHidden(shell.settingsView, view.panel !== 'settings');
  markCurrent(shell.navLocks, view.panel === 'locks');
  markCurrent(shell.navSettings, view.panel === 'settings');

  if (!shell.locksView.hidden) {
    replaceKeepingFocus(shell.toolbar, toolbar(state, view, actions, now));
    parts.finder.update(state, view);
    parts.lockList.update(state, view, now);
  }

  // One key form, moved only when the visible panel changes (moving it would drop focus).
  const keySlot = shell.welcomeView.hidden ? parts.settings.keySlot : parts.welcome.keySlot;
  if (parts.keyForm.element.parentElement !== keySlot) keySlot.append(parts.keyForm.element);
  parts.keyForm.update(state);
  parts.welcome.update(view);
  parts.settings.update(state, now, !shell.settingsView.hidden);
}

/** Written only when it changes: even an unchanged write makes the browser restyle. */
function setHidden(element: HTMLElement, hidden: boolean): void {
  if (element.hidden !== hidden) element.hidden = hidden;
}

function markCurrent(navButton: HTMLButtonElement, current: boolean): void {
  if (current === navButton.hasAttribute('aria-current')) return;
  if (current) navButton.setAttribute('aria-current', 'page');
  else navButton.removeAttribute('aria-current');
}
