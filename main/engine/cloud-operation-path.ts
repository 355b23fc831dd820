/**
 * Lock, unlock and pull through the Tedee cloud (tedee-api.md §4.8): `POST .../operation/...`
 * answers 202 with an operation id, then the operation status endpoint says PENDING until the
 * lock has moved and COMPLETED with a result code. Every request goes through the request gates
 * and counts against the hourly budget, from the reserve monitoring never touches.
 */
import { AuthError, ForbiddenError, RateLimitedError, TedeeError } from '../tedee/errors.ts';
import type { LockOperation, OperationStatus } from '../tedee/operation-model.ts';
import { sleepOn } from '../bridge/clock-sleep.ts';
import type { Clock } from './clock.ts';
import type { OperationPath, PathResult } from './operation-path.ts';
import type { RequestGates } from './request-gates.ts';

/** What the cloud path needs of the Tedee client. */
export interface TedeeOperationsApi {
  startOperation(id: number, operation: LockOperation, signal?: AbortSignal): Promise<string>;
  operationStatus(operationId: string, signal?: AbortSignal): Promise<OperationStatus>;
}

export type OperationGate = Pick<
  RequestGates,
  'operationAllowedAt' | 'recordOperation' | 'rateLimitedUntil' | 'rateLimitedAt'
>;

/**
 * Waits before each status check: the motor takes about 3 s, so the first look is then, and
 * later ones space out, so that a slow operation costs five or six requests, not sixty.
 */
export const STATUS_CHECK_DELAYS_MS: readonly number[] = [3_000, 3_000, 6_000, 12_000, 24_000];

class Refused extends Error {
  readonly result: Extract<PathResult, { kind: 'failed' }>;
  constructor(result: Extract<PathResult, { kind: 'failed' }>) {
    super(result.detail);
    this.result = result;
  }
}

export class CloudOperationPath implements OperationPath {
  readonly route = 'cloud';
  readonly #api: TedeeOperationsApi;
  readonly #gate: OperationGate;
  readonly #clock: Clock;
  readonly #onForbidden: () => void;
  /**
   * The requests in flight (not the waits between status checks): one path serves every lock,
   * so the operations of two locks can each have one.
   */
  readonly #inFlight = new Set<Promise<void>>();

  /** @param onForbidden told of a 403: the key lacks Lock.Operate, so the cloud path is hidden. */
  constructor(options: {
    api: TedeeOperationsApi;
    gate: OperationGate;
    clock: Clock;
    onForbidden: () => void;
  }) {
    this.#api = options.api;
    this.#gate = options.gate;
    this.#clock = options.clock;
    this.#onForbidden = options.onForbidden;
  }

  /** Resolves when no request of this path is in flight (tests and the app's idle()). */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight);
  }

  async run(lockId: number, operation: LockOperation, signal: AbortSignal): Promise<PathResult> {
    try {
      const operationId = await this.#send(() =>
        this.#api.startOperation(lockId, operation, signal),
      );
      for (let check = 0; ; check += 1) {
        const delay = STATUS_CHECK_DELAYS_MS[Math.min(check, STATUS_CHECK_DELAYS_MS.length - 1)];
        await sleepOn(this.#clock, delay ?? 0, signal);
        const status = await this.#send(() => this.#api.operationStatus(operationId, signal));
        if (status.status === 'pending') continue;
        if (status.result === 0) return { kind: 'accepted' };
        return {
          kind: 'failed',
          reason: 'failed-code',
          detail: `failed (code ${status.result})`,
          code: status.result,
        };
      }
    } catch (error) {
      if (error instanceof Refused) return error.result;
      return this.#failure(error);
    }
  }

  /** One request through the gates: refused here, not sent, when nothing may go now. */
  async #send<Result>(request: () => Promise<Result>): Promise<Result> {
    const now = this.#clock.now();
    const allowedAt = this.#gate.operationAllowedAt(now);
    if (allowedAt > now) {
      const detail = this.#gate.rateLimitedAt(now)
        ? `Tedee is busy (HTTP 429); try again after ${new Date(allowedAt).toISOString()}.`
        : `this hour's requests for locking and unlocking are used up; try again after ${new Date(allowedAt).toISOString()}.`;
      throw new Refused({ kind: 'failed', reason: 'busy', detail });
    }
    this.#gate.recordOperation(now);
    const sent = request();
    // Settles either way and never rejects: the caller of #send handles the failure.
    const landed = () => {
      this.#inFlight.delete(tracked);
    };
    const tracked: Promise<void> = sent.then(landed, landed);
    this.#inFlight.add(tracked);
    return sent;
  }

  #failure(error: unknown): PathResult {
    if (error instanceof ForbiddenError) {
      this.#onForbidden();
      return {
        kind: 'failed',
        reason: 'no-permission',
        detail: `no permission: the Personal Access Key needs the ${error.scope} scope.`,
      };
    }
    if (error instanceof AuthError)
      return { kind: 'failed', reason: 'no-permission', detail: 'Tedee rejected the key.' };
    if (error instanceof RateLimitedError) {
      this.#gate.rateLimitedUntil(error.retryAt);
      return {
        kind: 'failed',
        reason: 'busy',
        detail: `Tedee is busy (HTTP 429); try again after ${new Date(error.retryAt).toISOString()}.`,
      };
    }
    const detail =
      error instanceof TedeeError ? error.message : 'an unexpected error while asking Tedee.';
    return { kind: 'failed', reason: 'unreachable', detail };
  }
}
