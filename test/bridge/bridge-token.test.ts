/**
 * The api_token values: Tedee's documented test vector, freshness, strictly increasing
 * timestamps, plain mode.
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BridgeTokenSigner, encryptedApiToken } from '../../main/bridge/bridge-token.ts';

describe('encrypted tokens', () => {
  it("matches the documentation's test vector", () => {
    expect(encryptedApiToken('BE9xnPnGfVUS', 1691058833000)).toBe(
      'e59d9763edc6e59f2faccf9a769e5cf170d68439c3fd67afae5e3e72d0463a711691058833000',
    );
  });

  it('stamps each value with the clock, in whole milliseconds', () => {
    const signer = new BridgeTokenSigner('BE9xnPnGfVUS', 'encrypted');
    expect(signer.next(1691058833000.7)).toBe(encryptedApiToken('BE9xnPnGfVUS', 1691058833000));
    expect(signer.next(1691058834000)).toBe(encryptedApiToken('BE9xnPnGfVUS', 1691058834000));
  });

  it('two requests in the same millisecond get distinct, increasing timestamps', () => {
    const signer = new BridgeTokenSigner('tok', 'encrypted');
    const stamps = [5000, 5000, 5000].map((now) => Number(signer.next(now).slice(64)));
    expect(stamps).toEqual([5000, 5001, 5002]);
  });

  it('a clock that steps back never repeats or lowers a timestamp', () => {
    const signer = new BridgeTokenSigner('tok', 'encrypted');
    const stamps = [10_000, 4_000, 9_999, 10_003].map((now) => Number(signer.next(now).slice(64)));
    expect(stamps).toEqual([10_000, 10_001, 10_002, 10_003]);
  });

  it('the value is lowercase hex followed by the timestamp', () => {
    const value = new BridgeTokenSigner('Tok', 'encrypted').next(1764489600000);
    expect(value).toMatch(/^[0-9a-f]{64}1764489600000$/);
  });
});

describe('plain tokens', () => {
  it('are the token itself, every time', () => {
    const signer = new BridgeTokenSigner('raw-token', 'plain');
    expect([signer.next(1), signer.next(1), signer.next(0)]).toEqual([
      'raw-token',
      'raw-token',
      'raw-token',
    ]);
  });
});

describe('the signer', () => {
  it('refuses an empty token', () => {
    expect(() => new BridgeTokenSigner('', 'encrypted')).toThrow('The bridge token is empty');
  });

  it('never shows the token when inspected or serialised', () => {
    const signer = new BridgeTokenSigner('very-secret-token', 'plain');
    expect(inspect(signer, { showHidden: true, depth: 5 })).not.toContain('very-secret-token');
    expect(JSON.stringify(signer)).not.toContain('very-secret-token');
    expect(signer.mode).toBe('plain');
  });
});
