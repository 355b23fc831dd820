/**
 * net.fetch for http and https, on Node's fetch, answering the way Electron 45 does where the
 * two differ (lib/browser/api/net-fetch.ts and lib/common/api/net-client-request.ts):
 * - a redirect under `redirect: 'error'` fails with Electron's own Error, "Attempted to
 *   redirect, but redirect policy was 'error'" (Node throws TypeError('fetch failed')), and
 *   under 'manual' with "Redirect was cancelled";
 * - a network failure is an Error named after Chromium's net error (`net::ERR_NAME_NOT_RESOLVED`),
 *   not Node's TypeError with a coded cause;
 * - an abort rejects with the signal's reason, and the body is a ReadableStream of the bytes
 *   as they arrive (both as in Node).
 */

/** Node's socket error codes and the net error Chromium reports for the same failure. */
const CHROMIUM_NET_ERRORS: Readonly<Record<string, string>> = {
  ENOTFOUND: 'net::ERR_NAME_NOT_RESOLVED',
  EAI_AGAIN: 'net::ERR_NAME_NOT_RESOLVED',
  ECONNREFUSED: 'net::ERR_CONNECTION_REFUSED',
  ECONNRESET: 'net::ERR_CONNECTION_RESET',
  // Node: "other side closed"; Chromium calls a socket closed before any answer an empty response.
  UND_ERR_SOCKET: 'net::ERR_EMPTY_RESPONSE',
};

export async function chromiumLikeFetch(input: string, init: RequestInit = {}): Promise<Response> {
  const redirect = init.redirect ?? 'follow';
  let response: Response;
  try {
    // Node hands a redirect back under 'manual' (no opaque response): the fake decides.
    response = await fetch(input, {
      ...init,
      redirect: redirect === 'follow' ? 'follow' : 'manual',
    });
  } catch (error) {
    if (init.signal?.aborted) throw init.signal.reason;
    const cause =
      error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
    const code = typeof cause?.code === 'string' ? cause.code : '';
    throw new Error(CHROMIUM_NET_ERRORS[code] ?? 'net::ERR_FAILED');
  }
  if (redirect !== 'follow' && response.status >= 300 && response.status < 400) {
    await response.body?.cancel();
    throw new Error(
      redirect === 'error'
        ? "Attempted to redirect, but redirect policy was 'error'"
        : 'Redirect was cancelled',
    );
  }
  return response;
}
