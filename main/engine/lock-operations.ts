/**
 * Lock, unlock and pull, from the press to the lock's confirmed state: one operation per lock
 * at a time (a second press while one runs does nothing), through the path chooseOperationPath
 * picks, confirmed by the lock's state in the monitor's snapshots (the next sync for the cloud,
 * which still obeys the 20 s guard; the bridge's reading or callback in live mode), and given up
 * after OPERATION_TIMEOUT_MS. Deciding whether an operation is allowed at all (the scope, the
 * user's consent to unlock) is the caller's; this only carries it out and says what happened.
 */
import type { LockOperation } from '../tedee/operation-model.ts';
import type { Clock, TimerHandle } from './clock.ts';
import type { MonitorEvent } from './lock-monitor.ts';
import type { MonitoredLock, MonitorSnapshot } from './monitor-snapshot.ts';
import {
  failed,
  MOVING_STATES,
  OPERATION_TIMEOUT_MS,
  stateWords,
  succeeded,
  TARGET_STATES,
} from './operation-outcome.ts';
import type { OperationOutcome, OperationRoute, OperationSource } from './operation-outcome.ts';
import { chooseOperationPath } from './operation-path.ts';
import type { OperationPaths, PathResult } from './operation-path.ts';

/** What operations need of the monitor: its snapshots, and a sync to confirm a result. */
export interface OperationMonitor {
  subscribe(listener: (event: MonitorEvent) => void): () => void;
  snapshot(): MonitorSnapshot;
  /** Syncs as soon as Tedee's 20 s rule allows, from the reserve; null when polling cannot run. */
  syncForOperation(): number | null;
}

export interface RunningOperation {
  lockId: number;
  lockName: string;
  operation: LockOperation;
  route: OperationRoute;
  source: OperationSource;
  startedAt: number;
}

export interface FinishedOperation extends RunningOperation {
  outcome: OperationOutcome;
  finishedAt: number;
}

export type StartAnswer =
  | { kind: 'started'; done: Promise<FinishedOperation> }
  /** An operation on this lock is already running: the press is ignored. */
  | { kind: 'ignored' }
  /** No path can carry it (no key, or unknown lock); `message` says why. */
  | { kind: 'unavailable'; message: string };

export interface LockOperationsOptions {
  monitor: OperationMonitor;
  clock: Clock;
  /** Asked at every start: the key and live mode change while the app runs. */
  paths(): OperationPaths;
  /** Told when an operation starts and when it ends (render, log, notify). */
  onChange?(running: RunningOperation, finished: FinishedOperation | null): void;
}

export class LockOperations {
  readonly #options: LockOperationsOptions;
  readonly #running = new Map<number, RunningOperation & { abort: AbortController }>();

  constructor(options: LockOperationsOptions) {
    this.#options = options;
  }

  /** The operations in flight, one per lock at most. */
  running(): RunningOperation[] {
    return [...this.#running.values()].map(shownOf);
  }

  start(lockId: number, operation: LockOperation, source: OperationSource): StartAnswer {
    if (this.#running.has(lockId)) return { kind: 'ignored' };
    const lock = this.#options.monitor
      .snapshot()
      .locks.find((candidate) => candidate.id === lockId);
    if (!lock) return { kind: 'unavailable', message: `No monitored lock has id ${lockId}.` };
    const path = chooseOperationPath(this.#options.paths(), lockId);
    if (!path)
      return { kind: 'unavailable', message: 'No Tedee key is set, so no lock can be moved.' };
    const running = {
      lockId,
      lockName: lock.name,
      operation,
      route: path.route,
      source,
      startedAt: this.#options.clock.now(),
      abort: new AbortController(),
    };
    this.#running.set(lockId, running);
    this.#options.onChange?.(shownOf(running), null);
    const startedInTarget = lock.state !== null && TARGET_STATES[operation].includes(lock.state);
    const done = this.#carryOut({ ...running, startedInTarget }, (signal) =>
      path.run(lockId, operation, signal),
    ).then((outcome) => this.#finish(running, outcome));
    return { kind: 'started', done };
  }

  /** Gives up every operation in flight (quit); their outcomes are not reported. */
  stop(): void {
    for (const running of this.#running.values()) running.abort.abort();
    this.#running.clear();
  }

  #carryOut(
    running: RunningOperation & { abort: AbortController; startedInTarget: boolean },
    send: (signal: AbortSignal) => Promise<PathResult>,
  ): Promise<OperationOutcome> {
    const { clock, monitor } = this.#options;
    const { operation, lockName, lockId } = running;
    return new Promise<OperationOutcome>((resolve) => {
      let timer: TimerHandle | null = null;
      /** Set once the path has answered: what a sync after `since` is to decide. */
      let awaiting: { since: number; result: PathResult } | null = null;
      const settle = (outcome: OperationOutcome) => {
        if (timer !== null) clock.clearTimeout(timer);
        timer = null;
        unsubscribe();
        running.abort.abort();
        resolve(outcome);
      };
      const onLock = (lock: MonitoredLock) => {
        const reached = lock.state !== null && TARGET_STATES[operation].includes(lock.state);
        // A fresh reading of the end state confirms, even before the path has answered; but a
        // pull starts and ends unlocked, so there only the path's answer says it happened.
        const fresh = (lock.lastSyncedAt ?? 0) > running.startedAt;
        if (reached && fresh && (awaiting !== null || !running.startedInTarget))
          return settle(succeeded(operation, lockName));
        if (!awaiting || (lock.lastSyncedAt ?? 0) <= awaiting.since) return;
        const { result } = awaiting;
        if (result.kind === 'failed')
          return settle(
            failed(
              operation,
              lockName,
              result.reason,
              `${result.detail.replace(/\.$/, '')}; the next sync shows it ${readingOf(lock)}.`,
            ),
          );
        if (lock.state !== null && MOVING_STATES.has(lock.state)) {
          // Still moving at that sync: look again once the 20 s guard allows.
          awaiting = { since: lock.lastSyncedAt ?? clock.now(), result };
          monitor.syncForOperation();
          return;
        }
        const jammed = lock.lastOperationFailed && lock.state === 'semi-locked';
        settle(
          jammed
            ? failed(operation, lockName, 'jammed', 'the lock is jammed.')
            : failed(operation, lockName, 'not-done', `Tedee reports it ${readingOf(lock)}.`),
        );
      };
      const unsubscribe = monitor.subscribe((event) => {
        if (event.type !== 'snapshot') return;
        const lock = event.snapshot.locks.find((candidate) => candidate.id === lockId);
        if (lock) onLock(lock);
      });
      timer = clock.setTimeout(
        () => settle(failed(operation, lockName, 'timed-out', '')),
        OPERATION_TIMEOUT_MS,
      );
      void send(running.abort.signal).then((result) => {
        if (running.abort.signal.aborted) return;
        if (result.kind === 'confirmed') return settle(succeeded(operation, lockName));
        const askedSync = result.kind === 'accepted' || result.reason === 'failed-code';
        if (!askedSync) return settle(failed(operation, lockName, result.reason, result.detail));
        awaiting = { since: clock.now(), result };
        // Polling stopped (paused, no key): no sync will come to say more.
        if (monitor.syncForOperation() === null && result.kind === 'failed')
          settle(failed(operation, lockName, result.reason, result.detail));
      });
    });
  }

  #finish(
    running: RunningOperation & { abort: AbortController },
    outcome: OperationOutcome,
  ): FinishedOperation {
    const shown = shownOf(running);
    const finished = { ...shown, outcome, finishedAt: this.#options.clock.now() };
    // stop() already forgot it: a quit is not an outcome to report.
    if (this.#running.get(running.lockId) === running) {
      this.#running.delete(running.lockId);
      this.#options.onChange?.(shown, finished);
    }
    return finished;
  }
}

/** What a sync showed of the lock, for a failure's sentence. */
function readingOf(lock: MonitoredLock): string {
  return lock.connected === false ? 'disconnected' : stateWords(lock.state);
}

function shownOf(running: RunningOperation): RunningOperation {
  const { lockId, lockName, operation, route, source, startedAt } = running;
  return { lockId, lockName, operation, route, source, startedAt };
}
