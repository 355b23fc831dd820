/**
 * The per-lock state on its own, on plain values: which locks are selected (by serial, so a
 * re-added lock stays selected), what the lock list, the cloud's syncs and the bridge said about
 * each, and which of the bridge's reports changed what the user sees. The engine tests show the
 * same at work over HTTP; these pin each rule's edges.
 */
import { describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../main/bridge/bridge-events.ts';
import type { BridgeLock } from '../../main/bridge/bridge-model.ts';
import { detailsOfBridgeLocks, MonitoredLocks } from '../../main/engine/monitored-locks.ts';
import type { LockDetails, LockStatus } from '../../main/tedee/lock-model.ts';

const CHANGED_AT = '2026-12-01T04:00:00.000Z';
const MINUTE = 60_000;

function statusOf(id: number, values: Partial<LockStatus> = {}): LockStatus {
  return {
    id,
    connected: true,
    state: 'locked',
    door: 'closed',
    battery: 80,
    charging: false,
    lastOperationFailed: false,
    lastChanged: CHANGED_AT,
    revision: 1,
    ...values,
  };
}

function detailsOf(
  id: number,
  serial: string | null,
  name: string,
  values: Partial<LockStatus> = {},
): LockDetails {
  return { id, serial, name, model: 'lock-pro', status: statusOf(id, values) };
}

const front = detailsOf(1, 'S-FRONT', 'Front door');
const garage = detailsOf(2, 'S-GARAGE', 'Garage', { state: 'unlocked', battery: 40 });
const back = detailsOf(3, 'S-BACK', 'Back door', { door: 'open' });

function bridgeLockOf(details: LockDetails, values: Partial<LockStatus> = {}, jammed = false) {
  const lock: BridgeLock = {
    ...details,
    serial: details.serial ?? 'none',
    status: { ...details.status, ...values, jammed },
  };
  return lock;
}

/** A monitor's locks with the lock list known, each synced once at `at`. */
function syncedLocks(locks: LockDetails[] = [front, garage, back], at = 0) {
  const monitored = new MonitoredLocks();
  monitored.applyLockList(locks);
  monitored.applySync(
    locks.map((lock) => lock.status),
    at,
  );
  return monitored;
}

const byId = (locks: MonitoredLocks, id: number, now = 0) =>
  locks.list(now, Number.POSITIVE_INFINITY).find((lock) => lock.id === id);

describe('the lock list', () => {
  it('is unknown until the first one arrives, then kept in Tedee’s order', () => {
    const locks = new MonitoredLocks();
    expect(locks.catalogKnown).toBe(false);
    expect(locks.catalog).toEqual([]);
    expect(locks.selectedIds()).toEqual([]);
    expect(locks.list(0, MINUTE)).toEqual([]);
    const list = [garage, front];
    expect(locks.applyLockList(list)).toEqual([]);
    list.push(back);
    expect(locks.catalogKnown).toBe(true);
    expect(locks.catalog).toEqual([garage, front]);
    expect(locks.selectedIds()).toEqual([2, 1]);
  });

  it('shows each lock as the list described it, stale, until its first sync', () => {
    const locks = new MonitoredLocks();
    locks.applyLockList([front]);
    expect(locks.list(0, MINUTE)).toEqual([
      {
        ...front.status,
        serial: 'S-FRONT',
        name: 'Front door',
        model: 'lock-pro',
        source: 'cloud',
        lastSyncedAt: null,
        disconnectedSince: null,
        stale: true,
      },
    ]);
    expect(locks.serialOf(1)).toBe('S-FRONT');
    expect(locks.serialOf(99)).toBeNull();
  });

  it('takes new names and models, and keeps the values of the last sync', () => {
    const locks = syncedLocks([front], 0);
    locks.applySync([statusOf(1, { battery: 55 })], 1_000);
    locks.applyLockList([{ ...front, name: 'Main door', model: 'lock-go' }]);
    expect(byId(locks, 1)).toMatchObject({
      name: 'Main door',
      model: 'lock-go',
      battery: 55,
      lastSyncedAt: 1_000,
    });
  });

  it('names the selected locks that left the account', () => {
    const locks = new MonitoredLocks();
    locks.applyLockList([front, garage, back]);
    expect(locks.applyLockList([front])).toEqual(['Garage', 'Back door']);
    expect(locks.selectedIds()).toEqual([1]);
    expect(locks.applyLockList([front])).toEqual([]);
  });

  it('does not name a lock that left the account if it was not selected', () => {
    const locks = new MonitoredLocks({ serials: ['S-FRONT'] });
    locks.applyLockList([front, garage]);
    expect(locks.applyLockList([front])).toEqual([]);
  });
});

describe('the selection', () => {
  it('keeps a lock chosen by id when Tedee re-adds it under a new id, with its last values', () => {
    const locks = new MonitoredLocks({ ids: [2] });
    locks.applyLockList([front, garage]);
    locks.applySync([statusOf(2, { battery: 33, state: 'unlocked' })], 5_000);
    expect(locks.selectedIds()).toEqual([2]);
    const readded = { ...garage, id: 7, status: { ...garage.status, id: 7 } };
    expect(locks.applyLockList([front, readded])).toEqual([]);
    expect(locks.selectedIds()).toEqual([7]);
    expect(locks.list(5_000, MINUTE)).toEqual([
      expect.objectContaining({ id: 7, battery: 33, state: 'unlocked', lastSyncedAt: 5_000 }),
    ]);
    expect(locks.serialOf(7)).toBe('S-GARAGE');
    expect(locks.serialOf(2)).toBeNull();
  });

  it('keeps a lock without a serial selected by its id', () => {
    const noSerial = detailsOf(4, null, 'Shed');
    const locks = new MonitoredLocks({ ids: [4, 1] });
    locks.applyLockList([front, noSerial, garage]);
    expect(locks.selectedIds()).toEqual([1, 4]);
    locks.applyLockList([front, noSerial, garage]);
    expect(locks.selectedIds()).toEqual([1, 4]);
  });

  it('keeps two locks without a serial apart when the lock list comes again', () => {
    const shed = detailsOf(4, null, 'Shed');
    const gate = detailsOf(5, null, 'Gate');
    const locks = syncedLocks([shed, gate], 0);
    locks.applySync([statusOf(4, { battery: 10 }), statusOf(5, { battery: 90 })], 1_000);
    locks.applyLockList([shed, gate]);
    expect(locks.list(1_000, MINUTE).map(({ id, name, battery }) => [id, name, battery])).toEqual([
      [4, 'Shed', 10],
      [5, 'Gate', 90],
    ]);
  });

  it('chosen by id, selects only the chosen one of two locks without a serial', () => {
    const shed = detailsOf(4, null, 'Shed');
    const gate = detailsOf(5, null, 'Gate');
    for (const [ids, inTedeeOrder] of [
      [[5], [5]],
      [
        [5, 1],
        [1, 5],
      ],
    ]) {
      const locks = new MonitoredLocks({ ids: ids! });
      locks.applyLockList([front, shed, gate]);
      locks.applyLockList([front, shed, gate]);
      expect(locks.selectedIds()).toEqual(inTedeeOrder);
    }
  });

  it('takes a lock added to the account when all are selected', () => {
    const locks = new MonitoredLocks('all');
    locks.applyLockList([front]);
    locks.applyLockList([front, garage]);
    expect(locks.selectedIds()).toEqual([1, 2]);
  });

  it('chosen by id before the lock list, resolves the ids as soon as it arrives', () => {
    const locks = new MonitoredLocks();
    locks.select({ ids: [3] });
    expect(locks.selectedIds()).toEqual([]);
    locks.applyLockList([front, garage, back]);
    expect(locks.selectedIds()).toEqual([3]);
    const readded = { ...back, id: 9, status: { ...back.status, id: 9 } };
    locks.applyLockList([front, garage, readded]);
    expect(locks.selectedIds()).toEqual([9]);
  });

  it('chosen by id once the lock list is known, follows the lock by serial too', () => {
    const locks = new MonitoredLocks();
    locks.applyLockList([front, garage]);
    locks.select({ ids: [1] });
    const readded = { ...front, id: 8, status: { ...front.status, id: 8 } };
    locks.applyLockList([readded, garage]);
    expect(locks.selectedIds()).toEqual([8]);
  });

  it('by serial drops a serial that left the account, so the lock stays unselected if it returns', () => {
    const locks = new MonitoredLocks({ serials: ['S-FRONT', 'S-GARAGE'] });
    locks.applyLockList([front, garage, back]);
    expect(locks.selectedIds()).toEqual([1, 2]);
    expect(locks.applyLockList([front, back])).toEqual(['Garage']);
    locks.applyLockList([front, garage, back]);
    expect(locks.selectedIds()).toEqual([1]);
  });

  it('forgets the values of a lock that is no longer selected', () => {
    const locks = syncedLocks([front, garage], 0);
    locks.select({ serials: ['S-GARAGE'] });
    expect(locks.list(0, MINUTE).map((lock) => lock.id)).toEqual([2]);
    locks.select('all');
    // Front is selected again, but shows only once a lock list has described it again.
    expect(locks.selectedIds()).toEqual([1, 2]);
    expect(locks.list(0, MINUTE).map((lock) => lock.id)).toEqual([2]);
    expect(locks.serialOf(1)).toBeNull();
    locks.applyLockList([front, garage]);
    expect(byId(locks, 1)).toMatchObject({ lastSyncedAt: null, stale: true });
  });
});

describe('a cloud sync', () => {
  it('takes the values, from the cloud, synced now and fresh', () => {
    const locks = new MonitoredLocks();
    locks.applyLockList([front, garage]);
    const outcome = locks.applySync(
      [statusOf(1, { state: 'unlocked', battery: 12, charging: true }), statusOf(2)],
      10_000,
    );
    expect(outcome).toEqual({ lockListOutdated: false });
    expect(locks.list(10_000, MINUTE)).toEqual([
      {
        ...statusOf(1, { state: 'unlocked', battery: 12, charging: true }),
        serial: 'S-FRONT',
        name: 'Front door',
        model: 'lock-pro',
        source: 'cloud',
        lastSyncedAt: 10_000,
        disconnectedSince: null,
        stale: false,
      },
      expect.objectContaining({ id: 2, state: 'locked', battery: 80, lastSyncedAt: 10_000 }),
    ]);
  });

  it('is stale once older than the limit, and not at the limit', () => {
    const locks = syncedLocks([front], 1_000);
    expect(locks.list(1_000 + MINUTE, MINUTE)[0]!.stale).toBe(false);
    expect(locks.list(1_001 + MINUTE, MINUTE)[0]!.stale).toBe(true);
  });

  it('keeps the last state of a lock that disconnected, and when it disconnected', () => {
    const locks = syncedLocks([front], 0);
    const disconnected = statusOf(1, {
      connected: false,
      state: null,
      door: null,
      battery: null,
      revision: 2,
    });
    locks.applySync([disconnected], 20_000);
    expect(byId(locks, 1)).toMatchObject({
      connected: false,
      state: 'locked',
      door: 'closed',
      battery: 80,
      revision: 2,
      disconnectedSince: 20_000,
      lastSyncedAt: 20_000,
    });
    locks.applySync([disconnected], 40_000);
    expect(byId(locks, 1)).toMatchObject({ disconnectedSince: 20_000, lastSyncedAt: 40_000 });
    locks.applySync([statusOf(1, { state: 'unlocked' })], 60_000);
    expect(byId(locks, 1)).toMatchObject({
      connected: true,
      state: 'unlocked',
      disconnectedSince: null,
    });
  });

  it('takes a disconnected lock that still reports a state as it reports it', () => {
    const locks = syncedLocks([front], 0);
    locks.applySync([statusOf(1, { connected: false, state: 'unlocked', battery: 30 })], 20_000);
    expect(byId(locks, 1)).toMatchObject({
      connected: false,
      state: 'unlocked',
      battery: 30,
      disconnectedSince: 20_000,
    });
  });

  it('says the lock list is outdated when a revision moved, and not for a revision Tedee left out', () => {
    const locks = syncedLocks([front, garage], 0);
    expect(locks.applySync([statusOf(1, { revision: null }), statusOf(2)], 1_000)).toEqual({
      lockListOutdated: false,
    });
    expect(byId(locks, 1)!.revision).toBeNull();
    expect(locks.applySync([statusOf(1, { revision: 2 }), statusOf(2)], 2_000)).toEqual({
      lockListOutdated: true,
    });
  });

  it('says the lock list is outdated when a selected lock is missing from the answer', () => {
    const locks = syncedLocks([front, garage], 0);
    expect(locks.applySync([statusOf(1, { battery: 10 })], 1_000)).toEqual({
      lockListOutdated: true,
    });
    expect(byId(locks, 1)!.battery).toBe(10);
    expect(byId(locks, 2)).toMatchObject({ battery: 40, lastSyncedAt: 0 });
  });

  it('says the lock list is outdated for a lock it does not know, and takes nothing of it', () => {
    const locks = syncedLocks([front], 0);
    expect(locks.applySync([statusOf(1), statusOf(5)], 1_000)).toEqual({
      lockListOutdated: true,
    });
    expect(locks.list(1_000, MINUTE).map((lock) => lock.id)).toEqual([1]);
  });

  it('says the lock list is outdated for a listed lock that is not selected', () => {
    const locks = new MonitoredLocks({ serials: ['S-FRONT'] });
    locks.applyLockList([front, garage]);
    expect(locks.applySync([statusOf(1), statusOf(2)], 1_000)).toEqual({
      lockListOutdated: true,
    });
    expect(locks.list(1_000, MINUTE).map((lock) => lock.id)).toEqual([1]);
  });

  it('leaves the values of a lock the bridge follows live, and takes only its revision', () => {
    const locks = syncedLocks([front, garage], 0);
    locks.applyBridgeLocks([bridgeLockOf(front, { state: 'unlocked' })], 5_000);
    locks.applySync(
      [statusOf(1, { state: 'locked', battery: 10, revision: 3 }), statusOf(2, { battery: 9 })],
      10_000,
      new Set(['S-FRONT']),
    );
    expect(byId(locks, 1)).toMatchObject({
      state: 'unlocked',
      battery: 80,
      revision: 3,
      source: 'bridge',
      lastSyncedAt: 5_000,
    });
    expect(byId(locks, 2)).toMatchObject({ battery: 9, source: 'cloud', lastSyncedAt: 10_000 });
  });

  it('takes every value of a lock whose serial the bridge does not follow', () => {
    const noSerial = detailsOf(4, null, 'Shed');
    const locks = syncedLocks([noSerial], 0);
    locks.applySync([statusOf(4, { battery: 5 })], 1_000, new Set(['S-FRONT']));
    expect(byId(locks, 4)).toMatchObject({ battery: 5, lastSyncedAt: 1_000 });
  });
});

describe('what the bridge lists', () => {
  it('takes the values of the selected locks it knows, by serial, as live', () => {
    const locks = syncedLocks([front, garage], 0);
    const reAddedId = { ...bridgeLockOf(front, { state: 'unlocked', battery: 70 }, true), id: 42 };
    const unknown = bridgeLockOf(detailsOf(6, 'S-OTHER', 'Other'));
    const observation = locks.applyBridgeLocks([reAddedId, unknown], 3_000);
    expect(observation).toEqual({ observed: [1], changed: [1] });
    expect(byId(locks, 1)).toEqual({
      ...front.status,
      state: 'unlocked',
      battery: 70,
      lastOperationFailed: true,
      serial: 'S-FRONT',
      name: 'Front door',
      model: 'lock-pro',
      source: 'bridge',
      lastSyncedAt: 3_000,
      disconnectedSince: null,
      stale: false,
    });
  });

  it('keeps the last change time, which the bridge does not keep', () => {
    const locks = syncedLocks([front], 0);
    locks.applyBridgeLocks([bridgeLockOf(front, { state: 'unlocked', lastChanged: null })], 1);
    expect(byId(locks, 1)!.lastChanged).toBe(CHANGED_AT);
  });

  it('confirms without a change when it lists the same values again', () => {
    const locks = syncedLocks([front], 0);
    expect(locks.applyBridgeLocks([bridgeLockOf(front)], 1_000)).toEqual({
      observed: [1],
      changed: [1],
    });
    expect(locks.applyBridgeLocks([bridgeLockOf(front)], 2_000)).toEqual({
      observed: [1],
      changed: [],
    });
    expect(byId(locks, 1)!.lastSyncedAt).toBe(2_000);
  });

  it.each([
    ['connected', { connected: false }],
    ['state', { state: 'unlocked' }],
    ['door', { door: 'open' }],
    ['battery', { battery: 79 }],
    ['charging', { charging: true }],
  ] as const)('reports a change of %s', (_field, values) => {
    const locks = syncedLocks([front], 0);
    locks.applyBridgeLocks([bridgeLockOf(front)], 1_000);
    expect(locks.applyBridgeLocks([bridgeLockOf(front, values)], 2_000).changed).toEqual([1]);
  });

  it('reports a jam as a change', () => {
    const locks = syncedLocks([front], 0);
    locks.applyBridgeLocks([bridgeLockOf(front)], 1_000);
    expect(locks.applyBridgeLocks([bridgeLockOf(front, {}, true)], 2_000).changed).toEqual([1]);
  });

  it('marks a lock disconnected from when the bridge first said so', () => {
    const locks = syncedLocks([front], 0);
    locks.applyBridgeLocks([bridgeLockOf(front, { connected: false })], 1_000);
    locks.applyBridgeLocks([bridgeLockOf(front, { connected: false })], 2_000);
    expect(byId(locks, 1)!.disconnectedSince).toBe(1_000);
    locks.applyBridgeLocks([bridgeLockOf(front)], 3_000);
    expect(byId(locks, 1)!.disconnectedSince).toBeNull();
  });
});

describe('a callback from the bridge', () => {
  const base = { at: '2026-12-01T05:00:00.000Z', lockId: 1, serial: 'S-FRONT' };
  const live = () => {
    const locks = syncedLocks([front, garage], 0);
    locks.applyBridgeLocks([bridgeLockOf(front)], 1_000);
    return locks;
  };

  it('takes a new state with the event’s time as the last change', () => {
    const locks = live();
    const event: BridgeEvent = {
      ...base,
      kind: 'lock-status',
      state: 'unlocked',
      jammed: false,
      door: 'open',
    };
    expect(locks.applyBridgeEvent(event, 2_000)).toEqual({ observed: [1], changed: [1] });
    expect(byId(locks, 1)).toMatchObject({
      state: 'unlocked',
      door: 'open',
      lastChanged: base.at,
      source: 'bridge',
      lastSyncedAt: 2_000,
    });
  });

  it('keeps the last change time and the door when the state did not move and no door came', () => {
    const locks = live();
    const event: BridgeEvent = {
      ...base,
      kind: 'lock-status',
      state: 'locked',
      jammed: true,
      door: null,
    };
    expect(locks.applyBridgeEvent(event, 2_000)).toEqual({ observed: [1], changed: [1] });
    expect(byId(locks, 1)).toMatchObject({
      state: 'locked',
      door: 'closed',
      lastOperationFailed: true,
      lastChanged: CHANGED_AT,
    });
  });

  it('takes a lost connection, with when it was lost', () => {
    const locks = live();
    locks.applyBridgeEvent({ ...base, kind: 'lock-connection', connected: false }, 2_000);
    expect(byId(locks, 1)).toMatchObject({ connected: false, disconnectedSince: 2_000 });
  });

  it('takes a battery level, charging, and fully charged', () => {
    const locks = live();
    locks.applyBridgeEvent({ ...base, kind: 'battery-level', battery: 64 }, 2_000);
    expect(byId(locks, 1)).toMatchObject({ battery: 64, charging: false });
    locks.applyBridgeEvent({ ...base, kind: 'charging', charging: true }, 3_000);
    expect(byId(locks, 1)).toMatchObject({ battery: 64, charging: true });
    expect(locks.applyBridgeEvent({ ...base, kind: 'fully-charged' }, 4_000)).toEqual({
      observed: [1],
      changed: [1],
    });
    expect(byId(locks, 1)).toMatchObject({ battery: 100, charging: false, lastSyncedAt: 4_000 });
  });

  it('confirms the lock without a change when its settings changed', () => {
    const locks = live();
    expect(locks.applyBridgeEvent({ ...base, kind: 'settings-changed' }, 2_000)).toEqual({
      observed: [1],
      changed: [],
    });
    expect(byId(locks, 1)).toMatchObject({ lastSyncedAt: 2_000, state: 'locked' });
  });

  it('ignores a lock this app does not watch, and the bridge’s own cloud connection', () => {
    const locks = live();
    const before = locks.list(0, MINUTE);
    expect(
      locks.applyBridgeEvent({ ...base, serial: 'S-OTHER', kind: 'battery-level', battery: 1 }, 2),
    ).toEqual({ observed: [], changed: [] });
    expect(
      locks.applyBridgeEvent({ kind: 'bridge-cloud-connection', at: base.at, connected: false }, 2),
    ).toEqual({ observed: [], changed: [] });
    expect(locks.list(0, MINUTE)).toEqual(before);
  });
});

describe('detailsOfBridgeLocks', () => {
  it('turns the bridge’s jammed into the last operation failing, and keeps the rest', () => {
    expect(detailsOfBridgeLocks([bridgeLockOf(front, { battery: 50 }, true)])).toEqual([
      { ...front, status: { ...front.status, battery: 50, lastOperationFailed: true } },
    ]);
    expect(detailsOfBridgeLocks([bridgeLockOf(garage)])).toEqual([garage]);
  });
});
