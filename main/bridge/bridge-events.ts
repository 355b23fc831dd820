/**
 * The bodies a bridge POSTs to a callback (tedee-bridge-and-activity.md §1.9), validated with
 * zod and turned into the app's vocabulary. An event name the app does not know is reported
 * as such (the receiver logs it and moves on); a known event with a wrong shape is refused.
 */
import { z } from 'zod';
import { doorStateFromNumber, lockStateFromNumber } from '../tedee/lock-enums.ts';
import type { DoorState, LockState } from '../tedee/lock-enums.ts';
import { batteryPercent } from '../tedee/normalise.ts';
import { wireFlagSchema } from './bridge-wire-schemas.ts';

interface LockEventBase {
  /** The event's time, ISO 8601 (the bridge's clock). */
  at: string;
  lockId: number;
  serial: string;
}

export type BridgeEvent =
  | (LockEventBase & {
      kind: 'lock-status';
      state: LockState;
      jammed: boolean;
      /** null when the firmware (before 2025-03) does not send doorState. */
      door: DoorState | null;
    })
  | (LockEventBase & { kind: 'lock-connection'; connected: boolean })
  | (LockEventBase & { kind: 'battery-level'; battery: number | null })
  | (LockEventBase & { kind: 'charging'; charging: boolean })
  | (LockEventBase & { kind: 'fully-charged' })
  | (LockEventBase & { kind: 'settings-changed' })
  | { kind: 'bridge-cloud-connection'; at: string; connected: boolean };

export type EventReading =
  | { outcome: 'event'; event: BridgeEvent }
  | { outcome: 'unknown'; name: string }
  | { outcome: 'invalid' };

const timestampSchema = z.string().refine((text) => !Number.isNaN(Date.parse(text)));

const envelopeSchema = z.object({
  event: z.string(),
  timestamp: timestampSchema,
  data: z.record(z.string(), z.unknown()),
});

const deviceSchema = z.object({
  deviceType: z.number().int(),
  deviceId: z.number().int(),
  serialNumber: z.string(),
});

const dataSchemas = {
  'lock-status-changed': deviceSchema.extend({
    state: z.number().int(),
    jammed: wireFlagSchema,
    doorState: z.number().int().optional(),
  }),
  'device-connection-changed': deviceSchema.extend({ isConnected: wireFlagSchema }),
  'device-battery-level-changed': deviceSchema.extend({ batteryLevel: z.number().int() }),
  'device-battery-start-charging': deviceSchema,
  'device-battery-stop-charging': deviceSchema,
  'device-battery-fully-charged': deviceSchema,
  'device-settings-changed': deviceSchema,
  'backend-connection-changed': z.object({ isConnected: wireFlagSchema }),
} as const;

type EventName = keyof typeof dataSchemas;

function isEventName(name: string): name is EventName {
  return Object.hasOwn(dataSchemas, name);
}

export function readBridgeEvent(body: unknown): EventReading {
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) return { outcome: 'invalid' };
  const { event: name, timestamp, data } = envelope.data;
  if (!isEventName(name)) return { outcome: 'unknown', name };
  const at = new Date(Date.parse(timestamp)).toISOString();
  const event = toEvent(name, at, data);
  return event ? { outcome: 'event', event } : { outcome: 'invalid' };
}

function toEvent(name: EventName, at: string, data: unknown): BridgeEvent | undefined {
  if (name === 'backend-connection-changed') {
    const parsed = dataSchemas[name].safeParse(data);
    return parsed.success
      ? { kind: 'bridge-cloud-connection', at, connected: parsed.data.isConnected === 1 }
      : undefined;
  }
  const device = deviceSchema.safeParse(data);
  if (!device.success) return undefined;
  const base = { at, lockId: device.data.deviceId, serial: device.data.serialNumber };
  switch (name) {
    case 'lock-status-changed': {
      const parsed = dataSchemas[name].safeParse(data);
      if (!parsed.success) return undefined;
      const { state, jammed, doorState } = parsed.data;
      return {
        ...base,
        kind: 'lock-status',
        state: lockStateFromNumber(state),
        jammed: jammed === 1,
        door: doorState === undefined ? null : doorStateFromNumber(doorState),
      };
    }
    case 'device-connection-changed': {
      const parsed = dataSchemas[name].safeParse(data);
      return parsed.success
        ? { ...base, kind: 'lock-connection', connected: parsed.data.isConnected === 1 }
        : undefined;
    }
    case 'device-battery-level-changed': {
      const parsed = dataSchemas[name].safeParse(data);
      return parsed.success
        ? { ...base, kind: 'battery-level', battery: batteryPercent(parsed.data.batteryLevel) }
        : undefined;
    }
    case 'device-battery-start-charging':
      return { ...base, kind: 'charging', charging: true };
    case 'device-battery-stop-charging':
      return { ...base, kind: 'charging', charging: false };
    case 'device-battery-fully-charged':
      return { ...base, kind: 'fully-charged' };
    case 'device-settings-changed':
      return { ...base, kind: 'settings-changed' };
  }
}
