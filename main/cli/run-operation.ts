/**
 * `lock ID`, `unlock ID --yes`, `pull ID --yes`: the app's own operation engine for one lock,
 * waited for to the end. It reads the lock first (a lock that already is where it was asked to
 * go exits 0 and says so), then moves it and waits until the lock shows the result, or the
 * failure, or 60 s pass. The outcome goes to stdout, a failure's reason to stderr, and the exit
 * code says which: 0 done, 3 the key lacks Lock.Operate (or was rejected; without a key, the
 * bridge rejected the token), 4 Tedee (or the bridge) could not be reached, 5 the lock or
 * Tedee refused or did not finish.
 *
 * With `--bridge`, one `GET /lock` first: a lock the bridge lists moves through the bridge
 * (its own reading of the lock confirms; the same client, so one guard), any other lock, or
 * every lock when the bridge cannot be read, through the cloud. Without a key, the bridge alone.
 */
import type { BridgeClient } from '../bridge/bridge-client.ts';
import { BridgeAuthError } from '../bridge/bridge-errors.ts';
import type { BridgeLock } from '../bridge/bridge-model.ts';
import type { BridgeConnection } from '../engine/bridge-connection.ts';
import { BridgeOperationPath } from '../engine/bridge-operation-path.ts';
import { CloudOperationPath } from '../engine/cloud-operation-path.ts';
import type { TedeeOperationsApi } from '../engine/cloud-operation-path.ts';
import { systemClock } from '../engine/clock.ts';
import type { Clock } from '../engine/clock.ts';
import { LockMonitor } from '../engine/lock-monitor.ts';
import type { TedeeApi } from '../engine/lock-monitor.ts';
import { LockOperations } from '../engine/lock-operations.ts';
import { TARGET_STATES } from '../engine/operation-outcome.ts';
import type { FailureReason } from '../engine/operation-outcome.ts';
import type { LockOperation } from '../tedee/operation-model.ts';
import { bridgeClientFor, readBridgeLocks } from './bridge-reading.ts';
import type { CliIo } from './cli-io.ts';
import { EXIT_CODES, exitCodeForStatus } from './exit-codes.ts';
import type { ExitCode } from './exit-codes.ts';
import { firstAnswer } from './run-status.ts';

export interface OperationRun {
  /** null: bridge-only (`--bridge` without a key). */
  api: (TedeeApi & TedeeOperationsApi) | null;
  bridge?: BridgeConnection | null;
  operation: LockOperation;
  lockId: number;
  io: CliIo;
  signal: AbortSignal;
  clock?: Clock;
}

const ALREADY: Readonly<Record<LockOperation, string>> = {
  lock: 'locked',
  unlock: 'unlocked',
  pull: 'unlocked',
};

/** The bridge as read at the start: its client (kept for the operation) and its locks. */
interface BridgeReading {
  client: BridgeClient;
  locks: readonly BridgeLock[];
}

export async function runOperation(run: OperationRun): Promise<ExitCode> {
  const { api, operation, lockId, io, signal } = run;
  const monitor = new LockMonitor({
    api,
    selection: { ids: [lockId] },
    clock: run.clock ?? systemClock,
    readSurroundings: false,
  });
  try {
    let bridge: BridgeReading | null = null;
    if (run.bridge) {
      const client = bridgeClientFor(run.bridge);
      const locks = await readBridgeLocks(client, signal);
      if (locks === 'aborted') return EXIT_CODES.interrupted;
      if (locks instanceof Error) {
        if (!api) {
          io.err(locks.message);
          return locks instanceof BridgeAuthError ? EXIT_CODES.keyRejected : EXIT_CODES.apiFailed;
        }
        io.err(`${locks.message} Moving the lock through the cloud.`);
      } else bridge = { client, locks };
    }
    if (api) {
      const first = firstAnswer(monitor, signal);
      monitor.start();
      const snapshot = await first;
      if (snapshot === null) return EXIT_CODES.interrupted;
      const failure = exitCodeForStatus(snapshot.status.kind);
      if (failure !== null) {
        io.err(snapshot.status.message);
        return failure;
      }
    }
    // The bridge's values win for the locks it knows; without a key its list is the catalog.
    if (bridge) monitor.applyBridgeLocks(bridge.locks);
    const lock = monitor.snapshot().locks.find((candidate) => candidate.id === lockId);
    if (!lock) {
      io.err(
        `${api ? 'Tedee lists no lock' : 'The bridge lists no lock'} with id ${lockId}${api ? ' in this account' : ''} (see status).`,
      );
      return EXIT_CODES.operationFailed;
    }
    if (
      operation !== 'pull' &&
      lock.state !== null &&
      TARGET_STATES[operation].includes(lock.state)
    ) {
      io.out(`${lock.name} is already ${ALREADY[operation]}; nothing was sent.`);
      return EXIT_CODES.ok;
    }
    return await carryOut(run, monitor, bridge);
  } finally {
    await monitor.stop();
  }
}

async function carryOut(
  run: OperationRun,
  monitor: LockMonitor,
  bridge: BridgeReading | null,
): Promise<ExitCode> {
  const { api, operation, lockId, io, signal } = run;
  const clock = run.clock ?? systemClock;
  // A 403 needs no hiding here: it ends the command with exit 3, naming the scope.
  const cloud =
    api &&
    new CloudOperationPath({
      api,
      gate: monitor.operationGate,
      clock,
      onForbidden: () => {},
    });
  /** The bridge's id of the lock, matched by serial (the cloud's id may differ). */
  const bridgeIdOf = (id: number): number | null => {
    const serial = monitor.snapshot().locks.find((candidate) => candidate.id === id)?.serial;
    return bridge?.locks.find((candidate) => candidate.serial === serial)?.id ?? null;
  };
  const operations = new LockOperations({
    monitor,
    clock,
    paths: () => ({
      cloud,
      bridge: bridge && new BridgeOperationPath(bridge.client, clock, bridgeIdOf),
      isLive: (id) => bridgeIdOf(id) !== null,
    }),
  });
  const answer = operations.start(lockId, operation, 'cli');
  if (answer.kind !== 'started') {
    io.err(answer.kind === 'unavailable' ? answer.message : 'An operation is already running.');
    return EXIT_CODES.operationFailed;
  }
  const interrupted = new Promise<null>((resolve) => {
    if (signal.aborted) resolve(null);
    signal.addEventListener('abort', () => resolve(null), { once: true });
  });
  const finished = await Promise.race([answer.done, interrupted]);
  if (finished === null) {
    operations.stop();
    return EXIT_CODES.interrupted;
  }
  const { outcome } = finished;
  if (outcome.ok) {
    io.out(outcome.message);
    return EXIT_CODES.ok;
  }
  io.err(outcome.message);
  return exitCodeFor(outcome.reason);
}

function exitCodeFor(reason: FailureReason): ExitCode {
  switch (reason) {
    case 'no-permission':
      return EXIT_CODES.keyRejected;
    case 'unreachable':
      return EXIT_CODES.apiFailed;
    case 'busy':
    case 'timed-out':
    case 'failed-code':
    case 'jammed':
    case 'lock-disconnected':
    case 'bluetooth':
    case 'not-done':
      return EXIT_CODES.operationFailed;
  }
}
