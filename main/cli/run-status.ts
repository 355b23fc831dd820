/**
 * `status`: one look at every lock. Runs the same engine as the tray app for a single poll
 * (lock list and one sync, without the reads about bridges, door sensors and the key), prints
 * the result and reports failures by exit code.
 */
import { LockMonitor } from '../engine/lock-monitor.ts';
import type { MonitorEvent, TedeeApi } from '../engine/lock-monitor.ts';
import type { MonitorSnapshot } from '../engine/monitor-snapshot.ts';
import type { CliIo } from './cli-io.ts';
import { EXIT_CODES, exitCodeForStatus } from './exit-codes.ts';
import type { ExitCode } from './exit-codes.ts';
import { toLockJson } from './lock-json.ts';
import { toLine } from './lines.ts';
import { formatLockTable } from './table.ts';

export interface StatusRun {
  api: TedeeApi;
  json: boolean;
  io: CliIo;
  /** Aborted by SIGINT or SIGTERM. */
  signal: AbortSignal;
  timeZone?: string;
}

export async function runStatus({ api, json, io, signal, timeZone }: StatusRun): Promise<ExitCode> {
  const monitor = new LockMonitor({ api, selection: 'all', readSurroundings: false });
  const answer = firstAnswer(monitor, signal);
  monitor.start();
  const snapshot = await answer;
  await monitor.stop();
  if (snapshot === null) return EXIT_CODES.interrupted;

  const failure = exitCodeForStatus(snapshot.status.kind);
  if (failure !== null) {
    io.err(snapshot.status.message);
    return failure;
  }
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
