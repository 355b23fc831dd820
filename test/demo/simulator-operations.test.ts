import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiPaths } from '../../main/tedee/api-paths.ts';
import { SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import { envelopeSchema } from '../../main/tedee/wire-schemas.ts';
import { closeSimulators, KEY, request, schemas, startSimulator } from './simulator-harness.ts';

afterEach(closeSimulators);

const { frontDoor, garage } = SAMPLE_LOCK_IDS;
const OPERATE = { key: KEY, scopes: ['Device.Read', 'Lock.Operate'] };

const started = envelopeSchema(
  z.object({ operationId: z.string().regex(/^\d+$/), lastStateChangedDate: z.string() }),
);
const status = envelopeSchema(
  z.object({
    deviceId: z.number(),
    operationId: z.string(),
    status: z.enum(['PENDING', 'COMPLETED']),
    result: z.number(),
  }),
);

async function operate(
  simulator: Awaited<ReturnType<typeof startSimulator>>['simulator'],
  id: number,
  operation: 'lock' | 'unlock' | 'pull',
) {
  return request(simulator, apiPaths.operation(id, operation), { method: 'POST' });
}

async function statusOf(
  simulator: Awaited<ReturnType<typeof startSimulator>>['simulator'],
  operationId: string,
) {
  return status.parse((await request(simulator, apiPaths.operationStatus(operationId))).json())
    .result;
}

describe('POST /my/lock/{id}/operation/... (Lock.Operate)', () => {
  it('answers 202 with an operation id, shows Locking for about 3 s, then Locked', async () => {
    const { simulator, clock } = await startSimulator({ keys: [OPERATE] });
    const answer = await operate(simulator, garage, 'lock');
    expect(answer.status).toBe(202);
    const { operationId } = started.parse(answer.json()).result!;
    expect(simulator.lock(garage)?.state).toBe('locking');
    expect(await statusOf(simulator, operationId)).toMatchObject({
      deviceId: garage,
      status: 'PENDING',
    });
    clock.advance(2_999);
    expect(simulator.lock(garage)?.state).toBe('locking');
    clock.advance(1);
    expect(simulator.lock(garage)?.state).toBe('locked');
    expect(await statusOf(simulator, operationId)).toMatchObject({
      status: 'COMPLETED',
      result: 0,
    });
  });

  it('unlocks a locked lock, and pulls the latch of an unlocked one', async () => {
    const { simulator, clock } = await startSimulator({ keys: [OPERATE] });
    expect((await operate(simulator, frontDoor, 'unlock')).status).toBe(202);
    expect(simulator.lock(frontDoor)?.state).toBe('unlocking');
    expect((await operate(simulator, garage, 'pull')).status).toBe(202);
    expect(simulator.lock(garage)?.state).toBe('pulling');
    clock.advance(3_000);
    expect(simulator.lock(frontDoor)?.state).toBe('unlocked');
    expect(simulator.lock(garage)?.state).toBe('unlocked');
  });

  it('completes with an error code from the wrong state or a disconnected lock, moving nothing', async () => {
    const { simulator } = await startSimulator({ keys: [OPERATE] });
    const wrongState = started.parse((await operate(simulator, frontDoor, 'lock')).json()).result!;
    expect(await statusOf(simulator, wrongState.operationId)).toMatchObject({
      status: 'COMPLETED',
      result: 1,
    });
    simulator.updateLock(garage, { connected: false });
    const disconnected = started.parse((await operate(simulator, garage, 'lock')).json()).result!;
    expect(await statusOf(simulator, disconnected.operationId)).toMatchObject({ result: 3 });
    expect(simulator.lock(frontDoor)?.state).toBe('locked');
    expect(simulator.lock(garage)?.state).toBe('unlocked');
  });

  it('jams when told to: semi-locked, a failed state change, result code 2', async () => {
    const { simulator, clock } = await startSimulator({ keys: [OPERATE] });
    simulator.jamNextOperation(garage);
    const { operationId } = started.parse(
      (await operate(simulator, garage, 'lock')).json(),
    ).result!;
    clock.advance(3_000);
    expect(simulator.lock(garage)).toMatchObject({ state: 'semi-locked', stateChangeResult: 1 });
    expect(await statusOf(simulator, operationId)).toMatchObject({ result: 2 });
  });

  it('refuses a key without Lock.Operate with 403, and reads still work with it', async () => {
    const { simulator } = await startSimulator();
    const answer = await operate(simulator, garage, 'lock');
    expect(answer.status).toBe(403);
    expect(schemas.error.parse(answer.json()).statusCode).toBe(403);
    expect(simulator.lock(garage)?.state).toBe('unlocked');
    expect((await request(simulator, apiPaths.syncAll)).status).toBe(200);
  });

  it('takes operations by POST only, and knows only the ids it gave', async () => {
    const { simulator } = await startSimulator({ keys: [OPERATE] });
    const get = await request(simulator, apiPaths.operation(garage, 'lock'));
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await operate(simulator, 4242, 'lock')).status).toBe(404);
    expect((await request(simulator, apiPaths.operationStatus('123'))).status).toBe(404);
  });
});
