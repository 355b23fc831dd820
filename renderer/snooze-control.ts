/**
 * Snoozing alerts: for an hour, until tomorrow 08:00, or off. Each button saves at once
 * (unlike the settings form) because a snooze is an action, not a preference.
 */
import type { TedeeTrayApi, WindowState } from '../preload/contract.ts';
import { button, h, markBusy } from './dom.ts';
import { dayAndTime, tomorrowAtEight } from './format-time.ts';
import { invokeSafely } from './invoke-safely.ts';

const HOUR = 60 * 60_000;

export interface SnoozeControl {
  element: HTMLElement;
  update(state: WindowState, now: number): void;
}

export function createSnoozeControl(api: TedeeTrayApi, now: () => number): SnoozeControl {
  const status = h('p', { class: 'snooze-status', id: 'snooze-status' });
  const error = h('p', { class: 'inline-error', role: 'alert', hidden: true });
  const forHour = button('For 1 hour', () => void snooze(now() + HOUR), {
    id: 'snooze-hour',
    'aria-describedby': 'snooze-status',
  });
  const untilMorning = button('Until tomorrow 08:00', () => void snooze(tomorrowAtEight(now())), {
    id: 'snooze-morning',
    'aria-describedby': 'snooze-status',
  });
  const off = button('Turn off', () => void snooze(null), { id: 'snooze-off', class: 'quiet' });
  const buttons = [forHour, untilMorning, off];
  let busy = false;

  async function snooze(until: number | null): Promise<void> {
    if (busy) return;
    busy = true;
    for (const control of buttons) markBusy(control, true);
    const result = await invokeSafely(() => api.updateSettings({ alerts: { snoozeUntil: until } }));
    busy = false;
    for (const control of buttons) markBusy(control, false);
    error.hidden = result.ok;
    error.textContent = result.ok ? '' : result.error;
  }

  return {
    element: h(
      'fieldset',
      { class: 'snooze' },
      h('legend', {}, 'Snooze alerts'),
      status,
      h('div', { class: 'button-row' }, forHour, untilMorning, off),
      error,
    ),
    update(state, at) {
      const until = state.settings.alerts.snoozeUntil;
      const snoozed = until !== null && until > at;
      const text = snoozed
        ? `Alerts are snoozed until ${dayAndTime(until, at)}.`
        : 'Alerts are on.';
      if (status.textContent !== text) status.textContent = text;
      if (off.hidden === snoozed) off.hidden = !snoozed;
    },
  };
}
