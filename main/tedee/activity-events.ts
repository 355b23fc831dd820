/**
 * Tedee's 68 activity event codes (tedee-bridge-and-activity.md §3.4) as plain English: what
 * happened and how, with the author's name put in by activityText. A code Tedee adds later
 * shows as "Event N" (ActivityDescriber logs it once), never as an error.
 */
import type { Activity } from './activity-model.ts';

export const ACTIVITY_KINDS = [
  'lock',
  'unlock',
  'pull',
  'semi',
  'jam',
  'pin',
  'alert',
  'power',
  'battery',
  'door',
  'maintenance',
  'gate',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export interface EventDescription {
  kind: ActivityKind;
  /** What happened: "Unlocked". */
  action: string;
  /** How, appended after the author: "with the keypad"; null when the action says it all. */
  how: string | null;
}

const event = (
  kind: ActivityKind,
  action: string,
  how: string | null = null,
): EventDescription => ({
  kind,
  action,
  how,
});

const HALF_LOCKED = 'Stopped half-locked';

// Each row names the code as §3.4 does, in a comment: the app shows only the text.
export const EVENT_DESCRIPTIONS: ReadonlyMap<number, EventDescription> = new Map([
  [32, event('lock', 'Locked', 'from the Tedee app')], // LockedRemote
  [33, event('unlock', 'Unlocked', 'from the Tedee app')], // UnlockedRemote
  [34, event('lock', 'Locked', 'with the button on the lock')], // LockedButton
  [35, event('unlock', 'Unlocked', 'with the button on the lock')], // UnlockedButton
  [36, event('lock', 'Locked automatically')], // LockedAuto
  [37, event('unlock', 'Unlocked', 'by auto-unlock')], // UnlockedAuto
  [38, event('lock', 'Locked', 'by hand')], // LockedManual
  [39, event('unlock', 'Unlocked', 'by hand')], // UnlockedManual
  [40, event('jam', 'Jammed')], // Jammed
  [41, event('power', 'Switched off', 'with a long press of the button')], // PowerOff
  [42, event('power', 'Switched on')], // PowerOn
  [43, event('maintenance', 'Calibrated')], // Calibration
  [46, event('battery', 'Charging started')], // BatteryCharging
  [47, event('semi', 'Turned half-locked', 'by hand')], // PartiallyOpenManual
  [48, event('semi', HALF_LOCKED, 'after a press of the button')], // PartiallyOpenButton
  [49, event('semi', HALF_LOCKED, 'while locking automatically')], // PartiallyOpenAuto
  [50, event('battery', 'Charging stopped')], // BatteryStopCharging
  [51, event('pull', 'Latch pulled', 'from the Tedee app')], // PulledRemote
  [52, event('pull', 'Latch pulled automatically', 'after auto-unlock')], // PulledAuto
  [53, event('pull', 'Latch pulled', 'by hand')], // PulledManual
  [54, event('semi', HALF_LOCKED, 'after a command from the Tedee app')], // PartiallyOpenRemote
  [55, event('pull', 'Latch pulled', 'by auto-unlock from the Tedee app')], // PulledAutoByRemote
  [56, event('lock', 'Locked', 'with a long press of the button (delayed)')], // PostponedLock
  [57, event('unlock', 'Unlocked', 'through HomeKit')], // UnlockedHomeKit
  [58, event('semi', HALF_LOCKED, 'after a HomeKit command')], // PartiallyOpenHomeKit
  [59, event('lock', 'Locked', 'through HomeKit')], // LockedHomeKit
  [60, event('pull', 'Latch pulled', 'through HomeKit')], // PulledHomeKit
  [61, event('unlock', 'Unlocked', 'with the keypad')], // UnlockByPin
  [62, event('pin', 'Incorrect PIN entered')], // IncorrectPin
  [63, event('pull', 'Latch pulled', 'with the keypad')], // PullSpringByPin
  [64, event('semi', HALF_LOCKED, 'after a keypad unlock')], // PartiallyOpenByPin
  [65, event('lock', 'Locked', 'with a PIN on the keypad')], // LockedByKeypadWithPin
  [66, event('lock', 'Locked', 'with the keypad button')], // LockedByKeypadWithoutPin
  [67, event('unlock', 'Force-unlocked')], // LockForceUnlocked
  [68, event('unlock', 'Force-unlocked', 'with the keypad')], // LockForceUnlockedByPin
  [74, event('alert', 'Lost its calibration')], // LockUncalibrated
  [75, event('pin', 'PIN used outside its allowed hours')], // UnauthorizedPin
  [76, event('pull', 'Latch pulled automatically', 'after a keypad unlock')], // PulledAutoByPin
  [77, event('unlock', 'Unlocked', 'with a fingerprint')], // UnlockedByFingerprint
  [78, event('unlock', 'Force-unlocked', 'with a fingerprint')], // ForceUnlockedByFingerprint
  [79, event('semi', HALF_LOCKED, 'after a fingerprint unlock')], // PartiallyOpenByFingerprint
  [80, event('pull', 'Latch pulled', 'with a fingerprint')], // PulledByFingerprint
  // PulledAutoByFingerprint
  [81, event('pull', 'Latch pulled automatically', 'after a fingerprint')],
  [83, event('door', 'Door opened')], // DoorOpened
  [84, event('door', 'Door closed')], // DoorClosed
  [85, event('alert', 'Door sensor lost its calibration')], // DoorSensorUncalibrated
  [86, event('alert', 'Door left open too long')], // DoorOpenTooLong
  [87, event('pull', 'Latch pulled automatically', 'by auto-unlock')], // LockPulledByAutoUnlock
  [88, event('unlock', 'Unlocked', 'through Matter')], // LockUnlockedByMatter
  [89, event('semi', HALF_LOCKED, 'after a Matter command')], // LockPartiallyOpenByMatter
  [90, event('lock', 'Locked', 'through Matter')], // LockLockedByMatter
  [91, event('pull', 'Latch pulled', 'through Matter')], // LockPullSpringByMatter
  [92, event('pull', 'Latch pulled automatically', 'through Matter')], // LockPullSpringAutoByMatter
  [93, event('unlock', 'Force-unlocked', 'through Matter')], // LockForceUnlockedByMatter
  [224, event('maintenance', 'Firmware updated', 'through the bridge')], // FirmwareUpdateByBridge
  [225, event('maintenance', 'Firmware updated', 'from the Tedee app')], // FirmwareUpdateByMobile
  [226, event('lock', 'Locked', 'with an access link')], // LockedByAccessLink
  [227, event('lock', 'Locked', "through the bridge's local API")], // LockedByBridgeApi
  [228, event('unlock', 'Unlocked', 'with an access link')], // UnlockedByAccessLink
  [229, event('unlock', 'Unlocked', "through the bridge's local API")], // UnlockedByBridgeApi
  [230, event('pull', 'Latch pulled', 'with an access link')], // PulledByAccessLink
  [231, event('pull', 'Latch pulled', "through the bridge's local API")], // PulledByBridgeApi
  [232, event('semi', HALF_LOCKED, 'after an access-link unlock')], // PartiallyOpenByAccessLink
  [233, event('semi', HALF_LOCKED, 'after a local API command')], // PartiallyOpenByBridgeApi
  // PulledAutoByAccessLink
  [234, event('pull', 'Latch pulled automatically', 'with an access link')],
  // PulledAutoByBridgeApi
  [235, event('pull', 'Latch pulled automatically', "through the bridge's local API")],
  [10000, event('gate', 'Gate opened', 'from the Tedee app')], // GateUnlockedByRemote
  [10001, event('gate', 'Gate opened', 'with an access link')], // GateUnlockedByAccessLink
]);

/** "Unlocked by Anna with the keypad", "Locked automatically", "Event 300". */
export function activityText(activity: Pick<Activity, 'event' | 'user'>): string {
  const description = EVENT_DESCRIPTIONS.get(activity.event);
  if (!description) return `Event ${activity.event}`;
  const who = activity.user === null ? '' : ` by ${activity.user}`;
  const how = description.how === null ? '' : ` ${description.how}`;
  return `${description.action}${who}${how}`;
}

export function activityKind(eventCode: number): ActivityKind | null {
  return EVENT_DESCRIPTIONS.get(eventCode)?.kind ?? null;
}

/** Turns entries into text and tells `log` once about each code it has no text for. */
export class ActivityDescriber {
  readonly #log: (message: string) => void;
  readonly #reported = new Set<number>();

  constructor(log: (message: string) => void) {
    this.#log = log;
  }

  text(activity: Pick<Activity, 'event' | 'user'>): string {
    if (!EVENT_DESCRIPTIONS.has(activity.event) && !this.#reported.has(activity.event)) {
      this.#reported.add(activity.event);
      this.#log(
        `Tedee reported activity event ${activity.event}, which this version does not know; it is shown as "Event ${activity.event}".`,
      );
    }
    return activityText(activity);
  }
}
