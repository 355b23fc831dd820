/**
 * Where the client stops, over real loopback HTTP: the key goes to the origin it was given for
 * and nowhere else, a redirect is refused rather than followed, and an answer bigger than
 * 1 MiB is refused while it is still arriving.
 */
import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_LOCK_IDS, sampleLocks } from '../../main/demo/sample-locks.ts';
import { TedeeSimulator } from '../../main/demo/tedee-simulator.ts';
import { MAX_BODY_BYTES } from '../../main/tedee/capped-body.ts';
import { TedeeClient } from '../../main/tedee/client.ts';
import { BadResponseError, KeyOriginError, TimeoutError } from '../../main/tedee/errors.ts';
import { failureOf } from '../support/tedee-failure.ts';

const KEY = 'b0unds.UGVyc29uYWxBY2Nlc3NLZXlCb3VuZGFyaWVz';
const { frontDoor } = SAMPLE_LOCK_IDS;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function simulator(): Promise<TedeeSimulator> {
  const started = await TedeeSimulator.start({ keys: [KEY], locks: sampleLocks() });
  cleanups.push(() => started.close());
  return started;
}

function clientFor(apiUrl: string, keyOrigin = apiUrl, timeoutMs?: number): TedeeClient {
  return new TedeeClient({
    personalKey: KEY,
    apiUrl,
    keyOrigin,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
}

/** A loopback server answering every request with `answer`; resolves to its origin. */
async function loopbackServer(
  answer: (response: ServerResponse) => void,
): Promise<{ origin: string; server: Server }> {
  const server = createServer((_request, response) => answer(response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { origin: `http://127.0.0.1:${address.port}`, server };
}

describe('the key goes only to the origin it was given for', () => {
  it('refuses an address on another host, before anything is sent', async () => {
    const tedee = await simulator();
    const error = await failureOf(
      clientFor(tedee.baseUrl, 'https://api.tedee.com').listLocks(),
      KEY,
    );
    expect(error).toBeInstanceOf(KeyOriginError);
    expect(error.message).toBe(
      `The Personal Access Key was given for https://api.tedee.com, so it is not sent to ${tedee.baseUrl}. Enter the key again for the new address.`,
    );
    expect(tedee.requests()).toEqual([]);
  });

  it('refuses another port or another scheme of the same host', async () => {
    const tedee = await simulator();
    const port = Number(new URL(tedee.baseUrl).port);
    for (const keyOrigin of [`http://127.0.0.1:${port + 1}`, `https://127.0.0.1:${port}`]) {
      const error = await failureOf(clientFor(tedee.baseUrl, keyOrigin).syncLock(frontDoor), KEY);
      expect(error, keyOrigin).toBeInstanceOf(KeyOriginError);
    }
    expect(tedee.requests()).toEqual([]);
  });

  it('sends the key to its own origin, whatever the path prefix', async () => {
    const tedee = await simulator();
    expect(await clientFor(`${tedee.baseUrl}/`, tedee.baseUrl).listLocks()).toHaveLength(3);
    // A prefix is the same origin: the request goes out (the simulator knows no such path).
    await failureOf(clientFor(`${tedee.baseUrl}/proxy`, tedee.baseUrl).listLocks(), KEY);
    expect(tedee.requests().map((request) => request.path)).toEqual([
      '/api/v37/my/lock',
      '/proxy/api/v37/my/lock',
    ]);
  });
});

describe('redirects are refused, not followed', () => {
  it('a redirect to another origin is a bad response, and the other origin sees nothing', async () => {
    const tedee = await simulator();
    const elsewhere = await simulator();
    tedee.queueFault({
      kind: 'status',
      status: 302,
      headers: { Location: `${elsewhere.baseUrl}/api/v37/my/lock` },
    });
    const error = await failureOf(clientFor(tedee.baseUrl).listLocks(), KEY);
    expect(error).toBeInstanceOf(BadResponseError);
    expect(error.message).toMatch(/redirects elsewhere/);
    expect(elsewhere.requests()).toEqual([]);
  });

  it('a redirect within the origin is refused too', async () => {
    const tedee = await simulator();
    for (const status of [301, 307, 308]) {
      tedee.queueFault({
        kind: 'status',
        status,
        headers: { Location: `${tedee.baseUrl}/api/v37/my/lock` },
      });
      expect(
        await failureOf(clientFor(tedee.baseUrl).listLocks(), KEY),
        String(status),
      ).toBeInstanceOf(BadResponseError);
    }
    // Only the three redirected requests: none was followed.
    expect(tedee.requests()).toHaveLength(3);
  });
});

describe('answers are read up to 1 MiB', () => {
  /** A valid, empty lock list padded with spaces to exactly `size` bytes. */
  function lockListOfSize(size: number): string {
    const envelope = JSON.stringify({
      result: [],
      success: true,
      errorMessages: [],
      statusCode: 200,
    });
    return envelope + ' '.repeat(size - envelope.length);
  }

  it('an answer of exactly 1 MiB is read', async () => {
    const tedee = await simulator();
    tedee.queueFault({
      kind: 'status',
      status: 200,
      body: { text: lockListOfSize(MAX_BODY_BYTES), contentType: 'application/json' },
    });
    expect(MAX_BODY_BYTES).toBe(1024 * 1024);
    expect(await clientFor(tedee.baseUrl).listLocks()).toEqual([]);
  });

  it('one byte more is a bad response', async () => {
    const tedee = await simulator();
    tedee.queueFault({
      kind: 'status',
      status: 200,
      body: { text: lockListOfSize(MAX_BODY_BYTES + 1), contentType: 'application/json' },
    });
    const error = await failureOf(clientFor(tedee.baseUrl).listLocks(), KEY);
    expect(error).toBeInstanceOf(BadResponseError);
    expect(error.message).toBe(
      'Tedee sent a response this app cannot read: the answer is larger than 1 MiB.',
    );
  });

  it('an endless answer is refused soon after 1 MiB, and the connection is closed', async () => {
    let written = 0;
    const closed = Promise.withResolvers<void>();
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const { origin } = await loopbackServer((response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.on('close', () => closed.resolve());
      const pump = () => {
        while (!response.destroyed && written < 512 * 1024 * 1024) {
          written += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
      };
      pump();
    });
    const error = await failureOf(clientFor(origin, origin, 60_000).listLocks(), KEY);
    expect(error).toBeInstanceOf(BadResponseError);
    await closed.promise;
    // Socket buffers hold a few MiB at most; a client reading on would take all 512.
    expect(written).toBeLessThan(32 * 1024 * 1024);
  });

  it('a body that stops arriving is a timeout, not a hang', async () => {
    const { origin } = await loopbackServer((response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write('{"result": [');
    });
    const error = await failureOf(clientFor(origin, origin, 200).listLocks(), KEY);
    expect(error).toBeInstanceOf(TimeoutError);
  });
});
