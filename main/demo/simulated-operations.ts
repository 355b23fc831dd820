/**
 * Lock, unlock and pull on the simulated locks, with realistic timing (tedee-api.md §4.8,
 * bridge §1.4): the lock shows the moving state (locking, unlocking, pulling) for about 3 s,
 * then the end state. A lock in the wrong state, a disconnected lock and a lock told to jam
 * end the operation with an error. Both simulators use this: the cloud one reports the result
 * through its operation status endpoint, the bridge one through its state and callbacks.
 *
 * Time is the injected clock's, so nothing moves by itself: `settle(now)` finishes every
 * operation that is due, and the simulators call it before answering each request (tests on
 * a fake clock call it after advancing the clock).
 */
import type { LockOperation } from '../tedee/operation-model.ts';
import type { LockPatch, SimulatedLock } from './simulated-lock.ts';
import type { LockState } from '../tedee/lock-enums.ts';

/** Lock and unlock "typically complete within ~3 s" (tedee-api.md §4.8). */
export const OPERATION_DURATION_MS = 3_000;

/**
 * The simulator's own result codes: Tedee publishes no table (tedee-api.md §6), only that 0 is
 * success. Distinct numbers let a test tell the causes apart.
 */
export const SIMULATED_RESULT_CODES = { wrongState: 1, jammed: 2, disconnected: 3 } as const;

/** Where each operation may start (tedee-api.md §4.8). */
const ALLOWED_FROM: Readonly<Record<LockOperation, readonly LockState[]>> = {
  lock: ['unlocked', 'semi-locked'],
  unlock: ['locked', 'semi-locked'],
  pull: ['unlocked'],
};
const MOVING_STATE: Readonly<Record<LockOperation, LockState>> = {
  lock: 'locking',
  unlock: 'unlocking',
  pull: 'pulling',
};
/** A pull lets the latch go again: the lock ends unlocked. */
const END_STATE: Readonly<Record<LockOperation, LockState>> = {
  lock: 'locked',
  unlock: 'unlocked',
  pull: 'unlocked',
};

export interface SimulatedOperation {
  operationId: string;
  lockId: number;
  operation: LockOperation;
  /** null while the motor runs; then 0 (success) or one of SIMULATED_RESULT_CODES. */
  result: number | null;
  endsAt: number;
}

/** Why an operation could not even start (the bridge answers these with an HTTP status). */
export type StartRefusal = 'wrong-state' | 'disconnected';

export interface LockAccess {
  find(id: number): SimulatedLock | undefined;
  /** Changes the lock (and, on the bridge, sends the callbacks such a change causes). */
  update(id: number, patch: LockPatch & { jammed?: boolean }): void;
}

export class SimulatedOperations {
  readonly #locks: LockAccess;
  readonly #operations = new Map<string, SimulatedOperation>();
  readonly #jamNext = new Set<number>();
  #lastOperationId = 0;

  constructor(locks: LockAccess) {
    this.#locks = locks;
  }

  /** The next lock or unlock of this lock jams: it ends semi-locked, with an error. */
  jamNext(lockId: number): void {
    this.#jamNext.add(lockId);
  }

  /** Why `operation` cannot start on the lock now, or null when it can. */
  refusal(lockId: number, operation: LockOperation): StartRefusal | null {
    const lock = this.#locks.find(lockId);
    if (!lock) throw new RangeError(`No simulated lock with id ${lockId}`);
    if (lock.connected !== true) return 'disconnected';
    return ALLOWED_FROM[operation].includes(lock.state) ? null : 'wrong-state';
  }

  /**
   * Starts the operation and returns its id (epoch ms as a string, as Tedee's are). One that
   * cannot start is recorded as completed with its error code, as the cloud reports it.
   */
  start(lockId: number, operation: LockOperation, now: number): SimulatedOperation {
    this.settle(now);
    const refusal = this.refusal(lockId, operation);
    const operationId = String(Math.max(now, this.#lastOperationId + 1));
    this.#lastOperationId = Number(operationId);
    const started: SimulatedOperation = {
      operationId,
      lockId,
      operation,
      result: refusal === null ? null : SIMULATED_RESULT_CODES[toCodeName(refusal)],
      endsAt: refusal === null ? now + OPERATION_DURATION_MS : now,
    };
    this.#operations.set(operationId, started);
    if (refusal === null) this.#locks.update(lockId, { state: MOVING_STATE[operation] });
    return { ...started };
  }

  find(operationId: string): SimulatedOperation | undefined {
    const operation = this.#operations.get(operationId);
    return operation ? { ...operation } : undefined;
  }

  /** Finishes every operation whose motor time has passed. */
  settle(now: number): void {
    for (const running of this.#operations.values()) {
      if (running.result !== null || running.endsAt > now) continue;
      const jams = running.operation !== 'pull' && this.#jamNext.delete(running.lockId);
      running.result = jams ? SIMULATED_RESULT_CODES.jammed : 0;
      const patch = jams
        ? { state: 'semi-locked' as const, stateChangeResult: 1, jammed: true }
        : { state: END_STATE[running.operation] };
      // A lock removed meanwhile has nothing left to move.
      if (this.#locks.find(running.lockId)) this.#locks.update(running.lockId, patch);
    }
  }
}

function toCodeName(refusal: StartRefusal): keyof typeof SIMULATED_RESULT_CODES {
  return refusal === 'wrong-state' ? 'wrongState' : 'disconnected';
}
