/**
 * The wording of the bridge errors people read: exact, so a changed message is a decision.
 */
import { describe, expect, it } from 'vitest';
import {
  BluetoothError,
  BridgeAuthError,
  BridgeBadResponseError,
  BridgeBusyError,
  BridgeNotFoundError,
  BridgeTimeoutError,
  BridgeUnreachableError,
  LockDisconnectedError,
} from '../../main/bridge/bridge-errors.ts';
import type { BridgeError } from '../../main/bridge/bridge-errors.ts';

describe('BridgeUnreachableError', () => {
  it.each([
    ['dns', 'Cannot find the bridge at 192.168.1.20:80.'],
    [
      'refused',
      'The bridge at 192.168.1.20:80 refused the connection: is its local API turned on?',
    ],
    ['reset', 'The connection to the bridge at 192.168.1.20:80 was interrupted.'],
    [
      'other',
      'Cannot reach the bridge at 192.168.1.20:80: check that this computer is on its network.',
    ],
  ] as const)('%s', (failure, message) => {
    const error = new BridgeUnreachableError(failure, '192.168.1.20:80');
    expect(error.message).toBe(message);
    expect(error.failure).toBe(failure);
    expect(error.kind).toBe('unreachable');
    expect(error.name).toBe('BridgeUnreachableError');
  });
});

describe('BridgeAuthError', () => {
  it('names the clock when it is more than 5 s off', () => {
    expect(new BridgeAuthError(5_001).message).toBe(
      "The bridge rejected the token (HTTP 401): your computer's clock is 5 s off (ahead of the bridge's). " +
        'Encrypted tokens carry the time, so set the clock automatically and try again.',
    );
    expect(new BridgeAuthError(5_001).clockSkewed).toBe(true);
    expect(new BridgeAuthError(-5_001).clockSkewed).toBe(true);
  });

  it("says when the computer's clock is behind the bridge's", () => {
    expect(new BridgeAuthError(-12_400).message).toBe(
      "The bridge rejected the token (HTTP 401): your computer's clock is 12 s off (behind the bridge's). " +
        'Encrypted tokens carry the time, so set the clock automatically and try again.',
    );
  });

  it('blames the token at 5 s or less', () => {
    for (const offset of [5_000, -5_000, 0, null]) {
      const error = new BridgeAuthError(offset);
      expect(error.clockSkewed).toBe(false);
      expect(error.message).toBe(
        'The bridge rejected the token (HTTP 401). Check the token in the Tedee app (Bridge → Settings → API) ' +
          'and that its "Encrypted token" switch matches the setting here.',
      );
    }
  });
});

describe('every bridge error', () => {
  it.each<[string, () => BridgeError, string, string]>([
    [
      'BridgeAuthError',
      () => new BridgeAuthError(null),
      'unauthorised',
      'The bridge rejected the token (HTTP 401). Check',
    ],
    [
      'BridgeNotFoundError',
      () => new BridgeNotFoundError('lock 7'),
      'not-found',
      'The bridge does not know lock 7 (HTTP 404).',
    ],
    [
      'BridgeBusyError',
      () => new BridgeBusyError(3),
      'busy',
      'The bridge stayed busy (HTTP 409) through 3 attempts.',
    ],
    [
      'LockDisconnectedError',
      () => new LockDisconnectedError('lock 7'),
      'lock-disconnected',
      'The bridge has lost its connection to lock 7 (HTTP 405).',
    ],
    [
      'BluetoothError',
      () => new BluetoothError('lock 7', null),
      'bluetooth',
      'Lock 7 reported a Bluetooth error to the bridge (HTTP 406).',
    ],
    [
      'BluetoothError',
      () => new BluetoothError('lock 7', 12),
      'bluetooth',
      'Lock 7 reported a Bluetooth error to the bridge (HTTP 406, code 12).',
    ],
    [
      'BridgeTimeoutError',
      () => new BridgeTimeoutError(5_000),
      'timeout',
      'The bridge did not answer within 5 s.',
    ],
    [
      'BridgeBadResponseError',
      () => new BridgeBadResponseError('the body is empty'),
      'bad-response',
      'The bridge sent a response this app cannot read: the body is empty.',
    ],
  ])('%s (case %#)', (name, make, kind, message) => {
    // Made inside the test, not when the table is built, so that the test is what runs it.
    const error = make();
    expect(error.kind).toBe(kind);
    expect(error.name).toBe(name);
    expect(error.message.startsWith(message)).toBe(true);
    expect(error).toBeInstanceOf(Error);
  });

  it('keeps the Bluetooth error code, or null without one', () => {
    expect(new BluetoothError('lock 7', 12).code).toBe(12);
    expect(new BluetoothError('lock 7', null).code).toBeNull();
  });
});
