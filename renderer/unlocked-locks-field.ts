/**
 * Which locks the "A lock is unlocked" alert is for: a box per lock of the account, none ticked
 * meaning every lock (the setting's null), so a new lock is included unless the user chose.
 * Locks are named by serial, which survives re-adding a lock to the account.
 */
import type { AccountLock } from '../preload/contract.ts';
import { h } from './dom.ts';

export interface UnlockedLocksField {
  element: HTMLElement;
  /** The chosen serials, or null for every lock. */
  read(): string[] | null;
  fill(serials: readonly string[] | null, locks: readonly AccountLock[]): void;
  setEnabled(enabled: boolean): void;
}

export function createUnlockedLocksField(): UnlockedLocksField {
  const boxes = h('div', { class: 'unlocked-locks-boxes' });
  const element = h(
    'div',
    { class: 'unlocked-locks', role: 'group', 'aria-labelledby': 'unlocked-locks-label' },
    h(
      'p',
      { class: 'hint', id: 'unlocked-locks-label' },
      'For these locks (none ticked: every lock)',
    ),
    boxes,
  );

  const inputs = (): HTMLInputElement[] => [...boxes.querySelectorAll('input')];

  return {
    element,
    read() {
      const chosen = inputs()
        .filter((input) => input.checked)
        .map((input) => input.value);
      return chosen.length === 0 ? null : chosen;
    },
    fill(serials, locks) {
      const chosen = new Set(serials ?? []);
      boxes.replaceChildren(
        ...locks.flatMap((lock) => {
          if (lock.serial === null) return [];
          const id = `unlocked-lock-${lock.serial}`;
          return [
            h(
              'div',
              { class: 'unlocked-lock' },
              h('input', {
                id,
                type: 'checkbox',
                value: lock.serial,
                checked: chosen.has(lock.serial),
              }),
              h('label', { for: id }, lock.name.trim() || `Lock ${lock.id}`),
            ),
          ];
        }),
      );
    },
    setEnabled(enabled) {
      for (const input of inputs()) input.disabled = !enabled;
    },
  };
}
