/**
 * How the simulated bridge judges an `api_token` (tedee-bridge-and-activity.md §1.3). Tedee
 * publishes no skew window and says only that a value is accepted once; the simulator rejects
 * a timestamp more than `maxSkewMs` from its clock either way, and any value it has already
 * accepted (a replay). Only the mode chosen in the Tedee app works.
 */
import { sameSecret } from '../bridge/same-secret.ts';
import { encryptedApiToken } from '../bridge/bridge-token.ts';
import type { BridgeAuthMode } from '../bridge/bridge-token.ts';

/** An assumption (Tedee states none): generous enough for a sane clock, strict for a wrong one. */
export const DEFAULT_MAX_TOKEN_SKEW_MS = 30_000;

export type TokenVerdict = 'ok' | 'missing' | 'invalid' | 'replayed' | 'clock-skew';

const ENCRYPTED_TOKEN = /^[0-9a-f]{64}(\d{1,16})$/;

export class BridgeTokenCheck {
  readonly #token: string;
  mode: BridgeAuthMode;
  readonly #maxSkewMs: number;
  /** Encrypted values accepted so far, with their timestamps, to refuse replays. */
  readonly #accepted = new Map<string, number>();

  constructor(token: string, mode: BridgeAuthMode, maxSkewMs: number) {
    this.#token = token;
    this.mode = mode;
    this.#maxSkewMs = maxSkewMs;
  }

  judge(value: string | undefined, now: number): TokenVerdict {
    if (value === undefined || value === '') return 'missing';
    if (this.mode === 'plain') return sameSecret(value, this.#token) ? 'ok' : 'invalid';
    const match = ENCRYPTED_TOKEN.exec(value);
    const timestamp = Number(match?.[1]);
    if (!match || !sameSecret(value, encryptedApiToken(this.#token, timestamp))) return 'invalid';
    if (Math.abs(timestamp - now) > this.#maxSkewMs) return 'clock-skew';
    if (this.#accepted.has(value)) return 'replayed';
    this.#forgetOlderThan(now - this.#maxSkewMs);
    this.#accepted.set(value, timestamp);
    return 'ok';
  }

  /** A restart forgets which values were used (their timestamps still age out). */
  forgetUsedTokens(): void {
    this.#accepted.clear();
  }

  /** Values this old fail the skew check anyway, so remembering them is pointless. */
  #forgetOlderThan(limit: number): void {
    for (const [value, timestamp] of this.#accepted)
      if (timestamp < limit) this.#accepted.delete(value);
  }
}
