/**
 * Reads a request body up to a size limit, refusing early when Content-Length already says it
 * is too large, and stopping as soon as the bytes received pass the limit, so a forged or
 * runaway sender cannot make the app buffer more than the limit.
 */
import type { IncomingMessage } from 'node:http';

export type BodyResult =
  { outcome: 'read'; body: Buffer } | { outcome: 'too-large' } | { outcome: 'failed' };

export function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes)
    return Promise.resolve({ outcome: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const finish = (result: BodyResult) => {
      req.off('data', onData);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        // The rest is not read: the caller answers and closes the connection.
        req.pause();
        finish({ outcome: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => finish({ outcome: 'read', body: Buffer.concat(chunks) }));
    req.once('error', () => finish({ outcome: 'failed' }));
    // After 'end' this is a no-op (the promise is settled); before it, the sender gave up.
    req.once('close', () => finish({ outcome: 'failed' }));
  });
}
