/**
 * One way of moving a lock: through the Tedee cloud or through the bridge on the local
 * network. LockOperations picks one per operation (chooseOperationPath) and waits for the
 * lock's state; a path only sends the command and says what it learned.
 */
import type { LockOperation } from '../tedee/operation-model.ts';
import type { FailureReason, OperationRoute } from './operation-outcome.ts';

export type PathResult =
  /** The lock itself reported the end state (the bridge reads it). */
  | { kind: 'confirmed' }
  /** Tedee says the operation completed; the next sync is to show the lock's state. */
  | { kind: 'accepted' }
  /** `detail` ends the user's sentence; `code` is the cloud's result code, when it sent one. */
  | { kind: 'failed'; reason: FailureReason; detail: string; code?: number };

export interface OperationPath {
  readonly route: OperationRoute;
  /** Never rejects: every failure is a result. Stops early when `signal` aborts. */
  run(lockId: number, operation: LockOperation, signal: AbortSignal): Promise<PathResult>;
}

export interface OperationPaths {
  cloud: OperationPath | null;
  /** Present while live mode has a bridge; which locks it serves says `isLive`. */
  bridge: OperationPath | null;
  /** Whether live mode is live for this lock (its state comes from the bridge). */
  isLive(lockId: number): boolean;
}

/** The bridge when the lock is live through it, otherwise the cloud; null when neither can. */
export function chooseOperationPath(paths: OperationPaths, lockId: number): OperationPath | null {
  if (paths.bridge && paths.isLive(lockId)) return paths.bridge;
  return paths.cloud;
}
