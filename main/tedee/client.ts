/**
 * The Tedee cloud API client: read calls and the lock operations, every answer validated with zod and
 * normalised into the app's lock model, every failure turned into one typed TedeeError.
 */
import type { z } from 'zod';
import { originOf } from './api-address.ts';
import { apiPaths, DEFAULT_API_URL, personalKeyAuthorization } from './api-paths.ts';
import {
  AuthError,
  BadResponseError,
  ForbiddenError,
  KeyOriginError,
  MissingScopeError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  TimeoutError,
} from './errors.ts';
import type { NetworkFailure, TedeeError } from './errors.ts';
import type { Activity } from './activity-model.ts';
import { toActivity, wireActivitySchema } from './activity-wire.ts';
import type { LockDetails, LockStatus } from './lock-model.ts';
import { toDeviceDetails, toDoorSensorReadings } from './health-model.ts';
import type { DeviceDetails, DoorSensorReading } from './health-model.ts';
import {
  wireDeviceDetailsSchema,
  wireDoorSensorPageSchema,
  wirePersonalAccessKeySchema,
} from './health-wire-schemas.ts';
import { toLockDetails, toLockStatus } from './normalise.ts';
import { ownKeyValidTo } from './own-key-expiry.ts';
import { retryAtFromHeader } from './retry-after.ts';
import { fetchTextWithin } from './timed-fetch.ts';
import type { FetchFunction } from './timed-fetch.ts';
import type { LockOperation, OperationStatus } from './operation-model.ts';
import {
  envelopeSchema,
  wireLockSchema,
  wireLockSyncSchema,
  wireOperationStartedSchema,
  wireOperationStatusSchema,
} from './wire-schemas.ts';

export const DEFAULT_TIMEOUT_MS = 15_000;

export type { FetchFunction } from './timed-fetch.ts';

export interface TedeeClientOptions {
  personalKey: string;
  /**
   * The origin (`https://api.tedee.com`) the key was given for: the client sends the key to no
   * other. Required, so that every caller says where its key belongs.
   */
  keyOrigin: string;
  /** Scheme and host, optionally with a path prefix; default https://api.tedee.com. */
  apiUrl?: string;
  timeoutMs?: number;
  fetch?: FetchFunction;
  now?: () => number;
}

const lockListEnvelope = envelopeSchema(wireLockSchema.array());
const syncAllEnvelope = envelopeSchema(wireLockSyncSchema.array());
const syncSingleEnvelope = envelopeSchema(wireLockSyncSchema);
const deviceDetailsEnvelope = envelopeSchema(wireDeviceDetailsSchema);
const doorSensorsEnvelope = envelopeSchema(wireDoorSensorPageSchema);
const personalAccessKeysEnvelope = envelopeSchema(wirePersonalAccessKeySchema.array());
const activityEnvelope = envelopeSchema(wireActivitySchema.array());
const operationStartedEnvelope = envelopeSchema(wireOperationStartedSchema);
const operationStatusEnvelope = envelopeSchema(wireOperationStatusSchema);

/** The scope every operation needs (tedee-api.md §2); a 403 on one names it. */
export const OPERATE_SCOPE = 'Lock.Operate';

type Method = 'GET' | 'POST';

/** Tedee's envelope around every answer, with `Result` as its payload. */
type Envelope<Result> = z.ZodType<{
  result?: Result | undefined;
  success: boolean;
  statusCode?: number | null | undefined;
}>;

/** Tedee's page size limit for the activity log (tedee-bridge-and-activity.md §3.1). */
export const MAX_ACTIVITY_PAGE = 200;
export const ACTIVITY_SCOPE = 'DeviceActivity.Read';

export interface ActivityPage {
  /** How many entries at most (1..200). */
  elements: number;
  /** Only entries strictly older than this ISO time; absent for the newest. */
  before?: string;
}

export class TedeeClient {
  readonly apiUrl: string;
  readonly timeoutMs: number;
  // A private field: util.inspect and JSON.stringify of the client never show the key.
  readonly #authorization: string;
  readonly #personalKey: string;
  readonly #keyOrigin: string;
  readonly #fetch: FetchFunction;
  readonly #now: () => number;

  constructor(options: TedeeClientOptions) {
    this.apiUrl = (options.apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#authorization = personalKeyAuthorization(options.personalKey);
    this.#personalKey = options.personalKey;
    this.#keyOrigin = options.keyOrigin;
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#now = options.now ?? Date.now;
  }

  /** GET /my/lock: names, serials and models. Tedee allows a PAK 10 of these per 10 minutes. */
  async listLocks(signal?: AbortSignal): Promise<LockDetails[]> {
    const locks = await this.#get(apiPaths.lockList, lockListEnvelope, 'the lock list', signal);
    return locks.map(toLockDetails);
  }

  /** GET /my/lock/{id}/sync: the call Tedee recommends when exactly one lock is watched. */
  async syncLock(id: number, signal?: AbortSignal): Promise<LockStatus> {
    const lock = await this.#get(apiPaths.syncSingle(id), syncSingleEnvelope, `lock ${id}`, signal);
    return toLockStatus(lock);
  }

  /**
   * GET /my/lock/sync?id=A&id=B: one request for several locks, so the request count does
   * not grow with the number of locks. Without ids Tedee syncs every lock of the account.
   */
  async syncLocks(ids?: readonly number[], signal?: AbortSignal): Promise<LockStatus[]> {
    if (ids?.length === 0)
      throw new RangeError('syncLocks needs at least one lock id, or none to sync all');
    const query = ids ? `?${ids.map((id) => `id=${encodeURIComponent(id)}`).join('&')}` : '';
    const locks = await this.#get(
      `${apiPaths.syncAll}${query}`,
      syncAllEnvelope,
      'these locks',
      signal,
    );
    return locks.map(toLockStatus);
  }

  /** GET /my/device/details: bridges (online or not), which bridge each lock uses, firmware updates. */
  async deviceDetails(signal?: AbortSignal): Promise<DeviceDetails> {
    const details = await this.#get(
      apiPaths.deviceDetails,
      deviceDetailsEnvelope,
      'the device details',
      signal,
    );
    return toDeviceDetails(details);
  }

  /** GET /my/doorsensor: every door sensor of the account and its battery, where Tedee knows it. */
  async doorSensors(signal?: AbortSignal): Promise<DoorSensorReading[]> {
    const page = await this.#get(
      apiPaths.doorSensors,
      doorSensorsEnvelope,
      'the door sensors',
      signal,
    );
    return toDoorSensorReadings(page);
  }

  /**
   * When this client's own key expires, from GET /my/personalaccesskey (scope Account.Read):
   * epoch ms, or null when the list has no entry for the key. The key never leaves the client.
   */
  async personalKeyValidTo(signal?: AbortSignal): Promise<number | null> {
    const keys = await this.#get(
      apiPaths.personalAccessKeys,
      personalAccessKeysEnvelope,
      'the Personal Access Keys',
      signal,
    );
    return ownKeyValidTo(this.#personalKey, keys);
  }

  /**
   * GET /my/deviceactivity: a lock's activity, newest first. A 403 here means the key lacks
   * DeviceActivity.Read (MissingScopeError), not that the key is refused.
   */
  async listActivity(
    lockId: number,
    page: ActivityPage,
    signal?: AbortSignal,
  ): Promise<Activity[]> {
    if (!Number.isInteger(page.elements) || page.elements < 1 || page.elements > MAX_ACTIVITY_PAGE)
      throw new RangeError(`elements must be 1..${MAX_ACTIVITY_PAGE}, got ${page.elements}`);
    const query = new URLSearchParams({
      deviceId: String(lockId),
      elements: String(page.elements),
    });
    // Tedee documents lastElemDate as UTC; the trailing Z says so unambiguously.
    if (page.before !== undefined) query.set('lastElemDate', page.before);
    const entries = await this.#get(
      `${apiPaths.deviceActivity}?${query.toString()}`,
      activityEnvelope,
      `the activity of lock ${lockId}`,
      signal,
      () => new MissingScopeError(ACTIVITY_SCOPE, 'the activity log'),
    );
    return entries.map(toActivity);
  }

  /**
   * POST /my/lock/{id}/operation/lock|unlock|pull: Tedee answers 202 once it has passed the
   * command on, with the id to ask about it. Unlock uses mode 0 (with the auto pull the user
   * set up, as the Tedee app does).
   */
  async startOperation(
    id: number,
    operation: LockOperation,
    signal?: AbortSignal,
  ): Promise<string> {
    const started = await this.#request(
      'POST',
      apiPaths.operation(id, operation),
      operationStartedEnvelope,
      `lock ${id}`,
      signal,
      () => new ForbiddenError(OPERATE_SCOPE),
    );
    return started.operationId;
  }

  /** GET /my/device/operation/{operationId}: pending, or completed with Tedee's result code. */
  async operationStatus(operationId: string, signal?: AbortSignal): Promise<OperationStatus> {
    const answer = await this.#get(
      apiPaths.operationStatus(operationId),
      operationStatusEnvelope,
      `operation ${operationId}`,
      signal,
    );
    if (answer.status.toUpperCase() !== 'COMPLETED') return { status: 'pending' };
    return { status: 'completed', result: answer.result ?? 0 };
  }

  /** @param forbidden what a 403 means for this call (by default: the key may not read devices). */
  #get<Result>(
    path: string,
    envelope: Envelope<Result>,
    what: string,
    signal: AbortSignal | undefined,
    forbidden?: () => TedeeError,
  ): Promise<Result> {
    return this.#request('GET', path, envelope, what, signal, forbidden);
  }

  async #request<Result>(
    method: Method,
    path: string,
    envelope: Envelope<Result>,
    what: string,
    signal: AbortSignal | undefined,
    forbidden: () => TedeeError = () => new ForbiddenError(),
  ): Promise<Result> {
    const { status, retryAfter, body } = await this.#fetchText(method, path, signal);
    if (status < 200 || status > 299) throw this.#statusError(status, retryAfter, what, forbidden);

    const parsed = envelope.safeParse(parseJson(body, status));
    if (!parsed.success) throw new BadResponseError(describeSchemaIssue(parsed.error));
    const { result, success, statusCode } = parsed.data;
    if (!success) {
      const reported = statusCode ?? status;
      if (reported >= 200 && reported <= 299)
        throw new BadResponseError('it reports a failure without saying which');
      throw this.#statusError(reported, retryAfter, what, forbidden);
    }
    if (result === undefined) throw new BadResponseError('field "result" is missing');
    return result;
  }

  /** Sends the request and reads the whole body under one timeout. */
  async #fetchText(method: Method, path: string, signal: AbortSignal | undefined) {
    const url = `${this.apiUrl}${path}`;
    // Checked on the very address about to be fetched, not on what the caller meant to ask.
    const origin = originOf(url);
    if (origin !== this.#keyOrigin) throw new KeyOriginError(this.#keyOrigin, origin);
    const { response, body } = await fetchTextWithin(
      url,
      {
        method,
        headers: { Authorization: this.#authorization, Accept: 'application/json' },
        // For net.fetch, which otherwise sends and keeps the session's cookies and may answer
        // from, and write lock states to, Chromium's disk cache. Node's fetch has neither.
        credentials: 'omit',
        cache: 'no-store',
      },
      {
        fetch: this.#fetch,
        timeoutMs: this.timeoutMs,
        signal,
        failure: (failure) => {
          switch (failure.kind) {
            case 'timeout':
              return new TimeoutError(this.timeoutMs);
            case 'redirect':
              return new BadResponseError(
                'it redirects elsewhere, and this app does not follow redirects',
              );
            case 'too-large':
              return new BadResponseError(failure.message);
            case 'network':
              return new NetworkError(networkFailureOf(failure.error), new URL(this.apiUrl).host);
          }
        },
      },
    );
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
  }

  #statusError(
    status: number,
    retryAfter: string | null,
    what: string,
    forbidden: () => TedeeError,
  ): TedeeError {
    if (status === 401) return new AuthError();
    if (status === 403) return forbidden();
    if (status === 404) return new NotFoundError(what);
    if (status === 429) return new RateLimitedError(retryAtFromHeader(retryAfter, this.#now()));
    if (status >= 500) return new ServerError(status);
    return new BadResponseError(`unexpected HTTP status ${status}`);
  }
}

function parseJson(body: string, status: number): unknown {
  if (/^\s*</.test(body))
    throw new BadResponseError(`expected JSON but received an HTML page (HTTP ${status})`);
  try {
    return JSON.parse(body);
  } catch {
    throw new BadResponseError(
      body.trim() === '' ? 'the body is empty' : 'the body is not valid JSON',
    );
  }
}

/** Names the first failing field, e.g. `result[0].deviceState.batteryLevel`. */
export function describeSchemaIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'it does not match the expected shape';
  const path = issue.path.reduce<string>(
    (text, key) =>
      typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key),
    '',
  );
  return `field "${path || '(body)'}": ${issue.message}`;
}

/**
 * Node's fetch reports socket failures as TypeError('fetch failed') with a coded cause;
 * Electron's net.fetch as an Error whose message is Chromium's net error name.
 */
export function networkFailureOf(error: unknown): NetworkFailure {
  if (!(error instanceof Error)) return 'other';
  const code = isCoded(error.cause) ? error.cause.code : error.message;
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'net::ERR_NAME_NOT_RESOLVED':
      return 'dns';
    case 'ECONNREFUSED':
    case 'net::ERR_CONNECTION_REFUSED':
      return 'refused';
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
    case 'net::ERR_CONNECTION_RESET':
    case 'net::ERR_CONNECTION_CLOSED':
    case 'net::ERR_EMPTY_RESPONSE':
      return 'reset';
    default:
      return 'other';
  }
}

function isCoded(value: unknown): value is { code: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}
