/**
 * The endpoint paths as Tedee documents them (tedee-api.md §4), written out: the client and the
 * simulator both build on apiPaths, so a wrong path would pass every test against the simulator
 * and fail only against the real service.
 */
import { describe, expect, it } from 'vitest';
import {
  API_VERSION,
  DEFAULT_API_URL,
  apiPaths,
  personalKeyAuthorization,
} from '../../main/tedee/api-paths.ts';

describe('apiPaths', () => {
  it('addresses the v37 API at api.tedee.com', () => {
    expect(DEFAULT_API_URL).toBe('https://api.tedee.com');
    expect(API_VERSION).toBe('v37');
  });

  it('names every endpoint the app uses', () => {
    expect(apiPaths.lockList).toBe('/api/v37/my/lock');
    expect(apiPaths.lock(48213)).toBe('/api/v37/my/lock/48213');
    expect(apiPaths.syncAll).toBe('/api/v37/my/lock/sync');
    expect(apiPaths.syncSingle(48213)).toBe('/api/v37/my/lock/48213/sync');
    expect(apiPaths.deviceDetails).toBe('/api/v37/my/device/details');
    expect(apiPaths.doorSensors).toBe('/api/v37/my/doorsensor');
    expect(apiPaths.personalAccessKeys).toBe('/api/v37/my/personalaccesskey');
  });

  it.each(['lock', 'unlock', 'pull'] as const)(
    'posts %s to the lock operation path',
    (operation) => {
      expect(apiPaths.operation(48213, operation)).toBe(
        `/api/v37/my/lock/48213/operation/${operation}`,
      );
    },
  );

  it('escapes the operation id it polls', () => {
    expect(apiPaths.operationStatus('a1b2')).toBe('/api/v37/my/device/operation/a1b2');
    expect(apiPaths.operationStatus('../lock')).toBe('/api/v37/my/device/operation/..%2Flock');
  });
});

describe('personalKeyAuthorization', () => {
  it('is the PersonalKey scheme, one space, the key', () => {
    expect(personalKeyAuthorization('abc.def')).toBe('PersonalKey abc.def');
  });
});
