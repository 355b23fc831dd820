/**
 * One HTTP exchange, the request and the whole body, under one timeout and the caller's
 * AbortSignal. Shared by the cloud client and the bridge client, which differ only in the
 * errors they make of a timeout or a network failure.
 */

export interface TimedExchange {
  response: Response;
  body: string;
}

export type ExchangeFailure = { kind: 'timeout' } | { kind: 'network'; error: unknown };

export interface TimedFetchOptions {
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  /** The caller's error for a timeout or a network failure; an abort rethrows its reason. */
  failure: (failure: ExchangeFailure) => Error;
}

export async function fetchTextWithin(
  url: string,
  init: Omit<RequestInit, 'signal'>,
  options: TimedFetchOptions,
): Promise<TimedExchange> {
  const { signal } = options;
  if (signal?.aborted) throw signal.reason;
  const request = new AbortController();
  let timedOut = false;
  // setTimeout rather than AbortSignal.timeout so tests on fake timers control it too.
  const timer = setTimeout(() => {
    timedOut = true;
    request.abort();
  }, options.timeoutMs);
  // Linked by hand rather than with AbortSignal.any, which in Node 24 leaves WeakRefs behind
  // on every call (the 7-day heap benchmark grew by megabytes with it).
  const cancel = () => request.abort(signal?.reason);
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    const response = await options.fetch(url, { ...init, signal: request.signal });
    const body = await response.text();
    return { response, body };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw options.failure(timedOut ? { kind: 'timeout' } : { kind: 'network', error });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', cancel);
  }
}
