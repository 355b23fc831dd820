/**
 * LOCK, the one shape of a lock in everything the CLI prints as JSON (status --json and every
 * watch snapshot line). Scripts depend on it, so the keys are written out in their fixed order
 * rather than copied from the engine's object, whose fields may grow. New keys go at the end.
 */
import type { MonitoredLock } from '../engine/monitor-snapshot.ts';
import type { DoorState, LockState } from '../tedee/lock-enums.ts';

/** The door values the contract names; the engine's 'unknown' (a number Tedee may add) is not one. */
export type LockJsonDoor = Exclude<DoorState, 'unknown'>;

export interface LockJson {
  id: number;
  serial: string | null;
  name: string;
  connected: boolean | null;
  state: LockState | null;
  door: LockJsonDoor | null;
  battery: number | null;
  charging: boolean | null;
  lastChanged: string | null;
  /** Where the values came from: the bridge's local API or the Tedee cloud. */
  source: 'bridge' | 'cloud';
  /**
   * The bridge's jammed flag; from the cloud, its report that the last move failed (which the
   * app takes for a jam); null while the lock's state is not known.
   */
  jammed: boolean | null;
}

export function toLockJson(lock: MonitoredLock): LockJson {
  return {
    id: lock.id,
    serial: lock.serial,
    name: lock.name,
    connected: lock.connected,
    state: lock.state,
    door: lock.door === 'unknown' ? null : lock.door,
    battery: lock.battery,
    charging: lock.charging,
    lastChanged: lock.lastChanged,
    source: lock.source,
    jammed: lock.state === null ? null : lock.lastOperationFailed,
  };
}
