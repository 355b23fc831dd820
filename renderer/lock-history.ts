/**
 * A lock's battery chart, latest events and activity log (activity-list.ts), folded away under
 * a <details> so the card stays
 * one glance tall. The chart and the list are built only while the section is open (closed,
 * they were three quarters of the window's elements with 200 locks), and rebuilt only when
 * their own data changed. Whether it is open is view state the caller keeps.
 */
import type { WindowLock } from '../preload/contract.ts';
import { createActivityList } from './activity-list.ts';
import { batteryChart } from './battery-chart.ts';
import { h } from './dom.ts';
import { lookOfState } from './lock-presentation.ts';
import { relativeTime } from './relative-time.ts';

type LockEvent = WindowLock['recentEvents'][number];

export interface LockHistory {
  element: HTMLDetailsElement;
  update(lock: WindowLock, lowBatteryPercent: number, now: number): void;
}

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

function eventList(events: readonly LockEvent[], now: number): HTMLElement | null {
  if (events.length === 0) return null;
  return h(
    'ol',
    { class: 'event-list', 'aria-label': 'Recent events, newest first' },
    ...events.map((event, index) =>
      h(
        'li',
        { class: 'event' },
        relativeTime(event.at, now, { className: 'event-time' }),
        h('span', { class: 'event-text' }, describe(event, events[index + 1])),
        event.battery === null ? null : h('span', { class: 'event-battery' }, `${event.battery} %`),
      ),
    ),
  );
}

/** The summary's words; null when there is nothing to show (no chart, no events). */
function summaryText(lock: WindowLock): string | null {
  const parts: string[] = [];
  if (lock.batteryTrend.length >= 2) parts.push('battery');
  if (lock.recentEvents.length > 0) parts.push(`${lock.recentEvents.length} events`);
  if (lock.activityCount > 0) parts.push(`${lock.activityCount} in the activity log`);
  return parts.length === 0 ? null : `History (${parts.join(', ')})`;
}

/** Replaces a part, takes it out (next null) or puts a new one in its place. */
function swap(
  current: HTMLElement | null,
  next: HTMLElement | null,
  place: (part: HTMLElement) => void,
): void {
  if (current !== null && next !== null) current.replaceWith(next);
  else if (current !== null) current.remove();
  else if (next !== null) place(next);
}

export function createLockHistory(
  lockId: number,
  open: boolean,
  onToggle: (open: boolean) => void,
): LockHistory {
  const summary = h('summary', { 'data-focus-key': `history-${lockId}` });
  const element = h('details', { class: 'lock-history', open }, summary);
  let latest: { lock: WindowLock; lowBatteryPercent: number; now: number } | null = null;
  /** What the built chart and list show, to rebuild only the one whose data changed. */
  let shownChart = '';
  let shownEvents = '';
  let chart: HTMLElement | null = null;
  let events: HTMLElement | null = null;
  const activity = createActivityList(lockId);
  let activityShown = false;

  function fill(): void {
    if (latest === null) return;
    const { lock, lowBatteryPercent, now } = latest;
    const chartKey = JSON.stringify([lowBatteryPercent, lock.batteryTrend]);
    if (chartKey !== shownChart) {
      shownChart = chartKey;
      const next = batteryChart(lock.batteryTrend, lowBatteryPercent);
      swap(chart, next, (part) => summary.after(part));
      chart = next;
    }
    const eventsKey = JSON.stringify(lock.recentEvents);
    if (eventsKey !== shownEvents) {
      shownEvents = eventsKey;
      const next = eventList(lock.recentEvents, now);
      swap(events, next, (part) =>
        activityShown ? activity.element.before(part) : element.append(part),
      );
      events = next;
    }
    if (!activityShown && lock.activityCount > 0) {
      activityShown = true;
      element.append(activity.element);
      activity.open(now);
    }
  }

  /** Closing drops the parts, so a section opened once costs nothing after it is closed. */
  function empty(): void {
    chart?.remove();
    events?.remove();
    chart = events = null;
    shownChart = shownEvents = '';
    if (activityShown) {
      activity.close();
      activity.element.remove();
      activityShown = false;
    }
  }

  element.addEventListener('toggle', () => {
    if (element.open) fill();
    else empty();
    onToggle(element.open);
  });

  return {
    element,
    update(lock, lowBatteryPercent, now) {
      latest = { lock, lowBatteryPercent, now };
      const text = summaryText(lock);
      if (element.hidden !== (text === null)) element.hidden = text === null;
      if (text !== null && summary.textContent !== text) summary.textContent = text;
      if (element.open) fill();
    },
  };
}
