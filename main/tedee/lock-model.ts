/**
 * The app's own view of a lock: readable names instead of Tedee's numbers, unknowns as null.
 */
import type { DoorState, LockModel, LockState } from './lock-enums.ts';

/** What a sync tells about one lock. */
export interface LockStatus {
  id: number;
  /** Lock ↔ bridge connection; null for a lock that is not paired with a bridge. */
  connected: boolean | null;
  /** null when Tedee sent no state (the lock is disconnected). */
  state: LockState | null;
  door: DoorState | null;
  /** Percent 0..100; null when unknown (Tedee's 255, anything out of range, or absent). */
  battery: number | null;
  charging: boolean | null;
  /** true when Tedee reports that the last lock/unlock did not succeed (often a jam). */
  lastOperationFailed: boolean;
  /** ISO 8601 time of the last state change, or null. */
  lastChanged: string | null;
  /** Configuration revision; a change means names or settings should be fetched again. */
  revision: number | null;
}

/** What the lock list adds: the names and identities people recognise. */
export interface LockDetails {
  id: number;
  /** Stable across re-adding the lock to an account, unlike `id`. */
  serial: string | null;
  name: string;
  model: LockModel;
  status: LockStatus;
}
