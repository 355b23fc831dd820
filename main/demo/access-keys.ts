/**
 * The Personal Access Keys the simulated account accepts, their scopes and expiry dates
 * (tedee-api.md §2). Scopes are checked per endpoint (see route-scopes.ts), as Tedee does: a key
 * without DeviceActivity.Read still reads locks, and gets 403 only from the activity log.
 */

/**
 * A bare string is a key with Device.Read, which is all a monitor needs. `guestUserId` makes
 * the key's owner a guest of the locks: the activity log then shows only their own entries and
 * those without an author (tedee-bridge-and-activity.md §3.1).
 */
export type AccessKeyConfig =
  | string
  | {
      key: string;
      scopes: readonly string[];
      guestUserId?: number;
      /** Epoch ms; listed by the key endpoint. Default: a year after the simulator started. */
      validTo?: number;
      name?: string;
    };

/** How the key endpoint lists a key: never the key, only its first characters. */
export interface ListedKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  validTo: string;
}

/** Tedee's sample keys look like `xxxxxx.<base64>`, listed by those six characters. */
const PREFIX_LENGTH = 6;
const YEAR_MS = 365 * 24 * 3_600_000;

interface KeyRecord {
  scopes: readonly string[];
  guestUserId: number | null;
  validTo: number;
  name: string;
}

export type Authentication =
  | { outcome: 'unauthorized' }
  | { outcome: 'ok'; key: string; scopes: readonly string[]; guestUserId: number | null };

/**
 * Exactly the scheme word, one space and the key (tedee-api.md §2). The scheme is matched
 * case-insensitively as HTTP auth schemes are (RFC 9110 §11.1); the key is compared exactly.
 */
const PERSONAL_KEY_HEADER = /^PersonalKey (\S+)$/i;

export class AccessKeys {
  readonly #keys = new Map<string, KeyRecord>();
  readonly #now: () => number;

  constructor(configs: readonly AccessKeyConfig[], now: () => number = Date.now) {
    this.#now = now;
    for (const config of configs) this.add(config);
  }

  add(config: AccessKeyConfig): void {
    const { key, scopes, guestUserId, validTo, name } =
      typeof config === 'string' ? { key: config, scopes: ['Device.Read'] } : config;
    if (!/^\S+$/.test(key))
      throw new RangeError('An access key must be non-empty and without spaces');
    this.#keys.set(key, {
      scopes: [...scopes],
      guestUserId: guestUserId ?? null,
      validTo: validTo ?? this.#now() + YEAR_MS,
      name: name ?? `Key ${this.#keys.size + 1}`,
    });
  }

  /** Like deleting the key in the Tedee portal, or letting it expire: it answers 401 from now on. */
  revoke(key: string): void {
    this.#keys.delete(key);
  }

  /** Checks an `Authorization` header for a known key; what it may read is the route's matter. */
  authenticate(header: string | undefined): Authentication {
    const key = PERSONAL_KEY_HEADER.exec(header ?? '')?.[1];
    const record = key === undefined ? undefined : this.#keys.get(key);
    if (key === undefined || record === undefined) return { outcome: 'unauthorized' };
    return { outcome: 'ok', key, scopes: record.scopes, guestUserId: record.guestUserId };
  }

  /** The account's keys as `GET /my/personalaccesskey` lists them. */
  list(): ListedKey[] {
    return [...this.#keys.entries()].map(([key, record], index) => ({
      id: `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
      name: record.name,
      prefix: key.slice(0, PREFIX_LENGTH),
      scopes: [...record.scopes],
      validTo: new Date(record.validTo).toISOString(),
    }));
  }
}
