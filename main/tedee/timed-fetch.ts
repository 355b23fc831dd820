/**
 * One HTTP exchange, the request and the whole body, under one timeout and the caller's
 * AbortSignal; no redirect is followed and the body is read up to a size limit. Shared by the
 * cloud client and the bridge client, which differ only in the errors they make of a failure.
 */
import { BodyTooLargeError, readTextCapped } from './capped-body.ts';

export interface TimedExchange {
  response: Response;
  body: string;
}

export type ExchangeFailure =
  | { kind: 'timeout' }
  | { kind: 'network'; error: unknown }
  /** Neither Tedee's API nor the bridge redirects: a redirect would carry the secret on. */
  | { kind: 'redirect' }
  /** The answer passed the size limit; `message` says which. */
  | { kind: 'too-large'; message: string };

/**
 * What the clients need of fetch: Node's own in the CLI and the tests, Electron's net.fetch
 * in the app (injected by the composition root; main/tedee and main/bridge never import electron).
 */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

export interface TimedFetchOptions {
  fetch: FetchFunction;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  /** The caller's error for each failure; an abort rethrows its reason. */
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
    const response = await options.fetch(url, {
      ...init,
      redirect: 'error',
      signal: request.signal,
    });
    const body = await readTextCapped(response, request.signal);
    return { response, body };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw options.failure(failureOf(error, timedOut));
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', cancel);
  }
}

function failureOf(error: unknown, timedOut: boolean): ExchangeFailure {
  if (timedOut) return { kind: 'timeout' };
  if (error instanceof BodyTooLargeError) return { kind: 'too-large', message: error.message };
  if (isRefusedRedirect(error)) return { kind: 'redirect' };
  return { kind: 'network', error };
}

/**
 * `redirect: 'error'` as each fetch reports it. Node's: TypeError('fetch failed') caused by
 * 'unexpected redirect'. Electron's net.fetch rejects with the error of its ClientRequest, whose
 * redirect policy 'error' ends the request with this message (lib/common/api/net-client-request.ts).
 */
function isRefusedRedirect(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.message === "Attempted to redirect, but redirect policy was 'error'") return true;
  return error.cause instanceof Error && error.cause.message === 'unexpected redirect';
}
