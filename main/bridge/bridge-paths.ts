/**
 * Paths of the Bridge local API this app uses, relative to `http://HOST[:PORT]`. The client
 * builds requests from these and the bridge simulator routes on them, so the two cannot drift.
 * `PUT /callback` is deliberately absent: it replaces every program's callbacks at once.
 */

import type { LockOperation } from '../tedee/operation-model.ts';

/** The only version that has ever appeared in paths (the document version is 1.2). */
export const BRIDGE_API_ROOT = '/v1.0';

/** The request header that carries the token (the query string would put it in logs). */
export const API_TOKEN_HEADER = 'api_token';

export const bridgePaths = {
  bridge: `${BRIDGE_API_ROOT}/bridge`,
  lockList: `${BRIDGE_API_ROOT}/lock`,
  lock: (id: number) => `${BRIDGE_API_ROOT}/lock/${id}`,
  /** POST, no body; 204 means the motor started (§1.4). */
  operation: (id: number, operation: LockOperation) => `${BRIDGE_API_ROOT}/lock/${id}/${operation}`,
  callbacks: `${BRIDGE_API_ROOT}/callback`,
  callback: (id: number) => `${BRIDGE_API_ROOT}/callback/${id}`,
} as const;
