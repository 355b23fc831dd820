/**
 * What the window keeps for itself between states from main: which panel is open, which
 * controls are waiting for an answer and what went wrong with them. Everything about locks,
 * settings and the key comes whole from main with each state and is never copied here.
 */

import type { LockOperation } from '../main/tedee/operation-model.ts';
import type { WindowState } from '../preload/contract.ts';
import type { LockFind } from './lock-filter.ts';

export type Panel = 'locks' | 'settings';

/** Controls whose invoke errors are shown next to them. */
export type ControlId =
  'refresh' | 'pause' | 'resume' | 'banner-resume' | 'demo' | 'help' | 'snooze' | 'clear-key';

export interface ViewState {
  panel: Panel;
  busy: Set<ControlId>;
  errors: Map<ControlId, string>;
  /** Locks whose history (chart and events) is unfolded. */
  openHistories: Set<number>;
  dismissedNotices: Set<string>;
  /** The lock to highlight, set when main asks to focus one. */
  highlightedLockId: number | null;
  /** The last focusLockId acted on, so a repeated state does not scroll again. */
  handledFocusLockId: number | null;
  /** When main said the sync asked for with "Refresh now" will run. */
  refreshPlannedAt: number | null;
  /** What the search box and the quick filters narrow the lock list to. */
  find: LockFind;
  /** One line per lock; null until the user chooses, which means "above the setting's count". */
  compact: boolean | null;
}

/**
 * Whether the list shows one line per lock now: what the user toggled in this session, or else
 * whether there are more locks than the setting allows full cards for.
 */
export function isCompact(view: ViewState, state: WindowState): boolean {
  return view.compact ?? state.locks.length > state.settings.window.compactAbove;
}

export function initialViewState(): ViewState {
  return {
    panel: 'locks',
    busy: new Set(),
    errors: new Map(),
    openHistories: new Set(),
    dismissedNotices: new Set(),
    highlightedLockId: null,
    handledFocusLockId: null,
    refreshPlannedAt: null,
    find: { query: '', filter: 'all' },
    compact: null,
  };
}

/** What views may ask the window to do; app.ts implements them on top of the API. */
export interface WindowActions {
  refresh(): void;
  pause(): void;
  resume(control: 'resume' | 'banner-resume'): void;
  startDemo(): void;
  openHelp(): void;
  showPanel(panel: Panel): void;
  /** Opens settings with the key field focused, e.g. after Tedee rejected the key. */
  editKey(): void;
  dismissNotice(notice: string): void;
  toggleHistory(lockId: number, open: boolean): void;
  find(change: Partial<LockFind>): void;
  setCompact(compact: boolean): void;
  /** Asks main to move a lock; resolves with main's refusal to show, or null once it started. */
  operate(lockId: number, operation: LockOperation): Promise<string | null>;
}
