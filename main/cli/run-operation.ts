/**
 * `lock ID`, `unlock ID --yes`, `pull ID --yes`: the app's own operation engine for one lock,
 * waited for to the end. It reads the lock first (a lock that already is where it was asked to
 * go exits 0 and says so), then moves it through the cloud and waits until a sync shows the
 * result, or the failure, or 60 s pass. The outcome goes to stdout, a failure's reason to
 * stderr, and the exit code says which: 0 done, 3 the key lacks Lock.Operate (or was
 * rejected), 4 Tedee could not be reached, 5 the lock or Tedee refused or did not finish.
 */
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
import type { CliIo } from './cli-io.ts';
import { EXIT_CODES, exitCodeForStatus } from './exit-codes.ts';
import type { ExitCode } from './exit-codes.ts';
import { firstAnswer } from './run-status.ts';

export interface OperationRun {
  api: TedeeApi & TedeeOperationsApi;
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

export async function runOperation(run: OperationRun): Promise<ExitCode> {
  const { api, operation, lockId, io, signal } = run;
  const monitor = new LockMonitor({
    api,
    selection: { ids: [lockId] },
    clock: run.clock ?? systemClock,
    readSurroundings: false,
  });
  try {
    const first = firstAnswer(monitor, signal);
    monitor.start();
    const snapshot = await first;
    if (snapshot === null) return EXIT_CODES.interrupted;
    const failure = exitCodeForStatus(snapshot.status.kind);
    if (failure !== null) {
      io.err(snapshot.status.message);
      return failure;
    }
    const lock = snapshot.locks.find((candidate) => candidate.id === lockId);
    if (!lock) {
      io.err(`Tedee lists no lock with id ${lockId} in this account (see status).`);
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
    return await carryOut(run, monitor);
  } finally {
    await monitor.stop();
  }
}

async function carryOut(run: OperationRun, monitor: LockMonitor): Promise<ExitCode> {
  const { api, operation, lockId, io, signal } = run;
  const clock = run.clock ?? systemClock;
  // A 403 needs no hiding here: it ends the command with exit 3, naming the scope.
  const cloud = new CloudOperationPath({
    api,
    gate: monitor.operationGate,
    clock,
    onForbidden: () => {},
  });
  const operations = new LockOperations({
    monitor,
    clock,
    paths: () => ({
      cloud,
      bridge: null,
      isLive: () => false,
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
