/**
 * Telling this installation's callbacks from everyone else's.
 */
import { describe, expect, it } from 'vitest';
import {
  callbackPath,
  isOwnCallback,
  isValidInstanceId,
  newCallbackSecret,
  newInstanceId,
} from '../../main/bridge/callback-url.ts';

const SECRET = 'AbCdEfGhIjKlMnOpQrStU_';

describe('isOwnCallback', () => {
  it.each([
    [`http://192.168.1.50:47123/inst01/${SECRET}`, true],
    [`http://10.0.0.2:1/inst01/${SECRET}`, true],
    [`http://[fe80::1]:8080/inst01/${SECRET}`, true],
    [`http://192.168.1.50:47123/inst02/${SECRET}`, false],
    [`http://192.168.1.50:47123/INST01/${SECRET}`, false],
    [`http://192.168.1.50:47123/inst01/${SECRET}/x`, false],
    [`http://192.168.1.50:47123/inst01/${SECRET.slice(1)}`, false],
    [`http://192.168.1.50:47123/inst01/${SECRET}A`, false],
    ['http://192.168.1.50:47123/inst01/cb', false],
    ['http://192.168.1.50:47123/inst01', false],
    [`http://192.168.1.50:47123/x/inst01/${SECRET}`, false],
    ['http://192.168.1.20:8123/api/webhook/5b0e1f7c9a3d4e62b8f04c1d2a7e9b35', false],
    // Another program's URL with an opaque path: the same parts, but not /INSTANCE/SECRET.
    [`myapp:x/inst01/${SECRET}`, false],
    ['not a url', false],
  ])('%s: %s', (url, expected) => {
    expect(isOwnCallback(url, 'inst01')).toBe(expected);
  });
});

describe('instance ids', () => {
  it.each([
    ['a', true],
    ['office-mac_2', true],
    ['x'.repeat(32), true],
    ['x'.repeat(33), false],
    ['', false],
    ['with space', false],
    ['a/b', false],
    ['é', false],
  ])('%j valid: %s', (id, valid) => {
    expect(isValidInstanceId(id)).toBe(valid);
  });

  it('new ones are 12 hex characters, different each time', () => {
    const [a, b] = [newInstanceId(), newInstanceId()];
    expect(a).toMatch(/^[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });

  it('the path is /INSTANCE/SECRET and refuses an invalid instance id', () => {
    expect(callbackPath('inst01', SECRET)).toBe(`/inst01/${SECRET}`);
    expect(() => callbackPath('../x', SECRET)).toThrow('Invalid instance id');
  });

  it('secrets are 22 URL-safe characters, different each time', () => {
    const [a, b] = [newCallbackSecret(), newCallbackSecret()];
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(a).not.toBe(b);
    expect(isOwnCallback(`http://10.0.0.1:1/inst01/${a}`, 'inst01')).toBe(true);
  });
});
