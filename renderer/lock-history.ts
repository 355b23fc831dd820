/**
 * A lock's battery chart and latest events, folded away under a <details> so the card stays
 * one glance tall. Whether it is open is view state the caller keeps, because the card is
 * rebuilt with every new state from main.
 */
import type { WindowLock } from '../preload/contract.ts';
import { batteryChart } from './battery-chart.ts';
import { h } from './dom.ts';
import { dayAndTime } from './format-time.ts';
import { lookOfState } from './lock-presentation.ts';

type LockEvent = WindowLock['recentEvents'][number];

/** Events come newest first, so the one after an event is the one before it in time. */
function describe(event: LockEvent, older: LockEvent | undefined): string {
  if (event.connected === false) {
    return event.state === null
      ? 'Disconnected'
      : `Disconnected · last known ${lookOfState(event.state).words.toLowerCase()}`;
  }
  const words = event.state === null ? 'No state reported' : lookOfState(event.state).words;
  return older?.connected === false ? `Reconnected · ${words.toLowerCase()}` : words;
}

function eventList(lock: WindowLock, now: number): HTMLElement | null {
  if (lock.recentEvents.length === 0) return null;
  return h(
    'ol',
    { class: 'event-list', 'aria-label': 'Recent events, newest first' },
    ...lock.recentEvents.map((event, index) =>
      h(
        'li',
        { class: 'event' },
        h(
          'time',
          { class: 'event-time', datetime: new Date(event.at).toISOString() },
          dayAndTime(event.at, now),
        ),
        h('span', { class: 'event-text' }, describe(event, lock.recentEvents[index + 1])),
        event.battery === null ? null : h('span', { class: 'event-battery' }, `${event.battery} %`),
      ),
    ),
  );
}

export function lockHistory(
  lock: WindowLock,
  context: {
    now: number;
    lowBatteryPercent: number;
    open: boolean;
    onToggle: (open: boolean) => void;
  },
): HTMLDetailsElement | null {
  const chart = batteryChart(lock.batteryTrend, context.lowBatteryPercent);
  const events = eventList(lock, context.now);
  if (chart === null && events === null) return null;
  const parts = [
    chart === null ? null : 'battery',
    events === null ? null : `${lock.recentEvents.length} events`,
  ];
  const details = h(
    'details',
    { class: 'lock-history', open: context.open },
    h(
      'summary',
      { 'data-focus-key': `history-${lock.id}` },
      `History (${parts.filter(Boolean).join(', ')})`,
    ),
    chart,
    events,
  );
  details.addEventListener('toggle', () => context.onToggle(details.open));
  return details;
}
