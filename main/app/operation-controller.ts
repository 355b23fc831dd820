/**
 * The app's side of moving locks: who may ask for what, the native confirmation an unlock
 * needs, the log line of every operation and the notification of a failure. The engine's
 * LockOperations carries an operation out; this decides whether it starts at all.
 *
 * The safety rules live here, in the main process, where the window cannot reach them:
 * - unlock and pull only when the user allowed them in the settings, never from a notification;
 * - each unlock or pull only after main's own dialog, naming the lock, was confirmed: whatever
 *   the window sends, no unlock request leaves the app without that dialog's "Unlock".
 */
import type { LockOperations, FinishedOperation } from '../engine/lock-operations.ts';
import type { OperationSource } from '../engine/operation-outcome.ts';
import type { LockOperation } from '../tedee/operation-model.ts';
import type { OperationsState } from '../../preload/contract.ts';
import type { ConfirmPort, Logger, NotifierPort } from './ports.ts';
import { UserFacingError } from './user-facing-error.ts';

export type OperationAnswer = 'started' | 'ignored' | 'cancelled';

export interface OperationControllerDeps {
  operations: LockOperations;
  confirm: ConfirmPort;
  notifier: NotifierPort;
  logger: Logger;
  /** The user's "Allow unlocking from this computer" switch, as saved now. */
  unlockAllowed(): boolean;
  /** The name of a monitored lock, or null when no monitored lock has this id. */
  lockName(lockId: number): string | null;
  /** An operation started or ended: render the window and the tray again. */
  changed(): void;
}

const CONFIRM_LABEL: Readonly<Record<Exclude<LockOperation, 'lock'>, string>> = {
  unlock: 'Unlock',
  pull: 'Pull the latch',
};

export class OperationController {
  readonly #deps: OperationControllerDeps;
  readonly #results = new Map<number, OperationsState['results'][number]>();
  /** Set by the first 403 for the current key; cleared when the key changes. */
  #cloudRefused = false;

  constructor(deps: OperationControllerDeps) {
    this.#deps = deps;
  }

  /** Whether the actions are shown: until Tedee refused one for lack of Lock.Operate. */
  get canOperate(): boolean {
    return !this.#cloudRefused;
  }

  /** Tedee answered 403 to an operation: this key cannot move locks through the cloud. */
  cloudRefused(): void {
    this.#cloudRefused = true;
  }

  /** A new key (or none): its scopes are unknown again, and old results no longer apply. */
  keyChanged(): void {
    this.#cloudRefused = false;
    this.#results.clear();
  }

  async request(
    lockId: number,
    operation: LockOperation,
    source: OperationSource,
  ): Promise<OperationAnswer> {
    const name = this.#deps.lockName(lockId);
    if (name === null) throw new UserFacingError('That lock is not monitored.');
    if (operation !== 'lock') {
      if (source === 'notification')
        throw new UserFacingError('A notification can only lock, never unlock.');
      if (!this.#deps.unlockAllowed())
        throw new UserFacingError(
          'Unlocking from this computer is off. Turn on "Allow unlocking from this computer" in the settings first.',
        );
      const confirmed = await this.#deps.confirm.confirm({
        message: `${operation === 'unlock' ? 'Unlock' : 'Pull the latch of'} ${name}?`,
        detail: 'The door will open for anyone there.',
        confirmLabel: CONFIRM_LABEL[operation],
      });
      if (!confirmed) {
        this.#deps.logger.info(
          `${describe(operation, name, lockId, source)}: cancelled in the dialog.`,
        );
        return 'cancelled';
      }
    }
    const answer = this.#deps.operations.start(lockId, operation, source);
    switch (answer.kind) {
      case 'ignored':
        return 'ignored';
      case 'unavailable':
        throw new UserFacingError(answer.message);
      case 'started':
        this.#results.delete(lockId);
        this.#deps.logger.info(`${describe(operation, name, lockId, source)}: started.`);
        void answer.done.then((finished) => this.#finished(finished));
        this.#deps.changed();
        return 'started';
    }
  }

  state(unlockAllowed: boolean, focusLockButton: number | null): OperationsState {
    return {
      canOperate: this.canOperate,
      unlockAllowed,
      notice: this.#cloudRefused
        ? 'Tedee refused to move a lock with this key: it needs the Lock.Operate scope. Create a key with Device.Read and Lock.Operate at https://portal.tedee.com/personal-access-keys to lock from here.'
        : null,
      running: this.#deps.operations
        .running()
        .map(({ lockId, operation }) => ({ lockId, operation })),
      results: [...this.#results.values()],
      focusLockButton,
    };
  }

  #finished(finished: FinishedOperation): void {
    const { lockId, lockName, operation, source, route, outcome } = finished;
    this.#results.set(lockId, {
      lockId,
      operation,
      ok: outcome.ok,
      message: outcome.message,
      at: finished.finishedAt,
    });
    const line = `${describe(operation, lockName, lockId, source)}, via the ${route}: ${outcome.message}`;
    this.#deps.changed();
    if (outcome.ok) {
      this.#deps.logger.info(line);
      return;
    }
    this.#deps.logger.warn(line);
    this.#deps.notifier.notify(
      { title: outcome.message.split(':')[0] ?? outcome.message, body: outcome.message },
      lockId,
    );
  }
}

/** "Lock Garage (48377), asked from the tray": who asked for what; never the key. */
function describe(
  operation: LockOperation,
  name: string,
  lockId: number,
  source: OperationSource,
): string {
  const verb = { lock: 'Lock', unlock: 'Unlock', pull: 'Pull the latch of' }[operation];
  return `${verb} ${name} (${lockId}), asked from the ${source}`;
}
