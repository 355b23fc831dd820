/**
 * Finds the expiry of the key in use among the account's Personal Access Keys. Tedee lists
 * each key by its `prefix`, the first characters of the key (tedee-api.md §2), never the key
 * itself; ours is the entry whose prefix our key starts with. Where prefixes overlap, the
 * longest wins, and where that still leaves several, the earliest expiry: warning early is
 * the safe mistake.
 *
 * The key is only compared here, never returned or put in a message.
 */
import type { WirePersonalAccessKey } from './health-wire-schemas.ts';
import { validToMs } from './health-model.ts';

/** @returns epoch ms of our key's validTo, or null when the list has no entry for it. */
export function ownKeyValidTo(
  personalKey: string,
  entries: readonly WirePersonalAccessKey[],
): number | null {
  let best: { prefixLength: number; validTo: number } | null = null;
  for (const entry of entries) {
    const prefix = entry.prefix ?? '';
    const validTo = validToMs(entry.validTo);
    if (prefix === '' || validTo === null || !personalKey.startsWith(prefix)) continue;
    const longer = best === null || prefix.length > best.prefixLength;
    const sooner = best !== null && prefix.length === best.prefixLength && validTo < best.validTo;
    if (longer || sooner) best = { prefixLength: prefix.length, validTo };
  }
  return best?.validTo ?? null;
}
