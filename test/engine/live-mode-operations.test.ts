/**
 * Lock operations in live mode (issue 10, item 4), the engine against both simulators on
 * loopback on simulated time: a lock the bridge follows live moves through the bridge (its
 * callback confirms, the cloud is not asked), a lock whose bridge is unreachable through the
 * cloud, and the bridge path names what went wrong (405, 406, jammed).
 */
import { describe, expect, it } from 'vitest';
import { BRIDGE_FAULTS } from '../../main/demo/bridge-simulator.ts';
import { SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import { CloudOperationPath } from '../../main/engine/cloud-operation-path.ts';
import { LockOperations } from '../../main/engine/lock-operations.ts';
import type { FinishedOperation } from '../../main/engine/lock-operations.ts';
import type { LockOperation } from '../../main/tedee/operation-model.ts';
import { startLiveHarness } from './live-harness.ts';

const { frontDoor, garage } = SAMPLE_LOCK_IDS;
const SECOND = 1000;

type Harness = Awaited<ReturnType<typeof startLiveHarness>>;

/** The app's wiring: the monitor chooses the path, the cloud path uses the harness's key. */
function operationsOf(h: Harness) {
  const api = h.api;
  const cloud = api
    ? new CloudOperationPath({
        api,
        gate: h.monitor.operationGate,
        clock: h.clock,
        onForbidden: () => {},
      })
    : null;
  return new LockOperations({
    monitor: h.monitor,
    clock: h.clock,
    paths: () => h.monitor.operationPaths(cloud),
  });
}

/** Starts one operation and moves simulated time a second at a time until it ends. */
async function carryOut(
  h: Harness,
  lockId: number,
  operation: LockOperation,
): Promise<FinishedOperation> {
  const operations = operationsOf(h);
  const answer = operations.start(lockId, operation, 'tray');
  if (answer.kind !== 'started') throw new Error(`not started: ${answer.kind}`);
  let finished: FinishedOperation | null = null;
  void answer.done.then((done) => (finished = done));
  for (let second = 0; finished === null && second < 70; second += 1) {
    await h.advance(SECOND);
    h.bridge.settleOperations();
  }
  return answer.done;
}

const bridgeOperations = (h: Harness) =>
  h.bridge
    .requests()
    .filter((request) => request.method === 'POST' && request.path !== '/v1.0/callback');
const cloudOperations = (h: Harness) =>
  h.cloud
    .requests()
    .filter((request) => request.method === 'POST' && request.path.includes('/operation/'));

describe('the path of an operation in live mode', () => {
  it('goes through the bridge for a live lock, confirmed without asking the cloud', async () => {
    const h = await startLiveHarness({ scopes: ['Device.Read', 'Lock.Operate'] });
    await h.advance(5 * SECOND);
    expect(h.live().mode).toBe('callbacks');
    const syncsBefore = h.cloudSyncs().length;

    const finished = await carryOut(h, garage, 'lock');

    expect(finished.route).toBe('bridge');
    expect(finished.outcome).toEqual({ ok: true, message: 'Garage is locked.' });
    expect(finished.finishedAt - finished.startedAt).toBeLessThanOrEqual(6 * SECOND);
    expect(bridgeOperations(h).map((request) => request.path)).toEqual([
      `/v1.0/lock/${garage}/lock`,
    ]);
    expect(cloudOperations(h)).toEqual([]);
    expect(h.cloudSyncs()).toHaveLength(syncsBefore);
    // The bridge's callback brought the new state to the monitor, marked as the bridge's.
    expect(h.lock(garage)).toMatchObject({ state: 'locked', source: 'bridge' });
    // Heartbeats, callback checks and the operation's own reads: never two within a second.
    expect(h.bridge.shortestRequestGap()).toBeGreaterThanOrEqual(SECOND);
  });

  it('goes through the cloud when the bridge is unreachable, and back through the bridge after', async () => {
    const h = await startLiveHarness({ scopes: ['Device.Read', 'Lock.Operate'] });
    await h.advance(5 * SECOND);
    await h.bridge.setReachability('refusing');
    await h.advance(40 * SECOND);
    expect(h.live().mode).toBe('bridge-unreachable');

    const throughCloud = await carryOut(h, garage, 'lock');
    expect(throughCloud.route).toBe('cloud');
    expect(throughCloud.outcome).toEqual({ ok: true, message: 'Garage is locked.' });
    expect(cloudOperations(h).map((request) => request.path)).toEqual([
      expect.stringMatching(new RegExp(`/my/lock/${garage}/operation/lock$`)),
    ]);
    expect(bridgeOperations(h)).toEqual([]);

    await h.bridge.setReachability('answering');
    await h.advance(15 * SECOND);
    expect(h.live().mode).toBe('callbacks');
    const throughBridge = await carryOut(h, frontDoor, 'lock');
    expect(throughBridge.route).toBe('bridge');
  });

  it('without a key, a lock the bridge cannot reach has no path', async () => {
    const h = await startLiveHarness({ bridgeOnly: true });
    await h.advance(5 * SECOND);
    await h.bridge.setReachability('refusing');
    await h.advance(40 * SECOND);
    expect(operationsOf(h).start(garage, 'lock', 'window')).toMatchObject({
      kind: 'unavailable',
    });
  });
});

describe('named reasons from the bridge path', () => {
  it('a disconnected lock (405)', async () => {
    const h = await startLiveHarness();
    await h.advance(5 * SECOND);
    h.bridge.queueFault(BRIDGE_FAULTS.lockDisconnected);
    const finished = await carryOut(h, garage, 'lock');
    expect(finished.route).toBe('bridge');
    expect(finished.outcome).toEqual({
      ok: false,
      reason: 'lock-disconnected',
      message: 'Locking Garage failed: the lock is disconnected from the bridge.',
    });
  });

  it('a Bluetooth error (406), with its code', async () => {
    const h = await startLiveHarness();
    await h.advance(5 * SECOND);
    h.bridge.queueFault(BRIDGE_FAULTS.bluetooth);
    const finished = await carryOut(h, garage, 'lock');
    expect(finished.outcome).toEqual({
      ok: false,
      reason: 'bluetooth',
      message: 'Locking Garage failed: the lock reported a Bluetooth error (code 2).',
    });
  });

  it('a jammed lock, from the bridge’s flag', async () => {
    const h = await startLiveHarness();
    await h.advance(5 * SECOND);
    h.bridge.jamNextOperation(garage);
    const finished = await carryOut(h, garage, 'lock');
    expect(finished.outcome).toMatchObject({ ok: false, reason: 'jammed' });
    expect(cloudOperations(h)).toEqual([]);
  });
});
