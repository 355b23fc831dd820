/**
 * Waiting on the injected clock, cut short by an AbortSignal: the bridge's request spacing
 * and its busy backoff both wait this way, so simulated time drives them in tests.
 */
import type { Clock, TimerHandle } from '../engine/clock.ts';

export function sleepOn(clock: Clock, delayMs: number, signal?: AbortSignal): Promise<void> {
  if (delayMs <= 0) return untilAborted(Promise.resolve(), signal);
  let timer: TimerHandle | undefined;
  const slept = new Promise<void>((resolve) => {
    timer = clock.setTimeout(resolve, delayMs);
  });
  return untilAborted(slept, signal).finally(() => {
    if (timer !== undefined) clock.clearTimeout(timer);
  });
}

/** Settles as `promise` does, or rejects with the signal's reason as soon as it aborts. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(abortReason(signal));
    signal.addEventListener('abort', abort, { once: true });
    void promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('aborted');
}
