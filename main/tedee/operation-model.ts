/**
 * Moving a lock (tedee-api.md §4.8): the three operations, and what Tedee says about one it
 * accepted. The cloud answers only a number for a failed operation (no table of codes exists),
 * so the number is all the app can pass on.
 */

export const LOCK_OPERATIONS = ['lock', 'unlock', 'pull'] as const;
export type LockOperation = (typeof LOCK_OPERATIONS)[number];

/** `GET /my/device/operation/{operationId}`, readable. */
export type OperationStatus =
  | { status: 'pending' }
  /** `result` 0 is success; anything else is an error Tedee does not explain. */
  | { status: 'completed'; result: number };
