/**
 * One lock as the simulator keeps it: readable names (the app's vocabulary), converted to
 * Tedee's numbers only when a response is written (see wire-shapes.ts). Keeping the names
 * here means a test reads `state: 'locked'`, never a bare 6.
 */
import type { DoorState, LockModel, LockState } from '../tedee/lock-enums.ts';
import { DEFAULT_BRIDGE_ID } from './simulated-bridges.ts';

/** The models Tedee sells; 'unknown' exists only on the reading side. */
export type SimulatedLockModel = Exclude<LockModel, 'unknown'>;
/** Door states Tedee has a number for. */
export type SimulatedDoorState = Exclude<DoorState, 'unknown'>;

export interface SimulatedLock {
  /** Tedee's id; it changes when the lock is re-added to an account. */
  id: number;
  name: string;
  /** The stable identity of the hardware. */
  serialNumber: string;
  model: SimulatedLockModel;
  /** Lock ↔ bridge link: true, false (bridge lost it) or null (no bridge paired). */
  connected: boolean | null;
  /** The bridge it is paired with (ignored while `connected` is null). */
  bridgeId: number;
  state: LockState;
  door: SimulatedDoorState;
  /** Percent; any finite number is accepted so that 255 ("unknown") and odd values can be sent. */
  battery: number;
  charging: boolean;
  /** 0 = last state change succeeded; anything else mimics a failed move such as a jam. */
  stateChangeResult: number;
  /** Clock time (ms) of the last change of `state` or `door`. */
  lastStateChangedAt: number;
  /** Cloud configuration revision; bumped by renames and other settings changes. */
  revision: number;
  /** Clock time (ms) the lock was added to the account. */
  createdAt: number;
  timeZone: string;
  firmwareVersion: string;
  /** Tedee offers a newer firmware. */
  updateAvailable: boolean;
}

/** What a caller must say about a new lock; everything else has a plausible default. */
export type SimulatedLockInit = Pick<SimulatedLock, 'name' | 'model'> & Partial<SimulatedLock>;

/** The live values the control API may change without touching the configuration. */
export type LockPatch = Partial<
  Pick<
    SimulatedLock,
    | 'connected'
    | 'state'
    | 'door'
    | 'battery'
    | 'charging'
    | 'stateChangeResult'
    | 'updateAvailable'
  >
>;

interface LockDefaults {
  id: number;
  serialNumber: string;
  now: number;
}

export function createSimulatedLock(
  init: SimulatedLockInit,
  defaults: LockDefaults,
): SimulatedLock {
  const lock: SimulatedLock = {
    id: defaults.id,
    serialNumber: defaults.serialNumber,
    connected: true,
    bridgeId: DEFAULT_BRIDGE_ID,
    state: 'locked',
    door: 'not-paired',
    battery: 80,
    charging: false,
    stateChangeResult: 0,
    lastStateChangedAt: defaults.now,
    revision: 1,
    createdAt: defaults.now,
    timeZone: 'Europe/Warsaw',
    firmwareVersion: init.model === 'lock-go' ? '2.3.13880' : '2.4.15214',
    updateAvailable: false,
    ...withoutUndefined(init),
    name: init.name,
    model: init.model,
  };
  validate(lock);
  return lock;
}

/**
 * Applies a control-API change. A state or door change stamps `lastStateChangedAt` with the
 * clock, and a state change without an explicit `stateChangeResult` clears it to 0, because
 * Tedee reports the result of the *last* move and a new move that was not told to fail succeeded.
 */
export function applyLockPatch(lock: SimulatedLock, patch: LockPatch, now: number): void {
  const next: SimulatedLock = { ...lock, ...withoutUndefined(patch) };
  const stateMoved = patch.state !== undefined && patch.state !== lock.state;
  const doorMoved = patch.door !== undefined && patch.door !== lock.door;
  if (stateMoved && patch.stateChangeResult === undefined) next.stateChangeResult = 0;
  if (stateMoved || doorMoved) next.lastStateChangedAt = now;
  validate(next);
  Object.assign(lock, next);
}

function validate(lock: SimulatedLock): void {
  if (!Number.isSafeInteger(lock.id) || lock.id <= 0)
    throw new RangeError(`Invalid lock id ${lock.id}`);
  if (!Number.isFinite(lock.battery)) throw new RangeError(`Battery level must be a finite number`);
  if (!Number.isSafeInteger(lock.stateChangeResult) || lock.stateChangeResult < 0) {
    throw new RangeError(`stateChangeResult must be a non-negative integer`);
  }
  if (!Number.isSafeInteger(lock.revision) || lock.revision < 0)
    throw new RangeError(`Invalid revision`);
}

/** Lets `{ battery: undefined }` mean "leave as is" instead of erasing the value. */
function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
