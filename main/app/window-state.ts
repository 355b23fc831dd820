/**
 * Turns what the engine knows into the one WindowState the window and the tray render.
 * Pure: the controller calls it on every change and sends the result as a whole.
 */
import { daysUntil, warningDaysReached } from '../engine/key-expiry.ts';
import type { LiveMode } from '../engine/live-status.ts';
import type { ActivityAvailability } from '../engine/activity-feed.ts';
import type { LockHistory, LockSample } from '../engine/lock-history.ts';
import { ACCOUNT_REQUESTS_PER_HOUR, projectedRequestsPerHour } from '../engine/monitor-settings.ts';
import type { MonitoredLock, MonitorSnapshot } from '../engine/monitor-snapshot.ts';
import type { AppSettings } from '../settings/app-settings.ts';
import type { LockDetails } from '../tedee/lock-model.ts';
import type {
  HealthState,
  OperationsState,
  WindowLock,
  WindowState,
} from '../../preload/contract.ts';

/** The chart shows a week; the event list the latest ten changes. */
export const BATTERY_TREND_MS = 7 * 24 * 3_600_000;
export const RECENT_EVENT_COUNT = 10;

export interface WindowStateInput {
  snapshot: MonitorSnapshot;
  catalog: readonly LockDetails[];
  history: LockHistory;
  settings: AppSettings;
  key: WindowState['key'];
  /** Whether a bridge token for the configured address is kept. */
  bridgeToken: WindowState['bridge']['token'];
  notices: readonly string[];
  demo: boolean;
  focusLockId: number | null;
  /** How many activity entries are kept for a lock (the entries themselves are asked for). */
  activityCount(lockId: number): number;
  operations: OperationsState;
}

export function buildWindowState(input: WindowStateInput): WindowState {
  const { snapshot, settings } = input;
  const monitoredIds = new Set(snapshot.locks.map((lock) => lock.id));
  const updateAvailable = new Set(snapshot.health.updateAvailable);
  const live = isLive(snapshot.live.mode);
  return {
    status: snapshot.status,
    tray: snapshot.tray,
    locks: snapshot.locks.map((lock) =>
      windowLock(lock, input.history.samplesOf(lock.id), snapshot.at, {
        updateAvailable: updateAvailable.has(lock.id),
        liveMode: live,
        activityCount: input.activityCount(lock.id),
      }),
    ),
    accountLocks: input.catalog.map(({ id, serial, name, model }) => ({
      id,
      serial,
      name,
      model,
      selected: monitoredIds.has(id),
    })),
    lastSyncedAt: snapshot.lastSyncedAt,
    nextSyncAt: snapshot.nextSyncAt,
    refreshAllowedAt: snapshot.refreshAllowedAt,
    key: input.key,
    settings,
    bridge: { token: input.bridgeToken, live: { ...snapshot.live } },
    budget: {
      projectedPerHour: projectedRequestsPerHour(settings.poll.intervalSeconds),
      budgetPerHour: settings.poll.budgetPerHour,
      accountLimitPerHour: ACCOUNT_REQUESTS_PER_HOUR,
      activityPerHour: snapshot.activityPerHour,
    },
    activity: activityStatus(snapshot.activity),
    notices: [...input.notices],
    demo: input.demo,
    focusLockId: input.focusLockId,
    health: healthState(snapshot),
    operations: input.operations,
  };
}

function healthState({ health, locks, at }: MonitorSnapshot): HealthState {
  const names = new Map(locks.map((lock) => [lock.id, lock.name]));
  const expiry = health.keyExpiry;
  return {
    offlineBridges: health.offlineBridges.map((bridge) => ({
      id: bridge.id,
      name: bridge.name,
      lockNames: bridge.lockIds.map((id) => names.get(id) ?? `Lock ${id}`),
    })),
    keyExpiring:
      expiry && warningDaysReached(expiry.at, at) !== null
        ? { at: expiry.at, daysLeft: daysUntil(expiry.at, at), source: expiry.source }
        : null,
    keyExpiryFromTedee: expiry?.source === 'tedee' ? expiry.at : null,
  };
}

/** The bridge reports changes as they happen: by callback, or by polling it every few seconds. */
export function isLive(mode: LiveMode): boolean {
  return mode === 'callbacks' || mode === 'lan-polling';
}

function activityStatus(availability: ActivityAvailability): WindowState['activity'] {
  return {
    status: availability.kind,
    retryAt: availability.kind === 'needs-scope' ? availability.retryAt : null,
  };
}

function windowLock(
  lock: MonitoredLock,
  samples: readonly LockSample[],
  now: number,
  {
    updateAvailable,
    liveMode,
    activityCount,
  }: { updateAvailable: boolean; liveMode: boolean; activityCount: number },
): WindowLock {
  const batteryTrend = samples.flatMap(({ at, battery }) =>
    battery !== null && at >= now - BATTERY_TREND_MS ? [{ at, battery }] : [],
  );
  const recentEvents = samples
    .filter((sample, index) => {
      const previous = samples[index - 1];
      return (
        !previous || previous.state !== sample.state || previous.connected !== sample.connected
      );
    })
    .slice(-RECENT_EVENT_COUNT)
    .reverse()
    .map(({ at, state, connected, battery }) => ({ at, state, connected, battery }));
  return {
    id: lock.id,
    serial: lock.serial,
    name: lock.name,
    model: lock.model,
    connected: lock.connected,
    state: lock.state,
    door: lock.door,
    battery: lock.battery,
    charging: lock.charging,
    lastOperationFailed: lock.lastOperationFailed,
    lastChanged: lock.lastChanged,
    lastSyncedAt: lock.lastSyncedAt,
    source: lock.source,
    // A lock the bridge does not know stays on the cloud, whatever the mode.
    live: liveMode && lock.source === 'bridge',
    disconnectedSince: lock.disconnectedSince,
    stale: lock.stale,
    batteryTrend,
    recentEvents,
    updateAvailable,
    activityCount,
  };
}
