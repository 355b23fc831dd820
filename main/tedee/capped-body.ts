/**
 * Reads a response body as text, up to a size limit. Tedee answers in kilobytes; an answer
 * that goes on and on (a misconfigured proxy, a hostile server at a hand-edited address) must
 * not fill the memory of an app that runs for weeks, so reading stops at the first chunk past
 * the limit and the stream is cancelled, which closes the connection.
 */

/** The body passed the limit; the stream was cancelled. Each client makes its own error of it. */
export class BodyTooLargeError extends Error {
  constructor(maxBytes: number) {
    super(`the answer is larger than ${formatBytes(maxBytes)}`);
    this.name = 'BodyTooLargeError';
  }
}

/** Tedee's largest answer, the sync of every lock, is a few hundred bytes per lock. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * @param signal the request's signal: an abort settles a read in progress here, whether or
 *   not the fetch implementation ends the body stream itself when its request is aborted.
 */
export async function readTextCapped(
  response: Response,
  signal: AbortSignal,
  maxBytes = MAX_BODY_BYTES,
): Promise<string> {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  // Cancelling settles a pending read with `done`, which the loop then reads as the abort.
  const cancel = () => void reader.cancel(signal.reason).catch(() => undefined);
  signal.addEventListener('abort', cancel, { once: true });
  // UTF-8 with the byte-order mark dropped and bad bytes replaced: what Response.text() does.
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal.aborted) throw signal.reason;
      if (done) return text + decoder.decode();
      size += value.byteLength;
      if (size > maxBytes) {
        // Not awaited: the answer is already refused, whatever the stream does on its way out.
        void reader.cancel().catch(() => undefined);
        throw new BodyTooLargeError(maxBytes);
      }
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}
