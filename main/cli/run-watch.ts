/**
 * `watch`: follows the locks until SIGINT or SIGTERM, writing one JSON object per line (see
 * lines.ts) and nothing else on stdout. It stops by itself only when Tedee rejects the key
 * (or, bridge-only, the bridge rejects the token), because polling cannot resume until someone
 * gives a new one. On SIGINT or SIGTERM the monitor's stop deletes the bridge callback (at
 * most 2 s) before the run ends.
 */
import type { BridgeConnection } from '../engine/bridge-connection.ts';
import { LockMonitor } from '../engine/lock-monitor.ts';
import type { MonitorEvent, TedeeApi } from '../engine/lock-monitor.ts';
import type { Clock } from '../engine/clock.ts';
import type { LockSelection } from '../engine/monitored-locks.ts';
import type { AppStatus } from '../engine/monitor-snapshot.ts';
import type { CliIo } from './cli-io.ts';
import { EXIT_CODES } from './exit-codes.ts';
import type { ExitCode } from './exit-codes.ts';
import { ActivityDescriber } from '../tedee/activity-events.ts';
import { ACTIVITY_SCOPE } from '../tedee/client.ts';
import { activityLines, alertLines, snapshotLine, statusLine, toLine } from './lines.ts';

export interface WatchRun {
  /** null: bridge-only. */
  api: TedeeApi | null;
  /** Live mode through the bridge, or null for the cloud alone. */
  bridge: BridgeConnection | null;
  intervalSeconds: number;
  lowBatteryPercent: number;
  selection: LockSelection;
  io: CliIo;
  /** Aborted by SIGINT or SIGTERM: the normal way a watch ends. */
  signal: AbortSignal;
  /** The system clock unless a test runs the watch on simulated time. */
  clock?: Clock;
}

export async function runWatch(run: WatchRun): Promise<ExitCode> {
  const { io, signal } = run;
  const monitor = new LockMonitor({
    api: run.api,
    ...(run.clock ? { clock: run.clock } : {}),
    poll: { intervalSeconds: run.intervalSeconds },
    alerts: { lowBatteryPercent: run.lowBatteryPercent },
    selection: run.selection,
    bridge: run.bridge,
    log: (line) => io.err(line),
  });
  let lastStatus: AppStatus | null = null;
  let checkedSelection = false;
  let toldMissingScope = false;
  const describer = new ActivityDescriber((line) => io.err(line));
  let finish: (code: ExitCode) => void = () => {};
  const finished = new Promise<ExitCode>((resolve) => {
    finish = resolve;
  });

  const onEvent = (event: MonitorEvent): void => {
    if (event.type === 'alerts') {
      for (const line of alertLines(event.at, event.alerts)) io.out(toLine(line));
      return;
    }
    if (event.type === 'activity') {
      const lines = activityLines(event.at, event.news.announced, (entry) => describer.text(entry));
      for (const line of lines) io.out(toLine(line));
      return;
    }
    // The named copy of an alert is for notifications; the activity line already says it.
    if (event.type === 'alert-named') return;
    const { snapshot, cause } = event;
    // A missing scope is one message on stderr; the status and the watch go on unchanged.
    if (snapshot.activity.kind === 'needs-scope' && !toldMissingScope) {
      toldMissingScope = true;
      io.err(
        `The key lacks the ${ACTIVITY_SCOPE} scope, so no activity lines are written; everything else goes on. Create a key with it at https://portal.tedee.com/personal-access-keys.`,
      );
    }
    const { status } = snapshot;
    if (
      lastStatus === null ||
      lastStatus.kind !== status.kind ||
      lastStatus.message !== status.message
    ) {
      io.out(toLine(statusLine(snapshot.at, status)));
      lastStatus = status;
    }
    // After every cloud sync, and whenever the bridge changed a shown value; an unchanged
    // heartbeat or LAN poll ('heartbeat') writes nothing.
    if (cause === 'sync' || cause === 'bridge') io.out(toLine(snapshotLine(snapshot)));
    // The lock list has arrived once a sync happened or there turned out to be nothing to sync.
    if (!checkedSelection && (cause === 'sync' || cause === 'bridge' || status.kind === 'ok')) {
      checkedSelection = true;
      warnAboutUnknownIds(run.selection, monitor, io);
    }
    // The key-rejected alert is raised right after this event, in the same tick, so it is
    // still written before the monitor stops.
    if (status.kind === 'auth-error' || status.kind === 'forbidden') finish(EXIT_CODES.keyRejected);
  };

  const unsubscribe = monitor.subscribe(onEvent);
  const onAbort = () => finish(EXIT_CODES.ok);
  signal.addEventListener('abort', onAbort);
  if (signal.aborted) onAbort();
  else monitor.start();

  const code = await finished;
  signal.removeEventListener('abort', onAbort);
  await monitor.stop();
  unsubscribe();
  return code;
}

/** Ids from --locks that the account does not have are simply not watched; say so once. */
function warnAboutUnknownIds(selection: LockSelection, monitor: LockMonitor, io: CliIo): void {
  if (selection === 'all' || !('ids' in selection)) return;
  const known = new Set(monitor.catalog.map((lock) => lock.id));
  const unknown = selection.ids.filter((id) => !known.has(id));
  if (unknown.length === 0) return;
  const list = unknown.join(', ');
  io.err(
    `Not in this Tedee account, so not watched: ${unknown.length === 1 ? 'lock' : 'locks'} ${list}.`,
  );
}
