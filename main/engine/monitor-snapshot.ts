/**
 * What the engine knows at one moment: the app status, every monitored lock, and the one
 * tray status that sums them up. Adapters (tray, window, CLI) only render this.
 * Times are epoch milliseconds, except `lastChanged`, which is Tedee's own ISO timestamp.
 */
import type { LockModel } from '../tedee/lock-enums.ts';
import type { LockStatus } from '../tedee/lock-model.ts';
import type { LiveStatus } from './live-status.ts';
import type { ActivityAvailability } from './activity-feed.ts';

export const APP_STATUS_KINDS = [
  'starting',
  'ok',
  'offline',
  'auth-error',
  'forbidden',
  'rate-limited',
  'paused',
] as const;
export type AppStatusKind = (typeof APP_STATUS_KINDS)[number];

export interface AppStatus {
  kind: AppStatusKind;
  /** One sentence for the user, e.g. why polling stopped. */
  message: string;
  /** When polling resumes by itself (rate-limited, paused until a time); otherwise null. */
  retryAt: number | null;
}

export interface MonitoredLock extends LockStatus {
  serial: string | null;
  name: string;
  model: LockModel;
  /** Where the current values came from: the bridge's local API or the Tedee cloud. */
  source: 'bridge' | 'cloud';
  /**
   * When any source last confirmed these values: a cloud sync, a bridge callback, a LAN poll
   * or a heartbeat (the window's "Live" / "Checked 14 s ago").
   */
  lastSyncedAt: number | null;
  /** When we first saw it disconnected in the current episode; null while connected. */
  disconnectedSince: number | null;
  /** The values are older than the app can vouch for (no recent successful sync). */
  stale: boolean;
}

/**
 * One status for the tray icon. Listed from the most to the least urgent; the first that
 * applies wins (see tray-status.ts).
 */
export const TRAY_STATUSES = [
  'key-problem',
  'offline',
  'paused',
  'attention',
  'unlocked',
  'low-battery',
  'busy',
  'locked',
  'no-locks',
] as const;
export type TrayStatus = (typeof TRAY_STATUSES)[number];

/** What the reads about bridges, firmware and the key found (health-reads.ts). */
export interface HealthSnapshot {
  /** Bridges that watched locks use and that have lost the cloud. */
  offlineBridges: { id: number; name: string; lockIds: number[] }[];
  /** Watched locks Tedee offers a firmware update for. */
  updateAvailable: number[];
  /** When the key expires, from Tedee's key list or the date the user entered; null if unknown. */
  keyExpiry: { at: number; source: 'tedee' | 'entered' } | null;
}

export interface MonitorSnapshot {
  at: number;
  status: AppStatus;
  locks: MonitoredLock[];
  tray: TrayStatus;
  lastSyncedAt: number | null;
  nextSyncAt: number | null;
  /** The earliest moment a "refresh now" may sync, because of Tedee's 20 s rule. */
  refreshAllowedAt: number;
  health: HealthSnapshot;
  /** Live mode through the bridge; mode 'off' when no bridge is configured. */
  live: LiveStatus;
  /** Whether the activity log can be read (the key may lack DeviceActivity.Read). */
  activity: ActivityAvailability;
  /**
   * The most activity requests an hour may hold: what the planned syncs leave of the budget,
   * less the health reads, which share it (request-gates.ts).
   */
  activityPerHour: number;
}
