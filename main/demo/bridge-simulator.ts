/**
 * An in-process imitation of a Tedee Bridge's local API on a loopback port
 * (tedee-bridge-and-activity.md §1): GET /bridge, GET /lock, GET /lock/{id}, lock/unlock/pull
 * with realistic timing (simulated-operations.ts), the callback list,
 * and callbacks it really POSTs to the registered URLs whenever a simulated lock changes.
 * Both token modes, with replay and clock-skew rejection; a fault queue (409 busy, 405, 406,
 * delays, resets, bad bodies); an unreachable bridge that stops answering or refuses
 * connections; a restart that forgets the callbacks; a switch that drops outgoing callbacks
 * (a firewall on the listening computer); and a request log with times.
 *
 * Like the cloud simulator (tedee-simulator.ts) it keeps locks in the app's readable names and
 * speaks Tedee's numbers only on the wire; time comes from an injected clock.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { z } from 'zod';
import { API_TOKEN_HEADER, BRIDGE_API_ROOT } from '../bridge/bridge-paths.ts';
import type { BridgeAuthMode } from '../bridge/bridge-token.ts';
import { readBody } from '../bridge/read-body.ts';
import { BridgeCallbacks } from './bridge-callbacks.ts';
import type { CallbackDelivery, RegisteredCallback } from './bridge-callbacks.ts';
import { DEFAULT_MAX_TOKEN_SKEW_MS, BridgeTokenCheck } from './bridge-token-check.ts';
import { eventsForChange, toWireBridgeLock } from './bridge-wire.ts';
import type { BridgeEventBody } from './bridge-wire.ts';
import { FaultQueue, faultReply } from './faults.ts';
import type { Fault } from './faults.ts';
import { jsonReply, writeReply } from './http-reply.ts';
import type { Reply } from './http-reply.ts';
import { LockRegistry } from './lock-registry.ts';
import { FaultDelays, closeNow, listenOnLoopback } from './loopback-server.ts';
import { RequestLog } from './request-log.ts';
import type { RequestLogEntry } from './request-log.ts';
import { splitTarget } from './routes.ts';
import type { LockPatch, SimulatedLock, SimulatedLockInit } from './simulated-lock.ts';
import { SimulatedOperations } from './simulated-operations.ts';
import { LOCK_OPERATIONS } from '../tedee/operation-model.ts';
import type { LockOperation } from '../tedee/operation-model.ts';

export type { CallbackDelivery, RegisteredCallback } from './bridge-callbacks.ts';
export type { BridgeEventBody } from './bridge-wire.ts';

/** The bridge's error bodies (§1.5), for queueFault. */
export const BRIDGE_FAULTS = {
  busy: { kind: 'status', status: 409, body: { json: { 'error-description': 'Busy' } } },
  lockDisconnected: {
    kind: 'status',
    status: 405,
    body: { json: { 'error-description': 'Device is disconnected' } },
  },
  bluetooth: {
    kind: 'status',
    status: 406,
    body: { json: { 'error-code': 2, 'error-description': 'BLE API error' } },
  },
} as const satisfies Record<string, Fault>;

export interface BridgeIdentity {
  name: string;
  serialNumber: string;
  ssid: string;
  version: string;
  wifiVersion: string;
}

export interface BridgeSimulatorOptions {
  token: string;
  /** The "Encrypted token" switch in the Tedee app; default 'encrypted'. */
  auth?: BridgeAuthMode;
  locks?: readonly SimulatedLockInit[];
  /** Clock in ms since the epoch (token timestamps, Date headers, currentTime, event times). */
  now?: () => number;
  /** How far a token's timestamp may stray from the bridge's clock; default 30 s. */
  maxTokenSkewMs?: number;
  /** 'id': POST /callback answers 200 {id} (firmware since 2024-01); 'no-content': 204. */
  callbackIdReply?: 'id' | 'no-content';
  identity?: Partial<BridgeIdentity>;
}

/** 'silent' accepts connections and never answers; 'refusing' closes the port. */
export type Reachability = 'answering' | 'silent' | 'refusing';

/** A lock change may also say whether the lock is jammed (the bridge's own flag). */
export type BridgeLockPatch = LockPatch & { jammed?: boolean };

const NOT_FOUND = { 'error-description': 'Not found' };
/** The largest registration body the simulator reads; real ones are a few hundred bytes. */
const MAX_REGISTRATION_BYTES = 16 * 1024;

const registrationSchema = z.object({
  url: z.string().url(),
  // Only POST delivery is simulated: the app never registers GET callbacks.
  method: z.literal('POST').optional(),
  headers: z.array(z.record(z.string(), z.string())).default([]),
});

export class BridgeSimulator {
  readonly #server: Server;
  readonly #now: () => number;
  readonly #tokens: BridgeTokenCheck;
  readonly #locks: LockRegistry;
  readonly #callbacks: BridgeCallbacks;
  readonly #faults = new FaultQueue();
  readonly #log = new RequestLog();
  readonly #identity: BridgeIdentity;
  readonly #callbackIdReply: 'id' | 'no-content';
  /** Requests held without an answer while the bridge is 'silent'. */
  readonly #held = new Set<ServerResponse>();
  readonly #delays = new FaultDelays();
  readonly #operations: SimulatedOperations;
  #reachability: Reachability = 'answering';
  #port = 0;
  #closing: Promise<void> | undefined;

  private constructor(options: BridgeSimulatorOptions) {
    this.#now = options.now ?? Date.now;
    this.#tokens = new BridgeTokenCheck(
      options.token,
      options.auth ?? 'encrypted',
      options.maxTokenSkewMs ?? DEFAULT_MAX_TOKEN_SKEW_MS,
    );
    this.#locks = new LockRegistry(this.#now, options.locks);
    this.#callbacks = new BridgeCallbacks(this.#now);
    this.#operations = new SimulatedOperations({
      find: (id) => this.#locks.find(id),
      update: (id, patch) => this.updateLock(id, patch),
    });
    this.#callbackIdReply = options.callbackIdReply ?? 'id';
    this.#identity = {
      name: 'Bridge-7C31',
      serialNumber: '22420109-001337',
      ssid: 'HomeNet',
      version: '2.2.18420',
      wifiVersion: '35.2.2.4',
      ...options.identity,
    };
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        console.error('Bridge simulator failed a request', error);
        res.destroy();
      });
    });
  }

  /** Starts listening on 127.0.0.1 on a free port. */
  static async start(options: BridgeSimulatorOptions): Promise<BridgeSimulator> {
    const simulator = new BridgeSimulator(options);
    await simulator.#listen(0);
    return simulator;
  }

  /** `http://127.0.0.1:<port>`, the bridge address to give the client. */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  get port(): number {
    return this.#port;
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#delays.cancelAll();
      this.#dropHeld();
      await this.#stopListening();
      await this.#callbacks.settled();
    })();
    return this.#closing;
  }

  // ── Locks and events ───────────────────────────────────────────────────────────────────

  /** Changes a lock and sends the events a real bridge would send for the change. */
  updateLock(id: number, patch: BridgeLockPatch): void {
    const { jammed, ...rest } = patch;
    const before = this.#lockCopy(id);
    const lockPatch: LockPatch =
      jammed === undefined ? rest : { ...rest, stateChangeResult: jammed ? 1 : 0 };
    this.#locks.update(id, lockPatch);
    const after = this.#lockCopy(id);
    for (const event of eventsForChange(before, after, this.#timestamp())) this.sendEvent(event);
  }

  /** Sends any event body to every callback, e.g. one the simulated locks cannot cause. */
  sendEvent(event: BridgeEventBody): void {
    if (this.#reachability !== 'answering') return;
    this.#callbacks.deliver(event);
  }

  locks(): SimulatedLock[] {
    this.#operations.settle(this.#now());
    return this.#locks.all().map((lock) => ({ ...lock }));
  }

  // ── Operations ─────────────────────────────────────────────────────────────────────────

  /** The next lock or unlock of this lock jams: it ends semi-locked with `jammed` 1. */
  jamNextOperation(lockId: number): void {
    this.#operations.jamNext(lockId);
  }

  /**
   * Finishes the operations whose ~3 s have passed on the clock, sending their callbacks.
   * Every request does it too; a test waiting for a callback calls this after moving its clock.
   */
  settleOperations(): void {
    this.#operations.settle(this.#now());
  }

  // ── Authentication ─────────────────────────────────────────────────────────────────────

  /** Flips the "Encrypted token" switch in the Tedee app. */
  setAuthMode(mode: BridgeAuthMode): void {
    this.#tokens.mode = mode;
  }

  // ── Callbacks ──────────────────────────────────────────────────────────────────────────

  callbacks(): RegisteredCallback[] {
    return this.#callbacks.list();
  }

  /** Adds a callback as another program (Home Assistant, say) would. */
  addCallback(url: string, headers: Record<string, string>[] = []): number {
    return this.#callbacks.add({ url, method: 'POST', headers });
  }

  /** true: outgoing callbacks are dropped, as a firewall on the listening computer would. */
  dropCallbacks(drop: boolean): void {
    this.#callbacks.dropping = drop;
  }

  deliveries(): CallbackDelivery[] {
    return this.#callbacks.deliveries();
  }

  /** Resolves when every callback sent so far has been answered or has failed. */
  deliveriesSettled(): Promise<void> {
    return this.#callbacks.settled();
  }

  /** A power cycle: callbacks and used tokens are forgotten, open connections dropped. */
  restart(): void {
    this.#callbacks.forget();
    this.#tokens.forgetUsedTokens();
    this.#dropHeld();
    this.#server.closeAllConnections();
  }

  // ── Faults and reachability ────────────────────────────────────────────────────────────

  /** Makes each of the next `times` requests fail this way, before authentication. */
  queueFault(fault: Fault, times = 1): void {
    this.#faults.push(fault, times);
  }

  get pendingFaults(): number {
    return this.#faults.pending;
  }

  async setReachability(reachability: Reachability): Promise<void> {
    const previous = this.#reachability;
    this.#reachability = reachability;
    if (previous === 'silent' && reachability !== 'silent') this.#dropHeld();
    if (reachability === 'refusing' && previous !== 'refusing') await this.#stopListening();
    if (previous === 'refusing' && reachability !== 'refusing') await this.#listen(this.#port);
  }

  // ── Request log ────────────────────────────────────────────────────────────────────────

  requests(): RequestLogEntry[] {
    return this.#log.entries();
  }

  clearRequestLog(): void {
    this.#log.clear();
  }

  /** The shortest time between two requests that reached the bridge, or null with fewer than two. */
  shortestRequestGap(): number | null {
    const times = this.#log.entries().map((entry) => entry.at);
    times.sort((a, b) => a - b);
    let shortest: number | null = null;
    for (let i = 1; i < times.length; i += 1) {
      const gap = (times[i] ?? 0) - (times[i - 1] ?? 0);
      if (shortest === null || gap < shortest) shortest = gap;
    }
    return shortest;
  }

  // ── HTTP ───────────────────────────────────────────────────────────────────────────────

  async #listen(port: number): Promise<void> {
    this.#port = await listenOnLoopback(this.#server, port);
  }

  #stopListening(): Promise<void> {
    if (!this.#server.listening) return Promise.resolve();
    return closeNow(this.#server);
  }

  #dropHeld(): void {
    for (const res of this.#held) res.destroy();
    this.#held.clear();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const { path, query } = splitTarget(req.url ?? '/');
    const record = (status: number | null, at = this.#now()) =>
      this.#log.record({ at, method, path, status, lockIds: [], askedLockIds: [] });

    if (this.#reachability === 'silent') {
      req.resume();
      this.#held.add(res);
      record(null);
      return;
    }
    const fault = this.#faults.next();
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      record(null);
      return;
    }
    if (fault && fault.kind !== 'delay') {
      req.resume();
      const reply = faultReply(fault);
      this.#write(res, reply);
      record(reply.status);
      return;
    }
    if (fault?.kind === 'delay') await this.#delays.sleep(fault.ms);
    if (req.socket.destroyed) {
      record(null);
      return;
    }
    const body = method === 'POST' ? await readBody(req, MAX_REGISTRATION_BYTES) : undefined;
    if (method !== 'POST') req.resume();
    const now = this.#now();
    this.#operations.settle(now);
    const token = req.headers[API_TOKEN_HEADER] ?? query.get(API_TOKEN_HEADER) ?? undefined;
    const verdict = this.#tokens.judge(Array.isArray(token) ? token[0] : token, now);
    const reply =
      verdict === 'ok'
        ? this.#route(method, path, body?.outcome === 'read' ? body.body : undefined)
        : jsonReply(401, { 'error-description': 'Invalid token' });
    this.#write(res, reply);
    record(reply.status, now);
  }

  #route(method: string, path: string, body: Buffer | undefined): Reply {
    if (!path.startsWith(`${BRIDGE_API_ROOT}/`)) return jsonReply(404, NOT_FOUND);
    const segments = path.slice(BRIDGE_API_ROOT.length + 1).split('/');
    const [resource, id, operation, ...rest] = segments;
    if (rest.length > 0 || (id !== undefined && !/^\d{1,9}$/.test(id)))
      return jsonReply(404, NOT_FOUND);
    if (operation !== undefined) {
      return method === 'POST' && resource === 'lock' && isOperation(operation)
        ? this.#operate(Number(id), operation)
        : jsonReply(404, NOT_FOUND);
    }
    const key = `${method} ${resource}${id === undefined ? '' : '/{id}'}`;
    switch (key) {
      case 'GET bridge':
        return jsonReply(200, {
          ...this.#identity,
          currentTime: this.#timestamp(),
          isConnected: 1,
        });
      case 'GET lock':
        return jsonReply(200, this.#locks.all().map(toWireBridgeLock));
      case 'GET lock/{id}': {
        const lock = this.#locks.find(Number(id));
        return lock
          ? jsonReply(200, toWireBridgeLock(lock))
          : jsonReply(404, { 'error-description': 'Device not found' });
      }
      case 'GET callback':
        return jsonReply(200, this.#callbacks.list());
      case 'POST callback':
        return this.#register(body);
      case 'DELETE callback/{id}':
        return this.#callbacks.remove(Number(id))
          ? { status: 204, body: '' }
          : jsonReply(404, { 'error-description': 'Callback not found' });
      default:
        return jsonReply(404, NOT_FOUND);
    }
  }

  /**
   * 204 when the motor starts (§1.4); 405 for a disconnected lock (DeviceDisconnected). From the
   * wrong state a real lock does not move, and neither does this one: 204 and nothing changes.
   */
  #operate(id: number, operation: LockOperation): Reply {
    if (!this.#locks.find(id)) return jsonReply(404, { 'error-description': 'Device not found' });
    const refusal = this.#operations.refusal(id, operation);
    if (refusal === 'disconnected')
      return jsonReply(405, { 'error-description': 'Device is disconnected' });
    if (refusal === null) this.#operations.start(id, operation, this.#now());
    return { status: 204, body: '' };
  }

  #register(body: Buffer | undefined): Reply {
    let json: unknown;
    try {
      json = JSON.parse(body?.toString('utf8') ?? '');
    } catch {
      return jsonReply(400, { 'error-description': 'Invalid body' });
    }
    const parsed = registrationSchema.safeParse(json);
    if (!parsed.success) return jsonReply(400, { 'error-description': 'Invalid body' });
    const id = this.#callbacks.add({ ...parsed.data, method: 'POST' });
    return this.#callbackIdReply === 'id' ? jsonReply(200, { id }) : { status: 204, body: '' };
  }

  /** Every answer carries the bridge's Date (from the injected clock) and `Server: Tedee`. */
  #write(res: ServerResponse, reply: Reply): void {
    writeReply(res, {
      ...reply,
      headers: { Date: new Date(this.#now()).toUTCString(), Server: 'Tedee', ...reply.headers },
    });
  }

  #timestamp(): string {
    return new Date(this.#now()).toISOString();
  }

  #lockCopy(id: number): SimulatedLock {
    const lock = this.#locks.find(id);
    if (!lock) throw new RangeError(`No simulated lock with id ${id}`);
    return { ...lock };
  }
}

function isOperation(segment: string): segment is LockOperation {
  return (LOCK_OPERATIONS as readonly string[]).includes(segment);
}
