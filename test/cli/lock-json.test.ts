/**
 * LOCK: the exact keys in the exact order, and only the values the contract names.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toLockJson } from '../../main/cli/lock-json.ts';
import { arbitraryLock, makeLock } from '../engine/lock-factory.ts';
import { LOCK_KEYS } from './lock-contract.ts';

const CONTRACT_STATES = [
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
  null,
];
const CONTRACT_DOORS = ['not-paired', 'disconnected', 'open', 'closed', 'uncalibrated', null];

describe('LOCK', () => {
  it('maps a lock to exactly the contract keys, in order, leaving out engine-only fields', () => {
    const lock = makeLock({
      id: 48213,
      serial: '23140207-004512',
      name: 'Front door',
      connected: true,
      state: 'unlocked',
      door: 'open',
      battery: 76,
      charging: true,
      lastChanged: '2025-11-03T08:00:00.000Z',
      lastOperationFailed: true,
      stale: true,
    });
    const json = toLockJson(lock);
    expect(Object.keys(json)).toEqual(LOCK_KEYS);
    expect(JSON.stringify(json)).toBe(
      '{"id":48213,"serial":"23140207-004512","name":"Front door","connected":true,"state":"unlocked",' +
        '"door":"open","battery":76,"charging":true,"lastChanged":"2025-11-03T08:00:00.000Z",' +
        '"source":"cloud","jammed":true}',
    );
  });

  it('says where the values came from, and jammed only while the state is known', () => {
    expect(toLockJson(makeLock({ source: 'bridge' })).source).toBe('bridge');
    expect(toLockJson(makeLock({ source: 'cloud' })).source).toBe('cloud');
    expect(toLockJson(makeLock({ lastOperationFailed: false })).jammed).toBe(false);
    expect(toLockJson(makeLock({ lastOperationFailed: true })).jammed).toBe(true);
    expect(toLockJson(makeLock({ state: null, lastOperationFailed: true })).jammed).toBeNull();
  });

  it("prints the engine's unknown door as null, and keeps nulls as null", () => {
    expect(toLockJson(makeLock({ door: 'unknown' })).door).toBeNull();
    const empty = toLockJson(
      makeLock({
        serial: null,
        connected: null,
        state: null,
        door: null,
        battery: null,
        charging: null,
      }),
    );
    expect(empty).toMatchObject({
      serial: null,
      connected: null,
      state: null,
      door: null,
      battery: null,
      charging: null,
      lastChanged: null,
    });
  });

  it('keeps the last known values of a disconnected lock, with connected false', () => {
    const json = toLockJson(
      makeLock({ connected: false, state: 'locked', door: 'closed', battery: 50 }),
    );
    expect(json).toMatchObject({ connected: false, state: 'locked', door: 'closed', battery: 50 });
  });

  it('only ever uses contract values, whatever the engine holds', () => {
    fc.assert(
      fc.property(arbitraryLock(7), (lock) => {
        const json = toLockJson(lock);
        expect(Object.keys(json)).toEqual(LOCK_KEYS);
        expect(CONTRACT_STATES).toContain(json.state);
        expect(CONTRACT_DOORS).toContain(json.door);
        expect(
          json.battery === null ||
            (Number.isInteger(json.battery) && json.battery >= 0 && json.battery <= 100),
        ).toBe(true);
        expect([true, false, null]).toContain(json.connected);
        expect([true, false, null]).toContain(json.charging);
        expect([true, false, null]).toContain(json.jammed);
        expect(['bridge', 'cloud']).toContain(json.source);
      }),
    );
  });
});
