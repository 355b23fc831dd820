/**
 * One lock as a compact card: the state in words, tone and glyph; the door, the battery and
 * the connection on one line; the battery chart and recent events folded under "History".
 *
 * A disconnected lock keeps its last known state, labelled as such, because "it was locked
 * when we lost it" is still the most useful thing to know.
 */
import type { WindowLock } from '../preload/contract.ts';
import { LOCK_MODEL_LABELS } from '../main/tedee/lock-enums.ts';
import { batteryGauge } from './battery-gauge.ts';
import { h } from './dom.ts';
import type { Child } from './dom.ts';
import { dayAndTime, parseIsoTime, timeAgo } from './format-time.ts';
import { icon } from './icons.ts';
import { lockHistory } from './lock-history.ts';
import { isBatteryLow, lookOfDoor, lookOfLock } from './lock-presentation.ts';
import type { Tone } from './lock-presentation.ts';

export interface LockCardContext {
  now: number;
  lowBatteryPercent: number;
  highlighted: boolean;
  historyOpen: boolean;
  onHistoryToggle: (open: boolean) => void;
}

export function lockCard(lock: WindowLock, context: LockCardContext): HTMLElement {
  const look = lookOfLock(lock);
  const disconnected = lock.connected === false;
  const tone = disconnected ? 'alert' : look.tone;
  const nameId = `lock-${lock.id}-name`;
  const classes = ['lock-card', `tone-${tone}`];
  if (disconnected) classes.push('is-disconnected');
  if (lock.stale) classes.push('is-stale');
  if (context.highlighted) classes.push('is-highlighted');

  return h(
    'article',
    { class: classes.join(' '), 'data-lock-id': lock.id, 'aria-labelledby': nameId, tabindex: -1 },
    h(
      'div',
      { class: 'lock-main' },
      h(
        'span',
        { class: `lock-glyph tone-${tone}` },
        icon(disconnected ? 'disconnected' : look.glyph),
      ),
      h(
        'div',
        { class: 'lock-body' },
        h(
          'div',
          { class: 'lock-title-row' },
          h('h2', { class: 'lock-name', id: nameId }, lock.name),
          h('span', { class: 'lock-model' }, LOCK_MODEL_LABELS[lock.model]),
          lock.stale ? h('span', { class: 'badge badge-stale' }, 'Out of date') : null,
        ),
        h(
          'p',
          {
            class: `lock-state tone-${disconnected ? 'muted' : look.tone}`,
            'data-state': lock.state ?? 'none',
          },
          disconnected && lock.state !== null
            ? h('span', { class: 'lock-state-prefix' }, 'Last known: ')
            : null,
          look.words,
          since(lock, context.now),
        ),
        explanations(lock, look.explanation, context.now),
      ),
    ),
    h('dl', { class: 'lock-facts' }, ...facts(lock, context)),
    lockHistory(lock, {
      now: context.now,
      lowBatteryPercent: context.lowBatteryPercent,
      open: context.historyOpen,
      onToggle: context.onHistoryToggle,
    }),
  );
}

function explanations(
  lock: WindowLock,
  stateExplanation: string | null,
  now: number,
): HTMLElement | null {
  const lines: string[] = [];
  if (stateExplanation !== null && lock.connected !== false) lines.push(stateExplanation);
  if (lock.stale) {
    const when =
      lock.lastSyncedAt === null ? '' : ` Last checked ${dayAndTime(lock.lastSyncedAt, now)}.`;
    lines.push(`The values may have changed since.${when}`);
  }
  return lines.length === 0 ? null : h('p', { class: 'lock-explanation' }, lines.join(' '));
}

/** A term and its value; `labelShown` false keeps the term for screen readers only. */
function fact(
  label: string,
  labelShown: boolean,
  tone: Tone | null,
  ...value: Child[]
): HTMLElement {
  return h(
    'div',
    { class: 'fact', 'data-fact': label.toLowerCase() },
    h('dt', { class: labelShown ? '' : 'visually-hidden' }, label),
    h('dd', { class: tone === null ? '' : `tone-${tone}` }, ...value),
  );
}

function facts(lock: WindowLock, context: LockCardContext): HTMLElement[] {
  const list: HTMLElement[] = [];
  const door = lookOfDoor(lock.door);
  if (door !== null) list.push(fact('Door', true, door.tone, door.words));
  list.push(batteryFact(lock, context.lowBatteryPercent));
  list.push(connectionFact(lock, context.now));
  return list;
}

/** " since 13:43": when the state last changed, by Tedee's clock. */
function since(lock: WindowLock, now: number): HTMLElement | null {
  const changed = parseIsoTime(lock.lastChanged);
  if (changed === null) return null;
  return h(
    'span',
    { class: 'lock-since' },
    ' since ',
    h(
      'time',
      { datetime: new Date(changed).toISOString(), title: timeAgo(changed, now) },
      dayAndTime(changed, now),
    ),
  );
}

function batteryFact(lock: WindowLock, lowBatteryPercent: number): HTMLElement {
  if (lock.battery === null) return fact('Battery', true, 'muted', 'Unknown');
  const low = isBatteryLow(lock, lowBatteryPercent);
  return fact(
    'Battery',
    false,
    null,
    batteryGauge(lock.battery, low ? 'alert' : 'ok'),
    h('span', { class: `battery-level tone-${low ? 'alert' : 'plain'}` }, `${lock.battery} %`),
    low ? h('span', { class: 'chip tone-alert' }, 'Low') : null,
    lock.charging === true
      ? h('span', { class: 'chip tone-busy' }, icon('bolt', 'icon icon-small'), 'Charging')
      : null,
  );
}

function connectionFact(lock: WindowLock, now: number): HTMLElement {
  if (lock.connected === true) return fact('Connection', false, 'ok', 'Connected');
  if (lock.connected === null) return fact('Connection', true, 'muted', 'Not reported');
  const sinceWhen =
    lock.disconnectedSince === null ? '' : ` since ${dayAndTime(lock.disconnectedSince, now)}`;
  return fact('Connection', false, 'alert', `Disconnected${sinceWhen}`);
}
