/**
 * How long to wait after a transient failure (network, timeout, 5xx, unreadable answer):
 * exponential, capped, with jitter so that many clients that failed together do not retry
 * together, and never sooner than the normal interval.
 */

export const MAX_BACKOFF_MS = 5 * 60_000;

/**
 * @param consecutiveFailures 1 for the first failure in a row
 * @param random a number in [0, 1), injected for tests
 */
export function backoffDelayMs(
  consecutiveFailures: number,
  intervalMs: number,
  random: () => number,
): number {
  const ceiling = Math.max(
    intervalMs,
    Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** (consecutiveFailures - 1)),
  );
  return Math.round(intervalMs + random() * (ceiling - intervalMs));
}
