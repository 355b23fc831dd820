/**
 * The few ways the simulator puts bytes on the wire, kept in one place so every answer,
 * normal or faulty, carries a correct Content-Length and Content-Type.
 */
import type { ServerResponse } from 'node:http';

/** What Tedee's cloud sends (tedee-api.md §1, "Responses carry..."). */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export interface Reply {
  status: number;
  headers?: Readonly<Record<string, string>>;
  /** Sent as-is; JSON replies are serialised by the caller. */
  body: string;
  contentType?: string;
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  const body = Buffer.from(reply.body, 'utf8');
  const headers: Record<string, string | number> = {
    ...(reply.body === '' ? {} : { 'Content-Type': reply.contentType ?? JSON_CONTENT_TYPE }),
    ...reply.headers,
    'Content-Length': body.length,
  };
  res.writeHead(reply.status, headers);
  res.end(body);
}

export function jsonReply(
  status: number,
  value: unknown,
  headers?: Readonly<Record<string, string>>,
): Reply {
  return { status, body: JSON.stringify(value), ...(headers ? { headers } : {}) };
}
