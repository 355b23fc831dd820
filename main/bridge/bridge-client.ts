/**
 * The Tedee Bridge local API client (tedee-bridge-and-activity.md §1): the read calls a lock
 * monitor needs, lock/unlock/pull and the callback calls, every answer validated with zod and normalised into
 * the app's model, every failure turned into one typed BridgeError. Every request goes through
 * one BridgeRequestGuard (one at a time, a second apart), retries included.
 *
 * `PUT /callback` is never used: it replaces every program's callbacks, Home Assistant's too.
 */
import type { z } from 'zod';
import { systemClock } from '../engine/clock.ts';
import type { Clock } from '../engine/clock.ts';
import { describeSchemaIssue, networkFailureOf } from '../tedee/client.ts';
import type { LockOperation } from '../tedee/operation-model.ts';
import { fetchTextWithin } from '../tedee/timed-fetch.ts';
import { parseBridgeAddress } from './bridge-address.ts';
import {
  BluetoothError,
  BridgeAuthError,
  BridgeBadResponseError,
  BridgeBusyError,
  BridgeNotFoundError,
  BridgeTimeoutError,
  BridgeUnreachableError,
  LockDisconnectedError,
} from './bridge-errors.ts';
import type { BridgeError } from './bridge-errors.ts';
import type { BridgeCallback, BridgeInfo, BridgeLock, CallbackRequest } from './bridge-model.ts';
import { toBridgeCallback, toBridgeInfo, toBridgeLock } from './bridge-normalise.ts';
import { API_TOKEN_HEADER, bridgePaths } from './bridge-paths.ts';
import { BridgeRequestGuard } from './bridge-request-guard.ts';
import { BridgeTokenSigner } from './bridge-token.ts';
import type { BridgeAuthMode } from './bridge-token.ts';
import {
  wireBridgeLockSchema,
  wireBridgeSchema,
  wireCallbackIdSchema,
  wireCallbackSchema,
  wireErrorSchema,
} from './bridge-wire-schemas.ts';
import { sleepOn } from './clock-sleep.ts';

/** aiotedee's timeout; a bridge on the LAN that takes longer is as good as gone. */
export const DEFAULT_BRIDGE_TIMEOUT_MS = 10_000;
/** Waits before the second and third attempt when the bridge answers 409 (storage busy). */
export const BUSY_RETRY_DELAYS_MS: readonly number[] = [1_000, 2_000];

export interface BridgeClientOptions {
  /** `http://HOST[:PORT]`; must pass parseBridgeAddress (local network, http). */
  bridgeUrl: string;
  token: string;
  /** Default 'encrypted', the mode Tedee recommends and Home Assistant requires. */
  auth?: BridgeAuthMode;
  /** Token timestamps, request spacing and backoff; default the system clock. */
  clock?: Clock;
  /** Share one guard between everything that talks to the same bridge. */
  guard?: BridgeRequestGuard;
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

interface Answer {
  status: number;
  body: string;
  /** The bridge's `Date` header, the only clue to clock skew on a 401. */
  date: string | null;
  receivedAt: number;
}

type Method = 'GET' | 'POST' | 'DELETE';

const lockListSchema = wireBridgeLockSchema.array();
const callbackListSchema = wireCallbackSchema.array();

export class BridgeClient {
  readonly baseUrl: string;
  /** `HOST:PORT` (IPv6 in brackets) for messages. */
  readonly host: string;
  readonly auth: BridgeAuthMode;
  readonly timeoutMs: number;
  // Private fields: util.inspect and JSON.stringify of the client never show the token.
  readonly #signer: BridgeTokenSigner;
  readonly #clock: Clock;
  readonly #guard: BridgeRequestGuard;
  readonly #fetch: typeof globalThis.fetch;

  constructor(options: BridgeClientOptions) {
    const parsed = parseBridgeAddress(options.bridgeUrl);
    if (!parsed.ok) throw new RangeError(`Invalid bridge address: ${parsed.reason}`);
    this.baseUrl = parsed.address.baseUrl;
    const { host, port } = parsed.address;
    this.host = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
    this.auth = options.auth ?? 'encrypted';
    this.timeoutMs = options.timeoutMs ?? DEFAULT_BRIDGE_TIMEOUT_MS;
    this.#signer = new BridgeTokenSigner(options.token, this.auth);
    this.#clock = options.clock ?? systemClock;
    this.#guard = options.guard ?? new BridgeRequestGuard(this.#clock);
    this.#fetch = options.fetch ?? globalThis.fetch;
  }

  /** GET /bridge: name, serial number, firmware and the bridge's clock. */
  async getBridge(signal?: AbortSignal): Promise<BridgeInfo> {
    const answer = await this.#call('GET', bridgePaths.bridge, 'the bridge', signal);
    return toBridgeInfo(parse(answer, wireBridgeSchema));
  }

  /** GET /lock: every lock paired to the bridge. */
  async listLocks(signal?: AbortSignal): Promise<BridgeLock[]> {
    const answer = await this.#call('GET', bridgePaths.lockList, 'the lock list', signal);
    return parse(answer, lockListSchema).map(toBridgeLock);
  }

  async getLock(id: number, signal?: AbortSignal): Promise<BridgeLock> {
    const answer = await this.#call('GET', bridgePaths.lock(id), `lock ${id}`, signal);
    return toBridgeLock(parse(answer, wireBridgeLockSchema));
  }

  /**
   * POST /lock/{id}/lock|unlock|pull (§1.4): 204 once the motor has started; the outcome comes
   * later, in the lock's state and its callbacks. 405 (the lock is disconnected) and 406 (a
   * Bluetooth error) arrive as their typed errors. Unlock sends no mode: the default, with the
   * auto pull the user set up, as the Tedee app unlocks.
   */
  async operate(id: number, operation: LockOperation, signal?: AbortSignal): Promise<void> {
    await this.#call('POST', bridgePaths.operation(id, operation), `lock ${id}`, signal);
  }

  /** GET /callback: every program's callbacks, not only this app's. */
  async listCallbacks(signal?: AbortSignal): Promise<BridgeCallback[]> {
    const answer = await this.#call('GET', bridgePaths.callbacks, 'the callbacks', signal);
    return parse(answer, callbackListSchema).map(toBridgeCallback);
  }

  /** POST /callback: adds one callback (called with POST) and returns its id. */
  async addCallback(request: CallbackRequest, signal?: AbortSignal): Promise<number> {
    const body = JSON.stringify({
      url: request.url,
      method: 'POST',
      headers: Object.entries(request.headers).map(([name, value]) => ({ [name]: value })),
    });
    const answer = await this.#call('POST', bridgePaths.callbacks, 'callbacks', signal, body);
    if (answer.body.trim() !== '') return parse(answer, wireCallbackIdSchema).id;
    // Firmware before 2024-01 answers 204 without the id; find it by URL, as aiotedee does.
    const added = (await this.listCallbacks(signal)).findLast(
      (callback) => callback.url === request.url,
    );
    if (!added) throw new BridgeBadResponseError('it did not list the callback it accepted');
    return added.id;
  }

  /** DELETE /callback/{id}: removes one callback, no other. */
  async deleteCallback(id: number, signal?: AbortSignal): Promise<void> {
    await this.#call('DELETE', bridgePaths.callback(id), `callback ${id}`, signal);
  }

  /**
   * One logical call: retried after a 409 with backoff, and once after a 401 with a fresh
   * token, because a bridge that just booted rejects tokens for a while (§1.3, §1.11).
   */
  async #call(
    method: Method,
    path: string,
    what: string,
    signal: AbortSignal | undefined,
    body?: string,
  ): Promise<Answer> {
    let attempts = 0;
    let retriedAuth = false;
    for (;;) {
      attempts += 1;
      const answer = await this.#guard.run(() => this.#send(method, path, body, signal), signal);
      if (answer.status >= 200 && answer.status <= 299) return answer;
      const busyDelay = BUSY_RETRY_DELAYS_MS[attempts - 1];
      if (answer.status === 409 && busyDelay !== undefined) {
        await sleepOn(this.#clock, busyDelay, signal);
        continue;
      }
      if (answer.status === 401 && !retriedAuth) {
        retriedAuth = true;
        continue;
      }
      throw statusError(answer, what, attempts);
    }
  }

  /** Sends one request and reads the whole answer under one timeout. */
  async #send(
    method: Method,
    path: string,
    body: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<Answer> {
    const { response, body: text } = await fetchTextWithin(
      `${this.baseUrl}${path}`,
      {
        method,
        headers: {
          [API_TOKEN_HEADER]: this.#signer.next(this.#clock.now()),
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body }),
      },
      {
        fetch: this.#fetch,
        // Real time, not the injected clock: it stands for the network, as in the cloud client.
        timeoutMs: this.timeoutMs,
        signal,
        failure: (failure) => {
          switch (failure.kind) {
            case 'timeout':
              return new BridgeTimeoutError(this.timeoutMs);
            case 'redirect':
              return new BridgeBadResponseError(
                'it redirects elsewhere, which a bridge never does',
              );
            case 'too-large':
              return new BridgeBadResponseError(failure.message);
            case 'network':
              return new BridgeUnreachableError(networkFailureOf(failure.error), this.host);
          }
        },
      },
    );
    return {
      status: response.status,
      body: text,
      date: response.headers.get('date'),
      receivedAt: this.#clock.now(),
    };
  }
}

function statusError(answer: Answer, what: string, attempts: number): BridgeError {
  switch (answer.status) {
    case 401:
      return new BridgeAuthError(clockOffsetOf(answer));
    case 404:
      return new BridgeNotFoundError(what);
    case 405:
      return new LockDisconnectedError(what);
    case 406:
      return new BluetoothError(what, errorCodeOf(answer.body));
    case 409:
      return new BridgeBusyError(attempts);
    default:
      return new BridgeBadResponseError(`unexpected HTTP status ${answer.status}`);
  }
}

/** Our clock minus the bridge's `Date` (whole seconds), or null without a readable date. */
function clockOffsetOf(answer: Answer): number | null {
  const bridgeTime = answer.date === null ? Number.NaN : Date.parse(answer.date);
  return Number.isNaN(bridgeTime) ? null : answer.receivedAt - bridgeTime;
}

function errorCodeOf(body: string): number | null {
  const parsed = wireErrorSchema.safeParse(jsonOrUndefined(body));
  return parsed.success ? (parsed.data['error-code'] ?? null) : null;
}

function parse<Schema extends z.ZodType>(answer: Answer, schema: Schema): z.infer<Schema> {
  if (answer.body.trim() === '') throw new BridgeBadResponseError('the body is empty');
  if (/^\s*</.test(answer.body))
    throw new BridgeBadResponseError(`expected JSON but received an HTML page`);
  const json = jsonOrUndefined(answer.body);
  if (json === undefined) throw new BridgeBadResponseError('the body is not valid JSON');
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new BridgeBadResponseError(describeSchemaIssue(parsed.error));
  return parsed.data;
}

function jsonOrUndefined(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}
