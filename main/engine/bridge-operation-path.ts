/**
 * Lock, unlock and pull through the bridge on the local network (tedee-bridge-and-activity.md
 * §1.4): 204 means the motor started, and the outcome is the lock's state. The bridge names
 * what went wrong (405 lock disconnected, 406 Bluetooth error, `jammed`), which the cloud
 * cannot. It needs no cloud scope and spends nothing of Tedee's hourly budget; the client's
 * request guard keeps the bridge's one request a second.
 *
 * The state is read back from the bridge until the motor stops; in live mode the bridge's
 * callback usually brings the same news to the snapshot first, which confirms it just as well.
 */
import type { BridgeClient } from '../bridge/bridge-client.ts';
import {
  BluetoothError,
  BridgeAuthError,
  BridgeBusyError,
  BridgeError,
  LockDisconnectedError,
} from '../bridge/bridge-errors.ts';
import { sleepOn } from '../bridge/clock-sleep.ts';
import type { LockOperation } from '../tedee/operation-model.ts';
import type { Clock } from './clock.ts';
import { MOVING_STATES, stateWords, TARGET_STATES } from './operation-outcome.ts';
import type { OperationPath, PathResult } from './operation-path.ts';

/** Between two readings of the lock while its motor runs (the bridge allows one request a second). */
export const BRIDGE_STATE_READ_INTERVAL_MS = 1_000;

export class BridgeOperationPath implements OperationPath {
  readonly route = 'bridge';
  readonly #client: Pick<BridgeClient, 'operate' | 'getLock'>;
  readonly #clock: Clock;

  constructor(client: Pick<BridgeClient, 'operate' | 'getLock'>, clock: Clock) {
    this.#client = client;
    this.#clock = clock;
  }

  async run(lockId: number, operation: LockOperation, signal: AbortSignal): Promise<PathResult> {
    try {
      await this.#client.operate(lockId, operation, signal);
      for (;;) {
        await sleepOn(this.#clock, BRIDGE_STATE_READ_INTERVAL_MS, signal);
        const { status } = await this.#client.getLock(lockId, signal);
        if (status.jammed)
          return { kind: 'failed', reason: 'jammed', detail: 'the lock is jammed.' };
        if (status.state !== null && TARGET_STATES[operation].includes(status.state))
          return { kind: 'confirmed' };
        if (status.state !== null && MOVING_STATES.has(status.state)) continue;
        return {
          kind: 'failed',
          reason: 'not-done',
          detail: `the lock did not move; it reports ${stateWords(status.state)}.`,
        };
      }
    } catch (error) {
      return failureOf(error);
    }
  }
}

function failureOf(error: unknown): PathResult {
  if (error instanceof LockDisconnectedError)
    return {
      kind: 'failed',
      reason: 'lock-disconnected',
      detail: 'the lock is disconnected from the bridge.',
    };
  if (error instanceof BluetoothError)
    return {
      kind: 'failed',
      reason: 'bluetooth',
      detail: `the lock reported a Bluetooth error${error.code === null ? '' : ` (code ${error.code})`}.`,
    };
  if (error instanceof BridgeAuthError)
    return { kind: 'failed', reason: 'no-permission', detail: 'the bridge rejected the token.' };
  if (error instanceof BridgeBusyError)
    return { kind: 'failed', reason: 'busy', detail: 'the bridge is busy; try again shortly.' };
  const detail =
    error instanceof BridgeError ? error.message : 'an unexpected error while asking the bridge.';
  return { kind: 'failed', reason: 'unreachable', detail };
}
