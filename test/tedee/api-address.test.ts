/**
 * Where the app may send the Personal Access Key: https anywhere, plain http only to this
 * computer. A looser rule sends the key unencrypted over the network.
 */
import { describe, expect, it } from 'vitest';
import {
  isAllowedApiProtocol,
  isLoopbackHostname,
  originOf,
} from '../../main/tedee/api-address.ts';

describe('isLoopbackHostname', () => {
  it.each(['localhost', '[::1]', '127.0.0.1', '127.45.3.2', '127.255.255.255'])(
    '%s is this computer',
    (hostname) => {
      expect(isLoopbackHostname(hostname)).toBe(true);
    },
  );

  it.each([
    'api.tedee.com',
    'localhost.example.com',
    'mylocalhost',
    '::1',
    '[::2]',
    '128.0.0.1',
    '10.127.0.0.1',
    '127.0.0.1.example.com',
    '127.0.0',
    '127.0.0.1234',
    '127.a.0.1',
    '127x0.0.1',
    '',
  ])('%j is not', (hostname) => {
    expect(isLoopbackHostname(hostname)).toBe(false);
  });
});

describe('isAllowedApiProtocol', () => {
  it.each([
    ['https://api.tedee.com', true],
    ['https://192.168.1.20', true],
    ['http://127.0.0.1:8123', true],
    ['http://127.1:8123', true],
    ['http://localhost:8123', true],
    ['http://[::1]:8123', true],
    ['http://[0:0::1]:8123', true],
    ['http://api.tedee.com', false],
    ['http://192.168.1.20', false],
    ['ftp://127.0.0.1', false],
    ['ws://localhost', false],
    ['file:///etc/passwd', false],
  ])('%s: %s', (address, allowed) => {
    expect(isAllowedApiProtocol(new URL(address))).toBe(allowed);
  });
});

describe('originOf', () => {
  it('keeps scheme, host and port, and drops the path', () => {
    expect(originOf('https://api.tedee.com/some/prefix?x=1')).toBe('https://api.tedee.com');
    expect(originOf('http://127.0.0.1:8123/api')).toBe('http://127.0.0.1:8123');
  });
});
