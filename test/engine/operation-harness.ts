/**
 * Lock operations wired to the monitor harness (engine + cloud simulator on a manual clock),
 * with a key that has Lock.Operate unless a test says otherwise. Every operation request is
 * tracked, so moving the clock waits for the requests in flight as it does for polls.
 */
import { CloudOperationPath } from '../../main/engine/cloud-operation-path.ts';
import type { TedeeOperationsApi } from '../../main/engine/cloud-operation-path.ts';
import { LockOperations } from '../../main/engine/lock-operations.ts';
import type { FinishedOperation, RunningOperation } from '../../main/engine/lock-operations.ts';
import type { OperationPath } from '../../main/engine/operation-path.ts';
import type { HarnessOptions } from './monitor-harness.ts';
import { startHarness, TEST_KEY } from './monitor-harness.ts';

export const OPERATE_SCOPES = ['Device.Read', 'Lock.Operate'];

export interface OperationHarnessOptions extends HarnessOptions {
  scopes?: string[];
}

export async function startOperationHarness(options: OperationHarnessOptions = {}) {
  const h = await startHarness({ ...options, manualStart: true });
  h.simulator.addKey({ key: TEST_KEY, scopes: options.scopes ?? OPERATE_SCOPES });
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(promise: Promise<T>): Promise<T> => {
    inFlight.add(promise);
    void promise.then(
      () => inFlight.delete(promise),
      () => inFlight.delete(promise),
    );
    return promise;
  };
  const api: TedeeOperationsApi = {
    startOperation: (...args) => track(h.client.startOperation(...args)),
    operationStatus: (...args) => track(h.client.operationStatus(...args)),
  };
  let forbiddenCount = 0;
  const cloud: OperationPath = new CloudOperationPath({
    api,
    gate: h.monitor.operationGate,
    clock: h.clock,
    onForbidden: () => (forbiddenCount += 1),
  });
  const changes: Array<{ running: RunningOperation; finished: FinishedOperation | null }> = [];
  const operations = new LockOperations({
    monitor: h.monitor,
    clock: h.clock,
    paths: () => ({ cloud, bridge: null, isLive: () => false }),
    onChange: (running, finished) => changes.push({ running, finished }),
  });
  // A request starts a few microtasks after the timer that wakes it: a macrotask turn first.
  const settle = async () => {
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      await h.monitor.idle();
      if (inFlight.size === 0) break;
      await Promise.allSettled(inFlight);
    }
  };
  if (!options.manualStart) h.monitor.start();
  await h.clock.advanceBy(0, settle);
  return {
    ...h,
    operations,
    changes,
    forbiddenCount: () => forbiddenCount,
    settle,
    advance: (ms: number) => h.clock.advanceBy(ms, settle),
    operationRequests: () =>
      h.simulator.requests().filter((request) => request.path.includes('/operation')),
  };
}
