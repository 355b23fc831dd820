/**
 * Which bridge addresses the app will talk to. The bridge speaks plain HTTP and its token
 * opens doors, so the token must never travel beyond the local network: only `http://` to a
 * private, link-local or loopback IP address is accepted (issue 8, item 6).
 *
 * Pure (WHATWG URL only, no Node built-ins), so the CLI, the settings and the window can share
 * it. Host names are refused, even `localhost`: a name can resolve anywhere, and the Tedee app
 * shows the bridge's IP address, which is what the user is asked for.
 */

export const DEFAULT_BRIDGE_PORT = 80;

export interface BridgeAddress {
  /** `http://HOST[:PORT]`, no trailing slash; IPv6 hosts in brackets. */
  baseUrl: string;
  /** The IP address as the URL parser normalised it, without brackets. */
  host: string;
  port: number;
}

export type BridgeAddressResult =
  { ok: true; address: BridgeAddress } | { ok: false; reason: string };

export function parseBridgeAddress(text: string): BridgeAddressResult {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return refuse(`"${text}" is not a URL such as http://192.168.1.20`);
  }
  if (url.protocol !== 'http:')
    return refuse('the bridge address must start with http:// (the bridge has no HTTPS)');
  if (url.username !== '' || url.password !== '')
    return refuse('the bridge address must not contain a user name or password');
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '')
    return refuse('the bridge address is only http://HOST or http://HOST:PORT, without a path');

  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const scope = addressScope(host);
  if (scope === 'not-an-ip')
    return refuse('the bridge address must be an IP address, such as http://192.168.1.20');
  if (scope === 'public')
    return refuse(
      `${host} is not on the local network: use the bridge's private, link-local or loopback address`,
    );
  const port = url.port === '' ? DEFAULT_BRIDGE_PORT : Number(url.port);
  // url.host omits the default port 80 and keeps brackets around IPv6.
  return { ok: true, address: { baseUrl: `http://${url.host}`, host, port } };
}

export type AddressScope = 'loopback' | 'private' | 'link-local' | 'public' | 'not-an-ip';

/** Classifies an IP address as the URL parser writes it (IPv4 dotted, IPv6 without brackets). */
export function addressScope(host: string): AddressScope {
  const v4 = ipv4Octets(host);
  if (v4) return ipv4Scope(v4);
  const v6 = ipv6Groups(host);
  if (v6) return ipv6Scope(v6);
  return 'not-an-ip';
}

/** An IPv4 address as a dual-stack socket reports it (`::ffff:a.b.c.d`) back in IPv4 form. */
export function unmappedAddress(address: string): string {
  return address.toLowerCase().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
}

function ipv4Scope([a, b]: readonly number[]): AddressScope {
  if (a === 127) return 'loopback';
  if (a === 10) return 'private';
  if (a === 172 && b !== undefined && b >= 16 && b <= 31) return 'private';
  if (a === 192 && b === 168) return 'private';
  if (a === 169 && b === 254) return 'link-local';
  return 'public';
}

function ipv6Scope(groups: readonly number[]): AddressScope {
  const first = groups[0] ?? 0;
  const isLoopback = groups.slice(0, 7).every((group) => group === 0) && groups[7] === 1;
  if (isLoopback) return 'loopback';
  // ::ffff:a.b.c.d, an IPv4 address written as IPv6: judged as that IPv4 address.
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    // The first two octets decide an IPv4 address's scope; the last two never do.
    const high = groups[6] ?? 0;
    return ipv4Scope([high >> 8, high & 0xff]);
  }
  if ((first & 0xffc0) === 0xfe80) return 'link-local';
  if ((first & 0xfe00) === 0xfc00) return 'private';
  return 'public';
}

function ipv4Octets(host: string): number[] | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!match) return undefined;
  const octets = match.slice(1).map(Number);
  return octets.every((octet) => octet <= 255) ? octets : undefined;
}

/** The eight 16-bit groups of an IPv6 address in the URL parser's form (hex, `::` allowed). */
function ipv6Groups(host: string): number[] | undefined {
  // No separate character check: a host with anything but hex digits and colons fails the
  // group test below, and one without a colon has the wrong number of groups.
  const halves = host.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string | undefined) => (part ? part.split(':') : []);
  const head = parse(halves[0]);
  const tail = parse(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 1 ? 0 : missing).fill('0'), ...tail];
  if (groups.some((group) => !/^[0-9a-f]{1,4}$/i.test(group))) return undefined;
  return groups.map((group) => Number.parseInt(group, 16));
}

function refuse(reason: string): BridgeAddressResult {
  return { ok: false, reason };
}
