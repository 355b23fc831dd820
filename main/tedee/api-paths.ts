/**
 * Paths of the Tedee cloud endpoints this app uses. The client builds requests from these
 * and the simulator routes on them, so the two cannot drift apart.
 */

import type { LockOperation } from './operation-model.ts';

export const DEFAULT_API_URL = 'https://api.tedee.com';

/** v37 is the current API version; every v1.3x version is deprecated or retired (tedee-api.md §1). */
export const API_VERSION = 'v37';

const apiRoot = `/api/${API_VERSION}`;

export const apiPaths = {
  lockList: `${apiRoot}/my/lock`,
  lock: (id: number) => `${apiRoot}/my/lock/${id}`,
  syncAll: `${apiRoot}/my/lock/sync`,
  syncSingle: (id: number) => `${apiRoot}/my/lock/${id}/sync`,
  deviceDetails: `${apiRoot}/my/device/details`,
  doorSensors: `${apiRoot}/my/doorsensor`,
  personalAccessKeys: `${apiRoot}/my/personalaccesskey`,
  deviceActivity: `${apiRoot}/my/deviceactivity`,
  /** POST; needs the Lock.Operate scope (tedee-api.md §4.8). */
  operation: (id: number, operation: LockOperation) =>
    `${apiRoot}/my/lock/${id}/operation/${operation}`,
  operationStatus: (operationId: string) =>
    `${apiRoot}/my/device/operation/${encodeURIComponent(operationId)}`,
} as const;

/** The header value Tedee expects for a Personal Access Key: scheme word, one space, key. */
export function personalKeyAuthorization(key: string): string {
  return `PersonalKey ${key}`;
}
