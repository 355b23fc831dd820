/**
 * What key.bin holds once decrypted: the Personal Access Key and the origin it was given for,
 * as one JSON record, so neither can be changed without the other (settings.json, where the
 * API address lives, is plain JSON that any program of the user's can edit).
 *
 * Earlier versions stored the bare key. A Tedee key (`xxxxxx.<base64>`) never starts with `{`,
 * so a decrypted text that does not is read as such a key and rewritten as a record.
 */
import { z } from 'zod';
import type { BoundKey } from '../app/ports.ts';
import { originOf } from '../tedee/api-address.ts';
import { DEFAULT_API_URL } from '../tedee/api-paths.ts';

/**
 * The origin a key stored by an earlier version is bound to: Tedee's own, not the API address
 * in settings.json at the moment of the upgrade. Keys are issued by the Tedee Portal for
 * Tedee's API, so this is the one origin such a key is known to belong to; settings.json can
 * be rewritten by any program of the user's, and binding to what it says would hand the key
 * to exactly the address this binding exists to refuse. The cost: someone who had pointed the
 * app at a proxy or the simulator enters the key once more.
 */
export const LEGACY_KEY_ORIGIN = originOf(DEFAULT_API_URL);

const FORMAT = 2;

const recordSchema = z
  .object({
    format: z.literal(FORMAT),
    origin: z.string().refine(isOrigin),
    key: z.string().min(1),
  })
  .strict();

export function encodeKeyRecord(bound: BoundKey): string {
  return JSON.stringify({ format: FORMAT, origin: bound.origin, key: bound.key });
}

/** `legacy`: a bare key from an earlier version, to be stored again as a record. */
export type DecodedKey = { bound: BoundKey; legacy: boolean };

/**
 * The key and its origin; null when the text is a record this version cannot read.
 * @param legacyOrigin what a bare key is bound to; null where no version stored bare ones.
 */
export function decodeKeyRecord(
  plainText: string,
  legacyOrigin: string | null = LEGACY_KEY_ORIGIN,
): DecodedKey | null {
  if (!plainText.startsWith('{'))
    return legacyOrigin === null
      ? null
      : { bound: { key: plainText, origin: legacyOrigin }, legacy: true };
  let json: unknown;
  try {
    json = JSON.parse(plainText);
  } catch {
    return null;
  }
  const parsed = recordSchema.safeParse(json);
  if (!parsed.success) return null;
  return { bound: { key: parsed.data.key, origin: parsed.data.origin }, legacy: false };
}

/** `https://api.tedee.com` as URL.origin writes it: no path, no trailing slash, no default port. */
function isOrigin(value: string): boolean {
  try {
    return originOf(value) === value;
  } catch {
    return false;
  }
}
