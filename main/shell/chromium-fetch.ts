/**
 * The Tedee client's fetch in the app: Electron's net.fetch, which sends requests through
 * Chromium's network stack, so they follow the system's proxy settings (PAC and WPAD included)
 * and trust the operating system's certificate store, as the user's browser does. The CLI
 * keeps Node's fetch.
 *
 * What the client relies on, from Electron 45's documentation of net.fetch ("similarly to how
 * fetch() works in the renderer"; see MDN for the rest) and of ClientRequest, checked against
 * Electron's lib/browser/api/net-fetch.ts:
 * - `init` is a RequestInit; `signal` aborts the request, and the promise rejects with the
 *   signal's reason;
 * - `redirect` goes to ClientRequest as is: "When mode is error, any redirection will be
 *   aborted", failing with "Attempted to redirect, but redirect policy was 'error'";
 * - network failures reject with an Error whose message is Chromium's name for the failure
 *   (`net::ERR_NAME_NOT_RESOLVED`);
 * - the answer is a global Response whose body is a ReadableStream of the bytes as they come,
 *   so the client can stop reading at its size limit;
 * - its `url` and `type` are wrong (a documented limitation): the client reads neither;
 * - net.fetch works only after the app is ready: clients are made after it, in start().
 */
import type { Net } from 'electron';
import type { FetchFunction } from '../tedee/client.ts';

export function chromiumFetch(net: Pick<Net, 'fetch'>): FetchFunction {
  return (url, init) => net.fetch(url, init);
}
