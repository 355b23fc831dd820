/**
 * The Personal Access Keys the simulated account accepts, and their scopes (tedee-api.md §2).
 */

/** A bare string is a key with Device.Read, which is all a monitor needs. */
export type AccessKeyConfig = string | { key: string; scopes: readonly string[] };

/** Either scope lets a key read locks and sync them (tedee-api.md §2, "Scopes"). */
const READ_SCOPES: readonly string[] = ['Device.Read', 'Device.ReadWrite'];

export type Authentication =
  | { outcome: 'unauthorized' }
  | { outcome: 'forbidden'; key: string }
  | { outcome: 'ok'; key: string };

/**
 * Exactly the scheme word, one space and the key (tedee-api.md §2). The scheme is matched
 * case-insensitively as HTTP auth schemes are (RFC 9110 §11.1); the key is compared exactly.
 */
const PERSONAL_KEY_HEADER = /^PersonalKey (\S+)$/i;

export class AccessKeys {
  readonly #scopesByKey = new Map<string, readonly string[]>();

  constructor(configs: readonly AccessKeyConfig[]) {
    for (const config of configs) this.add(config);
  }

  add(config: AccessKeyConfig): void {
    const { key, scopes } =
      typeof config === 'string' ? { key: config, scopes: ['Device.Read'] } : config;
    if (!/^\S+$/.test(key))
      throw new RangeError('An access key must be non-empty and without spaces');
    this.#scopesByKey.set(key, [...scopes]);
  }

  /** Like deleting the key in the Tedee portal, or letting it expire: it answers 401 from now on. */
  revoke(key: string): void {
    this.#scopesByKey.delete(key);
  }

  /** Whether a known key was given `scope` (e.g. Lock.Operate) in the Tedee portal. */
  hasScope(key: string, scope: string): boolean {
    return this.#scopesByKey.get(key)?.includes(scope) ?? false;
  }

  /** Checks an `Authorization` header for a known key allowed to read devices. */
  authenticate(header: string | undefined): Authentication {
    const key = PERSONAL_KEY_HEADER.exec(header ?? '')?.[1];
    const scopes = key === undefined ? undefined : this.#scopesByKey.get(key);
    if (key === undefined || scopes === undefined) return { outcome: 'unauthorized' };
    if (!scopes.some((scope) => READ_SCOPES.includes(scope))) return { outcome: 'forbidden', key };
    return { outcome: 'ok', key };
  }
}
