/**
 * What readBridgeEvent makes of a callback body, directly: an event, an event name the app
 * does not know (kept for the log), or an invalid body. The receiver's tests send the same
 * bodies over HTTP.
 */
import { describe, expect, it } from 'vitest';
import { readBridgeEvent } from '../../main/bridge/bridge-events.ts';

const at = '2025-11-04T18:00:00.000Z';

describe('readBridgeEvent', () => {
  it('a known event with valid data is an event', () => {
    expect(
      readBridgeEvent({
        event: 'device-connection-changed',
        timestamp: at,
        data: { deviceType: 2, deviceId: 7, serialNumber: 'S-7', isConnected: 0 },
      }),
    ).toEqual({
      outcome: 'event',
      event: { kind: 'lock-connection', at, lockId: 7, serial: 'S-7', connected: false },
    });
  });

  it.each([
    [1, true],
    [0, false],
  ])('the bridge reconnected to the cloud (isConnected %i) is connected: %s', (flag, connected) => {
    expect(
      readBridgeEvent({
        event: 'backend-connection-changed',
        timestamp: at,
        data: { isConnected: flag },
      }),
    ).toEqual({ outcome: 'event', event: { kind: 'bridge-cloud-connection', at, connected } });
  });

  it('an event name the app does not know is reported with its name', () => {
    expect(readBridgeEvent({ event: 'bell-pressed', timestamp: at, data: {} })).toEqual({
      outcome: 'unknown',
      name: 'bell-pressed',
    });
  });

  it('a known event with the wrong data is invalid', () => {
    expect(
      readBridgeEvent({ event: 'device-connection-changed', timestamp: at, data: { x: 1 } }),
    ).toEqual({ outcome: 'invalid' });
  });
});
