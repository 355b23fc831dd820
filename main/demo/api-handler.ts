/**
 * Decides the answer to one API request, without touching sockets, so the order of the checks
 * is readable in one place:
 *
 *   401 unknown key → 429 hourly budget → 404 route → 405 method → 403 scope of the route
 *   (route-scopes.ts: Device.Read for devices, Account.Read for the key list,
 *   DeviceActivity.Read for the activity log, Lock.Operate to move a lock)
 *   → 429 lock-list budget → the endpoint itself (404 for an unknown lock or operation id).
 *
 * A 401 comes first and costs nothing, because Tedee cannot tell whose budget to charge;
 * every request past it counts toward the key's hourly budget, errors included.
 */
import type { AccessKeys } from './access-keys.ts';
import type { ActivityLog } from './activity-log.ts';
import { MAX_ACTIVITY_ELEMENTS } from './activity-log.ts';
import { ERROR_MESSAGES, errorEnvelope, successEnvelope } from './envelope.ts';
import { toWireDeviceDetails, toWireDoorSensorPage } from './health-wire-shapes.ts';
import { jsonReply } from './http-reply.ts';
import type { Reply } from './http-reply.ts';
import type { LockRegistry } from './lock-registry.ts';
import type { RateLimiter } from './rate-limits.ts';
import { grants } from './route-scopes.ts';
import { matchRoute, queryValues, splitTarget } from './routes.ts';
import type { Route } from './routes.ts';
import type { SimulatedOperation, SimulatedOperations } from './simulated-operations.ts';
import type { BridgeRegistry } from './simulated-bridges.ts';
import type { DoorSensorRegistry } from './simulated-door-sensors.ts';
import type { SimulatedLock } from './simulated-lock.ts';
import { toWireLock, toWireLockSync } from './wire-shapes.ts';
import type { ResponseShape } from './wire-shapes.ts';

export interface ApiContext {
  keys: AccessKeys;
  limiter: RateLimiter;
  locks: LockRegistry;
  bridges: BridgeRegistry;
  doorSensors: DoorSensorRegistry;
  activity: ActivityLog;
  shape: ResponseShape;
  operations: SimulatedOperations;
}

export interface ApiRequest {
  method: string;
  /** The request target: path plus optional query. */
  target: string;
  authorization: string | undefined;
  now: number;
}

export interface ApiAnswer {
  reply: Reply;
  /** The locks whose state the reply delivers (see RequestLogEntry.lockIds). */
  lockIds: number[];
}

export function answerApiRequest(context: ApiContext, request: ApiRequest): ApiAnswer {
  const auth = context.keys.authenticate(request.authorization);
  if (auth.outcome === 'unauthorized') return failure(401);

  const budget = context.limiter.admitGlobal(auth.key, request.now);
  if (!budget.admitted) return tooManyRequests(budget.retryAfterSeconds);

  const { path, query } = splitTarget(request.target);
  const route = matchRoute(path);
  // An unknown verb is refused whatever the path; a known one on the wrong route names the right one.
  if (request.method !== 'GET' && request.method !== 'POST') return failure(405, { Allow: 'GET' });
  if (!route) return failure(404);
  const verb = route.name === 'operation' ? 'POST' : 'GET';
  if (request.method !== verb) return failure(405, { Allow: verb });
  if (!grants(auth.scopes, route)) return failure(403);

  if (route.name === 'lockList') {
    const listBudget = context.limiter.admitLockList(auth.key, request.now);
    if (!listBudget.admitted) return tooManyRequests(listBudget.retryAfterSeconds);
  }
  return answerRoute(context, route, query, request.now, auth.guestUserId);
}

function answerRoute(
  context: ApiContext,
  route: Route,
  query: URLSearchParams,
  now: number,
  guestUserId: number | null,
): ApiAnswer {
  const { locks, shape, operations } = context;
  switch (route.name) {
    case 'deviceDetails':
      return success(toWireDeviceDetails(context.bridges.all(), locks.all(), shape));
    case 'doorSensors':
      // The simulator keeps no battery history; "changed just now" is within the 30 days.
      return success(toWireDoorSensorPage(context.doorSensors.all(), now));
    case 'personalAccessKeys':
      return success(context.keys.list());
    case 'lockList':
      return success(locks.all().map((lock) => toWireLock(lock, shape)));
    case 'lock': {
      const lock = locks.find(route.id);
      return lock ? success(toWireLock(lock, shape)) : failure(404);
    }
    case 'syncAll': {
      if (idFilter(query) === 'invalid') return failure(400);
      const covered = locksCoveredBySync(locks, route, query);
      return success(
        covered.map((lock) => toWireLockSync(lock, shape)),
        covered.map((lock) => lock.id),
      );
    }
    case 'syncSingle': {
      const lock = locks.find(route.id);
      return lock ? success(toWireLockSync(lock, shape), [lock.id]) : failure(404);
    }
    case 'deviceActivity':
      return answerActivity(context, query, guestUserId);
    case 'operation': {
      if (!locks.find(route.id)) return failure(404);
      const started = operations.start(route.id, route.operation, now);
      const lock = locks.find(route.id);
      return {
        reply: jsonReply(
          202,
          successEnvelope(
            {
              operationId: started.operationId,
              lastStateChangedDate: new Date(lock?.lastStateChangedAt ?? now).toISOString(),
            },
            202,
          ),
        ),
        lockIds: [],
      };
    }
    case 'operationStatus': {
      const operation = operations.find(String(route.id));
      return operation ? success(toWireOperationStatus(operation)) : failure(404);
    }
  }
}

/** deviceId required; elements 1..200 (default 200); lastElemDate optional (§3.1). */
function answerActivity(
  context: ApiContext,
  query: URLSearchParams,
  guestUserId: number | null,
): ApiAnswer {
  const [deviceId] = queryValues(query, 'deviceId');
  const [elements = String(MAX_ACTIVITY_ELEMENTS)] = queryValues(query, 'elements');
  const [before = null] = queryValues(query, 'lastElemDate');
  if (deviceId === undefined || !/^\d{1,15}$/.test(deviceId)) return failure(400);
  if (
    !/^\d{1,3}$/.test(elements) ||
    Number(elements) < 1 ||
    Number(elements) > MAX_ACTIVITY_ELEMENTS
  )
    return failure(400);
  if (before !== null && Number.isNaN(Date.parse(before))) return failure(400);
  const lockId = Number(deviceId);
  if (!context.locks.find(lockId)) return failure(404);
  return success(
    context.activity.page(lockId, { elements: Number(elements), before, viewer: { guestUserId } }),
  );
}

/** tedee-api.md §4.8: PENDING while the motor runs, then COMPLETED with the result code. */
function toWireOperationStatus(operation: SimulatedOperation) {
  return {
    deviceId: operation.lockId,
    operationId: operation.operationId,
    status: operation.result === null ? 'PENDING' : 'COMPLETED',
    result: operation.result ?? 0,
  };
}

/**
 * The ids of the locks a request asks Tedee to sync, decided from the request alone, before
 * any fault, authentication or limit: a sync that then got a 503, a reset or a 429 may still
 * have reached Tedee, so it counts toward each lock's 20 s all the same. Empty for any
 * request that is not a sync.
 */
export function locksAskedToSync(locks: LockRegistry, method: string, target: string): number[] {
  if (method !== 'GET') return [];
  const { path, query } = splitTarget(target);
  const route = matchRoute(path);
  if (!route) return [];
  return locksCoveredBySync(locks, route, query).map((lock) => lock.id);
}

/**
 * Every lock of the account for an unfiltered sync-all, those the `id` filter names for a
 * filtered one (none for an unreadable filter), the one lock of a single sync.
 */
function locksCoveredBySync(
  locks: LockRegistry,
  route: Route,
  query: URLSearchParams,
): SimulatedLock[] {
  switch (route.name) {
    case 'syncAll': {
      const filter = idFilter(query);
      if (filter === 'invalid') return [];
      return locks.all().filter((lock) => !filter || filter.has(lock.id));
    }
    case 'syncSingle': {
      const lock = locks.find(route.id);
      return lock ? [lock] : [];
    }
    case 'lockList':
    case 'lock':
    case 'deviceDetails':
    case 'doorSensors':
    case 'personalAccessKeys':
    case 'deviceActivity':
    case 'operation':
    case 'operationStatus':
      return [];
  }
}

/**
 * The repeatable `id` parameter of sync-all (tedee-api.md §4.3): undefined when absent (all
 * locks). Ids the account does not have are simply not in the result, as on Tedee.
 */
function idFilter(query: URLSearchParams): ReadonlySet<number> | undefined | 'invalid' {
  const values = queryValues(query, 'id');
  if (values.length === 0) return undefined;
  if (!values.every((value) => /^\d{1,15}$/.test(value))) return 'invalid';
  return new Set(values.map(Number));
}

function success(result: unknown, lockIds: number[] = []): ApiAnswer {
  return { reply: jsonReply(200, successEnvelope(result)), lockIds };
}

function failure(status: keyof typeof ERROR_MESSAGES, headers?: Record<string, string>): ApiAnswer {
  return {
    reply: jsonReply(status, errorEnvelope(status, ERROR_MESSAGES[status]), headers),
    lockIds: [],
  };
}

function tooManyRequests(retryAfterSeconds: number): ApiAnswer {
  return failure(429, { 'Retry-After': String(retryAfterSeconds) });
}
