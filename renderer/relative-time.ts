/**
 * Times whose wording depends on the current moment ("13:43" becomes "yesterday 13:43" after
 * midnight; a "12 min ago" tooltip grows every minute). Each is a <time> that remembers its
 * moment, so the once-a-minute wake-up rewrites these few texts instead of rebuilding cards.
 */
import { h } from './dom.ts';
import { dayAndTime, secondsAgo, timeAgo } from './format-time.ts';

const SELECTOR = 'time[data-at]';
const AGO_SELECTOR = 'time[data-ago]';

/**
 * "14:02", "yesterday 14:02" or "12 Mar 14:02"; with `agoTitle`, a "12 min ago" tooltip; with
 * `lead`, words before the time inside the same element (" since 14:02"), which spares a card
 * a wrapper element to style them with the time.
 */
export function relativeTime(
  at: number,
  now: number,
  options: { className?: string; agoTitle?: boolean; lead?: string } = {},
): HTMLTimeElement {
  return h(
    'time',
    {
      class: options.className,
      datetime: new Date(at).toISOString(),
      'data-at': at,
      'data-lead': options.lead,
      title: options.agoTitle === true ? timeAgo(at, now) : null,
    },
    `${options.lead ?? ''}${dayAndTime(at, now)}`,
  );
}

/** Rewrites, where the wording changed, every relative time inside `root`. */
export function refreshRelativeTimes(root: ParentNode, now: number): void {
  for (const element of root.querySelectorAll<HTMLTimeElement>(SELECTOR)) {
    const at = Number(element.dataset['at']);
    const text = `${element.dataset['lead'] ?? ''}${dayAndTime(at, now)}`;
    if (element.textContent !== text) element.textContent = text;
    if (element.hasAttribute('title')) {
      const ago = timeAgo(at, now);
      if (element.title !== ago) element.title = ago;
    }
  }
}

/**
 * Makes `element` say `words` and "14 s ago" (a card's "Checked 14 s ago"); refreshAgoTimes
 * rewrites it every second.
 */
export function showAgo(element: HTMLTimeElement, words: string, at: number, now: number): void {
  element.dateTime = new Date(at).toISOString();
  element.dataset['ago'] = String(at);
  element.dataset['agoWords'] = words;
  element.textContent = agoText(element, now);
}

/** Rewrites, where the wording changed, every "… s ago" inside `root`. */
export function refreshAgoTimes(root: ParentNode, now: number): void {
  for (const element of root.querySelectorAll<HTMLTimeElement>(AGO_SELECTOR)) {
    const text = agoText(element, now);
    if (element.textContent !== text) element.textContent = text;
  }
}

function agoText(element: HTMLTimeElement, now: number): string {
  return `${element.dataset['agoWords'] ?? ''}${secondsAgo(Number(element.dataset['ago']), now)}`;
}
