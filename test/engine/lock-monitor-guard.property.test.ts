/**
 * Whatever happens in whatever order, no lock is ever synced twice within 20 s (the syncs that
 * confirm an operation included), no lock's activity log is asked twice within 60 s, no request
 * goes out while the computer sleeps, no hour holds more requests than the budget (monitoring
 * and lock operations together), no hour holds more monitoring requests than the budget less
 * the operations' reserve (syncs, lock lists, device details, door sensors, key reads and the
 * activity log together: none of them may touch what is kept for locking and unlocking), an
 * operation is refused for the hour's budget only once operations themselves have spent the
 * reserve, the spare requests (all but syncs and lock lists) of any hour stay within what the
 * planned syncs leave, so they never delay a sync, and the door sensors are read at most once
 * an hour. Every sync request counts, failed ones included: the simulator logs the locks each
 * one asked for, whatever answer it got.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import { originOf } from '../../main/tedee/api-address.ts';
import {
  InvalidSettingError,
  OPERATION_RESERVE_PER_HOUR,
  projectedRequestsPerHour,
} from '../../main/engine/monitor-settings.ts';
import { apiPaths } from '../../main/tedee/api-paths.ts';
import { TedeeClient } from '../../main/tedee/client.ts';
import { TEST_KEY } from './monitor-harness.ts';
import { LOCK_OPERATIONS } from '../../main/tedee/operation-model.ts';
import type { RequestGates } from '../../main/engine/request-gates.ts';
import { ACTIVITY_GAP_MS, SYNC_GAP_MS } from '../support/tedee-limits.ts';
import { startOperationHarness } from './operation-harness.ts';

/**
 * Tight, so that refreshes every 20 s run into it and the syncs and the spare reads (health and
 * activity, one share) compete: polling every 60 s plans 61 an hour; of 90, 20 are kept for
 * operations, which leaves 9 spare.
 */
const POLL = { intervalSeconds: 60, budgetPerHour: 90 } as const;
const MONITORING_PER_HOUR = POLL.budgetPerHour - OPERATION_RESERVE_PER_HOUR;
const HOUR_MS = 3_600_000;
const BRIDGE_ID = 47090;
const SENSOR_ID = 901;
/** What is neither a sync nor the lock list: it may use only what the planned syncs leave. */
const SPARE_PATHS: ReadonlySet<string> = new Set([
  apiPaths.deviceDetails,
  apiPaths.doorSensors,
  apiPaths.personalAccessKeys,
  apiPaths.deviceActivity,
]);

type Harness = Awaited<ReturnType<typeof startOperationHarness>>;
/** `pressed`: someone presses a button, which cannot happen while the computer sleeps. */
type Step = { name: string; run: (h: Harness) => void | Promise<void>; pressed?: true };

const lockIds = Object.values(SAMPLE_LOCK_IDS);

const faults = fc.constantFrom(
  { kind: 'status' as const, status: 503 },
  { kind: 'reset' as const },
  { kind: 'malformed-json' as const },
  { kind: 'status' as const, status: 429, headers: { 'Retry-After': '5' } },
  { kind: 'status' as const, status: 429, headers: { 'Retry-After': '90' } },
  { kind: 'status' as const, status: 429 },
);

const step = fc.oneof(
  fc
    .integer({ min: 0, max: 90_000 })
    .map((ms) => ({ name: `wait ${ms}`, run: (h: Harness) => h.advance(ms) })),
  {
    weight: 2,
    arbitrary: fc.constant({ name: 'refresh', run: (h: Harness) => void h.monitor.refreshNow() }),
  },
  fc.integer({ min: 1, max: 40 }).map((minutes) => ({
    // The user keeps asking: syncs press against the budget, where the spare reads must yield.
    name: `refresh every 20 s for ${minutes} min`,
    run: async (h: Harness) => {
      for (let elapsed = 0; elapsed < minutes * 60_000; elapsed += 20_000) {
        h.monitor.refreshNow();
        await h.advance(20_000);
      }
    },
  })),
  fc.constant({ name: 'refresh list', run: (h: Harness) => void h.monitor.refreshLockList() }),
  fc.subarray(lockIds, { minLength: 1 }).map((ids) => ({
    name: `select ${ids.join(',')}`,
    run: (h: Harness) => void h.monitor.select({ ids }),
  })),
  fc.constant({ name: 'select all', run: (h: Harness) => void h.monitor.select('all') }),
  faults.map((fault) => ({
    name: `fault ${JSON.stringify(fault)}`,
    run: (h: Harness) => h.simulator.queueFault(fault),
  })),
  {
    // A poll that fails, so that the next step meets the moment right after a failed sync:
    // where a guard that forgot the failed request would sync again at once. Weighted up,
    // because few random sequences would put a fault, a poll and a refresh in that order.
    weight: 3,
    arbitrary: faults.map((fault) => ({
      name: `next poll fails with ${JSON.stringify(fault)}`,
      run: async (h: Harness) => {
        h.simulator.queueFault(fault);
        const nextPollAt = h.clock.nextTimerAt();
        if (nextPollAt !== null) await h.advance(nextPollAt - h.clock.now());
      },
    })),
  },
  fc.boolean().map((connected) => ({
    // Takes both locks of the bridge with it: the details are then wanted at once.
    name: `bridge ${connected ? 'back' : 'offline'}`,
    run: (h: Harness) => h.simulator.updateBridge(BRIDGE_ID, { connected }),
  })),
  fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }).map((battery) => ({
    name: `door sensor at ${battery}`,
    run: (h: Harness) => h.simulator.updateDoorSensor(SENSOR_ID, { battery }),
  })),
  {
    // A change with its activity entry: the next sync sees it and the activity log is asked.
    weight: 2,
    arbitrary: fc.constantFrom(...lockIds).map((id) => ({
      name: `lock ${id} changes`,
      run: (h: Harness) => {
        const state = h.simulator.lock(id)?.state === 'locked' ? 'unlocked' : 'locked';
        h.simulator.changeLock(id, { state }, { event: state === 'locked' ? 32 : 33 });
      },
    })),
  },
  fc.constantFrom(...lockIds).map((id) => ({
    name: `bridge says ${id} changed`,
    run: (h: Harness) => h.monitor.lockStatusChanged(id),
  })),
  {
    // Someone presses Lock, Unlock or Pull in the window: it may be refused, jam or succeed.
    weight: 2,
    arbitrary: fc
      .record({ id: fc.constantFrom(...lockIds), operation: fc.constantFrom(...LOCK_OPERATIONS) })
      .map(({ id, operation }) => ({
        name: `${operation} ${id}`,
        run: (h: Harness) => void h.operations.start(id, operation, 'window'),
        pressed: true as const,
      })),
  },
  fc.integer({ min: 2, max: 12 }).map((rounds) => ({
    // Operations press against the reserve, with the syncs that confirm them.
    name: `unlock and lock every lock, ${rounds} rounds`,
    run: async (h: Harness) => {
      for (let round = 0; round < rounds; round += 1) {
        for (const id of lockIds)
          h.operations.start(id, round % 2 === 0 ? 'unlock' : 'lock', 'cli');
        await h.advance(15_000);
      }
    },
    pressed: true as const,
  })),
  fc.constant({ name: 'suspend', run: (h: Harness) => h.monitor.suspend() }),
  fc.constant({ name: 'wake', run: (h: Harness) => h.monitor.wake() }),
  fc.constant({ name: 'pause', run: (h: Harness) => h.monitor.pause() }),
  fc.constant({ name: 'resume', run: (h: Harness) => h.monitor.resume() }),
  fc.integer({ min: 20, max: 120 }).map((intervalSeconds) => ({
    name: `interval ${intervalSeconds}`,
    run: (h: Harness) => {
      try {
        h.monitor.updatePollSettings({ intervalSeconds });
      } catch (error) {
        // Below 52 s the 70 the budget leaves monitoring are too few: refused, nothing changes.
        if (!(error instanceof InvalidSettingError)) throw error;
      }
    },
  })),
  fc.constant({
    name: 'same key again',
    run: (h: Harness) =>
      h.monitor.setApi(
        new TedeeClient({
          personalKey: TEST_KEY,
          apiUrl: h.simulator.baseUrl,
          keyOrigin: originOf(h.simulator.baseUrl),
          now: () => h.clock.now(),
        }),
      ),
  }),
);

/** Lock, unlock, pull and their status checks (the operation harness's operationRequests). */
function isOperationRequest(request: { path: string }): boolean {
  return request.path.includes('/operation');
}

/**
 * The times of the syncs sent to confirm an operation: they come from the reserve, so they are
 * told apart from polling's syncs here, where the simulator sees the same request.
 */
function recordOperationSyncs(h: Harness): number[] {
  const gates = h.monitor.operationGate as RequestGates;
  const times: number[] = [];
  const record = gates.recordOperationSync.bind(gates);
  gates.recordOperationSync = (synced, at) => {
    times.push(at);
    record(synced, at);
  };
  return times;
}

describe('the limits under any sequence of events', () => {
  it('never syncs a lock twice within 20 s, never sends while asleep, never exceeds the budget, keeps the reserve for operations, never lets the spare reads delay a sync', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step as fc.Arbitrary<Step>, { minLength: 5, maxLength: 40 }),
        async (steps) => {
          const h = await startOperationHarness({
            poll: POLL,
            scopes: ['Device.Read', 'Account.Read', 'DeviceActivity.Read', 'Lock.Operate'],
            account: { doorSensors: [{ id: SENSOR_ID, lockId: lockIds[0]!, battery: 50 }] },
          });
          const operationSyncTimes = recordOperationSyncs(h);
          const asleep: Array<[number, number]> = [];
          let sleptAt: number | null = null;
          // The largest share the syncs left at any moment: a later, longer interval leaves more.
          let mostSparePerHour =
            MONITORING_PER_HOUR - projectedRequestsPerHour(POLL.intervalSeconds);
          try {
            // The first poll answered (lock list and sync), so that faults meet syncs and not
            // only the lock list, which every poll fetches first until it has one.
            await h.advance(0);
            for (const { name, run, pressed } of steps) {
              if (pressed && sleptAt !== null) continue;
              if (name === 'suspend' && sleptAt === null) sleptAt = h.clock.now();
              if (name === 'wake' && sleptAt !== null) {
                asleep.push([sleptAt, h.clock.now()]);
                sleptAt = null;
              }
              await run(h);
              mostSparePerHour = Math.max(
                mostSparePerHour,
                MONITORING_PER_HOUR - projectedRequestsPerHour(h.monitor.settings.intervalSeconds),
              );
            }
            await h.advance(120_000);
            if (sleptAt !== null) asleep.push([sleptAt, h.clock.now()]);

            const gap = h.simulator.shortestSyncGap();
            if (gap) expect(gap.gapMs).toBeGreaterThanOrEqual(SYNC_GAP_MS);
            for (const id of lockIds) {
              const asked = h.simulator
                .activityQueries()
                .filter((query) => query.lockId === id)
                .map((query) => query.at);
              for (let i = 1; i < asked.length; i += 1)
                expect((asked[i] ?? 0) - (asked[i - 1] ?? 0)).toBeGreaterThanOrEqual(
                  ACTIVITY_GAP_MS,
                );
            }
            // An operation under way checks its status on its own clock, which this test runs
            // on through sleep (a sleeping computer runs no timers); the monitor's requests stop.
            for (const request of h.simulator.requests()) {
              if (isOperationRequest(request)) continue;
              // A request sent at the moment of sleep, or answered at the moment of waking, is fine.
              const sentWhileAsleep = asleep.some(
                ([from, to]) => request.at > from && request.at < to,
              );
              expect(sentWhileAsleep).toBe(false);
            }
            const times = h.simulator.requests().map((request) => request.at);
            const operationTimes = [
              ...h.operationRequests().map((request) => request.at),
              ...operationSyncTimes,
            ];
            for (const start of times) {
              const inHour = (at: number) => at >= start && at < start + HOUR_MS;
              const all = times.filter(inHour).length;
              expect(all).toBeLessThanOrEqual(POLL.budgetPerHour);
              expect(all - operationTimes.filter(inHour).length).toBeLessThanOrEqual(
                MONITORING_PER_HOUR,
              );
            }
            for (const { finished } of h.changes) {
              if (!finished?.outcome.message.includes('used up')) continue;
              const end = finished.finishedAt;
              const spentByOperations = operationTimes.filter(
                (at) => at > end - HOUR_MS && at <= end,
              ).length;
              expect(spentByOperations).toBeGreaterThanOrEqual(OPERATION_RESERVE_PER_HOUR);
            }
            const spareTimes = h.simulator
              .requests()
              .filter((request) => SPARE_PATHS.has(request.path))
              .map((request) => request.at);
            for (const start of spareTimes) {
              const inHour = spareTimes.filter((at) => at >= start && at < start + HOUR_MS);
              expect(inHour.length).toBeLessThanOrEqual(mostSparePerHour);
            }
            const sensorReads = h.simulator
              .requests()
              .filter((request) => request.path === apiPaths.doorSensors);
            for (const [index, read] of sensorReads.entries()) {
              const previous = sensorReads[index - 1];
              if (previous) expect(read.at - previous.at).toBeGreaterThanOrEqual(HOUR_MS);
            }
          } finally {
            await h.monitor.stop();
            await h.simulator.close();
          }
        },
      ),
      { numRuns: 100 },
    );
  }, 120_000);
});
