/**
 * The engine in live mode: a LockMonitor with a bridge simulator and (unless bridge-only) the
 * cloud simulator, both on loopback, on one manual clock. A change "at the door" reaches both,
 * as it does in a home. Time moves only when the test says; after each timer the harness waits
 * until real work (requests, callbacks) has gone quiet, so every request happens at an exact
 * simulated time.
 */
import { afterEach } from 'vitest';
import { BridgeSimulator } from '../../main/demo/bridge-simulator.ts';
import type { BridgeLockPatch, BridgeSimulatorOptions } from '../../main/demo/bridge-simulator.ts';
import { sampleLocks } from '../../main/demo/sample-locks.ts';
import { TedeeSimulator } from '../../main/demo/tedee-simulator.ts';
import type { SimulatedLockInit } from '../../main/demo/tedee-simulator.ts';
import type { BridgeConnection } from '../../main/engine/bridge-connection.ts';
import { LockMonitor } from '../../main/engine/lock-monitor.ts';
import type { LockMonitorOptions, MonitorEvent } from '../../main/engine/lock-monitor.ts';
import type { Alert } from '../../main/engine/alert-policy.ts';
import type { MonitorSnapshot } from '../../main/engine/monitor-snapshot.ts';
import { originOf } from '../../main/tedee/api-address.ts';
import { TedeeClient } from '../../main/tedee/client.ts';
import { ManualClock } from '../support/manual-clock.ts';

export const CLOUD_KEY = 'abc123.live-harness-key';
export const BRIDGE_TOKEN = 'Lv7TokEn2xKp9Lm';
export const INSTANCE = 'tray-test';

const running: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((stop) => stop()));
});

export interface LiveHarnessOptions extends Partial<
  Omit<LockMonitorOptions, 'api' | 'clock' | 'bridge'>
> {
  /** The locks of the account (cloud); default the sample locks. */
  locks?: SimulatedLockInit[];
  /** The locks paired to the bridge; default the same as the account's. */
  bridgeLocks?: SimulatedLockInit[];
  /** No Personal Access Key: the bridge alone. */
  bridgeOnly?: boolean;
  /** The key's scopes in the simulated account; Device.Read only unless given. */
  scopes?: string[];
  bridge?: Partial<BridgeConnection>;
  simulator?: Partial<BridgeSimulatorOptions>;
  /** Our clock minus the bridge's. */
  clockOffsetMs?: number;
  manualStart?: boolean;
}

export async function startLiveHarness(options: LiveHarnessOptions = {}) {
  const clock = new ManualClock();
  const offset = options.clockOffsetMs ?? 0;
  const cloud = await TedeeSimulator.start({
    keys: [options.scopes ? { key: CLOUD_KEY, scopes: options.scopes } : CLOUD_KEY],
    locks: options.locks ?? sampleLocks(),
    now: () => clock.now(),
  });
  const bridge = await BridgeSimulator.start({
    token: BRIDGE_TOKEN,
    locks: options.bridgeLocks ?? options.locks ?? sampleLocks(),
    now: () => clock.now() - offset,
    ...options.simulator,
  });
  const api = options.bridgeOnly
    ? null
    : new TedeeClient({
        personalKey: CLOUD_KEY,
        apiUrl: cloud.baseUrl,
        keyOrigin: originOf(cloud.baseUrl),
        now: () => clock.now(),
      });
  const connection: BridgeConnection = {
    address: bridge.baseUrl,
    token: BRIDGE_TOKEN,
    authMode: 'encrypted',
    callbackHost: '127.0.0.1',
    callbackPort: null,
    lanPollSeconds: 3,
    instanceId: INSTANCE,
    ...options.bridge,
  };
  const log: string[] = [];
  const monitor = new LockMonitor({
    random: () => 0.5,
    log: (line) => log.push(line),
    ...options,
    api,
    clock,
    bridge: connection,
  });
  const events: MonitorEvent[] = [];
  monitor.subscribe((event) => events.push(event));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await monitor.stop();
  };
  running.push(async () => {
    await stop();
    await Promise.all([cloud.close(), bridge.close()]);
  });

  /**
   * Waits until nothing real is going on: no cloud poll in flight, every callback delivered,
   * and no new request, delivery or engine event for a few rounds of the event loop.
   */
  const settle = async () => {
    const activity = () =>
      cloud.requests().length +
      bridge.requests().length +
      bridge.deliveries().length +
      events.length;
    for (let quiet = 0; quiet < 4;) {
      const before = activity();
      await Promise.all([monitor.idle(), bridge.deliveriesSettled()]);
      await new Promise((resolve) => setTimeout(resolve, 4));
      quiet = activity() === before ? quiet + 1 : 0;
    }
  };
  if (!options.manualStart) monitor.start();

  const snapshots = (): MonitorSnapshot[] =>
    events.flatMap((event) => (event.type === 'snapshot' ? [event.snapshot] : []));
  return {
    clock,
    cloud,
    bridge,
    monitor,
    /** The cloud client the monitor polls with; null in bridge-only mode. */
    api,
    events,
    log,
    connection,
    settle,
    stop,
    /** Lets simulated time pass, with every timer that falls due. */
    advance: async (ms: number) => {
      await settle();
      await clock.advanceBy(ms, settle);
    },
    /** The lock changes: the bridge sees it (and calls back), and so does the cloud. */
    changeAtTheDoor: (id: number, patch: BridgeLockPatch) => {
      bridge.updateLock(id, patch);
      const { jammed, ...cloudPatch } = patch;
      cloud.updateLock(
        id,
        jammed === undefined ? cloudPatch : { ...cloudPatch, stateChangeResult: jammed ? 1 : 0 },
      );
    },
    snapshots,
    alerts: (): Alert[] => events.flatMap((event) => (event.type === 'alerts' ? event.alerts : [])),
    cloudSyncs: () => cloud.requests().filter((request) => request.path.endsWith('/sync')),
    cloudRequests: () => cloud.requests(),
    bridgePaths: () => bridge.requests().map((request) => `${request.method} ${request.path}`),
    live: () => monitor.snapshot().live,
    lock: (id: number) => monitor.snapshot().locks.find((lock) => lock.id === id),
  };
}
