/**
 * Feeds polls through the health alerts one after another, like the monitor does after each
 * sync, with the locks, bridges and sensors the health-alert tests share.
 */
import { emptyHealthAlertMemory, evaluateHealthAlerts } from '../../main/engine/health-alerts.ts';
import type { HealthAlertMemory, HealthInput } from '../../main/engine/health-alerts.ts';
import type { Alert } from '../../main/engine/alert-policy.ts';
import type { AlertSettings } from '../../main/engine/monitor-settings.ts';
import type { DeviceDetails, DoorSensorReading } from '../../main/tedee/health-model.ts';
import { settingsWith } from './alert-policy-run.ts';
import { makeLock } from './lock-factory.ts';

export const DAY = 24 * 3_600_000;
export const BRIDGE = { id: 47090, name: 'Hall bridge' } as const;

/** Two locks on one bridge, a third on another. */
export const healthLocks = [
  makeLock({ id: 1, name: 'Front door' }),
  makeLock({ id: 2, name: 'Garage' }),
  makeLock({ id: 3, name: 'Shed' }),
];

export function details(
  hallBridgeConnected: boolean | null,
  updates: number[] = [],
): DeviceDetails {
  return {
    bridges: [
      { id: BRIDGE.id, name: BRIDGE.name, connected: hallBridgeConnected },
      { id: 47091, name: 'Shed bridge', connected: true },
    ],
    locks: [
      { id: 1, bridgeId: BRIDGE.id, updateAvailable: updates.includes(1) },
      { id: 2, bridgeId: BRIDGE.id, updateAvailable: updates.includes(2) },
      { id: 3, bridgeId: 47091, updateAvailable: updates.includes(3) },
    ],
  };
}

export function sensor(battery: number | null, lockId = 1): DoorSensorReading {
  return { id: 901, name: 'Door sensor', lockId, battery };
}

export function healthRun(settings: AlertSettings = settingsWith()) {
  let memory: HealthAlertMemory = emptyHealthAlertMemory();
  const run = {
    settings,
    get memory(): HealthAlertMemory {
      return memory;
    },
    poll(input: Partial<HealthInput>, at: number): Alert[] {
      const full: HealthInput = {
        locks: healthLocks,
        details: null,
        doorSensors: null,
        keyExpiry: null,
        ...input,
      };
      const result = evaluateHealthAlerts(memory, full, run.settings, at);
      memory = result.memory;
      return result.alerts;
    },
  };
  return run;
}
