/**
 * A lock's activity log inside its History: who did what and how, newest first. It is built
 * when the History opens (the first page asked from main), grows by the entries main pushes
 * while it is open, and by older pages on request; closing the History drops it.
 */
import type { WindowActivity } from '../preload/contract.ts';
import { watchActivity } from './activity-watch.ts';
import { findApi } from './api.ts';
import { button, h } from './dom.ts';
import { parseIsoTime } from './format-time.ts';
import { invokeSafely } from './invoke-safely.ts';
import { relativeTime } from './relative-time.ts';

/** Entries asked for at once: a screenful, and another with every "Show older". */
export const ACTIVITY_PAGE = 20;

export interface ActivityList {
  element: HTMLElement;
  /** Asks for the newest page and starts taking pushed entries. */
  open(now: number): void;
  /** Stops taking entries and drops what was shown. */
  close(): void;
}

export function createActivityList(lockId: number): ActivityList {
  const list = h('ol', { class: 'activity-list', 'aria-label': 'Activity, newest first' });
  const status = h('p', { class: 'activity-status', role: 'status' });
  const older = button('Show older', () => void loadOlder(), {
    class: 'activity-older',
    'data-focus-key': `activity-older-${lockId}`,
  });
  older.hidden = true;
  const element = h(
    'section',
    { class: 'activity', 'aria-label': 'Activity log' },
    h('h3', { class: 'activity-title' }, 'Who and how'),
    list,
    status,
    older,
  );
  const shown = new Set<number>();
  let now = Date.now();
  let stop: (() => void) | null = null;
  /** Bumped on every open and close, so an answer for an earlier opening is dropped. */
  let generation = 0;

  function item(entry: WindowActivity): HTMLElement {
    const at = parseIsoTime(entry.date) ?? now;
    return h(
      'li',
      { class: 'activity-entry', 'data-activity-id': entry.id },
      relativeTime(at, now, { className: 'event-time', agoTitle: true }),
      h('span', { class: 'activity-text' }, entry.text),
    );
  }

  function append(entries: readonly WindowActivity[]): void {
    for (const entry of entries) {
      if (shown.has(entry.id)) continue;
      shown.add(entry.id);
      list.append(item(entry));
    }
    showEmpty();
  }

  /** Pushed entries are newer than everything shown: they go on top, newest first. */
  function prepend(entries: readonly WindowActivity[]): void {
    const fresh = entries.filter((entry) => !shown.has(entry.id));
    for (const entry of fresh) shown.add(entry.id);
    list.prepend(...fresh.map(item));
    showEmpty();
  }

  function showEmpty(): void {
    const text = shown.size === 0 ? 'No activity recorded yet.' : '';
    if (status.textContent !== text) status.textContent = text;
  }

  async function load(afterId: number | null): Promise<void> {
    const api = findApi();
    if (api === null) return;
    const asked = generation;
    const result = await invokeSafely(() =>
      api.getActivity({ lockId, afterId, limit: ACTIVITY_PAGE }),
    );
    if (asked !== generation) return;
    if (!result.ok) {
      status.textContent = result.error;
      return;
    }
    append(result.data.entries);
    older.hidden = !result.data.more;
  }

  function loadOlder(): Promise<void> {
    const last = list.lastElementChild;
    const afterId = last instanceof HTMLElement ? Number(last.dataset['activityId']) : null;
    return load(afterId);
  }

  return {
    element,
    open(at) {
      now = at;
      generation += 1;
      stop ??= watchActivity(lockId, prepend);
      void load(null);
    },
    close() {
      generation += 1;
      stop?.();
      stop = null;
      list.replaceChildren();
      shown.clear();
      status.textContent = '';
      older.hidden = true;
    },
  };
}
