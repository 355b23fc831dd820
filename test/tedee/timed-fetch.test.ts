/**
 * fetchTextWithin with a fake fetch: one timeout for the request and its body, the caller's
 * abort passed on as the caller's reason, and each failure sorted for the client's errors.
 * A timer left behind would keep the CLI alive for the whole timeout after its answer.
 */
import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BodyTooLargeError } from '../../main/tedee/capped-body.ts';
import { fetchTextWithin } from '../../main/tedee/timed-fetch.ts';
import type { ExchangeFailure, FetchFunction } from '../../main/tedee/timed-fetch.ts';

class Failed extends Error {
  readonly failure: ExchangeFailure;
  constructor(failure: ExchangeFailure) {
    super(failure.kind);
    this.failure = failure;
  }
}

function exchange(fetch: FetchFunction, signal?: AbortSignal, timeoutMs = 1_000) {
  return fetchTextWithin(
    'https://api.tedee.com/x',
    { method: 'GET' },
    { fetch, timeoutMs, signal, failure: (failure) => new Failed(failure) },
  );
}

async function failureOf(call: Promise<unknown>): Promise<ExchangeFailure> {
  const error = await call.then(
    () => new Error('expected the exchange to fail'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(Failed);
  return (error as Failed).failure;
}

/** A fetch that answers only when its request is aborted, with the abort's reason. */
const hanging: FetchFunction = (_url, init) =>
  new Promise((_resolve, reject) => {
    init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
  });

afterEach(() => {
  vi.useRealTimers();
});

describe('fetchTextWithin', () => {
  it('reads the whole body, refusing redirects, and leaves no timer behind', async () => {
    vi.useFakeTimers();
    const inits: RequestInit[] = [];
    const result = await exchange((_url, init) => {
      inits.push(init);
      return Promise.resolve(new Response('{"ok":true}', { status: 201 }));
    });
    expect(result.body).toBe('{"ok":true}');
    expect(result.response.status).toBe(201);
    expect(inits[0]).toMatchObject({ method: 'GET', redirect: 'error' });
    expect(inits[0]!.signal).toBeInstanceOf(AbortSignal);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('sends nothing for a caller that has already given up, ending with its reason', async () => {
    const caller = new AbortController();
    caller.abort(new Error('shutting down'));
    const fetch = vi.fn<FetchFunction>(() => Promise.resolve(new Response('{}')));
    await expect(exchange(fetch, caller.signal)).rejects.toThrow('shutting down');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('aborts the request at once, and ends with the caller’s reason, when the caller aborts during it', async () => {
    const caller = new AbortController();
    const requests: AbortSignal[] = [];
    const pending = exchange((url, init) => {
      if (init.signal) requests.push(init.signal);
      return hanging(url, init);
    }, caller.signal);
    const reason = new Error('shutting down');
    caller.abort(reason);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.aborted).toBe(true);
    expect(requests[0]!.reason).toBe(reason);
    await expect(pending).rejects.toThrow('shutting down');
  });

  it('leaves no listener on a signal the caller passes to request after request', async () => {
    // The CLI passes its Ctrl+C signal to every request of a command: left behind, the
    // listeners would pile up, and Node warns of a leak past ten.
    const caller = new AbortController();
    for (let i = 0; i < 3; i += 1)
      await exchange(() => Promise.resolve(new Response('{}')), caller.signal);
    await failureOf(exchange(() => Promise.reject(new Error('reset')), caller.signal));
    expect(getEventListeners(caller.signal, 'abort')).toEqual([]);
  });

  it('is a timeout when the answer takes longer than the limit', async () => {
    vi.useFakeTimers();
    const pending = failureOf(exchange(hanging, undefined, 5_000));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toEqual({ kind: 'timeout' });
  });

  it('is a network failure carrying the error, for anything fetch throws', async () => {
    const error = new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    expect(await failureOf(exchange(() => Promise.reject(error)))).toEqual({
      kind: 'network',
      error,
    });
    expect(await failureOf(exchange(() => Promise.reject('odd')))).toEqual({
      kind: 'network',
      error: 'odd',
    });
    expect(await failureOf(exchange(() => Promise.reject(undefined)))).toEqual({
      kind: 'network',
      error: undefined,
    });
  });

  it('is too large, with the limit named, when the body passes it', async () => {
    const body = new BodyTooLargeError(1024 * 1024);
    expect(await failureOf(exchange(() => Promise.reject(body)))).toEqual({
      kind: 'too-large',
      message: 'the answer is larger than 1 MiB',
    });
  });

  it.each([
    ["Electron's", new Error("Attempted to redirect, but redirect policy was 'error'")],
    ["Node's", new TypeError('fetch failed', { cause: new Error('unexpected redirect') })],
  ])('reads %s refused redirect as a redirect', async (_label, error) => {
    expect(await failureOf(exchange(() => Promise.reject(error)))).toEqual({ kind: 'redirect' });
  });

  it.each([
    ['another message', new Error('Attempted to redirect')],
    ['another cause', new TypeError('fetch failed', { cause: new Error('other side closed') })],
    ['a cause that is no Error', new TypeError('fetch failed', { cause: 'unexpected redirect' })],
  ])('reads an error with %s as a network failure', async (_label, error) => {
    expect((await failureOf(exchange(() => Promise.reject(error)))).kind).toBe('network');
  });
});
