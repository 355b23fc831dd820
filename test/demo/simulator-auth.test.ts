import { afterEach, describe, expect, it } from 'vitest';
import { apiPaths } from '../../main/tedee/api-paths.ts';
import {
  closeSimulators,
  docFixture,
  KEY,
  request,
  schemas,
  startSimulator,
} from './simulator-harness.ts';

afterEach(closeSimulators);

describe('Personal Access Key authentication', () => {
  it('answers 401 with the documented envelope when the header is missing', async () => {
    const { simulator } = await startSimulator();
    const answer = await request(simulator, apiPaths.syncAll, { key: null });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(schemas.error.parse(answer.json())).toEqual(docFixture('error-401'));
  });

  it('answers 401 for an unknown key and for a known key under another scheme', async () => {
    const { simulator } = await startSimulator();
    expect((await request(simulator, apiPaths.syncAll, { key: 'someone-else' })).status).toBe(401);
    for (const authorization of [
      `Bearer ${KEY}`,
      KEY,
      `PersonalKey  ${KEY}`,
      `PersonalKey ${KEY.toUpperCase()}`,
    ]) {
      const answer = await request(simulator, apiPaths.syncAll, {
        key: null,
        headers: { Authorization: authorization },
      });
      expect(answer.status, authorization).toBe(401);
    }
  });

  it('accepts the scheme word in any case, as HTTP auth schemes are', async () => {
    const { simulator } = await startSimulator();
    const answer = await request(simulator, apiPaths.syncAll, {
      key: null,
      headers: { Authorization: `personalkey ${KEY}` },
    });
    expect(answer.status).toBe(200);
  });

  it('answers 401 on every route for a bad key, before routing', async () => {
    const { simulator } = await startSimulator();
    expect((await request(simulator, '/api/v37/unknown', { key: 'bad' })).status).toBe(401);
    expect(
      (await request(simulator, apiPaths.lockList, { key: 'bad', method: 'POST' })).status,
    ).toBe(401);
  });

  it('answers 403 to a key without Device.Read, and serves one with Device.ReadWrite', async () => {
    const { simulator } = await startSimulator({
      keys: [
        { key: 'activity-only', scopes: ['DeviceActivity.Read'] },
        { key: 'read-write', scopes: ['Device.ReadWrite'] },
      ],
    });
    for (const path of [
      apiPaths.lockList,
      apiPaths.lock(48213),
      apiPaths.syncAll,
      apiPaths.syncSingle(48213),
    ]) {
      const forbidden = await request(simulator, path, { key: 'activity-only' });
      expect(forbidden.status, path).toBe(403);
      expect(schemas.error.parse(forbidden.json())).toEqual({
        success: false,
        errorMessages: ['Forbidden'],
        statusCode: 403,
      });
      expect((await request(simulator, path, { key: 'read-write' })).status, path).toBe(200);
    }
  });

  it('answers 401 once a key is revoked, and accepts a key added later', async () => {
    const { simulator } = await startSimulator();
    expect((await request(simulator, apiPaths.syncAll)).status).toBe(200);
    simulator.revokeKey(KEY);
    expect((await request(simulator, apiPaths.syncAll)).status).toBe(401);
    simulator.addKey('new-key');
    expect((await request(simulator, apiPaths.syncAll, { key: 'new-key' })).status).toBe(200);
  });
});
