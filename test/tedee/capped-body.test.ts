/**
 * readTextCapped on bodies made by hand, for what a server over loopback cannot show: a body
 * that ignores the request's abort, and bytes split across chunks.
 */
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { BodyTooLargeError, readTextCapped } from '../../main/tedee/capped-body.ts';

function streamOf(chunks: Uint8Array[], endless = false): ReadableStream<Uint8Array> {
  const queue = [...chunks];
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = queue.shift();
      if (next) return controller.enqueue(next);
      if (!endless) return controller.close();
      // Never answers: a body whose sender went quiet, and which the abort does not end.
      return new Promise<void>(() => undefined);
    },
  });
}

describe('readTextCapped', () => {
  it('leaves no listener on the request’s signal, whether it read the body or refused it', async () => {
    const signal = new AbortController().signal;
    const chunk = new Uint8Array(6).fill(0x61);
    await readTextCapped(new Response(streamOf([chunk])), signal);
    await expect(readTextCapped(new Response(streamOf([chunk, chunk])), signal, 8)).rejects.toThrow(
      BodyTooLargeError,
    );
    expect(getEventListeners(signal, 'abort')).toEqual([]);
  });

  it('decodes UTF-8 split across chunks, and drops a byte-order mark, as Response.text() does', async () => {
    const bytes = new TextEncoder().encode('\uFEFF{"name":"Haustür"}');
    const split = bytes.indexOf(0xc3) + 1; // inside the two bytes of "ü"
    const response = new Response(streamOf([bytes.subarray(0, split), bytes.subarray(split)]));
    expect(await readTextCapped(response, new AbortController().signal)).toBe('{"name":"Haustür"}');
  });

  it('reads up to the limit and refuses one byte past it, across chunks', async () => {
    const chunk = new Uint8Array(6).fill(0x61);
    const signal = new AbortController().signal;
    expect(await readTextCapped(new Response(streamOf([chunk, chunk])), signal, 12)).toBe(
      'a'.repeat(12),
    );
    await expect(
      readTextCapped(new Response(streamOf([chunk, chunk, new Uint8Array(1)])), signal, 12),
    ).rejects.toThrow(BodyTooLargeError);
  });

  it('ends a body cut inside a character with a replacement character, as Response.text() does', async () => {
    const bytes = new TextEncoder().encode('Tür');
    const cut = bytes.subarray(0, bytes.indexOf(0xc3) + 1);
    const response = new Response(streamOf([cut]));
    expect(await readTextCapped(response, new AbortController().signal)).toBe('T\uFFFD');
  });

  it('names the limit in MiB when it is whole MiB, in bytes otherwise', async () => {
    const signal = new AbortController().signal;
    const tooLarge = (maxBytes: number) =>
      readTextCapped(new Response(streamOf([new Uint8Array(maxBytes + 1)])), signal, maxBytes);
    await expect(tooLarge(2 * 1024 * 1024)).rejects.toThrow('the answer is larger than 2 MiB');
    await expect(tooLarge(1000)).rejects.toThrow('the answer is larger than 1000 bytes');
    await expect(tooLarge(1000)).rejects.toMatchObject({ name: 'BodyTooLargeError' });
  });

  it('cancels the stream of a body past the limit', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new Uint8Array(8)),
      cancel: () => {
        cancelled = true;
      },
    });
    await expect(
      readTextCapped(new Response(stream), new AbortController().signal, 12),
    ).rejects.toThrow(BodyTooLargeError);
    expect(cancelled).toBe(true);
  });

  it('an empty body is empty text', async () => {
    expect(await readTextCapped(new Response(null), new AbortController().signal)).toBe('');
  });

  it('ends with the abort reason even when the stream itself never ends', async () => {
    const request = new AbortController();
    const reading = readTextCapped(
      new Response(streamOf([new TextEncoder().encode('{"res')], true)),
      request.signal,
    );
    setTimeout(() => request.abort(new Error('timed out')), 20);
    await expect(reading).rejects.toThrow('timed out');
  });
});
