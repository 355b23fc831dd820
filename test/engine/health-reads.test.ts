/**
 * The reads about what surrounds the locks, on a hand-driven clock with a fake client: which
 * read goes when, what makes the details come early, and what a failure, a 429 or an abort
 * leaves behind.
 */
import { describe, expect, it } from 'vitest';
import type { TimerHandle } from '../../main/engine/clock.ts';
import { HealthReads } from '../../main/engine/health-reads.ts';
import type { HealthApi } from '../../main/engine/health-reads.ts';
import { RequestGates } from '../../main/engine/request-gates.ts';
import {
  AuthError,
  ForbiddenError,
  RateLimitedError,
  ServerError,
} from '../../main/tedee/errors.ts';
import type { DeviceDetails, DoorSensorReading } from '../../main/tedee/health-model.ts';
import type { LockStatus } from '../../main/tedee/lock-model.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 11, 1, 8, 0, 0);
const HALL = 47090;
const SHED = 47091;

/** Locks 1 and 2 on the hall bridge, 3 on the shed bridge, 4 without a bridge. */
function detailsWith(hallConnected: boolean): DeviceDetails {
  return {
    bridges: [
      { id: HALL, name: 'Hall bridge', connected: hallConnected },
      { id: SHED, name: 'Shed bridge', connected: true },
    ],
    locks: [
      { id: 1, bridgeId: HALL, updateAvailable: false },
      { id: 2, bridgeId: HALL, updateAvailable: false },
      { id: 3, bridgeId: SHED, updateAvailable: false },
      { id: 4, bridgeId: null, updateAvailable: false },
    ],
  };
}
const SENSORS: DoorSensorReading[] = [{ id: 901, name: 'Door sensor', lockId: 1, battery: 50 }];

type ReadName = 'details' | 'doorSensors' | 'keyExpiry';

function setup(options: { syncsPerHour?: number; budgetPerHour?: number } = {}) {
  let now = T0;
  let live = false;
  const clock = {
    now: () => now,
    setTimeout: (): TimerHandle => {
      throw new Error('health reads set no timers');
    },
    clearTimeout: () => {},
  };
  const gates = new RequestGates(options.budgetPerHour ?? 350, 0);
  const sent: ReadName[] = [];
  /** What the next read of each kind does; by default it answers. */
  const next: Partial<Record<ReadName, () => unknown>> = {};
  let details = detailsWith(true);
  let keyValidTo: number | null = T0 + 100 * DAY;
  const answer = async <Value>(name: ReadName, value: Value): Promise<Value> => {
    sent.push(name);
    const behaviour = next[name];
    delete next[name];
    if (behaviour) return (await behaviour()) as Value;
    return value;
  };
  const api: HealthApi = {
    deviceDetails: () => answer('details', details),
    doorSensors: () => answer('doorSensors', SENSORS),
    personalKeyValidTo: () => answer('keyExpiry', keyValidTo),
  };
  const reads = new HealthReads(
    clock,
    gates,
    () => options.syncsPerHour ?? 180,
    () => live,
  );
  return {
    reads,
    gates,
    next,
    /** The reads `runDue` sent, emptied for the next call. */
    async run(signal = new AbortController().signal): Promise<ReadName[]> {
      sent.length = 0;
      await reads.runDue(api, signal);
      return [...sent];
    },
    at(time: number) {
      now = time;
    },
    setLive(value: boolean) {
      live = value;
    },
    setDetails(value: DeviceDetails) {
      details = value;
    },
    setKeyValidTo(value: number | null) {
      keyValidTo = value;
    },
  };
}

function status(id: number, connected: boolean | null): LockStatus {
  return {
    id,
    connected,
    state: connected === false ? null : 'locked',
    door: null,
    battery: null,
    charging: null,
    lastOperationFailed: false,
    lastChanged: null,
    revision: 1,
  };
}
const connectedBefore = (entries: Array<[number, boolean | null]>) => new Map(entries);

describe('what is read when', () => {
  it('reads everything at the first poll, in order, and keeps it dated', async () => {
    const h = setup();
    expect(h.reads.facts).toEqual({ details: null, doorSensors: null, keyValidTo: null });
    expect(await h.run()).toEqual(['details', 'doorSensors', 'keyExpiry']);
    expect(h.reads.facts).toEqual({
      details: { at: T0, value: detailsWith(true) },
      doorSensors: { at: T0, value: SENSORS },
      keyValidTo: { at: T0, value: T0 + 100 * DAY },
    });
  });

  it('reads the details every 10 minutes, the door sensors hourly and the key daily', async () => {
    const h = setup();
    await h.run();
    h.at(T0 + 10 * MINUTE - 1);
    expect(await h.run()).toEqual([]);
    h.at(T0 + 10 * MINUTE);
    expect(await h.run()).toEqual(['details']);
    h.at(T0 + HOUR - 1);
    expect(await h.run()).toEqual(['details']);
    h.at(T0 + HOUR);
    expect(await h.run()).toEqual(['doorSensors']);
    h.at(T0 + DAY - 1);
    expect(await h.run()).toEqual(['details', 'doorSensors']);
    h.at(T0 + DAY);
    expect(await h.run()).toEqual(['keyExpiry']);
  });

  it('reads the details hourly while the bridge follows every lock live', async () => {
    const h = setup();
    h.setLive(true);
    await h.run();
    h.at(T0 + 59 * MINUTE);
    expect(await h.run()).toEqual([]);
    h.at(T0 + HOUR);
    expect(await h.run()).toEqual(['details', 'doorSensors']);
  });

  it('after forget, reads the details and the key at the next poll, and keeps the door sensors to their hour', async () => {
    const h = setup();
    await h.run();
    h.reads.forget();
    expect(h.reads.facts).toEqual({ details: null, doorSensors: null, keyValidTo: null });
    h.at(T0 + MINUTE);
    expect(await h.run()).toEqual(['details', 'keyExpiry']);
  });
});

describe('on other clocks and without live mode', () => {
  it('reads everything at the first poll on a clock that starts at 0', async () => {
    const sent: string[] = [];
    const reads = new HealthReads(
      { now: () => 0, setTimeout: () => ({}) as TimerHandle, clearTimeout: () => {} },
      new RequestGates(350, 0),
      () => 0,
    );
    await reads.runDue(
      {
        deviceDetails: async () => (sent.push('details'), detailsWith(true)),
        doorSensors: async () => (sent.push('doorSensors'), SENSORS),
        personalKeyValidTo: async () => (sent.push('keyExpiry'), null),
      },
      new AbortController().signal,
    );
    expect(sent).toEqual(['details', 'doorSensors', 'keyExpiry']);
  });

  it('without a live-mode question, reads the details every 10 minutes', async () => {
    let now = T0;
    const sent: string[] = [];
    const reads = new HealthReads(
      { now: () => now, setTimeout: () => ({}) as TimerHandle, clearTimeout: () => {} },
      new RequestGates(350, 0),
      () => 0,
    );
    const api: HealthApi = {
      deviceDetails: async () => (sent.push('details'), detailsWith(true)),
      doorSensors: async () => SENSORS,
      personalKeyValidTo: async () => null,
    };
    await reads.runDue(api, new AbortController().signal);
    now = T0 + 10 * MINUTE;
    await reads.runDue(api, new AbortController().signal);
    expect(sent).toEqual(['details', 'details']);
  });
});

describe('the details come early', () => {
  async function afterFirstRead(hallConnected = true) {
    const h = setup();
    h.setDetails(detailsWith(hallConnected));
    await h.run();
    h.at(T0 + MINUTE);
    return h;
  }

  it('when two locks of one bridge drop in the same sync', async () => {
    const h = await afterFirstRead();
    h.reads.noteSync(
      connectedBefore([
        [1, true],
        [2, true],
      ]),
      [status(1, false), status(2, false)],
    );
    expect(await h.run()).toEqual(['details']);
    // Read once: the next poll waits for the usual turn again.
    h.at(T0 + 2 * MINUTE);
    expect(await h.run()).toEqual([]);
  });

  it('when two locks the details do not know yet drop together (they may share a bridge)', async () => {
    const h = await afterFirstRead();
    h.reads.noteSync(new Map(), [status(7, false), status(8, false)]);
    expect(await h.run()).toEqual(['details']);
  });

  it('not when one lock of a bridge drops, or locks of two bridges, or locks without a bridge', async () => {
    const h = await afterFirstRead();
    h.reads.noteSync(new Map(), [status(1, false), status(3, true)]);
    h.reads.noteSync(new Map(), [status(2, false), status(3, false)]);
    h.reads.noteSync(new Map(), [status(4, false), status(4, false)]);
    expect(await h.run()).toEqual([]);
  });

  it('not for a lock that was already disconnected, nor for one that is connected or bridge-less', async () => {
    const h = await afterFirstRead();
    h.reads.noteSync(
      connectedBefore([
        [1, false],
        [2, true],
      ]),
      [status(1, false), status(2, false)],
    );
    h.reads.noteSync(new Map(), [status(1, null), status(2, null), status(3, true)]);
    expect(await h.run()).toEqual([]);
  });

  it('when a lock of a bridge known offline is connected again', async () => {
    const h = await afterFirstRead(false);
    h.reads.noteSync(connectedBefore([[3, true]]), [status(3, true), status(4, true)]);
    // Still disconnected behind the offline bridge: nothing new to learn.
    h.reads.noteSync(connectedBefore([[1, false]]), [status(1, false)]);
    expect(await h.run()).toEqual([]);
    h.reads.noteSync(connectedBefore([[2, false]]), [status(2, true)]);
    expect(await h.run()).toEqual(['details']);
  });

  it('after forget, the details are read once at the next poll, not again at the one after', async () => {
    const h = await afterFirstRead(false);
    h.reads.noteSync(new Map(), [status(1, true)]);
    h.reads.forget();
    expect(await h.run()).toEqual(['details', 'keyExpiry']);
    h.at(T0 + 2 * MINUTE);
    expect(await h.run()).toEqual([]);
  });

  it('looks at a sync before the details were ever read (the first poll) without them', async () => {
    const h = setup();
    expect(() =>
      h.reads.noteSync(new Map(), [status(1, false), status(2, false), status(3, true)]),
    ).not.toThrow();
    expect(await h.run()).toEqual(['details', 'doorSensors', 'keyExpiry']);
  });

  it('a drop seen while the details are being read asks for them again at the next poll', async () => {
    const h = setup();
    const twoDrop = () =>
      h.reads.noteSync(
        connectedBefore([
          [1, true],
          [2, true],
        ]),
        [status(1, false), status(2, false)],
      );
    h.next.details = () => {
      twoDrop();
      return detailsWith(true);
    };
    // The reads after the details, in the same poll, do not take the new request away.
    expect(await h.run()).toEqual(['details', 'doorSensors', 'keyExpiry']);
    h.at(T0 + MINUTE);
    h.next.details = () => {
      twoDrop();
      return detailsWith(true);
    };
    // Nor does it make the other reads due before their turn.
    expect(await h.run()).toEqual(['details']);
    h.at(T0 + 2 * MINUTE);
    expect(await h.run()).toEqual(['details']);
    h.at(T0 + 3 * MINUTE);
    expect(await h.run()).toEqual([]);
  });
});

describe('the budget', () => {
  it('sends nothing when the syncs need the whole budget', async () => {
    const h = setup({ syncsPerHour: 350 });
    expect(await h.run()).toEqual([]);
    expect(h.reads.facts.details).toBeNull();
  });

  it('sends what the spare share allows, details first, and no more within the hour', async () => {
    // 352 an hour less 350 for the syncs: two spare requests an hour.
    const h = setup({ syncsPerHour: 350, budgetPerHour: 352 });
    expect(await h.run()).toEqual(['details', 'doorSensors']);
    h.at(T0 + 30 * MINUTE);
    expect(await h.run()).toEqual([]);
    h.at(T0 + HOUR);
    expect(await h.run()).toEqual(['details', 'doorSensors']);
  });
});

describe('failures', () => {
  it('a failed read keeps the facts, lets the other reads go, and comes round at its next turn', async () => {
    const h = setup();
    await h.run();
    h.at(T0 + HOUR);
    h.next.details = () => Promise.reject(new ServerError(503));
    expect(await h.run()).toEqual(['details', 'doorSensors']);
    expect(h.reads.facts.details).toEqual({ at: T0, value: detailsWith(true) });
    expect(h.reads.facts.doorSensors?.at).toBe(T0 + HOUR);
    h.at(T0 + HOUR + MINUTE);
    expect(await h.run()).toEqual([]);
  });

  it("a 429 holds every request until its Retry-After, and stops this poll's reads", async () => {
    const h = setup();
    h.next.details = () => Promise.reject(new RateLimitedError(T0 + 5 * MINUTE));
    expect(await h.run()).toEqual(['details']);
    expect(h.gates.rateLimitedAt(T0 + 5 * MINUTE - 1)).toBe(true);
    expect(h.gates.rateLimitedAt(T0 + 5 * MINUTE)).toBe(false);
    h.at(T0 + MINUTE);
    expect(await h.run()).toEqual([]);
    h.at(T0 + 5 * MINUTE);
    expect(await h.run()).toEqual(['doorSensors', 'keyExpiry']);
  });

  it.each([
    ['401', () => new AuthError()],
    ['403', () => new ForbiddenError('Account.Read')],
  ])('a key list that answers %s is "unavailable", not a failure', async (_status, error) => {
    const h = setup();
    h.next.keyExpiry = () => Promise.reject(error());
    await h.run();
    expect(h.reads.facts.keyValidTo).toEqual({ at: T0, value: 'unavailable' });
  });

  it('a key list that fails otherwise keeps what was known; one without the key gives null', async () => {
    const h = setup();
    await h.run();
    h.at(T0 + DAY);
    h.next.keyExpiry = () => Promise.reject(new ServerError(500));
    await h.run();
    expect(h.reads.facts.keyValidTo).toEqual({ at: T0, value: T0 + 100 * DAY });
    h.setKeyValidTo(null);
    h.at(T0 + 2 * DAY);
    await h.run();
    expect(h.reads.facts.keyValidTo).toEqual({ at: T0 + 2 * DAY, value: null });
  });

  it('an aborted poll changes nothing after the abort, answered or failed', async () => {
    const h = setup();
    const answered = new AbortController();
    h.next.details = () => {
      answered.abort();
      return detailsWith(false);
    };
    expect(await h.run(answered.signal)).toEqual(['details']);
    expect(h.reads.facts.details).toBeNull();

    const failed = new AbortController();
    h.at(T0 + 10 * MINUTE);
    h.next.details = () => {
      failed.abort();
      throw new RateLimitedError(T0 + HOUR);
    };
    expect(await h.run(failed.signal)).toEqual(['details']);
    expect(h.gates.rateLimitedAt(T0 + 10 * MINUTE)).toBe(false);
  });
});
