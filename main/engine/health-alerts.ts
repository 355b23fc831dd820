/**
 * The alerts about what surrounds the locks, decided like alert-policy.ts (pure, once per
 * episode, snooze and switches checked when an alert becomes due):
 *
 * - bridge-offline: the device details say a bridge that one of the watched locks uses has lost
 *   the cloud. One alert for the bridge (lockId null) stands for all its locks, whose own
 *   "disconnected" alerts are then left out (see locksBehindOfflineBridges). It ends when the
 *   details say the bridge is back.
 * - door-sensor-battery-low: a sensor paired with a watched lock is at or below the locks'
 *   threshold; re-armed at the threshold plus the same margin as locks. A battery Tedee did not
 *   send (no change within 30 days) is unknown, not low, and leaves the episode as it was.
 * - key-expiring: 14 days and 1 day before the key expires, once each per expiry date; a start
 *   within the last day gives only the 1-day warning.
 */
import { z } from 'zod';
import type { DeviceDetails, DoorSensorReading } from '../tedee/health-model.ts';
import { alertRaiser, BATTERY_REARM_MARGIN, lockNameOf } from './alert-policy.ts';
import type { Alert, AlertEvaluation } from './alert-policy.ts';
import { daysUntil, warningDaysReached } from './key-expiry.ts';
import type { KeyExpiry } from './key-expiry.ts';
import type { AlertSettings } from './monitor-settings.ts';
import type { MonitoredLock } from './monitor-snapshot.ts';

export interface HealthAlertMemory {
  /** Bridges in an offline episode whose alert became due (delivered or suppressed). */
  offlineBridges: number[];
  /** Door sensors in a low-battery episode. */
  lowDoorSensors: number[];
  /** The expiry date warned about, and the smallest day count warned for it. */
  keyExpiry: { at: number; warnedDays: number } | null;
}

export interface HealthInput {
  locks: readonly MonitoredLock[];
  details: DeviceDetails | null;
  doorSensors: readonly DoorSensorReading[] | null;
  keyExpiry: KeyExpiry | null;
}

export interface HealthAlertEvaluation extends Omit<AlertEvaluation, 'memory'> {
  memory: HealthAlertMemory;
}

export const healthAlertMemorySchema = z.object({
  offlineBridges: z.array(z.number().int()),
  lowDoorSensors: z.array(z.number().int()),
  keyExpiry: z.object({ at: z.number(), warnedDays: z.number().int() }).nullable(),
});

export function emptyHealthAlertMemory(): HealthAlertMemory {
  return { offlineBridges: [], lowDoorSensors: [], keyExpiry: null };
}

export interface OfflineBridge {
  id: number;
  name: string;
  /** The watched locks that use it, in the order of the lock list. */
  lockIds: number[];
}

/** Bridges the details report offline that at least one watched lock uses. */
export function offlineBridgesOf(
  locks: readonly Pick<MonitoredLock, 'id'>[],
  details: DeviceDetails | null,
): OfflineBridge[] {
  if (!details) return [];
  return details.bridges
    .filter((bridge) => bridge.connected === false)
    .map((bridge) => ({
      id: bridge.id,
      name: bridge.name,
      lockIds: locks
        .filter((lock) => details.locks.some((l) => l.id === lock.id && l.bridgeId === bridge.id))
        .map((lock) => lock.id),
    }))
    .filter((bridge) => bridge.lockIds.length > 0);
}

/** The watched locks whose own "disconnected" alert the bridge-offline alert stands for. */
export function locksBehindOfflineBridges(
  locks: readonly Pick<MonitoredLock, 'id'>[],
  details: DeviceDetails | null,
): ReadonlySet<number> {
  return new Set(offlineBridgesOf(locks, details).flatMap((bridge) => bridge.lockIds));
}

export function evaluateHealthAlerts(
  memory: HealthAlertMemory,
  input: HealthInput,
  settings: AlertSettings,
  now: number,
): HealthAlertEvaluation {
  const { raise, alerts } = alertRaiser(settings, now);
  const names = new Map(input.locks.map((lock) => [lock.id, lockNameOf(lock)]));

  // Details not read yet: nothing is known, so nothing starts or ends.
  let offlineBridges = memory.offlineBridges;
  if (input.details) {
    const offline = offlineBridgesOf(input.locks, input.details);
    for (const bridge of offline)
      if (!offlineBridges.includes(bridge.id)) raise(bridgeOfflineAlert(bridge, names));
    offlineBridges = offline.map((bridge) => bridge.id);
  }

  const lowDoorSensors = new Set(memory.lowDoorSensors);
  for (const sensor of input.doorSensors ?? []) {
    const lockName = sensor.lockId === null ? undefined : names.get(sensor.lockId);
    if (lockName === undefined || sensor.battery === null || sensor.lockId === null) continue;
    if (sensor.battery >= settings.lowBatteryPercent + BATTERY_REARM_MARGIN) {
      lowDoorSensors.delete(sensor.id);
    } else if (sensor.battery <= settings.lowBatteryPercent && !lowDoorSensors.has(sensor.id)) {
      raise(doorSensorBatteryAlert(sensor.lockId, lockName, sensor.battery, settings));
      lowDoorSensors.add(sensor.id);
    }
  }

  return {
    memory: {
      offlineBridges,
      lowDoorSensors: [...lowDoorSensors],
      keyExpiry: stepKeyExpiry(memory.keyExpiry, input.keyExpiry, now, raise),
    },
    alerts,
  };
}

function stepKeyExpiry(
  previous: HealthAlertMemory['keyExpiry'],
  expiry: KeyExpiry | null,
  now: number,
  raise: (alert: Alert) => boolean,
): HealthAlertMemory['keyExpiry'] {
  if (expiry === null) return previous;
  // A new date (a new key, or a corrected entry) starts its warnings afresh.
  const warnedDays = previous?.at === expiry.at ? previous.warnedDays : Number.POSITIVE_INFINITY;
  const reached = warningDaysReached(expiry.at, now);
  if (reached !== null && reached < warnedDays) {
    raise(keyExpiringAlert(expiry.at, now));
    return { at: expiry.at, warnedDays: reached };
  }
  return warnedDays === Number.POSITIVE_INFINITY ? null : { at: expiry.at, warnedDays };
}

function listOfNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function bridgeOfflineAlert(bridge: OfflineBridge, names: ReadonlyMap<number, string>): Alert {
  const lockNames = bridge.lockIds.map((id) => names.get(id) ?? `Lock ${id}`);
  const them = lockNames.length === 1 ? 'it' : 'them';
  return {
    kind: 'bridge-offline',
    lockId: null,
    title: `${bridge.name} is offline`,
    body: `The bridge has lost its connection to Tedee, so ${listOfNames(lockNames)} cannot be checked or changed remotely. Check its power and Wi-Fi; Tedee Tray shows ${them} again once it is back.`,
  };
}

function doorSensorBatteryAlert(
  lockId: number,
  lockName: string,
  battery: number,
  settings: AlertSettings,
): Alert {
  return {
    kind: 'door-sensor-battery-low',
    lockId,
    title: `${lockName} door sensor battery is low: ${battery} %`,
    body: `Replace the door sensor's battery soon; it is at or below your ${settings.lowBatteryPercent} % warning level.`,
  };
}

function keyExpiringAlert(at: number, now: number): Alert {
  const days = daysUntil(at, now);
  return {
    kind: 'key-expiring',
    lockId: null,
    title: `The Tedee access key expires in ${days === 1 ? '1 day' : `${days} days`}`,
    body: `It expires on ${new Date(at).toISOString().slice(0, 10)}. Create a new Personal Access Key in the Tedee Portal and enter it in Tedee Tray before then.`,
  };
}
