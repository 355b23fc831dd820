/**
 * One lock as a compact card: the state in words, tone and glyph; the door, the battery and
 * the connection on one line; the battery chart and recent events folded under "History".
 *
 * A disconnected lock keeps its last known state, labelled as such, because "it was locked
 * when we lost it" is still the most useful thing to know.
 */
import type { OperationsState, WindowLock } from '../preload/contract.ts';
import { LOCK_MODEL_LABELS } from '../main/tedee/lock-enums.ts';
import type { LockOperation } from '../main/tedee/operation-model.ts';
import { batteryGauge } from './battery-gauge.ts';
import { h } from './dom.ts';
import type { Child } from './dom.ts';
import { parseIsoTime } from './format-time.ts';
import { icon } from './icons.ts';
import { createLockActions, needsActions } from './lock-actions.ts';
import type { LockActions } from './lock-actions.ts';
import { createLockHistory } from './lock-history.ts';
import { isBatteryLow, lookOfDoor, lookOfLock } from './lock-presentation.ts';
import type { Tone } from './lock-presentation.ts';
import { relativeTime } from './relative-time.ts';
import { updateBadges } from './update-badge.ts';

export interface LockCardContext {
  now: number;
  lowBatteryPercent: number;
  operations: OperationsState;
}

export interface LockCard {
  element: HTMLElement;
  /** Redraws the card's face only when what it shows changed. */
  update(lock: WindowLock, context: LockCardContext): void;
  setHighlighted(highlighted: boolean): void;
}

/**
 * One card per lock for the window's lifetime: the <article> and its History section stay the
 * same nodes, so focus on the card, an open History and a text selection in it survive a new
 * state, and scroll anchoring can hold the card being read in place.
 */
export function createLockCard(
  lockId: number,
  historyOpen: boolean,
  onHistoryToggle: (open: boolean) => void,
  operate: (operation: LockOperation) => Promise<string | null>,
): LockCard {
  const nameId = `lock-${lockId}-name`;
  const history = createLockHistory(lockId, historyOpen, onHistoryToggle);
  let name = '';
  /** Made when the lock first has something to show about operations (needsActions). */
  let actions: LockActions | null = null;
  const element = h(
    'article',
    { class: 'lock-card', 'data-lock-id': lockId, 'aria-labelledby': nameId, tabindex: -1 },
    history.element,
  );
  let shownFace = '';
  let highlighted = false;
  let faceClasses: string[] = [];
  let faceParts: Element[] = [];

  function applyClasses(): void {
    element.className = [...faceClasses, ...(highlighted ? ['is-highlighted'] : [])].join(' ');
  }

  return {
    element,
    update(lock, context) {
      name = lock.name;
      history.update(lock, context.lowBatteryPercent, context.now);
      if (actions === null && needsActions(lockId, lock, context.operations)) {
        actions = createLockActions(lockId, () => name, operate);
        element.insertBefore(actions.element, history.element);
      }
      actions?.update(lock, context.operations);
      const face = faceKey(lock, context.lowBatteryPercent);
      if (face === shownFace) return;
      shownFace = face;
      const look = lookOfLock(lock);
      const disconnected = lock.connected === false;
      const tone = disconnected ? 'alert' : look.tone;
      faceClasses = ['lock-card', `tone-${tone}`];
      if (disconnected) faceClasses.push('is-disconnected');
      if (lock.stale) faceClasses.push('is-stale');
      applyClasses();
      // The History section is never moved: moving a node drops the focus inside it.
      for (const part of faceParts) part.remove();
      // Flat on purpose (the card's grid places each part): with 200 locks every element
      // a card spares is 200 fewer for the browser to style, lay out and keep.
      faceParts = [
        icon(disconnected ? 'disconnected' : look.glyph, `icon lock-glyph tone-${tone}`),
        h('h2', { class: 'lock-name', id: nameId }, lock.name),
        h('span', { class: 'lock-model' }, LOCK_MODEL_LABELS[lock.model]),
        ...(lock.stale ? [h('span', { class: 'badge badge-stale' }, 'Out of date')] : []),
        ...updateBadges(lock),
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
        ...explanations(lock, look.explanation, context.now),
        h('dl', { class: 'lock-facts' }, ...facts(lock, context)),
      ];
      element.prepend(...faceParts);
    },
    setHighlighted(next) {
      if (next === highlighted) return;
      highlighted = next;
      applyClasses();
    },
  };
}

/**
 * Everything the face shows, apart from the wording of times (relative-time.ts keeps that
 * current). lastSyncedAt moves with every sync but is shown only on a stale card, so it counts
 * only there; otherwise every card would be redrawn on every sync.
 */
function faceKey(lock: WindowLock, lowBatteryPercent: number): string {
  return JSON.stringify([
    lock.name,
    lock.model,
    lock.connected,
    lock.state,
    lock.door,
    lock.battery,
    lock.charging,
    lock.lastOperationFailed,
    lock.lastChanged,
    lock.updateAvailable,
    lock.disconnectedSince,
    lock.stale,
    lock.stale ? lock.lastSyncedAt : null,
    isBatteryLow(lock, lowBatteryPercent),
  ]);
}

function explanations(
  lock: WindowLock,
  stateExplanation: string | null,
  now: number,
): HTMLElement[] {
  const children: Child[] = [];
  if (stateExplanation !== null && lock.connected !== false) children.push(stateExplanation);
  if (lock.stale) {
    if (children.length > 0) children.push(' ');
    children.push('The values may have changed since.');
    if (lock.lastSyncedAt !== null)
      children.push(' Last checked ', relativeTime(lock.lastSyncedAt, now), '.');
  }
  return children.length === 0 ? [] : [h('p', { class: 'lock-explanation' }, ...children)];
}

/**
 * A term and its value, straight in the <dl> (no wrapper per pair); `labelShown` false keeps
 * the term for screen readers only. The value carries `data-fact`.
 */
function fact(
  label: string,
  labelShown: boolean,
  tone: Tone | null,
  ...value: Child[]
): HTMLElement[] {
  return [
    h('dt', { class: labelShown ? '' : 'visually-hidden' }, label),
    h(
      'dd',
      { class: tone === null ? '' : `tone-${tone}`, 'data-fact': label.toLowerCase() },
      ...value,
    ),
  ];
}

function facts(lock: WindowLock, context: LockCardContext): HTMLElement[] {
  const door = lookOfDoor(lock.door);
  return [
    ...(door === null ? [] : fact('Door', true, door.tone, door.words)),
    ...batteryFact(lock, context.lowBatteryPercent),
    ...connectionFact(lock, context.now),
  ];
}

/** " since 13:43": when the state last changed, by Tedee's clock. */
function since(lock: WindowLock, now: number): HTMLElement | null {
  const changed = parseIsoTime(lock.lastChanged);
  if (changed === null) return null;
  return h(
    'span',
    { class: 'lock-since' },
    ' since ',
    relativeTime(changed, now, { agoTitle: true }),
  );
}

function batteryFact(lock: WindowLock, lowBatteryPercent: number): HTMLElement[] {
  if (lock.battery === null) return fact('Battery', true, 'muted', 'Unknown');
  const low = isBatteryLow(lock, lowBatteryPercent);
  return fact(
    'Battery',
    false,
    low ? 'alert' : null,
    batteryGauge(lock.battery, low ? 'alert' : 'ok'),
    `${lock.battery} %`,
    low ? h('span', { class: 'chip tone-alert' }, 'Low') : null,
    lock.charging === true
      ? h('span', { class: 'chip tone-busy' }, icon('bolt', 'icon icon-small'), 'Charging')
      : null,
  );
}

function connectionFact(lock: WindowLock, now: number): HTMLElement[] {
  if (lock.connected === true) return fact('Connection', false, 'ok', 'Connected');
  if (lock.connected === null) return fact('Connection', true, 'muted', 'Not reported');
  if (lock.disconnectedSince === null) return fact('Connection', false, 'alert', 'Disconnected');
  return fact(
    'Connection',
    false,
    'alert',
    'Disconnected since ',
    relativeTime(lock.disconnectedSince, now),
  );
}
