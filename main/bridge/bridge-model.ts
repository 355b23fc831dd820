/**
 * What the bridge tells about itself, its locks and its callbacks, in the app's vocabulary.
 * A bridge lock is the cloud's lock model (main/tedee/lock-model.ts) plus `jammed`, which
 * only the bridge reports as such.
 */
import type { LockDetails, LockStatus } from '../tedee/lock-model.ts';

export interface BridgeLockStatus extends LockStatus {
  jammed: boolean;
}

export interface BridgeLock extends LockDetails {
  /** Always known on the bridge (every lock it lists is paired to it). */
  serial: string;
  status: BridgeLockStatus;
}

export interface BridgeInfo {
  name: string;
  serial: string;
  /** The bridge's clock (ISO 8601), or null on firmware older than 2023-09. */
  currentTime: string | null;
  /** Bridge ↔ Tedee cloud, or null when the firmware does not say. */
  connectedToCloud: boolean | null;
  firmwareVersion: string | null;
}

export interface BridgeCallback {
  id: number;
  url: string;
  /** 'POST' when the bridge does not say (firmware before 2024-01 knew only POST). */
  method: string;
  /** Header name → value, merged from the bridge's list of single-key objects. */
  headers: Record<string, string>;
}

/** What the app registers: always POST, one secret header. */
export interface CallbackRequest {
  url: string;
  headers: Record<string, string>;
}
