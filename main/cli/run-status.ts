/**
 * `status`: one look at every lock. Runs the same engine as the tray app for a single poll
 * (lock list and one sync, without the reads about bridges, door sensors and the key), prints
 * the result and reports failures by exit code. With `--bridge`, one `GET /lock` from the
 * bridge too, whose values win for the locks it knows; without a key, the bridge alone (no
 * callback is registered for one look).
 */
import { BridgeAuthError } from '../bridge/bridge-errors.ts';
import type { BridgeLock } from '../bridge/bridge-model.ts';
import type { BridgeConnection } from '../engine/bridge-connection.ts';
import { LockMonitor } from '../engine/lock-monitor.ts';
import type { MonitorEvent, TedeeApi } from '../engine/lock-monitor.ts';
import type { MonitorSnapshot } from '../engine/monitor-snapshot.ts';
import { bridgeClientFor, readBridgeLocks } from './bridge-reading.ts';
import type { CliIo } from './cli-io.ts';
import { EXIT_CODES, exitCodeForStatus } from './exit-codes.ts';
import type { ExitCode } from './exit-codes.ts';
import { toLockJson } from './lock-json.ts';
import { toLine } from './lines.ts';
import { formatLockTable } from './table.ts';

export interface StatusRun {
  /** null: bridge-only. */
  api: TedeeApi | null;
  bridge?: BridgeConnection | null;
  json: boolean;
  io: CliIo;
  /** Aborted by SIGINT or SIGTERM. */
  signal: AbortSignal;
  timeZone?: string;
}

export async function runStatus(run: StatusRun): Promise<ExitCode> {
  const { api, bridge, json, io, signal, timeZone } = run;
  const monitor = new LockMonitor({ api, selection: 'all', readSurroundings: false });
  let bridgeLocks: BridgeLock[] | null = null;
  if (bridge) {
    const reading = await readBridgeLocks(bridgeClientFor(bridge), signal);
    if (reading === 'aborted') return EXIT_CODES.interrupted;
    if (reading instanceof Error) {
      io.err(api ? `${reading.message} Showing what the cloud says.` : reading.message);
      if (!api)
        return reading instanceof BridgeAuthError ? EXIT_CODES.keyRejected : EXIT_CODES.apiFailed;
    } else bridgeLocks = reading;
  }
  let snapshot: MonitorSnapshot | null;
  if (api) {
    const answer = firstAnswer(monitor, signal);
    monitor.start();
    snapshot = await answer;
    await monitor.stop();
    if (snapshot === null) return EXIT_CODES.interrupted;
    const failure = exitCodeForStatus(snapshot.status.kind);
    if (failure !== null) {
      io.err(snapshot.status.message);
      return failure;
    }
  }
  if (bridgeLocks) monitor.applyBridgeLocks(bridgeLocks);
  snapshot = monitor.snapshot();
  if (json) io.out(toLine({ locks: snapshot.locks.map(toLockJson) }));
  else io.out(formatLockTable(snapshot.locks, timeZone === undefined ? {} : { timeZone }));
  return EXIT_CODES.ok;
}

/** The snapshot after the first poll that settled the question, or null when interrupted first. */
export function firstAnswer(
  monitor: LockMonitor,
  signal: AbortSignal,
): Promise<MonitorSnapshot | null> {
  return new Promise((resolve) => {
    const finish = (snapshot: MonitorSnapshot | null) => {
      unsubscribe();
      signal.removeEventListener('abort', onAbort);
      resolve(snapshot);
    };
    const onAbort = () => finish(null);
    const unsubscribe = monitor.subscribe((event) => {
      if (settles(event)) finish(event.snapshot);
    });
    if (signal.aborted) return finish(null);
    signal.addEventListener('abort', onAbort);
  });
}

/**
 * A sync settles it, and so does a failure that stops or delays polling. A 404 does not: the
 * engine fetches the lock list again at once. Neither does start(); but an account without
 * locks ends in status 'ok' without a sync, so that settles it too.
 */
function settles(event: MonitorEvent): event is Extract<MonitorEvent, { type: 'snapshot' }> {
  if (event.type !== 'snapshot') return false;
  const { cause, snapshot } = event;
  if (cause === 'sync') return true;
  if (cause === 'failure') return exitCodeForStatus(snapshot.status.kind) !== null;
  return snapshot.status.kind === 'ok';
}
