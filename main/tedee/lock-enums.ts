/**
 * Tedee's numeric enums and the readable names the rest of the app uses instead
 * (tedee-api.md §6). A number Tedee adds later maps to 'unknown' rather than failing.
 */

export const LOCK_STATES = [
  'uncalibrated',
  'calibrating',
  'unlocked',
  'semi-locked',
  'unlocking',
  'locking',
  'locked',
  'pulled',
  'pulling',
  'unknown',
  'updating',
] as const;
export type LockState = (typeof LOCK_STATES)[number];

const lockStateByNumber: ReadonlyMap<number, LockState> = new Map([
  [0, 'uncalibrated'],
  [1, 'calibrating'],
  [2, 'unlocked'],
  [3, 'semi-locked'],
  [4, 'unlocking'],
  [5, 'locking'],
  [6, 'locked'],
  [7, 'pulled'],
  [8, 'pulling'],
  [9, 'unknown'],
  [18, 'updating'],
]);

export const DOOR_STATES = [
  'not-paired',
  'disconnected',
  'open',
  'closed',
  'uncalibrated',
  'unknown',
] as const;
export type DoorState = (typeof DOOR_STATES)[number];

const doorStateByNumber: ReadonlyMap<number, DoorState> = new Map([
  [0, 'not-paired'],
  [1, 'disconnected'],
  [2, 'open'],
  [3, 'closed'],
  [4, 'uncalibrated'],
]);

export const LOCK_MODELS = ['lock-pro', 'lock-go', 'unknown'] as const;
export type LockModel = (typeof LOCK_MODELS)[number];

const lockModelByDeviceType: ReadonlyMap<number, LockModel> = new Map([
  [2, 'lock-pro'],
  [4, 'lock-go'],
]);

export const LOCK_MODEL_LABELS: Readonly<Record<LockModel, string>> = {
  'lock-pro': 'Lock PRO',
  'lock-go': 'Lock GO',
  unknown: 'Tedee lock',
};

export function lockStateFromNumber(value: number): LockState {
  return lockStateByNumber.get(value) ?? 'unknown';
}

export function doorStateFromNumber(value: number): DoorState {
  return doorStateByNumber.get(value) ?? 'unknown';
}

export function lockModelFromDeviceType(value: number): LockModel {
  return lockModelByDeviceType.get(value) ?? 'unknown';
}

/** The inverse mappings, for the simulator, which has to speak Tedee's numbers. */
export function lockStateToNumber(state: LockState): number {
  return numberFor(lockStateByNumber, state);
}

export function doorStateToNumber(door: Exclude<DoorState, 'unknown'>): number {
  return numberFor(doorStateByNumber, door);
}

export function deviceTypeOf(model: Exclude<LockModel, 'unknown'>): number {
  return numberFor(lockModelByDeviceType, model);
}

function numberFor<Name extends string>(table: ReadonlyMap<number, Name>, name: Name): number {
  for (const [value, candidate] of table) if (candidate === name) return value;
  throw new RangeError(`No Tedee number for "${name}"`);
}
