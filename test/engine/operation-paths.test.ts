/**
 * The two paths an operation can take, each on a hand-driven clock with a played client: the
 * cloud's operation and status requests through the gates, and the bridge's command and
 * readings; and the sentences every path ends in.
 */
import { describe, expect, it } from 'vitest';
import {
  BluetoothError,
  BridgeAuthError,
  BridgeBusyError,
  BridgeTimeoutError,
  LockDisconnectedError,
} from '../../main/bridge/bridge-errors.ts';
import type { BridgeLock } from '../../main/bridge/bridge-model.ts';
import { BridgeOperationPath } from '../../main/engine/bridge-operation-path.ts';
import { CloudOperationPath } from '../../main/engine/cloud-operation-path.ts';
import type { OperationGate } from '../../main/engine/cloud-operation-path.ts';
import {
  failed,
  RUNNING_LABEL,
  stateWords,
  succeeded,
} from '../../main/engine/operation-outcome.ts';
import type { PathResult } from '../../main/engine/operation-path.ts';
import {
  AuthError,
  ForbiddenError,
  RateLimitedError,
  ServerError,
} from '../../main/tedee/errors.ts';
import type { LockState } from '../../main/tedee/lock-enums.ts';
import type { OperationStatus } from '../../main/tedee/operation-model.ts';
import { ManualClock } from '../support/manual-clock.ts';

const GARAGE = 7;

/** Lets promise chains run between two moves of the clock. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs `result` to its end, moving the clock a second at a time (at most `limitMs`). */
async function finish(
  clock: ManualClock,
  result: Promise<PathResult>,
  limitMs = 120_000,
): Promise<PathResult> {
  let answer: PathResult | undefined;
  void result.then((value) => (answer = value));
  for (let waited = 0; answer === undefined && waited <= limitMs; waited += 1_000) {
    await clock.advanceBy(1_000, settle);
  }
  if (answer === undefined) throw new Error('the path did not answer');
  return answer;
}

describe('the cloud path', () => {
  function setup(statuses: Array<OperationStatus | Error> = [{ status: 'completed', result: 0 }]) {
    const clock = new ManualClock();
    const T0 = clock.now();
    /** Every request and every one counted against the budget, in ms after the start. */
    const requests: Array<{ what: string; at: number }> = [];
    let startAnswer: string | Error = 'op-1';
    let allowedAt: number | null = null;
    let limited = false;
    const limitedUntil: number[] = [];
    const gate: OperationGate = {
      operationAllowedAt: (now) => allowedAt ?? now,
      recordOperation: (at) => requests.push({ what: 'recorded', at: at - T0 }),
      rateLimitedUntil: (retryAt) => limitedUntil.push(retryAt),
      rateLimitedAt: () => limited,
    };
    let forbidden = 0;
    const path = new CloudOperationPath({
      api: {
        startOperation: async (id, operation) => {
          requests.push({ what: `start ${id} ${operation}`, at: clock.now() - T0 });
          if (startAnswer instanceof Error) throw startAnswer;
          return startAnswer;
        },
        operationStatus: async (operationId) => {
          requests.push({ what: `status ${operationId}`, at: clock.now() - T0 });
          const next = statuses.shift() ?? { status: 'pending' };
          if (next instanceof Error) throw next;
          return next;
        },
      },
      gate,
      clock,
      onForbidden: () => (forbidden += 1),
    });
    return {
      clock,
      T0,
      path,
      requests,
      limitedUntil,
      forbidden: () => forbidden,
      refuseUntil(at: number, rateLimited: boolean) {
        allowedAt = at;
        limited = rateLimited;
      },
      failStart(error: Error) {
        startAnswer = error;
      },
      run: (signal = new AbortController().signal) => path.run(GARAGE, 'lock', signal),
    };
  }

  it('starts the operation, then checks its status after 3, 3, 6, 12, 24 and 24 s, each request counted', async () => {
    const pending: OperationStatus = { status: 'pending' };
    const h = setup([
      pending,
      pending,
      pending,
      pending,
      pending,
      { status: 'completed', result: 0 },
    ]);
    expect(await finish(h.clock, h.run())).toEqual({ kind: 'accepted' });
    const statusChecks = h.requests.filter((request) => request.what === 'status op-1');
    expect(statusChecks.map((request) => request.at / 1000)).toEqual([3, 6, 12, 24, 48, 72]);
    expect(h.requests.filter((request) => request.what === 'recorded')).toHaveLength(7);
    expect(h.requests.slice(0, 4)).toEqual([
      { what: 'recorded', at: 0 },
      { what: `start ${GARAGE} lock`, at: 0 },
      { what: 'recorded', at: 3_000 },
      { what: 'status op-1', at: 3_000 },
    ]);
  });

  it('reports a result code other than 0 as failed, with the code', async () => {
    const h = setup([{ status: 'completed', result: 2 }]);
    expect(await finish(h.clock, h.run())).toEqual({
      kind: 'failed',
      reason: 'failed-code',
      detail: 'failed (code 2)',
      code: 2,
    });
  });

  it('sends nothing while the gates refuse, and says why: a 429 or the hour’s reserve', async () => {
    const h = setup();
    const at = h.T0 + 120_000;
    h.refuseUntil(at, true);
    expect(await h.run()).toEqual({
      kind: 'failed',
      reason: 'busy',
      detail: 'Tedee is busy (HTTP 429); try again after 2026-11-25T08:02:00.000Z.',
    });
    h.refuseUntil(at, false);
    expect(await h.run()).toEqual({
      kind: 'failed',
      reason: 'busy',
      detail:
        "this hour's requests for locking and unlocking are used up; try again after 2026-11-25T08:02:00.000Z.",
    });
    expect(h.requests).toEqual([]);
  });

  it('may send at the very moment the gates allow', async () => {
    const h = setup();
    h.refuseUntil(h.T0, false);
    expect(await finish(h.clock, h.run())).toEqual({ kind: 'accepted' });
  });

  it('a 403 names the missing scope and tells the app, once', async () => {
    const h = setup();
    h.failStart(new ForbiddenError('Lock.Operate'));
    expect(await h.run()).toEqual({
      kind: 'failed',
      reason: 'no-permission',
      detail: 'no permission: the Personal Access Key needs the Lock.Operate scope.',
    });
    expect(h.forbidden()).toBe(1);
  });

  it('a rejected key is no permission, without hiding the path', async () => {
    const h = setup();
    h.failStart(new AuthError());
    expect(await h.run()).toEqual({
      kind: 'failed',
      reason: 'no-permission',
      detail: 'Tedee rejected the key.',
    });
    expect(h.forbidden()).toBe(0);
  });

  it('a 429 on a status check holds the gates until its Retry-After', async () => {
    const retryAt = Date.UTC(2026, 10, 25, 8, 5, 0);
    const h = setup([new RateLimitedError(retryAt)]);
    expect(await finish(h.clock, h.run())).toEqual({
      kind: 'failed',
      reason: 'busy',
      detail: 'Tedee is busy (HTTP 429); try again after 2026-11-25T08:05:00.000Z.',
    });
    expect(h.limitedUntil).toEqual([retryAt]);
  });

  it("passes on Tedee's own words for other failures, and names anything else unexpected", async () => {
    const server = setup([new ServerError(503)]);
    expect(await finish(server.clock, server.run())).toEqual({
      kind: 'failed',
      reason: 'unreachable',
      detail: new ServerError(503).message,
    });
    const odd = setup([new TypeError('fetch failed')]);
    expect(await finish(odd.clock, odd.run())).toEqual({
      kind: 'failed',
      reason: 'unreachable',
      detail: 'an unexpected error while asking Tedee.',
    });
  });

  it('idle() waits for the requests of every operation in flight, whichever lands first', async () => {
    const clock = new ManualClock();
    const answers: Array<(id: string) => void> = [];
    const path = new CloudOperationPath({
      api: {
        startOperation: () => new Promise((resolve) => answers.push(resolve)),
        operationStatus: () => new Promise(() => {}),
      },
      gate: {
        operationAllowedAt: (now) => now,
        recordOperation: () => {},
        rateLimitedUntil: () => {},
        rateLimitedAt: () => false,
      },
      clock,
      onForbidden: () => {},
    });
    const abort = new AbortController();
    void path.run(GARAGE, 'lock', abort.signal);
    void path.run(GARAGE + 1, 'lock', abort.signal);
    answers[0]?.('op-1');
    await settle();
    let idle = false;
    void path.idle().then(() => (idle = true));
    await settle();
    expect(idle).toBe(false);
    answers[1]?.('op-2');
    await settle();
    expect(idle).toBe(true);

    // The later request landing first leaves the earlier one in flight.
    void path.run(GARAGE, 'unlock', abort.signal);
    void path.run(GARAGE + 1, 'unlock', abort.signal);
    answers[3]?.('op-4');
    await settle();
    let idleAgain = false;
    void path.idle().then(() => (idleAgain = true));
    await settle();
    expect(idleAgain).toBe(false);
    answers[2]?.('op-3');
    await settle();
    expect(idleAgain).toBe(true);
    abort.abort();
  });

  it('idle() waits for the request in flight, not for the waits between checks', async () => {
    const clock = new ManualClock();
    let answer: (id: string) => void = () => {};
    const path = new CloudOperationPath({
      api: {
        startOperation: () => new Promise((resolve) => (answer = resolve)),
        operationStatus: async () => ({ status: 'pending' }),
      },
      gate: {
        operationAllowedAt: (now) => now,
        recordOperation: () => {},
        rateLimitedUntil: () => {},
        rateLimitedAt: () => false,
      },
      clock,
      onForbidden: () => {},
    });
    const abort = new AbortController();
    void path.run(GARAGE, 'lock', abort.signal);
    let idle = false;
    void path.idle().then(() => (idle = true));
    await settle();
    expect(idle).toBe(false);
    answer('op-1');
    await settle();
    expect(idle).toBe(true);
    abort.abort();
  });
});

describe('the bridge path', () => {
  function setup(readings: Array<Partial<BridgeLock['status']>>, operateError?: Error) {
    const clock = new ManualClock();
    const T0 = clock.now();
    const requests: string[] = [];
    const client = {
      operate: async (id: number, operation: string) => {
        requests.push(`${(clock.now() - T0) / 1000} s: ${operation} ${id}`);
        if (operateError) throw operateError;
      },
      getLock: async (id: number): Promise<BridgeLock> => {
        requests.push(`${(clock.now() - T0) / 1000} s: read ${id}`);
        const reading = readings.shift() ?? { state: 'locking' as LockState };
        return {
          id,
          serial: 'SN',
          name: 'Garage',
          model: 'lock-pro',
          status: {
            id,
            connected: true,
            state: 'locking',
            door: null,
            battery: null,
            charging: null,
            lastOperationFailed: false,
            lastChanged: null,
            revision: 1,
            jammed: false,
            ...reading,
          },
        };
      },
    };
    return { clock, client, requests };
  }

  it('sends the command to the lock by its bridge id, then reads it a second apart until it arrives', async () => {
    const h = setup([{ state: 'locking' }, { state: 'locking' }, { state: 'locked' }]);
    const path = new BridgeOperationPath(h.client, h.clock, (id) => id + 1000);
    const result = path.run(GARAGE, 'lock', new AbortController().signal);
    expect(await finish(h.clock, result)).toEqual({ kind: 'confirmed' });
    expect(h.requests).toEqual([
      '0 s: lock 1007',
      '1 s: read 1007',
      '2 s: read 1007',
      '3 s: read 1007',
    ]);
  });

  it('uses the cloud id as the bridge id by default', async () => {
    const h = setup([{ state: 'pulled' }]);
    const path = new BridgeOperationPath(h.client, h.clock);
    expect(await finish(h.clock, path.run(GARAGE, 'pull', new AbortController().signal))).toEqual({
      kind: 'confirmed',
    });
    expect(h.requests).toEqual([`0 s: pull ${GARAGE}`, `1 s: read ${GARAGE}`]);
  });

  it('sends nothing for a lock the bridge does not list', async () => {
    const h = setup([]);
    const path = new BridgeOperationPath(h.client, h.clock, () => null);
    expect(await path.run(GARAGE, 'lock', new AbortController().signal)).toEqual({
      kind: 'failed',
      reason: 'unreachable',
      detail: 'the bridge does not list the lock.',
    });
    expect(h.requests).toEqual([]);
  });

  it.each([
    [{ jammed: true, state: 'locked' as LockState }, 'jammed', 'the lock is jammed.'],
    [
      { state: 'semi-locked' as LockState },
      'not-done',
      'the lock did not move; it reports partly locked.',
    ],
    [{ state: null }, 'not-done', 'the lock did not move; it reports no state.'],
  ] as const)('a reading of %o ends it as %s', async (reading, reason, detail) => {
    const h = setup([reading]);
    const path = new BridgeOperationPath(h.client, h.clock);
    expect(await finish(h.clock, path.run(GARAGE, 'lock', new AbortController().signal))).toEqual({
      kind: 'failed',
      reason,
      detail,
    });
  });

  it.each([
    [
      new LockDisconnectedError('lock 7'),
      'lock-disconnected',
      'the lock is disconnected from the bridge.',
    ],
    [new BluetoothError('lock 7', 5), 'bluetooth', 'the lock reported a Bluetooth error (code 5).'],
    [new BluetoothError('lock 7', null), 'bluetooth', 'the lock reported a Bluetooth error.'],
    [new BridgeAuthError(null), 'no-permission', 'the bridge rejected the token.'],
    [new BridgeBusyError(3), 'busy', 'the bridge is busy; try again shortly.'],
    [new BridgeTimeoutError(5_000), 'unreachable', 'The bridge did not answer within 5 s.'],
    [new RangeError('odd'), 'unreachable', 'an unexpected error while asking the bridge.'],
  ] as const)('%s from the bridge is %s', async (error, reason, detail) => {
    const h = setup([], error);
    const path = new BridgeOperationPath(h.client, h.clock);
    expect(await path.run(GARAGE, 'unlock', new AbortController().signal)).toEqual({
      kind: 'failed',
      reason,
      detail,
    });
  });
});

describe('the sentences', () => {
  it('say what became of each operation', () => {
    expect(succeeded('lock', 'Garage').message).toBe('Garage is locked.');
    expect(succeeded('unlock', 'Garage').message).toBe('Garage is unlocked.');
    expect(succeeded('pull', 'Garage').message).toBe('Garage had its latch pulled.');
    expect(failed('unlock', 'Garage', 'busy', 'Tedee is busy.')).toEqual({
      ok: false,
      reason: 'busy',
      message: 'Unlocking Garage failed: Tedee is busy.',
    });
    expect(failed('pull', 'Garage', 'timed-out', 'ignored')).toEqual({
      ok: false,
      reason: 'timed-out',
      message: 'Pulling the latch of Garage timed out after 60 s.',
    });
  });

  it('label an operation while it runs', () => {
    expect(RUNNING_LABEL).toEqual({ lock: 'Locking…', unlock: 'Unlocking…', pull: 'Pulling…' });
  });

  it('name the lock states in words', () => {
    expect(stateWords('semi-locked')).toBe('partly locked');
    expect(stateWords('unlocked')).toBe('unlocked');
    expect(stateWords(null)).toBe('no state');
    expect(stateWords(undefined)).toBe('no state');
  });
});
