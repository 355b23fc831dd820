/**
 * Tedee's enums, every row, written out from tedee-api.md §6 rather than from the code's own
 * tables: swapping two rows there must fail here.
 */
import { describe, expect, it } from 'vitest';
import {
  deviceTypeOf,
  DOOR_STATES,
  doorStateFromNumber,
  doorStateToNumber,
  LOCK_MODEL_LABELS,
  LOCK_MODELS,
  LOCK_STATES,
  lockModelFromDeviceType,
  lockStateFromNumber,
  lockStateToNumber,
} from '../../main/tedee/lock-enums.ts';
import { toLockStatus } from '../../main/tedee/normalise.ts';
import { wireLockSyncSchema } from '../../main/tedee/wire-schemas.ts';

/** Cloud `deviceState.state` (§6 "Lock state"). */
const lockStates = [
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
] as const;

/** `doorState` (§6 "Door state"). */
const doorStates = [
  [0, 'not-paired'],
  [1, 'disconnected'],
  [2, 'open'],
  [3, 'closed'],
  [4, 'uncalibrated'],
] as const;

/** Device types that are locks (§6 "Device type"); the others are not locks this app knows. */
const lockModels = [
  [2, 'lock-pro'],
  [4, 'lock-go'],
] as const;
const otherDeviceTypes = [1, 3, 5, 6, 7, 8, 9, 10];

function statusWithState(state: number, doorState: number) {
  return toLockStatus(wireLockSyncSchema.parse({ id: 1, deviceState: { state, doorState } }));
}

describe('lock states', () => {
  it.each(lockStates)('%i is %s, on the wire and back', (number, name) => {
    expect(lockStateFromNumber(number)).toBe(name);
    expect(lockStateToNumber(name)).toBe(number);
    expect(statusWithState(number, 3).state).toBe(name);
  });

  it.each([255, 10, 17, 19, -1])('%i, not in the cloud table, is unknown', (number) => {
    // 255 is the bridge API's "unpulling", which the cloud does not send.
    expect(lockStateFromNumber(number)).toBe('unknown');
  });

  it('names every state the table has, and no other', () => {
    expect([...LOCK_STATES].sort()).toEqual(lockStates.map(([, name]) => name).sort());
  });
});

describe('door states', () => {
  it.each(doorStates)('%i is %s, on the wire and back', (number, name) => {
    expect(doorStateFromNumber(number)).toBe(name);
    expect(doorStateToNumber(name)).toBe(number);
    expect(statusWithState(6, number).door).toBe(name);
  });

  it.each([5, 255, -1])('%i is unknown', (number) => {
    expect(doorStateFromNumber(number)).toBe('unknown');
  });

  it('names every door state the table has, plus unknown', () => {
    expect([...DOOR_STATES].sort()).toEqual(
      [...doorStates.map(([, name]) => name), 'unknown'].sort(),
    );
  });
});

describe('lock models', () => {
  it.each(lockModels)('device type %i is %s, and back', (type, model) => {
    expect(lockModelFromDeviceType(type)).toBe(model);
    expect(deviceTypeOf(model)).toBe(type);
  });

  it.each(otherDeviceTypes)('device type %i is not a lock model the app knows', (type) => {
    expect(lockModelFromDeviceType(type)).toBe('unknown');
  });

  it('labels every model as Tedee names it', () => {
    expect(LOCK_MODELS).toEqual(['lock-pro', 'lock-go', 'unknown']);
    expect(LOCK_MODEL_LABELS).toEqual({
      'lock-pro': 'Lock PRO',
      'lock-go': 'Lock GO',
      unknown: 'Tedee lock',
    });
  });
});

describe('the inverse mappings', () => {
  it('refuse a name that has no Tedee number', () => {
    // Only reachable by a cast: the types already exclude it.
    expect(() => deviceTypeOf('unknown' as 'lock-pro')).toThrow(
      new RangeError('No Tedee number for "unknown"'),
    );
    expect(() => doorStateToNumber('unknown' as 'open')).toThrow(RangeError);
  });
});
