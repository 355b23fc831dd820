/** Every one of Tedee's 68 activity event codes reads as plain English, with who and how. */
import { describe, expect, it } from 'vitest';
import {
  activityKind,
  activityText,
  ActivityDescriber,
  EVENT_DESCRIPTIONS,
} from '../../main/tedee/activity-events.ts';

/**
 * tedee-bridge-and-activity.md §3.4, every code with its kind and its text without an author,
 * written out here rather than taken from the code: a changed word or kind in any row fails.
 */
const DOCUMENTED_EVENTS = [
  [32, 'lock', 'Locked from the Tedee app'], // LockedRemote
  [33, 'unlock', 'Unlocked from the Tedee app'], // UnlockedRemote
  [34, 'lock', 'Locked with the button on the lock'], // LockedButton
  [35, 'unlock', 'Unlocked with the button on the lock'], // UnlockedButton
  [36, 'lock', 'Locked automatically'], // LockedAuto
  [37, 'unlock', 'Unlocked by auto-unlock'], // UnlockedAuto
  [38, 'lock', 'Locked by hand'], // LockedManual
  [39, 'unlock', 'Unlocked by hand'], // UnlockedManual
  [40, 'jam', 'Jammed'], // Jammed
  [41, 'power', 'Switched off with a long press of the button'], // PowerOff
  [42, 'power', 'Switched on'], // PowerOn
  [43, 'maintenance', 'Calibrated'], // Calibration
  [46, 'battery', 'Charging started'], // BatteryCharging
  [47, 'semi', 'Turned half-locked by hand'], // PartiallyOpenManual
  [48, 'semi', 'Stopped half-locked after a press of the button'], // PartiallyOpenButton
  [49, 'semi', 'Stopped half-locked while locking automatically'], // PartiallyOpenAuto
  [50, 'battery', 'Charging stopped'], // BatteryStopCharging
  [51, 'pull', 'Latch pulled from the Tedee app'], // PulledRemote
  [52, 'pull', 'Latch pulled automatically after auto-unlock'], // PulledAuto
  [53, 'pull', 'Latch pulled by hand'], // PulledManual
  [54, 'semi', 'Stopped half-locked after a command from the Tedee app'], // PartiallyOpenRemote
  [55, 'pull', 'Latch pulled by auto-unlock from the Tedee app'], // PulledAutoByRemote
  [56, 'lock', 'Locked with a long press of the button (delayed)'], // PostponedLock
  [57, 'unlock', 'Unlocked through HomeKit'], // UnlockedHomeKit
  [58, 'semi', 'Stopped half-locked after a HomeKit command'], // PartiallyOpenHomeKit
  [59, 'lock', 'Locked through HomeKit'], // LockedHomeKit
  [60, 'pull', 'Latch pulled through HomeKit'], // PulledHomeKit
  [61, 'unlock', 'Unlocked with the keypad'], // UnlockByPin
  [62, 'pin', 'Incorrect PIN entered'], // IncorrectPin
  [63, 'pull', 'Latch pulled with the keypad'], // PullSpringByPin
  [64, 'semi', 'Stopped half-locked after a keypad unlock'], // PartiallyOpenByPin
  [65, 'lock', 'Locked with a PIN on the keypad'], // LockedByKeypadWithPin
  [66, 'lock', 'Locked with the keypad button'], // LockedByKeypadWithoutPin
  [67, 'unlock', 'Force-unlocked'], // LockForceUnlocked
  [68, 'unlock', 'Force-unlocked with the keypad'], // LockForceUnlockedByPin
  [74, 'alert', 'Lost its calibration'], // LockUncalibrated
  [75, 'pin', 'PIN used outside its allowed hours'], // UnauthorizedPin
  [76, 'pull', 'Latch pulled automatically after a keypad unlock'], // PulledAutoByPin
  [77, 'unlock', 'Unlocked with a fingerprint'], // UnlockedByFingerprint
  [78, 'unlock', 'Force-unlocked with a fingerprint'], // ForceUnlockedByFingerprint
  [79, 'semi', 'Stopped half-locked after a fingerprint unlock'], // PartiallyOpenByFingerprint
  [80, 'pull', 'Latch pulled with a fingerprint'], // PulledByFingerprint
  [81, 'pull', 'Latch pulled automatically after a fingerprint'], // PulledAutoByFingerprint
  [83, 'door', 'Door opened'], // DoorOpened
  [84, 'door', 'Door closed'], // DoorClosed
  [85, 'alert', 'Door sensor lost its calibration'], // DoorSensorUncalibrated
  [86, 'alert', 'Door left open too long'], // DoorOpenTooLong
  [87, 'pull', 'Latch pulled automatically by auto-unlock'], // LockPulledByAutoUnlock
  [88, 'unlock', 'Unlocked through Matter'], // LockUnlockedByMatter
  [89, 'semi', 'Stopped half-locked after a Matter command'], // LockPartiallyOpenByMatter
  [90, 'lock', 'Locked through Matter'], // LockLockedByMatter
  [91, 'pull', 'Latch pulled through Matter'], // LockPullSpringByMatter
  [92, 'pull', 'Latch pulled automatically through Matter'], // LockPullSpringAutoByMatter
  [93, 'unlock', 'Force-unlocked through Matter'], // LockForceUnlockedByMatter
  [224, 'maintenance', 'Firmware updated through the bridge'], // FirmwareUpdateByBridge
  [225, 'maintenance', 'Firmware updated from the Tedee app'], // FirmwareUpdateByMobile
  [226, 'lock', 'Locked with an access link'], // LockedByAccessLink
  [227, 'lock', "Locked through the bridge's local API"], // LockedByBridgeApi
  [228, 'unlock', 'Unlocked with an access link'], // UnlockedByAccessLink
  [229, 'unlock', "Unlocked through the bridge's local API"], // UnlockedByBridgeApi
  [230, 'pull', 'Latch pulled with an access link'], // PulledByAccessLink
  [231, 'pull', "Latch pulled through the bridge's local API"], // PulledByBridgeApi
  [232, 'semi', 'Stopped half-locked after an access-link unlock'], // PartiallyOpenByAccessLink
  [233, 'semi', 'Stopped half-locked after a local API command'], // PartiallyOpenByBridgeApi
  [234, 'pull', 'Latch pulled automatically with an access link'], // PulledAutoByAccessLink
  [235, 'pull', "Latch pulled automatically through the bridge's local API"], // PulledAutoByBridgeApi
  [10000, 'gate', 'Gate opened from the Tedee app'], // GateUnlockedByRemote
  [10001, 'gate', 'Gate opened with an access link'], // GateUnlockedByAccessLink
] as const;
const DOCUMENTED_CODES = DOCUMENTED_EVENTS.map(([code]) => code);

describe('the event table', () => {
  it('has exactly the 68 documented codes', () => {
    expect(DOCUMENTED_CODES).toHaveLength(68);
    expect([...EVENT_DESCRIPTIONS.keys()]).toEqual(DOCUMENTED_CODES);
  });

  it.each(DOCUMENTED_EVENTS)('code %i is a %s event that reads "%s"', (code, kind, text) => {
    expect(activityKind(code)).toBe(kind);
    expect(activityText({ event: code, user: null })).toBe(text);
  });

  it.each(DOCUMENTED_CODES)('code %i has its own text, with the author put in', (code) => {
    const anonymous = activityText({ event: code, user: null });
    const named = activityText({ event: code, user: 'Anna' });
    expect(anonymous).not.toMatch(/^Event \d+$/);
    expect(anonymous).toMatch(/^[A-Z]/);
    expect(named).toContain(' by Anna');
    expect(named.replace(' by Anna', '')).toBe(anonymous);
  });

  it('gives every documented code a distinct text (no two events read the same)', () => {
    const texts = DOCUMENTED_CODES.map((event) => activityText({ event, user: null }));
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('reads the issue’s examples as the issue writes them', () => {
    expect(activityText({ event: 61, user: 'Anna' })).toBe('Unlocked by Anna with the keypad');
    expect(activityText({ event: 36, user: null })).toBe('Locked automatically');
    expect(activityText({ event: 62, user: null })).toBe('Incorrect PIN entered');
    expect(activityText({ event: 40, user: null })).toBe('Jammed');
    expect(activityText({ event: 33, user: 'Alex Example' })).toBe(
      'Unlocked by Alex Example from the Tedee app',
    );
  });

  it('sorts the codes an alert looks for into their kinds', () => {
    expect(activityKind(40)).toBe('jam');
    expect(activityKind(62)).toBe('pin');
    expect(activityKind(75)).toBe('pin');
    for (const unlock of [33, 35, 37, 39, 57, 61, 67, 68, 77, 78, 88, 93, 228, 229])
      expect(activityKind(unlock), String(unlock)).toBe('unlock');
    for (const lock of [32, 34, 36, 38, 56, 59, 65, 66, 90, 226, 227])
      expect(activityKind(lock), String(lock)).toBe('lock');
    expect(activityKind(300)).toBeNull();
  });
});

describe('an unknown code', () => {
  it('shows as "Event N" and is logged once per code', () => {
    const logged: string[] = [];
    const describer = new ActivityDescriber((line) => logged.push(line));
    expect(describer.text({ event: 300, user: 'Anna' })).toBe('Event 300');
    expect(describer.text({ event: 300, user: null })).toBe('Event 300');
    expect(describer.text({ event: 44, user: null })).toBe('Event 44');
    expect(describer.text({ event: 61, user: null })).toBe('Unlocked with the keypad');
    expect(logged).toEqual([
      'Tedee reported activity event 300, which this version does not know; it is shown as "Event 300".',
      'Tedee reported activity event 44, which this version does not know; it is shown as "Event 44".',
    ]);
  });
});
