/**
 * Feeds polls through the alert policy one after another, like the app does, with the
 * settings and locks the alert-policy tests share.
 */
import { emptyAlertMemory, evaluateAlerts } from '../../main/engine/alert-policy.ts';
import type {
  Alert,
  AlertMemory,
  PollFailureReason,
  PollOutcome,
} from '../../main/engine/alert-policy.ts';
import { ALERT_KINDS, defaultAlertSettings } from '../../main/engine/monitor-settings.ts';
import type { AlertKind, AlertSettings } from '../../main/engine/monitor-settings.ts';
import type { MonitoredLock } from '../../main/engine/monitor-snapshot.ts';
import { makeLock } from './lock-factory.ts';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const T0 = Date.UTC(2025, 10, 3, 8, 0, 0);

export const allOn = Object.fromEntries(ALERT_KINDS.map((kind) => [kind, true])) as Record<
  AlertKind,
  boolean
>;

/** Default settings with every kind switched on (left-unlocked and door-open are off by default). */
export function settingsWith(overrides: Partial<AlertSettings> = {}): AlertSettings {
  return { ...defaultAlertSettings, enabled: { ...allOn }, ...overrides };
}

/** Feeds polls through the policy one after another, like the app does. */
export function policyRun(initialSettings: AlertSettings = settingsWith()) {
  let memory: AlertMemory = emptyAlertMemory();
  const run = {
    settings: initialSettings,
    get memory(): AlertMemory {
      return memory;
    },
    poll(outcome: PollOutcome, at: number): Alert[] {
      const result = evaluateAlerts(memory, outcome, run.settings, at);
      memory = result.memory;
      return result.alerts;
    },
    sync(locks: MonitoredLock | readonly MonitoredLock[], at: number): Alert[] {
      return run.poll({ kind: 'synced', locks: Array.isArray(locks) ? locks : [locks] }, at);
    },
    fail(reason: PollFailureReason, at: number): Alert[] {
      return run.poll({ kind: 'failed', reason }, at);
    },
  };
  return run;
}

export function kindsOf(alerts: readonly Alert[]): AlertKind[] {
  return alerts.map((alert) => alert.kind);
}

export const connected = makeLock({ connected: true });
export const disconnected = makeLock({
  connected: false,
  state: null,
  door: null,
  battery: null,
  charging: null,
});
