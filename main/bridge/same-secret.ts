/**
 * Compares a received secret with the expected one in constant time. Both are hashed first so
 * that crypto.timingSafeEqual always gets two buffers of equal length: comparing lengths
 * first would return early and tell an attacker how long the secret is.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export function sameSecret(received: string, expected: string): boolean {
  return timingSafeEqual(digest(received), digest(expected));
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
