/**
 * Failures a test can order for the next requests, to see how a client copes with what the
 * network and Tedee's edge actually produce. The documentation shows no error bodies at all
 * (tedee-api.md §3), so a client must survive empty, non-JSON and HTML answers.
 *
 * Faults are taken one per request, in the order queued, before authentication and routing:
 * they stand for trouble between the client and Tedee's application, which never sees the
 * request (so faulted requests do not count toward rate limits either).
 */
import type { Reply } from './http-reply.ts';

export type FaultBody =
  /** Serialised with JSON.stringify and sent as application/json. */
  | { json: unknown }
  /** Sent verbatim, text/plain unless a content type is given. */
  | { text: string; contentType?: string };

export type Fault =
  /** Any status, e.g. 503 or a 429 with Retry-After; an empty body unless one is given. */
  | { kind: 'status'; status: number; body?: FaultBody; headers?: Readonly<Record<string, string>> }
  /** Waits (real time) and then answers normally: authentication, limits and all. */
  | { kind: 'delay'; ms: number }
  /** Destroys the socket without answering, like a dropped connection. */
  | { kind: 'reset' }
  /** Status 200, JSON content type, a body cut off mid-object. */
  | { kind: 'malformed-json' }
  /** The page a proxy or load balancer serves when the backend is down (default 502). */
  | { kind: 'html'; status?: number };

export class FaultQueue {
  readonly #queue: Fault[] = [];

  /** Queues `fault` for each of the next `times` requests (after those already queued). */
  push(fault: Fault, times = 1): void {
    if (!Number.isInteger(times) || times < 1)
      throw new RangeError('times must be a positive integer');
    if (fault.kind === 'delay' && !(fault.ms >= 0)) throw new RangeError('delay must be >= 0 ms');
    // Checked here, not when the fault fires, so a typo fails the test that queued it.
    const status = fault.kind === 'status' || fault.kind === 'html' ? (fault.status ?? 502) : 200;
    if (!Number.isInteger(status) || status < 100 || status > 599)
      throw new RangeError(`Invalid status ${status}`);
    for (let i = 0; i < times; i += 1) this.#queue.push(fault);
  }

  next(): Fault | undefined {
    return this.#queue.shift();
  }

  get pending(): number {
    return this.#queue.length;
  }

  clear(): void {
    this.#queue.length = 0;
  }
}

/** The reply a fault sends instead of the normal answer ('delay' and 'reset' have none). */
export function faultReply(fault: Exclude<Fault, { kind: 'delay' } | { kind: 'reset' }>): Reply {
  switch (fault.kind) {
    case 'status':
      return {
        status: fault.status,
        ...bodyOf(fault.body),
        ...(fault.headers ? { headers: fault.headers } : {}),
      };
    case 'malformed-json':
      return {
        status: 200,
        body: '{"result":[{"id":48213,"isConnected":true,"deviceState":{"state":6,',
      };
    case 'html': {
      const status = fault.status ?? 502;
      return { status, contentType: 'text/html; charset=utf-8', body: htmlErrorPage(status) };
    }
  }
}

function bodyOf(body: FaultBody | undefined): Pick<Reply, 'body' | 'contentType'> {
  if (!body) return { body: '' };
  if ('json' in body) return { body: JSON.stringify(body.json) ?? 'null' };
  return { body: body.text, contentType: body.contentType ?? 'text/plain; charset=utf-8' };
}

function htmlErrorPage(status: number): string {
  const title = status === 502 ? '502 Bad Gateway' : `${status} Error`;
  return [
    '<!DOCTYPE html>',
    `<html><head><title>${title}</title></head>`,
    `<body><center><h1>${title}</h1></center><hr><center>nginx</center></body></html>`,
    '',
  ].join('\r\n');
}
