/**
 * The monitored locks as cards, or a sentence saying why there are none.
 */
import type { WindowState } from '../preload/contract.ts';
import { button, h } from './dom.ts';
import { lockCard } from './lock-card.ts';
import type { ViewState, WindowActions } from './view-state.ts';

export function lockList(
  state: WindowState,
  view: ViewState,
  actions: WindowActions,
  now: number,
): HTMLElement[] {
  if (state.locks.length === 0) {
    if (state.status.kind === 'starting')
      return [h('p', { class: 'empty' }, 'Looking for your locks…')];
    return [
      h(
        'div',
        { class: 'empty' },
        h('p', {}, 'No locks to show. The account has no locks, or none is chosen for monitoring.'),
        button('Choose locks', () => actions.showPanel('settings'), {
          'data-focus-key': 'empty-choose',
        }),
      ),
    ];
  }
  return state.locks.map((lock) =>
    lockCard(lock, {
      now,
      lowBatteryPercent: state.settings.alerts.lowBatteryPercent,
      highlighted: view.highlightedLockId === lock.id,
      historyOpen: view.openHistories.has(lock.id),
      onHistoryToggle: (open) => actions.toggleHistory(lock.id, open),
    }),
  );
}
