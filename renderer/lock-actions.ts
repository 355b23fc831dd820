/**
 * The buttons on a lock card that move the lock: "Lock" when it is unlocked or partly locked,
 * and, once the user allowed unlocking in the settings, "Unlock…" and "Pull latch…" (the dots:
 * main asks for confirmation in its own dialog first). While an operation runs the button says
 * "Locking…" and waits; the line below says how the last one ended.
 *
 * The buttons are made once and kept, so the one the user pressed keeps the focus while its
 * label changes; a busy button is aria-disabled, not disabled, for the same reason (dom.ts).
 */
import type { OperationsState, WindowLock } from '../preload/contract.ts';
import { RUNNING_LABEL } from '../main/engine/operation-outcome.ts';
import type { LockOperation } from '../main/tedee/operation-model.ts';
import { button, h, markBusy } from './dom.ts';

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
  const buttons = Object.fromEntries(
    (['lock', 'unlock', 'pull'] as const).map((operation) => {
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
        {
          class: operation === 'lock' ? 'primary' : 'quiet',
          'data-operation': operation,
          hidden: true,
        },
      );
      return [operation, control];
    }),
  ) as Record<LockOperation, HTMLButtonElement>;
  // The buttons and the result line straight in one element: the card stays lean.
  const element = h(
    'div',
    { class: 'lock-actions', hidden: true },
    buttons.lock,
    buttons.unlock,
    buttons.pull,
    result,
  );

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
      for (const operation of ['lock', 'unlock', 'pull'] as const) {
        const control = buttons[operation];
        const shown = now ? now.operation === operation : offered.includes(operation);
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
    before.canOperate !== after.canOperate ||
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
  if (!operations.canOperate || lock.connected === false) return [];
  const offered: LockOperation[] = [];
  if (lock.state === 'unlocked' || lock.state === 'semi-locked') offered.push('lock');
  if (operations.unlockAllowed) {
    if (lock.state === 'locked' || lock.state === 'semi-locked') offered.push('unlock');
    if (lock.state === 'unlocked') offered.push('pull');
  }
  return offered;
}
