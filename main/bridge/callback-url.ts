/**
 * The callback URL this app registers, and how it recognises its own: a short
 * `http://HOST:PORT/INSTANCE/SECRET`. Long or HTTPS callback URLs have hung bridge firmware
 * until a factory reset (Home Assistant PR #109408), so it stays around 60 characters.
 *
 * INSTANCE is the persistent id of this installation (the app keeps it in its user-data
 * folder, the CLI in a per-user state file or `--instance NAME`), so a leftover callback of
 * an earlier run can be told from another program's and removed, and only it.
 */
import { randomBytes } from 'node:crypto';

const INSTANCE_ID = /^[A-Za-z0-9_-]{1,32}$/;
/** What newCallbackSecret makes: 16 random bytes in base64url. */
const SECRET = /^[A-Za-z0-9_-]{22}$/;

export function isValidInstanceId(text: string): boolean {
  return INSTANCE_ID.test(text);
}

/** 12 hex characters: unique enough between the few programs on one bridge, and short. */
export function newInstanceId(): string {
  return randomBytes(6).toString('hex');
}

/** A random secret for the path or the header, URL-safe. */
export function newCallbackSecret(): string {
  return randomBytes(16).toString('base64url');
}

export function callbackPath(instanceId: string, secret: string): string {
  if (!isValidInstanceId(instanceId)) throw new RangeError('Invalid instance id');
  return `/${instanceId}/${secret}`;
}

/** `http://HOST:PORT/INSTANCE/SECRET`, an IPv6 host in brackets. */
export function callbackUrl(host: string, port: number, path: string): string {
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return `http://${hostPart}:${port}${path}`;
}

/**
 * True for a callback this installation registered, at any address and with any secret: the
 * path is exactly /INSTANCE/SECRET, so another program's `/tedee/cb` is not taken for
 * instance "tedee".
 */
export function isOwnCallback(url: string, instanceId: string): boolean {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return false;
  }
  const [empty, instance, secret, ...rest] = pathname.split('/');
  return empty === '' && instance === instanceId && SECRET.test(secret ?? '') && rest.length === 0;
}
