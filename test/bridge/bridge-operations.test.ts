import { afterEach, describe, expect, it } from 'vitest';
import { BridgeOperationPath } from '../../main/engine/bridge-operation-path.ts';
import { BRIDGE_FAULTS } from '../../main/demo/bridge-simulator.ts';
import { SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import { BluetoothError, LockDisconnectedError } from '../../main/bridge/bridge-errors.ts';
import { closeBridges, failureOf, startBridge } from './bridge-harness.ts';

afterEach(closeBridges);

const { frontDoor, garage } = SAMPLE_LOCK_IDS;

describe('BridgeClient.operate', () => {
  it('POSTs /lock/{id}/lock with no body; the bridge answers 204 and the lock starts locking', async () => {
    const { simulator, client } = await startBridge();
    await client().operate(garage, 'lock');
    const [sent] = simulator.requests();
    expect(sent).toMatchObject({ method: 'POST', path: `/v1.0/lock/${garage}/lock`, status: 204 });
    expect(simulator.locks().find((lock) => lock.id === garage)?.state).toBe('locking');
  });

  it('turns 405 and 406 into their typed errors', async () => {
    const { simulator, client } = await startBridge();
    simulator.updateLock(garage, { connected: false });
    expect(await failureOf(client().operate(garage, 'lock'))).toBeInstanceOf(LockDisconnectedError);
    simulator.queueFault(BRIDGE_FAULTS.bluetooth);
    const bluetooth = await failureOf(client().operate(frontDoor, 'unlock'));
    expect(bluetooth).toBeInstanceOf(BluetoothError);
    expect((bluetooth as BluetoothError).code).toBe(2);
  });
});

describe('the bridge path', () => {
  const run = async (
    setUp: (bridge: Awaited<ReturnType<typeof startBridge>>) => void,
    lockId: number,
    operation: 'lock' | 'unlock' | 'pull',
  ) => {
    const bridge = await startBridge();
    setUp(bridge);
    const path = new BridgeOperationPath(bridge.client(), bridge.clock);
    const result = await path.run(lockId, operation, new AbortController().signal);
    return { result, bridge };
  };

  it('locks and reads the lock until it reports locked, a second apart', async () => {
    const { result, bridge } = await run(() => {}, garage, 'lock');
    expect(result).toEqual({ kind: 'confirmed' });
    expect(bridge.simulator.locks().find((lock) => lock.id === garage)?.state).toBe('locked');
    const requests = bridge.simulator.requests();
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `POST /v1.0/lock/${garage}/lock`,
      `GET /v1.0/lock/${garage}`,
      `GET /v1.0/lock/${garage}`,
      `GET /v1.0/lock/${garage}`,
    ]);
    expect(bridge.simulator.shortestRequestGap()).toBeGreaterThanOrEqual(1_000);
  });

  it('names a jam from the bridge’s own flag', async () => {
    const { result } = await run(
      ({ simulator }) => simulator.jamNextOperation(garage),
      garage,
      'lock',
    );
    expect(result).toEqual({ kind: 'failed', reason: 'jammed', detail: 'the lock is jammed.' });
  });

  it('names a disconnected lock (405) and a Bluetooth error (406)', async () => {
    const disconnected = await run(
      ({ simulator }) => simulator.updateLock(garage, { connected: false }),
      garage,
      'lock',
    );
    expect(disconnected.result).toEqual({
      kind: 'failed',
      reason: 'lock-disconnected',
      detail: 'the lock is disconnected from the bridge.',
    });
    const bluetooth = await run(
      ({ simulator }) => simulator.queueFault(BRIDGE_FAULTS.bluetooth),
      frontDoor,
      'unlock',
    );
    expect(bluetooth.result).toEqual({
      kind: 'failed',
      reason: 'bluetooth',
      detail: 'the lock reported a Bluetooth error (code 2).',
    });
  });

  it('calls a bridge that stays busy (409) busy, and a rejected token no permission', async () => {
    const busy = await run(
      ({ simulator }) => simulator.queueFault(BRIDGE_FAULTS.busy, 3),
      garage,
      'lock',
    );
    expect(busy.result).toMatchObject({ kind: 'failed', reason: 'busy' });
    const rejected = await run(({ simulator }) => simulator.setAuthMode('plain'), garage, 'lock');
    expect(rejected.result).toEqual({
      kind: 'failed',
      reason: 'no-permission',
      detail: 'the bridge rejected the token.',
    });
  });

  it('unlocks, and pulls the latch of an unlocked lock', async () => {
    const unlock = await run(() => {}, frontDoor, 'unlock');
    expect(unlock.result).toEqual({ kind: 'confirmed' });
    const pull = await run(() => {}, garage, 'pull');
    expect(pull.result).toEqual({ kind: 'confirmed' });
    expect(pull.bridge.simulator.requests()[0]?.path).toBe(`/v1.0/lock/${garage}/pull`);
  });
});
