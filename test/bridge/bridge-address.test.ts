/**
 * The bridge address rule: http only, to private, link-local or loopback IP addresses.
 */
import { describe, expect, it } from 'vitest';
import {
  addressScope,
  parseBridgeAddress,
  unmappedAddress,
} from '../../main/bridge/bridge-address.ts';

describe('accepted bridge addresses', () => {
  it.each([
    ['http://192.168.1.20', 'http://192.168.1.20', '192.168.1.20', 80],
    ['http://192.168.1.20/', 'http://192.168.1.20', '192.168.1.20', 80],
    ['  http://192.168.1.20:8080  ', 'http://192.168.1.20:8080', '192.168.1.20', 8080],
    ['http://192.168.1.20:80', 'http://192.168.1.20', '192.168.1.20', 80],
    ['http://10.0.0.1', 'http://10.0.0.1', '10.0.0.1', 80],
    ['http://10.255.255.255', 'http://10.255.255.255', '10.255.255.255', 80],
    ['http://172.16.0.1', 'http://172.16.0.1', '172.16.0.1', 80],
    ['http://172.31.255.254', 'http://172.31.255.254', '172.31.255.254', 80],
    ['http://192.168.0.0', 'http://192.168.0.0', '192.168.0.0', 80],
    ['http://169.254.10.2', 'http://169.254.10.2', '169.254.10.2', 80],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080', '127.0.0.1', 8080],
    ['http://127.255.0.9', 'http://127.255.0.9', '127.255.0.9', 80],
    ['HTTP://192.168.1.20', 'http://192.168.1.20', '192.168.1.20', 80],
    ['http://0xC0.0xA8.1.20', 'http://192.168.1.20', '192.168.1.20', 80],
    ['http://[::1]', 'http://[::1]', '::1', 80],
    ['http://[::1]:8080', 'http://[::1]:8080', '::1', 8080],
    [
      'http://[fe80::1c2a:3bff:fe4d:5e6f]',
      'http://[fe80::1c2a:3bff:fe4d:5e6f]',
      'fe80::1c2a:3bff:fe4d:5e6f',
      80,
    ],
    ['http://[febf::1]', 'http://[febf::1]', 'febf::1', 80],
    ['http://[fd12:3456:789a::20]', 'http://[fd12:3456:789a::20]', 'fd12:3456:789a::20', 80],
    ['http://[fc00::1]', 'http://[fc00::1]', 'fc00::1', 80],
    ['http://[::ffff:192.168.1.20]', 'http://[::ffff:c0a8:114]', '::ffff:c0a8:114', 80],
    ['http://[0:0:0:0:0:0:0:1]', 'http://[::1]', '::1', 80],
    ['http://192.168.1.20:65535', 'http://192.168.1.20:65535', '192.168.1.20', 65535],
    ['http://192.168.1.20:1', 'http://192.168.1.20:1', '192.168.1.20', 1],
    // Copied from a web page or a chat: a non-breaking space the URL parser does not trim.
    ['\u00a0http://192.168.1.20\u00a0', 'http://192.168.1.20', '192.168.1.20', 80],
    // No run of zeros, so the URL parser writes all eight groups, without "::".
    ['http://[fd00:1:2:3:4:5:6:7]', 'http://[fd00:1:2:3:4:5:6:7]', 'fd00:1:2:3:4:5:6:7', 80],
  ])('%s', (text, baseUrl, host, port) => {
    expect(parseBridgeAddress(text)).toEqual({ ok: true, address: { baseUrl, host, port } });
  });
});

describe('refused bridge addresses', () => {
  it.each([
    ['https://192.168.1.20', 'must start with http://'],
    ['ftp://192.168.1.20', 'must start with http://'],
    ['192.168.1.20', 'is not a URL'],
    ['', 'is not a URL'],
    ['http://', 'is not a URL'],
    ['http://192.168.1.20:65536', 'is not a URL'],
    ['http://user:pass@192.168.1.20', 'user name or password'],
    ['http://user@192.168.1.20', 'user name or password'],
    ['http://:secret@192.168.1.20', 'user name or password'],
    ['http://192.168.1.20/v1.0', 'without a path'],
    ['http://192.168.1.20/?x=1', 'without a path'],
    ['http://192.168.1.20/#top', 'without a path'],
    ['http://bridge.local', 'must be an IP address'],
    ['http://localhost', 'must be an IP address'],
    ['http://10.0.0.1x', 'must be an IP address'],
    ['http://8.8.8.8', '8.8.8.8 is not on the local network'],
    ['http://172.15.255.255', 'is not on the local network'],
    ['http://172.32.0.1', 'is not on the local network'],
    ['http://192.169.1.1', 'is not on the local network'],
    ['http://169.253.1.1', 'is not on the local network'],
    ['http://11.0.0.1', 'is not on the local network'],
    ['http://100.64.0.1', 'is not on the local network'],
    ['http://0.0.0.0', 'is not on the local network'],
    ['http://255.255.255.255', 'is not on the local network'],
    ['http://128.0.0.1', 'is not on the local network'],
    // Public addresses whose second octet would make them private after 172., 192. or 169.
    ['http://8.20.0.1', 'is not on the local network'],
    ['http://8.168.0.1', 'is not on the local network'],
    ['http://8.254.0.1', 'is not on the local network'],
    ['http://[2001:db8::1]', '2001:db8::1 is not on the local network'],
    ['http://[::]', 'is not on the local network'],
    ['http://[::2]', 'is not on the local network'],
    ['http://[1::1]', 'is not on the local network'],
    ['http://[fec0::1]', 'is not on the local network'],
    ['http://[fe00::1]', 'is not on the local network'],
    ['http://[fb00::1]', 'is not on the local network'],
    ['http://[fe00::]', 'is not on the local network'],
    ['http://[::ffff:8.8.8.8]', 'is not on the local network'],
    ['http://[::fffe:c0a8:114]', 'is not on the local network'],
    ['http://[1:0:0:0:0:ffff:c0a8:114]', 'is not on the local network'],
    ['http://[fe80::1%25eth0]', 'is not a URL'],
  ])('%s: %s', (text, reason) => {
    const result = parseBridgeAddress(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});

describe('addressScope', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['fd00::1', 'private'],
    ['169.254.0.1', 'link-local'],
    ['fe80::1', 'link-local'],
    // "::" may stand for a single zero group (RFC 4291), though the URL parser never writes it so.
    ['fd00:1:2:3:4:5::6', 'private'],
    ['::ffff:a00:1', 'private'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:1', 'link-local'],
    ['1.1.1.1', 'public'],
    ['example', 'not-an-ip'],
    ['1.2.3.256', 'not-an-ip'],
    ['1.2.3', 'not-an-ip'],
    ['x10.0.0.1', 'not-an-ip'],
    ['10.0.0.1x', 'not-an-ip'],
    ['1:2:3:4:5:6:7', 'not-an-ip'],
    ['1:2:3:4:5:6:7:8:9', 'not-an-ip'],
    ['1::2::3', 'not-an-ip'],
    ['1:2:3:4::5:6:7:8', 'not-an-ip'],
    ['12345::1', 'not-an-ip'],
    ['fe80:', 'not-an-ip'],
    ['abc', 'not-an-ip'],
  ])('%s is %s', (host, scope) => {
    expect(addressScope(host)).toBe(scope);
  });
});

describe('unmappedAddress', () => {
  it.each([
    ['::ffff:192.168.100.200', '192.168.100.200'],
    ['::FFFF:10.0.0.1', '10.0.0.1'],
    // Not IPv4-mapped: the dotted part ends an ordinary IPv6 address.
    ['1::ffff:192.168.1.20', '1::ffff:192.168.1.20'],
    ['::ffff:c0a8:114', '::ffff:c0a8:114'],
    ['192.168.1.20', '192.168.1.20'],
    ['FE80::1', 'fe80::1'],
  ])('%s is %s', (address, unmapped) => {
    expect(unmappedAddress(address)).toBe(unmapped);
  });
});
