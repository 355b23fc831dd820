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
  /** Tedee's enum name, for logs and the CLI's readers who know the docs. */
  name: string;
  kind: ActivityKind;
  /** What happened: "Unlocked". */
  action: string;
  /** How, appended after the author: "with the keypad"; null when the action says it all. */
  how: string | null;
}

const event = (
  name: string,
  kind: ActivityKind,
  action: string,
  how: string | null = null,
): EventDescription => ({ name, kind, action, how });

const HALF_LOCKED = 'Stopped half-locked';

export const EVENT_DESCRIPTIONS: ReadonlyMap<number, EventDescription> = new Map([
  [32, event('LockedRemote', 'lock', 'Locked', 'from the Tedee app')],
  [33, event('UnlockedRemote', 'unlock', 'Unlocked', 'from the Tedee app')],
  [34, event('LockedButton', 'lock', 'Locked', 'with the button on the lock')],
  [35, event('UnlockedButton', 'unlock', 'Unlocked', 'with the button on the lock')],
  [36, event('LockedAuto', 'lock', 'Locked automatically')],
  [37, event('UnlockedAuto', 'unlock', 'Unlocked', 'by auto-unlock')],
  [38, event('LockedManual', 'lock', 'Locked', 'by hand')],
  [39, event('UnlockedManual', 'unlock', 'Unlocked', 'by hand')],
  [40, event('Jammed', 'jam', 'Jammed')],
  [41, event('PowerOff', 'power', 'Switched off', 'with a long press of the button')],
  [42, event('PowerOn', 'power', 'Switched on')],
  [43, event('Calibration', 'maintenance', 'Calibrated')],
  [46, event('BatteryCharging', 'battery', 'Charging started')],
  [47, event('PartiallyOpenManual', 'semi', 'Turned half-locked', 'by hand')],
  [48, event('PartiallyOpenButton', 'semi', HALF_LOCKED, 'after a press of the button')],
  [49, event('PartiallyOpenAuto', 'semi', HALF_LOCKED, 'while locking automatically')],
  [50, event('BatteryStopCharging', 'battery', 'Charging stopped')],
  [51, event('PulledRemote', 'pull', 'Latch pulled', 'from the Tedee app')],
  [52, event('PulledAuto', 'pull', 'Latch pulled automatically', 'after auto-unlock')],
  [53, event('PulledManual', 'pull', 'Latch pulled', 'by hand')],
  [54, event('PartiallyOpenRemote', 'semi', HALF_LOCKED, 'after a command from the Tedee app')],
  [55, event('PulledAutoByRemote', 'pull', 'Latch pulled', 'by auto-unlock from the Tedee app')],
  [56, event('PostponedLock', 'lock', 'Locked', 'with a long press of the button (delayed)')],
  [57, event('UnlockedHomeKit', 'unlock', 'Unlocked', 'through HomeKit')],
  [58, event('PartiallyOpenHomeKit', 'semi', HALF_LOCKED, 'after a HomeKit command')],
  [59, event('LockedHomeKit', 'lock', 'Locked', 'through HomeKit')],
  [60, event('PulledHomeKit', 'pull', 'Latch pulled', 'through HomeKit')],
  [61, event('UnlockByPin', 'unlock', 'Unlocked', 'with the keypad')],
  [62, event('IncorrectPin', 'pin', 'Incorrect PIN entered')],
  [63, event('PullSpringByPin', 'pull', 'Latch pulled', 'with the keypad')],
  [64, event('PartiallyOpenByPin', 'semi', HALF_LOCKED, 'after a keypad unlock')],
  [65, event('LockedByKeypadWithPin', 'lock', 'Locked', 'with a PIN on the keypad')],
  [66, event('LockedByKeypadWithoutPin', 'lock', 'Locked', 'with the keypad button')],
  [67, event('LockForceUnlocked', 'unlock', 'Force-unlocked')],
  [68, event('LockForceUnlockedByPin', 'unlock', 'Force-unlocked', 'with the keypad')],
  [74, event('LockUncalibrated', 'alert', 'Lost its calibration')],
  [75, event('UnauthorizedPin', 'pin', 'PIN used outside its allowed hours')],
  [76, event('PulledAutoByPin', 'pull', 'Latch pulled automatically', 'after a keypad unlock')],
  [77, event('UnlockedByFingerprint', 'unlock', 'Unlocked', 'with a fingerprint')],
  [78, event('ForceUnlockedByFingerprint', 'unlock', 'Force-unlocked', 'with a fingerprint')],
  [79, event('PartiallyOpenByFingerprint', 'semi', HALF_LOCKED, 'after a fingerprint unlock')],
  [80, event('PulledByFingerprint', 'pull', 'Latch pulled', 'with a fingerprint')],
  [
    81,
    event('PulledAutoByFingerprint', 'pull', 'Latch pulled automatically', 'after a fingerprint'),
  ],
  [83, event('DoorOpened', 'door', 'Door opened')],
  [84, event('DoorClosed', 'door', 'Door closed')],
  [85, event('DoorSensorUncalibrated', 'alert', 'Door sensor lost its calibration')],
  [86, event('DoorOpenTooLong', 'alert', 'Door left open too long')],
  [87, event('LockPulledByAutoUnlock', 'pull', 'Latch pulled automatically', 'by auto-unlock')],
  [88, event('LockUnlockedByMatter', 'unlock', 'Unlocked', 'through Matter')],
  [89, event('LockPartiallyOpenByMatter', 'semi', HALF_LOCKED, 'after a Matter command')],
  [90, event('LockLockedByMatter', 'lock', 'Locked', 'through Matter')],
  [91, event('LockPullSpringByMatter', 'pull', 'Latch pulled', 'through Matter')],
  [92, event('LockPullSpringAutoByMatter', 'pull', 'Latch pulled automatically', 'through Matter')],
  [93, event('LockForceUnlockedByMatter', 'unlock', 'Force-unlocked', 'through Matter')],
  [224, event('FirmwareUpdateByBridge', 'maintenance', 'Firmware updated', 'through the bridge')],
  [225, event('FirmwareUpdateByMobile', 'maintenance', 'Firmware updated', 'from the Tedee app')],
  [226, event('LockedByAccessLink', 'lock', 'Locked', 'with an access link')],
  [227, event('LockedByBridgeApi', 'lock', 'Locked', "through the bridge's local API")],
  [228, event('UnlockedByAccessLink', 'unlock', 'Unlocked', 'with an access link')],
  [229, event('UnlockedByBridgeApi', 'unlock', 'Unlocked', "through the bridge's local API")],
  [230, event('PulledByAccessLink', 'pull', 'Latch pulled', 'with an access link')],
  [231, event('PulledByBridgeApi', 'pull', 'Latch pulled', "through the bridge's local API")],
  [232, event('PartiallyOpenByAccessLink', 'semi', HALF_LOCKED, 'after an access-link unlock')],
  [233, event('PartiallyOpenByBridgeApi', 'semi', HALF_LOCKED, 'after a local API command')],
  [
    234,
    event('PulledAutoByAccessLink', 'pull', 'Latch pulled automatically', 'with an access link'),
  ],
  [
    235,
    event(
      'PulledAutoByBridgeApi',
      'pull',
      'Latch pulled automatically',
      "through the bridge's local API",
    ),
  ],
  [10000, event('GateUnlockedByRemote', 'gate', 'Gate opened', 'from the Tedee app')],
  [10001, event('GateUnlockedByAccessLink', 'gate', 'Gate opened', 'with an access link')],
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
