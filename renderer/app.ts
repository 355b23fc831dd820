/**
 * The window's entry point: finds the preload API, keeps the state main's updates add up to
 * plus a little view state, and redraws both whenever either changes. Every action goes
 * through the API and shows its error next to the control that caused it.
 */
// First, before anything that builds a zod schema (see the file for why).
import './zod-without-eval.ts';
import type { InvokeResult, TedeeTrayApi, WindowState, WindowUpdate } from '../preload/contract.ts';
import { findApi } from './api.ts';
import { markBusy } from './dom.ts';
import { invokeSafely } from './invoke-safely.ts';
import { createKeyForm } from './key-form.ts';
import { createLockFinder } from './lock-finder.ts';
import { createLockList } from './lock-list.ts';
import { refreshRelativeTimes } from './relative-time.ts';
import { findShell, renderWindow } from './render-window.ts';
import type { Parts, Shell } from './render-window.ts';
import { createSettingsPanel } from './settings-panel.ts';
import { initialViewState } from './view-state.ts';
import type { ControlId, WindowActions } from './view-state.ts';
import { createWakeTimer } from './wake-timer.ts';
import { createWelcomePanel } from './welcome-panel.ts';
import { applyWindowUpdate } from './window-updates.ts';
import type { Numbered } from './window-updates.ts';

/** How long a lock card stays highlighted after main asked to show it. */
const HIGHLIGHT_MS = 4000;
const MINUTE = 60_000;

function start(api: TedeeTrayApi, shell: Shell): void {
  const view = initialViewState();
  /** The latest state and its number in main's series of updates. */
  let held: Numbered | null = null;
  /** Whether a getState is on its way, and the newest update number seen meanwhile. */
  let asking = false;
  let newestSeen = 0;
  const now = () => Date.now();
  /** When the window was last drawn, to tell whether a time it waits for has come since. */
  let renderedAt = 0;
  const wake = createWakeTimer(() => {
    const at = now();
    if (held === null) return;
    // Refresh now allowed again, a pause or snooze over: what the window shows changes.
    if (dueTimes(held.state).some((due) => due !== null && due > renderedAt && due <= at))
      return render();
    // Otherwise only the wording of times moves on ("12 min ago", "yesterday 14:02").
    refreshRelativeTimes(document.body, at);
    wake.schedule(at, dueTimes(held.state));
  });
  let highlightTimer: number | undefined;

  async function perform<T>(
    control: ControlId,
    call: () => Promise<InvokeResult<T>>,
    onSuccess?: (data: T) => void,
  ): Promise<void> {
    if (view.busy.has(control)) return;
    view.busy.add(control);
    view.errors.delete(control);
    // The button says at once that it is waiting; the window is drawn once, with the answer.
    markControl(control, true);
    const result = await invokeSafely(call);
    view.busy.delete(control);
    markControl(control, false);
    if (result.ok) onSuccess?.(result.data);
    else view.errors.set(control, result.error);
    render();
  }

  function markControl(control: ControlId, busy: boolean): void {
    for (const element of document.querySelectorAll<HTMLElement>(`[data-control="${control}"]`))
      markBusy(element, busy);
  }

  const actions: WindowActions = {
    refresh: () =>
      void perform(
        'refresh',
        () => api.refreshNow(),
        ({ at }) => (view.refreshPlannedAt = at),
      ),
    pause: () => void perform('pause', () => api.pause({ minutes: 60 })),
    resume: (control) => void perform(control, () => api.resume()),
    startDemo: () => void perform('demo', () => api.startDemo()),
    openHelp: () =>
      void perform('help', () => api.openExternalHelp({ topic: 'personal-access-keys' })),
    showPanel(panel) {
      view.panel = panel;
      render();
      document.getElementById('main')?.scrollTo({ top: 0 });
    },
    editKey() {
      view.panel = 'settings';
      render();
      parts.settings.keySection.scrollIntoView({ block: 'start' });
      parts.keyForm.focusInput();
    },
    dismissNotice(notice) {
      view.dismissedNotices.add(notice);
      render();
    },
    toggleHistory(lockId, open) {
      if (open) view.openHistories.add(lockId);
      else view.openHistories.delete(lockId);
    },
    find(change) {
      view.find = { ...view.find, ...change };
      render();
    },
    setCompact(compact) {
      view.compact = compact;
      render();
    },
    async operate(lockId, operation) {
      const result = await invokeSafely(() => api.operateLock({ lockId, operation }));
      return result.ok ? null : result.error;
    },
  };

  const lockList = createLockList(shell.lockList, actions);
  const parts: Parts = {
    lockList,
    finder: createLockFinder(actions, () => lockList.focusFirstCard()),
    keyForm: createKeyForm(api),
    welcome: createWelcomePanel(actions),
    settings: createSettingsPanel(api, now),
  };
  shell.locksView.insertBefore(parts.finder.element, shell.lockList);
  shell.welcomeView.append(parts.welcome.element);
  shell.settingsView.append(parts.settings.element);
  shell.navLocks.addEventListener('click', () => actions.showPanel('locks'));
  shell.navSettings.addEventListener('click', () => actions.showPanel('settings'));

  function render(): void {
    if (held === null) return;
    const { state } = held;
    const at = now();
    const focusLockId = takeFocusRequest(state);
    renderWindow(shell, parts, state, view, actions, at);
    if (focusLockId !== null) showLock(focusLockId);
    renderedAt = at;
    wake.schedule(at, dueTimes(state));
  }

  /** The moments at which the window must be drawn again, whatever main sends. */
  function dueTimes(state: WindowState): Array<number | null> {
    const { retryAt } = state.status;
    return [
      state.refreshAllowedAt,
      view.refreshPlannedAt,
      retryAt,
      // The banner gives a pause's end with seconds in its last minute.
      retryAt === null ? null : retryAt - MINUTE,
      state.settings.alerts.snoozeUntil,
    ];
  }

  /** A new focusLockId (not one already acted on) opens the locks view on that lock. */
  function takeFocusRequest(current: WindowState): number | null {
    if (current.focusLockId === view.handledFocusLockId) return null;
    view.handledFocusLockId = current.focusLockId;
    if (current.focusLockId === null) return null;
    view.panel = 'locks';
    // The lock asked for may be one the search or a filter hides: show the whole list again.
    view.find = { query: '', filter: 'all' };
    view.highlightedLockId = current.focusLockId;
    window.clearTimeout(highlightTimer);
    highlightTimer = window.setTimeout(() => {
      view.highlightedLockId = null;
      render();
    }, HIGHLIGHT_MS);
    return current.focusLockId;
  }

  function showLock(lockId: number): void {
    const card = shell.lockList.querySelector<HTMLElement>(`[data-lock-id="${lockId}"]`);
    if (card === null) return;
    const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    card.scrollIntoView({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
    // From a "left unlocked" notification: straight to the button that locks it.
    const lockButton =
      held?.state.operations.focusLockButton === lockId
        ? card.querySelector<HTMLElement>('button[data-operation="lock"]:not([hidden])')
        : null;
    (lockButton ?? card).focus({ preventScroll: true });
  }

  function receive(update: WindowUpdate): void {
    newestSeen = Math.max(newestSeen, update.version);
    const next = applyWindowUpdate(held, update);
    if (next === null) return askForWholeState();
    if (next === held) return;
    held = next;
    render();
  }

  /** At the start, and when an update builds on one this window never had. */
  function askForWholeState(): void {
    if (asking) return;
    asking = true;
    void invokeSafely(() => api.getState()).then((result) => {
      asking = false;
      if (!result.ok) {
        if (held === null)
          shell.summaryText.textContent = `The window could not get the app’s state: ${result.error}`;
        return;
      }
      receive(result.data);
      // Changes pushed on top of a newer state than this answer were dropped: ask again.
      if (held !== null && held.version < newestSeen) askForWholeState();
    });
  }

  // Subscribe before asking, so an update pushed meanwhile is not missed.
  api.onUpdate(receive);
  askForWholeState();
}

const api = findApi();
const shell = findShell();
if (api === null) {
  shell.summaryText.textContent = 'This window only works inside Tedee Tray.';
} else {
  start(api, shell);
}
