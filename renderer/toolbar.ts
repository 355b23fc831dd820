/**
 * Refresh now and pause/resume. Tedee allows one sync every 20 s, so "Refresh now" stays
 * disabled until main's refreshAllowedAt and says when it will be available; app.ts sets a
 * timer for that moment so the button comes back without waiting for the next state.
 */
import type { WindowState } from '../preload/contract.ts';
import { button, h } from './dom.ts';
import { clockTimeWithSeconds } from './format-time.ts';
import { icon } from './icons.ts';
import { inlineError } from './inline-error.ts';
import type { ControlId, ViewState, WindowActions } from './view-state.ts';

function busy(view: ViewState, control: ControlId): 'true' | null {
  return view.busy.has(control) ? 'true' : null;
}

export function toolbar(
  state: WindowState,
  view: ViewState,
  actions: WindowActions,
  now: number,
): HTMLElement[] {
  const waiting = now < state.refreshAllowedAt;
  const refresh = button([icon('refresh'), 'Refresh now'], () => actions.refresh(), {
    class: 'primary',
    id: 'refresh-now',
    'data-focus-key': 'refresh',
    'data-control': 'refresh',
    // Disabled (not only aria-disabled) while Tedee's 20 s rule holds: it cannot be pressed at all.
    disabled: waiting,
    'aria-disabled': busy(view, 'refresh'),
    'aria-describedby': 'refresh-hint',
  });

  const paused = state.status.kind === 'paused';
  const pauseControl = paused ? 'resume' : 'pause';
  const pause = paused
    ? button([icon('play'), 'Resume'], () => actions.resume('resume'), {
        'data-focus-key': 'pause',
        'data-control': 'resume',
        'aria-disabled': busy(view, 'resume'),
      })
    : button([icon('pause'), 'Pause 1 h'], () => actions.pause(), {
        'data-focus-key': 'pause',
        'data-control': 'pause',
        'aria-disabled': busy(view, 'pause'),
      });

  return [
    h(
      'div',
      { class: 'toolbar-buttons' },
      refresh,
      pause,
      h('p', { class: 'toolbar-hint', id: 'refresh-hint' }, refreshHint(state, view, now)),
    ),
    inlineError(view.errors.get('refresh')),
    inlineError(view.errors.get(pauseControl)),
  ].filter((element): element is HTMLElement => element !== null);
}

function refreshHint(state: WindowState, view: ViewState, now: number): string {
  if (view.refreshPlannedAt !== null && view.refreshPlannedAt > now)
    return `Checking at ${clockTimeWithSeconds(view.refreshPlannedAt)}`;
  if (now < state.refreshAllowedAt)
    return `Available at ${clockTimeWithSeconds(state.refreshAllowedAt)}`;
  return '';
}
