/**
 * An engine wired to the simulator over real loopback HTTP, on a manual clock shared by both,
 * so tests can move through minutes or days of polling without waiting.
 */
import { afterEach } from 'vitest';
import { LockMonitor } from '../../main/engine/lock-monitor.ts';
import type { LockMonitorOptions, MonitorEvent } from '../../main/engine/lock-monitor.ts';
import type { Alert } from '../../main/engine/alert-policy.ts';
import type { MonitorSnapshot } from '../../main/engine/monitor-snapshot.ts';
import { sampleLocks } from '../../main/demo/sample-locks.ts';
import { TedeeSimulator } from '../../main/demo/tedee-simulator.ts';
import type { SimulatedLockInit, TedeeSimulatorOptions } from '../../main/demo/tedee-simulator.ts';
import { originOf } from '../../main/tedee/api-address.ts';
import { TedeeClient } from '../../main/tedee/client.ts';
import { ManualClock } from '../support/manual-clock.ts';

export const TEST_KEY = 'abc123.harness-key';

const running: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((stop) => stop()));
});

/** What the harness key may read: locks and, unless a test says otherwise, the activity log. */
export const HARNESS_SCOPES: readonly string[] = ['Device.Read', 'DeviceActivity.Read'];

export interface HarnessOptions extends Partial<Omit<LockMonitorOptions, 'api' | 'clock'>> {
  locks?: SimulatedLockInit[];
  /**
   * Bridges, door sensors, and the test key's scopes (default HARNESS_SCOPES) and expiry.
   */
  account?: Pick<TedeeSimulatorOptions, 'bridges' | 'doorSensors'> & {
    keyScopes?: readonly string[];
    keyValidTo?: number;
  };
  /** Don't call start(); the test does. */
  manualStart?: boolean;
}

export async function startHarness(options: HarnessOptions = {}) {
  const clock = new ManualClock();
  const { account, ...monitorOptions } = options;
  const simulator = await TedeeSimulator.start({
    keys: [
      {
        key: TEST_KEY,
        scopes: account?.keyScopes ?? HARNESS_SCOPES,
        ...(account?.keyValidTo === undefined ? {} : { validTo: account.keyValidTo }),
      },
    ],
    locks: options.locks ?? sampleLocks(),
    bridges: account?.bridges,
    doorSensors: account?.doorSensors,
    now: () => clock.now(),
  });
  const client = new TedeeClient({
    personalKey: TEST_KEY,
    apiUrl: simulator.baseUrl,
    keyOrigin: originOf(simulator.baseUrl),
    now: () => clock.now(),
  });
  const monitor = new LockMonitor({ random: () => 0.5, ...monitorOptions, api: client, clock });
  const events: MonitorEvent[] = [];
  monitor.subscribe((event) => events.push(event));
  running.push(async () => {
    await monitor.stop();
    await simulator.close();
  });
  if (!options.manualStart) monitor.start();
  const settle = () => monitor.idle();

  return {
    clock,
    simulator,
    client,
    monitor,
    events,
    /** Lets simulated time pass, with every poll that falls due. */
    advance: (ms: number) => clock.advanceBy(ms, settle),
    settle,
    syncRequests: () => simulator.requests().filter((request) => request.path.endsWith('/sync')),
    snapshots: (): MonitorSnapshot[] =>
      events.flatMap((event) => (event.type === 'snapshot' ? [event.snapshot] : [])),
    alerts: (): Alert[] => events.flatMap((event) => (event.type === 'alerts' ? event.alerts : [])),
    lastSnapshot: () => monitor.snapshot(),
  };
}
