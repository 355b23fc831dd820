/**
 * The Personal Access Keys the simulated account accepts, and their scopes (tedee-api.md §2).
 * Scopes are checked per endpoint (see route-scopes.ts), as Tedee does: a key without
 * DeviceActivity.Read still reads locks, and gets 403 only from the activity log.
 */

/**
 * A bare string is a key with Device.Read, which is all a monitor needs. `guestUserId` makes
 * the key's owner a guest of the locks: the activity log then shows only their own entries and
 * those without an author (tedee-bridge-and-activity.md §3.1).
 */
export type AccessKeyConfig =
  string | { key: string; scopes: readonly string[]; guestUserId?: number };

export type Authentication =
  | { outcome: 'unauthorized' }
  | { outcome: 'ok'; key: string; scopes: readonly string[]; guestUserId: number | null };

/**
 * Exactly the scheme word, one space and the key (tedee-api.md §2). The scheme is matched
 * case-insensitively as HTTP auth schemes are (RFC 9110 §11.1); the key is compared exactly.
 */
const PERSONAL_KEY_HEADER = /^PersonalKey (\S+)$/i;

interface KeyGrant {
  scopes: readonly string[];
  guestUserId: number | null;
}

export class AccessKeys {
  readonly #grants = new Map<string, KeyGrant>();

  constructor(configs: readonly AccessKeyConfig[]) {
    for (const config of configs) this.add(config);
  }

  add(config: AccessKeyConfig): void {
    const { key, scopes, guestUserId } =
      typeof config === 'string' ? { key: config, scopes: ['Device.Read'] } : config;
    if (!/^\S+$/.test(key))
      throw new RangeError('An access key must be non-empty and without spaces');
    this.#grants.set(key, { scopes: [...scopes], guestUserId: guestUserId ?? null });
  }

  /** Like deleting the key in the Tedee portal, or letting it expire: it answers 401 from now on. */
  revoke(key: string): void {
    this.#grants.delete(key);
  }

  /** Checks an `Authorization` header for a known key; what it may read is the route's matter. */
  authenticate(header: string | undefined): Authentication {
    const key = PERSONAL_KEY_HEADER.exec(header ?? '')?.[1];
    const grant = key === undefined ? undefined : this.#grants.get(key);
    if (key === undefined || grant === undefined) return { outcome: 'unauthorized' };
    return { outcome: 'ok', key, ...grant };
  }
}
