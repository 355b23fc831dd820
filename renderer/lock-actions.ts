/**
 * The buttons on a lock card that move the lock: "Lock" when it is unlocked or partly locked,
 * and, once the user allowed unlocking in the settings, "Unlock…" and "Pull latch…" (the dots:
 * main asks for confirmation in its own dialog first). While an operation runs the button says
 * "Locking…" and waits; the line below says how the last one ended.
 *
 * Each button is made when first offered and then kept, so the one the user pressed keeps the
 * focus while its label changes; a busy button is aria-disabled, not disabled, for the same
 * reason (dom.ts).
 */
import { canOperateLock } from '../preload/contract.ts';
import type { OperationsState, WindowLock } from '../preload/contract.ts';
import { RUNNING_LABEL } from '../main/engine/operation-outcome.ts';
import type { LockOperation } from '../main/tedee/operation-model.ts';
import { button, h, markBusy } from './dom.ts';

const OPERATIONS: readonly LockOperation[] = ['lock', 'unlock', 'pull'];

const LABELS: Readonly<Record<LockOperation, string>> = {
  lock: 'Lock',
  unlock: 'Unlock…',
  pull: 'Pull latch…',
};

export interface LockActions {
  element: HTMLElement;
  update(lock: WindowLock, operations: OperationsState): void;
}

/** @param operate asks main; resolves with an error to show, or null once main accepted it. */
export function createLockActions(
  lockId: number,
  lockName: () => string,
  operate: (operation: LockOperation) => Promise<string | null>,
): LockActions {
  const result = h('p', { class: 'lock-operation-result', role: 'status' });
  let running = false;
  /** The press waiting for main's answer (which may wait for the user's confirmation). */
  let asking: LockOperation | null = null;
  /** An answer of main's to this card's own press (refused, say), shown until the next state. */
  let ownError: string | null = null;
  /**
   * Each button is made the first time it is offered and then kept (hidden while not offered):
   * most cards only ever offer Lock, and two hidden buttons on each would be elements for nothing.
   */
  const buttons = new Map<LockOperation, HTMLButtonElement>();
  const element = h('div', { class: 'lock-actions', hidden: true }, result);

  function buttonFor(operation: LockOperation): HTMLButtonElement {
    const made = buttons.get(operation);
    if (made !== undefined) return made;
    const control = button(
      LABELS[operation],
      () => {
        if (running || asking !== null) return;
        asking = operation;
        markBusy(control, true);
        void operate(operation).then((error) => {
          asking = null;
          markBusy(control, running);
          ownError = error;
          if (error !== null) showResult(error, false);
        });
      },
      { class: operation === 'lock' ? 'primary' : 'quiet', 'data-operation': operation },
    );
    buttons.set(operation, control);
    // In OPERATIONS' order, before the result line.
    const later = OPERATIONS.slice(OPERATIONS.indexOf(operation) + 1).flatMap(
      (next) => buttons.get(next) ?? [],
    );
    element.insertBefore(control, later[0] ?? result);
    return control;
  }

  function showResult(message: string, ok: boolean): void {
    result.textContent = message;
    result.className = `lock-operation-result tone-${ok ? 'ok' : 'alert'}`;
    result.hidden = false;
  }

  return {
    element,
    update(lock, operations) {
      const now = operations.running.find((operation) => operation.lockId === lockId);
      running = now !== undefined;
      const offered = offeredOperations(lock, operations);
      for (const operation of OPERATIONS) {
        const shown = now ? now.operation === operation : offered.includes(operation);
        const control = shown ? buttonFor(operation) : buttons.get(operation);
        if (control === undefined) continue;
        control.hidden = !shown;
        const label = now?.operation === operation ? RUNNING_LABEL[operation] : LABELS[operation];
        if (control.textContent !== label) control.textContent = label;
        control.setAttribute('aria-label', `${label.replace('…', '')} ${lockName()}`);
        markBusy(control, now !== undefined || asking === operation);
      }
      const last = operations.results.find((entry) => entry.lockId === lockId);
      if (running) {
        result.hidden = true;
        ownError = null;
      } else if (ownError !== null) {
        showResult(ownError, false);
      } else if (last) {
        showResult(last.message, last.ok);
      } else {
        result.hidden = true;
      }
      element.hidden = !running && offered.length === 0 && result.hidden;
    },
  };
}

/**
 * Whether a lock's card has anything to show about operations: a button, one running, or how
 * the last one ended. A card gets its actions only once it does, so most cards never carry them.
 */
export function needsActions(
  lockId: number,
  lock: WindowLock,
  operations: OperationsState,
): boolean {
  return (
    offeredOperations(lock, operations).length > 0 ||
    operations.running.some((entry) => entry.lockId === lockId) ||
    operations.results.some((entry) => entry.lockId === lockId)
  );
}

/**
 * The locks whose actions a new operations state changes, so only their cards are redrawn;
 * 'all' when the key or the settings changed what every lock is offered.
 */
export function locksTouchedBy(
  before: OperationsState | null,
  after: OperationsState,
): ReadonlySet<number> | 'all' {
  if (before === after) return new Set();
  if (
    before === null ||
    before.cloudCanOperate !== after.cloudCanOperate ||
    before.unlockAllowed !== after.unlockAllowed
  )
    return 'all';
  const touched = new Set<number>();
  const key = (entry: object) => JSON.stringify(entry);
  for (const list of ['running', 'results'] as const) {
    const old = new Set(before[list].map(key));
    const now = new Set(after[list].map(key));
    for (const entry of before[list]) if (!now.has(key(entry))) touched.add(entry.lockId);
    for (const entry of after[list]) if (!old.has(key(entry))) touched.add(entry.lockId);
  }
  return touched;
}

/** What the lock's state allows, within what the key and the settings allow. */
function offeredOperations(lock: WindowLock, operations: OperationsState): LockOperation[] {
  if (!canOperateLock(lock, operations) || lock.connected === false) return [];
  const offered: LockOperation[] = [];
  if (lock.state === 'unlocked' || lock.state === 'semi-locked') offered.push('lock');
  if (operations.unlockAllowed) {
    if (lock.state === 'locked' || lock.state === 'semi-locked') offered.push('unlock');
    if (lock.state === 'unlocked') offered.push('pull');
  }
  return offered;
}
