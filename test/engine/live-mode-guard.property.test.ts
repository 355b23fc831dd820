/**
 * Live mode under any sequence of changes at the door, dropped callbacks, a bridge that goes
 * away and comes back or restarts, faults on both sides, refreshes, pauses and sleep: no two
 * requests reach the bridge less than 1 s apart, and no lock is synced with the cloud twice
 * within 20 s. Both limits are the literal numbers Tedee publishes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BRIDGE_FAULTS } from '../../main/demo/bridge-simulator.ts';
import { SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import { LOCK_STATES } from '../../main/tedee/lock-enums.ts';
import { startLiveHarness } from './live-harness.ts';
import { SYNC_GAP_MS } from '../support/tedee-limits.ts';

/** tedee-bridge-and-activity.md §1.6: at most one request per second to the bridge. */
const BRIDGE_REQUEST_GAP_MS = 1000;

type Harness = Awaited<ReturnType<typeof startLiveHarness>>;
type Step = { name: string; run: (h: Harness) => void | Promise<void> };

const lockIds = Object.values(SAMPLE_LOCK_IDS);

const bridgeFaults = fc.constantFrom(
  BRIDGE_FAULTS.busy,
  BRIDGE_FAULTS.lockDisconnected,
  BRIDGE_FAULTS.bluetooth,
  { kind: 'reset' as const },
  { kind: 'malformed-json' as const },
);
const cloudFaults = fc.constantFrom(
  { kind: 'status' as const, status: 503 },
  { kind: 'reset' as const },
  { kind: 'status' as const, status: 429, headers: { 'Retry-After': '5' } },
);

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .integer({ min: 0, max: 60_000 })
      .map((ms) => ({ name: `wait ${ms}`, run: (h: Harness) => h.advance(ms) })),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(...lockIds), fc.constantFrom(...LOCK_STATES))
      .map(([id, state]) => ({
        name: `door ${id} ${state}`,
        run: (h: Harness) => h.changeAtTheDoor(id, { state }),
      })),
  },
  fc.constantFrom(...lockIds).map((id) => ({
    name: `disconnect ${id}`,
    run: (h: Harness) => h.changeAtTheDoor(id, { connected: false }),
  })),
  fc.boolean().map((drop) => ({
    name: drop ? 'firewall on' : 'firewall off',
    run: (h: Harness) => h.bridge.dropCallbacks(drop),
  })),
  fc.constantFrom('refusing' as const, 'answering' as const).map((reachability) => ({
    name: `bridge ${reachability}`,
    run: (h: Harness) => h.bridge.setReachability(reachability),
  })),
  fc.constant({ name: 'bridge restart', run: (h: Harness) => h.bridge.restart() }),
  bridgeFaults.map((fault) => ({
    name: `bridge fault ${JSON.stringify(fault)}`,
    run: (h: Harness) => h.bridge.queueFault(fault),
  })),
  cloudFaults.map((fault) => ({
    name: `cloud fault ${JSON.stringify(fault)}`,
    run: (h: Harness) => h.cloud.queueFault(fault),
  })),
  fc.constant({ name: 'refresh', run: (h: Harness) => void h.monitor.refreshNow() }),
  fc.constant({ name: 'suspend', run: (h: Harness) => h.monitor.suspend() }),
  fc.constant({ name: 'wake', run: (h: Harness) => h.monitor.wake() }),
  fc.constant({ name: 'pause', run: (h: Harness) => h.monitor.pause() }),
  fc.constant({ name: 'resume', run: (h: Harness) => h.monitor.resume() }),
);

describe('the bridge and cloud limits under any sequence of events', () => {
  it('never sends two bridge requests within 1 s, nor syncs a lock twice within 20 s', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 25 }), async (steps) => {
        const h = await startLiveHarness();
        try {
          await h.advance(0);
          for (const { run } of steps) await run(h);
          await h.advance(90_000);
          await h.stop();

          const bridgeGap = h.bridge.shortestRequestGap();
          if (bridgeGap !== null) expect(bridgeGap).toBeGreaterThanOrEqual(BRIDGE_REQUEST_GAP_MS);
          const syncGap = h.cloud.shortestSyncGap();
          if (syncGap) expect(syncGap.gapMs).toBeGreaterThanOrEqual(SYNC_GAP_MS);
        } finally {
          await h.stop();
        }
      }),
      { numRuns: 25 },
    );
  }, 300_000);
});
