/**
 * Reading a callback body up to a limit, on a stream standing in for the request, so each way a
 * sender can behave (honest, lying about its length, sending on and on, failing, giving up) is
 * played exactly. The receiver's tests over loopback cover the same through HTTP.
 */
import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readBody } from '../../main/bridge/read-body.ts';
import type { BodyResult } from '../../main/bridge/read-body.ts';

function request(headers: Record<string, string> = {}) {
  const stream = new PassThrough();
  return { stream, req: Object.assign(stream, { headers }) as unknown as IncomingMessage };
}

/** The result if readBody has answered by now, else 'pending'. */
async function answerSoFar(reading: Promise<BodyResult>): Promise<BodyResult | 'pending'> {
  let result: BodyResult | 'pending' = 'pending';
  void reading.then((value) => (result = value));
  await new Promise<void>((resolve) => setImmediate(resolve));
  return result;
}

describe('readBody', () => {
  it('reads the whole body, up to and including the limit', async () => {
    const { stream, req } = request();
    const reading = readBody(req, 10);
    stream.write('01234');
    stream.end('56789');
    expect(await reading).toEqual({ outcome: 'read', body: Buffer.from('0123456789') });
  });

  it('refuses at once when Content-Length says the body is too large, reading none of it', async () => {
    const { stream, req } = request({ 'content-length': '11' });
    expect(await answerSoFar(readBody(req, 10))).toEqual({ outcome: 'too-large' });
    expect(stream.listenerCount('data')).toBe(0);
  });

  it('stops reading as soon as the bytes pass the limit, whatever Content-Length said', async () => {
    const { stream, req } = request({ 'content-length': '4' });
    const reading = readBody(req, 10);
    stream.write('0123456789');
    expect(await answerSoFar(reading)).toBe('pending');
    stream.write('X');
    expect(await answerSoFar(reading)).toEqual({ outcome: 'too-large' });
    // Nothing more is read or buffered: the stream is paused and no longer listened to.
    expect(stream.isPaused()).toBe(true);
    expect(stream.listenerCount('data')).toBe(0);
  });

  it('a failing request is a failed read', async () => {
    const { stream, req } = request();
    const reading = readBody(req, 10);
    stream.write('01');
    stream.emit('error', new Error('socket hang up'));
    expect(await answerSoFar(reading)).toEqual({ outcome: 'failed' });
  });

  it('a sender that gives up before the end is a failed read', async () => {
    const { stream, req } = request();
    const reading = readBody(req, 10);
    stream.write('01');
    stream.emit('close');
    expect(await answerSoFar(reading)).toEqual({ outcome: 'failed' });
  });
});
