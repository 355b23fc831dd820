/**
 * Which locks the "A lock is unlocked" alert is for: a box per lock of the account, none ticked
 * meaning every lock (the setting's null), so a new lock is included unless the user chose.
 * Locks are named by serial, which survives re-adding a lock to the account.
 *
 * A box per lock is 600 elements at 200 locks, so the boxes are built when the settings are
 * first shown; until then the field keeps what it was filled with and reads that back.
 */
import type { AccountLock } from '../preload/contract.ts';
import { h } from './dom.ts';

export interface UnlockedLocksField {
  element: HTMLElement;
  /** The chosen serials, or null for every lock. */
  read(): string[] | null;
  fill(serials: readonly string[] | null, locks: readonly AccountLock[]): void;
  setEnabled(enabled: boolean): void;
  /** Builds the boxes the first time the field is seen. */
  setVisible(visible: boolean): void;
}

interface Choice {
  serials: readonly string[] | null;
  locks: readonly AccountLock[];
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
  /** What the field was filled with while hidden, not yet built into boxes. */
  let unbuilt: Choice | null = { serials: null, locks: [] };
  let visible = false;
  let enabled = true;

  function build({ serials, locks }: Choice): void {
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
              disabled: !enabled,
            }),
            h('label', { for: id }, lock.name.trim() || `Lock ${lock.id}`),
          ),
        ];
      }),
    );
  }

  function buildOnceSeen(): void {
    if (!visible || unbuilt === null) return;
    build(unbuilt);
    unbuilt = null;
  }

  return {
    element,
    read() {
      const chosen =
        unbuilt === null
          ? inputs()
              .filter((input) => input.checked)
              .map((input) => input.value)
          : chosenSerials(unbuilt);
      return chosen.length === 0 ? null : chosen;
    },
    fill(serials, locks) {
      unbuilt = { serials, locks };
      buildOnceSeen();
    },
    setEnabled(isEnabled) {
      enabled = isEnabled;
      for (const input of inputs()) input.disabled = !enabled;
    },
    setVisible(isVisible) {
      visible = isVisible;
      buildOnceSeen();
    },
  };
}

/** The serials a built field would read back: chosen locks of the account, in its order. */
function chosenSerials({ serials, locks }: Choice): string[] {
  const chosen = new Set(serials ?? []);
  return locks.flatMap((lock) =>
    lock.serial !== null && chosen.has(lock.serial) ? [lock.serial] : [],
  );
}
