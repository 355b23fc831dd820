/**
 * The `api_token` value the bridge expects on every request (tedee-bridge-and-activity.md §1.3).
 *
 * Encrypted mode (the default, and the only one that keeps the token off the network):
 * `lowercase hex SHA-256(token + ts) + ts`, ts in epoch milliseconds. The bridge accepts each
 * value once, so every request, retries included, gets a fresh one, and the timestamps only
 * ever go up: two requests in the same millisecond, or after the computer's clock stepped back,
 * still get distinct, increasing values. Plain mode sends the token itself.
 */
import { createHash } from 'node:crypto';

export type BridgeAuthMode = 'encrypted' | 'plain';

export function encryptedApiToken(token: string, timestampMs: number): string {
  const ts = String(timestampMs);
  return (
    createHash('sha256')
      .update(token + ts, 'utf8')
      .digest('hex') + ts
  );
}

export class BridgeTokenSigner {
  readonly mode: BridgeAuthMode;
  // A private field: util.inspect and JSON.stringify of the signer never show the token.
  readonly #token: string;
  #lastTimestamp = Number.NEGATIVE_INFINITY;

  constructor(token: string, mode: BridgeAuthMode) {
    if (token === '') throw new RangeError('The bridge token is empty');
    this.#token = token;
    this.mode = mode;
  }

  /** A value for one request; never the same twice in encrypted mode. */
  next(nowMs: number): string {
    if (this.mode === 'plain') return this.#token;
    const timestamp = Math.max(Math.trunc(nowMs), this.#lastTimestamp + 1);
    this.#lastTimestamp = timestamp;
    return encryptedApiToken(this.#token, timestamp);
  }
}
