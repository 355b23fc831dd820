/**
 * Over real loopback: whatever mix of calls, concurrency and bridge faults (busy, rejected
 * tokens, 405, 406, resets), with retries and backoff included, the bridge never sees two
 * requests less than 1000 ms apart on the shared simulated clock.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeClient } from '../../main/bridge/bridge-client.ts';
import { BRIDGE_FAULTS } from '../../main/demo/bridge-simulator.ts';
import type { BridgeSimulator } from '../../main/demo/bridge-simulator.ts';
import type { Fault } from '../../main/demo/faults.ts';
import { closeBridges, startBridge } from './bridge-harness.ts';

let simulator: BridgeSimulator;
let client: BridgeClient;

beforeAll(async () => {
  const bridge = await startBridge();
  simulator = bridge.simulator;
  client = bridge.client();
});
afterAll(closeBridges);

const faults: Fault[] = [
  BRIDGE_FAULTS.busy,
  BRIDGE_FAULTS.lockDisconnected,
  BRIDGE_FAULTS.bluetooth,
  { kind: 'status', status: 401 },
  { kind: 'reset' },
];

const calls: ((bridge: BridgeClient) => Promise<unknown>)[] = [
  (bridge) => bridge.getBridge(),
  (bridge) => bridge.listLocks(),
  (bridge) => bridge.getLock(48213),
  (bridge) => bridge.listCallbacks(),
  (bridge) => bridge.addCallback({ url: 'http://127.0.0.1:9/i/s', headers: {} }),
  (bridge) => bridge.deleteCallback(1),
];

const step = fc.record({
  call: fc.integer({ min: 0, max: calls.length - 1 }),
  /** Faults queued before the call (they hit whichever requests come next). */
  faults: fc.array(fc.integer({ min: 0, max: faults.length - 1 }), { maxLength: 3 }),
  /** Started together with the previous call instead of after it. */
  concurrent: fc.boolean(),
});

describe('request spacing over loopback', () => {
  it('never two requests at the bridge less than 1000 ms apart', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        simulator.clearRequestLog();
        let batch: Promise<unknown>[] = [];
        for (const { call, faults: queued, concurrent } of steps) {
          if (!concurrent) {
            await Promise.all(batch);
            batch = [];
          }
          for (const fault of queued) simulator.queueFault(faults[fault]!);
          batch.push(calls[call]!(client).catch(() => undefined));
        }
        await Promise.all(batch);
        const gap = simulator.shortestRequestGap();
        if (gap !== null) expect(gap).toBeGreaterThanOrEqual(1000);
        expect(simulator.requests().length).toBeGreaterThanOrEqual(steps.length);
      }),
      { numRuns: 40 },
    );
  });
});
