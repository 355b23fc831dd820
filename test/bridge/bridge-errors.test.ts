/**
 * The wording of the bridge errors people read: exact, so a changed message is a decision.
 */
import { describe, expect, it } from 'vitest';
import { BridgeAuthError, BridgeUnreachableError } from '../../main/bridge/bridge-errors.ts';

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
