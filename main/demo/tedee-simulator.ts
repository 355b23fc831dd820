/**
 * An in-process imitation of the Tedee cloud API v37 on a loopback port: the read endpoints a
 * lock monitor uses (locks, syncs, device details, door sensors, the key list, the activity log),
 * lock/unlock/pull with the operation status endpoint, Personal Access Key authentication with
 * scopes per endpoint, Tedee's rate limits and a queue of network faults. Tests, benchmarks and
 * the app's demo mode talk to it over real
 * HTTP, so the client under test runs exactly the code it runs against api.tedee.com.
 *
 * The control methods take the app's readable names ('locked', 'closed'); only the wire
 * speaks Tedee's numbers. Time comes from an injected clock so rate limits and state-change
 * dates can be driven by a fake clock; only the 'delay' fault waits in real time, because it
 * stands for network latency that a client's own timers must see.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { AccessKeys } from './access-keys.ts';
import type { AccessKeyConfig } from './access-keys.ts';
import { ActivityLog } from './activity-log.ts';
import type {
  ActivityQueryRecord,
  SimulatedActivity,
  SimulatedActivityInit,
} from './activity-log.ts';
import { answerApiRequest, locksAskedToSync } from './api-handler.ts';
import type { ApiAnswer } from './api-handler.ts';
import { errorEnvelope } from './envelope.ts';
import { FaultQueue, faultReply } from './faults.ts';
import type { Fault } from './faults.ts';
import { jsonReply, writeReply } from './http-reply.ts';
import { LockRegistry } from './lock-registry.ts';
import { FaultDelays, closeNow, listenOnLoopback } from './loopback-server.ts';
import { RateLimiter } from './rate-limits.ts';
import type { RateLimits } from './rate-limits.ts';
import { RequestLog } from './request-log.ts';
import { BridgeRegistry } from './simulated-bridges.ts';
import type { BridgePatch, SimulatedBridgeInit } from './simulated-bridges.ts';
import { DoorSensorRegistry } from './simulated-door-sensors.ts';
import type { DoorSensorPatch, SimulatedDoorSensorInit } from './simulated-door-sensors.ts';
import type { RequestLogEntry, SyncGap } from './request-log.ts';
import { splitTarget } from './routes.ts';
import type { LockPatch, SimulatedLock, SimulatedLockInit } from './simulated-lock.ts';
import { SimulatedOperations } from './simulated-operations.ts';
import type { SimulatedOperation } from './simulated-operations.ts';
import type { ResponseShape } from './wire-shapes.ts';

export type { AccessKeyConfig } from './access-keys.ts';
export type {
  ActivityAuthor,
  ActivityQueryRecord,
  SimulatedActivity,
  SimulatedActivityInit,
} from './activity-log.ts';
export type { Fault, FaultBody } from './faults.ts';
export type { RateLimits, WindowLimit } from './rate-limits.ts';
export type { RequestLogEntry, SyncGap } from './request-log.ts';
export type { LockPatch, SimulatedLock, SimulatedLockInit } from './simulated-lock.ts';
export type { BridgePatch, SimulatedBridgeInit } from './simulated-bridges.ts';
export type { DoorSensorPatch, SimulatedDoorSensorInit } from './simulated-door-sensors.ts';
export type { ResponseShape } from './wire-shapes.ts';
export type { SimulatedOperation } from './simulated-operations.ts';

export interface TedeeSimulatorOptions {
  /** Personal Access Keys the account accepts; a bare string has the Device.Read scope. */
  keys: readonly AccessKeyConfig[];
  /** The account's locks at start. */
  locks?: readonly SimulatedLockInit[];
  /** The account's bridges at start; default one connected bridge, 47090, which every lock uses. */
  bridges?: readonly SimulatedBridgeInit[];
  doorSensors?: readonly SimulatedDoorSensorInit[];
  /** Clock in ms since the epoch; inject a fake one to drive rate limits and dates. */
  now?: () => number;
  /** Overrides of Tedee's limits (700 per hour, lock list 10 per 10 minutes). */
  limits?: Partial<RateLimits>;
  /** 'legacy' answers like API versions before v1.35 (`lockProperties`). Default 'current'. */
  shape?: ResponseShape;
}

export class TedeeSimulator {
  readonly #server: Server;
  readonly #now: () => number;
  readonly #keys: AccessKeys;
  readonly #limiter: RateLimiter;
  readonly #locks: LockRegistry;
  readonly #bridges: BridgeRegistry;
  readonly #doorSensors: DoorSensorRegistry;
  readonly #activity: ActivityLog;
  readonly #faults = new FaultQueue();
  readonly #log = new RequestLog();
  readonly #delays = new FaultDelays();
  readonly #operations: SimulatedOperations;
  #shape: ResponseShape;
  #baseUrl = '';
  #closing: Promise<void> | undefined;

  private constructor(options: TedeeSimulatorOptions) {
    this.#now = options.now ?? Date.now;
    this.#keys = new AccessKeys(options.keys, this.#now);
    this.#limiter = new RateLimiter(options.limits);
    this.#locks = new LockRegistry(this.#now, options.locks);
    this.#bridges = new BridgeRegistry(options.bridges);
    this.#doorSensors = new DoorSensorRegistry(options.doorSensors);
    this.#activity = new ActivityLog(this.#now);
    this.#operations = new SimulatedOperations({
      find: (id) => this.#locks.find(id),
      // The cloud has no `jammed` flag: a jam shows as semi-locked with a failed state change.
      update: (id, { jammed: _jammed, ...patch }) => this.#locks.update(id, patch),
    });
    this.#shape = options.shape ?? 'current';
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        // Only a simulator bug gets here (answers are caught in #answer); fail the one request.
        console.error('Tedee simulator failed a request', error);
        res.destroy();
      });
    });
  }

  /** Starts listening on 127.0.0.1 on a free port. */
  static async start(options: TedeeSimulatorOptions): Promise<TedeeSimulator> {
    const simulator = new TedeeSimulator(options);
    await simulator.#listen();
    return simulator;
  }

  /** `http://127.0.0.1:<port>`: the value to give the client in place of https://api.tedee.com. */
  get baseUrl(): string {
    return this.#baseUrl;
  }

  /** Stops the server and drops keep-alive connections, so a test run ends promptly. */
  close(): Promise<void> {
    this.#delays.cancelAll();
    this.#closing ??= closeNow(this.#server);
    return this.#closing;
  }

  // ── Locks ────────────────────────────────────────────────────────────────────────────

  /** Changes live values; a state or door change stamps lastStateChangedDate with the clock. */
  updateLock(id: number, patch: LockPatch): void {
    this.#locks.update(id, patch);
  }

  /** Adds a lock to the account and returns its id (generated when `init.id` is absent). */
  addLock(init: SimulatedLockInit): number {
    return this.#locks.add(init);
  }

  removeLock(id: number): void {
    this.#locks.remove(id);
  }

  /** Removes and re-adds the same hardware: same serial and state, a new id (returned). */
  readdLock(id: number): number {
    return this.#locks.readd(id);
  }

  /** Renames the lock and bumps its revision, as Tedee does for any configuration change. */
  renameLock(id: number, name: string): void {
    this.#locks.rename(id, name);
  }

  bumpRevision(id: number): void {
    this.#locks.bumpRevision(id);
  }

  /** Copies of the account's locks, in list order. */
  locks(): SimulatedLock[] {
    this.#operations.settle(this.#now());
    return this.#locks.all().map((lock) => ({ ...lock }));
  }

  lock(id: number): SimulatedLock | undefined {
    this.#operations.settle(this.#now());
    const lock = this.#locks.find(id);
    return lock ? { ...lock } : undefined;
  }

  // ── Bridges and door sensors ─────────────────────────────────────────────────────────

  /**
   * Changes a bridge. A bridge that loses the cloud takes its connected locks with it (the
   * cloud no longer hears from them), and brings back the ones it took when it returns.
   */
  updateBridge(id: number, patch: BridgePatch): void {
    const before = this.#bridges.find(id)?.connected;
    this.#bridges.update(id, patch);
    if (patch.connected === undefined || patch.connected === before) return;
    for (const lock of this.#locks.all()) {
      if (lock.bridgeId !== id || lock.connected === null) continue;
      this.#locks.update(lock.id, { connected: patch.connected });
    }
  }

  addDoorSensor(init: SimulatedDoorSensorInit): void {
    this.#doorSensors.add(init);
  }

  /** `battery: null` stands for a reading older than 30 days, which the cloud leaves out. */
  updateDoorSensor(id: number, patch: DoorSensorPatch): void {
    this.#doorSensors.update(id, patch);
  }

  // ── Operations ───────────────────────────────────────────────────────────────────────

  /** The next lock or unlock of this lock jams (ends semi-locked, result code "jammed"). */
  jamNextOperation(lockId: number): void {
    this.#operations.jamNext(lockId);
  }

  /** Finishes the operations whose ~3 s have passed on the clock (each request does it too). */
  settleOperations(): void {
    this.#operations.settle(this.#now());
  }

  operation(operationId: string): SimulatedOperation | undefined {
    return this.#operations.find(operationId);
  }

  setResponseShape(shape: ResponseShape): void {
    this.#shape = shape;
  }

  // ── Activity log ─────────────────────────────────────────────────────────────────────

  /** Adds an entry to a lock's activity log and returns its id. */
  logActivity(lockId: number, init: SimulatedActivityInit): number {
    if (!this.#locks.find(lockId)) throw new RangeError(`No simulated lock with id ${lockId}`);
    return this.#activity.add(lockId, init);
  }

  /**
   * A change made on the lock, as Tedee records it: the state moves (stamping
   * lastStateChangedDate) and the activity log gains the entry that says who and how.
   */
  changeLock(lockId: number, patch: LockPatch, activity: SimulatedActivityInit): number {
    this.#locks.update(lockId, patch);
    return this.logActivity(lockId, activity);
  }

  /** A lock's entries, oldest first. */
  activityOf(lockId: number): SimulatedActivity[] {
    return this.#activity.entriesOf(lockId);
  }

  /** Every activity query answered with a page, oldest first. */
  activityQueries(): ActivityQueryRecord[] {
    return this.#activity.queries();
  }

  // ── Keys ─────────────────────────────────────────────────────────────────────────────

  addKey(config: AccessKeyConfig): void {
    this.#keys.add(config);
  }

  /** The key is answered with 401 from now on, like a deleted or expired key. */
  revokeKey(key: string): void {
    this.#keys.revoke(key);
  }

  // ── Faults ───────────────────────────────────────────────────────────────────────────

  /** Makes each of the next `times` requests (after faults already queued) fail this way. */
  queueFault(fault: Fault, times = 1): void {
    this.#faults.push(fault, times);
  }

  clearFaults(): void {
    this.#faults.clear();
  }

  get pendingFaults(): number {
    return this.#faults.pending;
  }

  // ── Request log ──────────────────────────────────────────────────────────────────────

  requests(): RequestLogEntry[] {
    return this.#log.entries();
  }

  clearRequestLog(): void {
    this.#log.clear();
  }

  /** The closest two sync requests for one lock, failed ones included, or null; compare `gapMs` with Tedee's 20 s. */
  shortestSyncGap(): SyncGap | null {
    return this.#log.shortestSyncGap();
  }

  // ── HTTP ─────────────────────────────────────────────────────────────────────────────

  async #listen(): Promise<void> {
    this.#baseUrl = `http://127.0.0.1:${await listenOnLoopback(this.#server)}`;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Bodies are never needed; draining them keeps a keep-alive connection usable.
    req.resume();
    const method = req.method ?? 'GET';
    const target = req.url ?? '/';
    const path = splitTarget(target).path;
    const askedLockIds = locksAskedToSync(this.#locks, method, target);
    const record = (status: number | null, lockIds: number[] = [], at = this.#now()) =>
      this.#log.record({ at, method, path, status, lockIds, askedLockIds });

    const fault = this.#faults.next();
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      record(null);
      return;
    }
    if (fault && fault.kind !== 'delay') {
      const reply = faultReply(fault);
      writeReply(res, reply);
      record(reply.status);
      return;
    }
    if (fault?.kind === 'delay') await this.#delays.sleep(fault.ms);
    // The client may have given up during the delay.
    if (req.socket.destroyed) {
      record(null);
      return;
    }

    const now = this.#now();
    const answer = this.#answer(req, method, now);
    writeReply(res, answer.reply);
    record(answer.reply.status, answer.lockIds, now);
  }

  #answer(req: IncomingMessage, method: string, now: number): ApiAnswer {
    this.#operations.settle(now);
    const context = {
      keys: this.#keys,
      limiter: this.#limiter,
      locks: this.#locks,
      bridges: this.#bridges,
      doorSensors: this.#doorSensors,
      activity: this.#activity,
      shape: this.#shape,
      operations: this.#operations,
    };
    const request = {
      method,
      target: req.url ?? '/',
      authorization: req.headers.authorization,
      now,
    };
    try {
      return answerApiRequest(context, request);
    } catch (error) {
      // A bug in the simulator must show up as a failed request, not as a hung client.
      console.error('Tedee simulator failed to answer', error);
      return { reply: jsonReply(500, errorEnvelope(500, 'Internal server error')), lockIds: [] };
    }
  }
}
