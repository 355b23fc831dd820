/**
 * Turns parsed bridge wire objects into the app's model, with the cloud's enum tables, so a
 * state number means the same whichever way it arrived.
 */
import {
  doorStateFromNumber,
  lockModelFromDeviceType,
  lockStateFromNumber,
} from '../tedee/lock-enums.ts';
import { batteryPercent } from '../tedee/normalise.ts';
import type { BridgeCallback, BridgeInfo, BridgeLock, BridgeLockStatus } from './bridge-model.ts';
import type { WireBridge, WireBridgeLock, WireCallback } from './bridge-wire-schemas.ts';

export function toBridgeLock(wire: WireBridgeLock): BridgeLock {
  return {
    id: wire.id,
    serial: wire.serialNumber,
    name: wire.name,
    model: lockModelFromDeviceType(wire.type),
    status: toBridgeLockStatus(wire),
  };
}

function toBridgeLockStatus(wire: WireBridgeLock): BridgeLockStatus {
  const jammed = wire.jammed === 1;
  return {
    id: wire.id,
    connected: wire.isConnected === 1,
    // 255 (bridge-only "unpulling", seen at the edge of Bluetooth range) is not in the cloud's
    // table and so reads 'unknown'; 18 is 'updating' in both.
    state: lockStateFromNumber(wire.state),
    // Firmware before 2025-03 sends no doorState. The docs' guess is "0, not paired"; null
    // ("not said") is chosen instead, as the cloud model does for a missing door state, so the
    // app never claims a fact the bridge did not state.
    door: wire.doorState === undefined ? null : doorStateFromNumber(wire.doorState),
    battery: batteryPercent(wire.batteryLevel),
    charging: wire.isCharging === 1,
    lastOperationFailed: jammed,
    jammed,
    // The bridge keeps no change time and no cloud revision (deviceRevision is the lock's own).
    lastChanged: null,
    revision: null,
  };
}

export function toBridgeInfo(wire: WireBridge): BridgeInfo {
  const time = wire.currentTime === undefined ? Number.NaN : Date.parse(wire.currentTime);
  return {
    name: wire.name,
    serial: wire.serialNumber,
    currentTime: Number.isNaN(time) ? null : new Date(time).toISOString(),
    connectedToCloud: wire.isConnected === undefined ? null : wire.isConnected === 1,
    firmwareVersion: wire.version ?? null,
  };
}

export function toBridgeCallback(wire: WireCallback): BridgeCallback {
  return {
    id: wire.id,
    url: wire.url,
    method: wire.method ?? 'POST',
    headers: Object.assign({}, ...(wire.headers ?? [])) as Record<string, string>,
  };
}
