/**
 * The app's Tedee client on Electron's net.fetch, against the simulator over loopback, with a
 * net.fetch that answers as Electron 45 documents and implements it (see fake-net-http.ts):
 * redirects and network failures reach the user as they do on Node's fetch in the CLI.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_LOCK_IDS, sampleLocks } from '../../main/demo/sample-locks.ts';
import { TedeeSimulator } from '../../main/demo/tedee-simulator.ts';
import { chromiumFetch } from '../../main/shell/chromium-fetch.ts';
import { TedeeClient } from '../../main/tedee/client.ts';
import { BadResponseError, NetworkError } from '../../main/tedee/errors.ts';
import { chromiumLikeFetch } from '../e2e/fake-electron/fake-net-http.ts';
import { closedPort } from '../support/closed-port.ts';
import { failureOf } from '../support/tedee-failure.ts';

const KEY = 'chrm01.TmV0RmV0Y2hLZXlGb3JUZXN0cw==';
const { frontDoor } = SAMPLE_LOCK_IDS;

const simulators: TedeeSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((started) => started.close()));
});

async function simulator(): Promise<TedeeSimulator> {
  const started = await TedeeSimulator.start({ keys: [KEY], locks: sampleLocks() });
  simulators.push(started);
  return started;
}

/** A client made as main/index.ts makes it, on a net whose fetch calls are recorded. */
function appClient(apiUrl: string) {
  const fetched: string[] = [];
  const net = {
    fetch: (input: string, init?: RequestInit) => {
      fetched.push(input);
      return chromiumLikeFetch(input, init);
    },
  };
  const client = new TedeeClient({
    personalKey: KEY,
    apiUrl,
    keyOrigin: new URL(apiUrl).origin,
    fetch: chromiumFetch(net),
  });
  return { client, fetched };
}

describe('the Tedee client on net.fetch', () => {
  it('sends every request through net.fetch', async () => {
    const tedee = await simulator();
    const { client, fetched } = appClient(tedee.baseUrl);
    expect(await client.listLocks()).toHaveLength(3);
    expect((await client.syncLock(frontDoor)).id).toBe(frontDoor);
    expect(fetched).toEqual([
      `${tedee.baseUrl}/api/v37/my/lock`,
      `${tedee.baseUrl}/api/v37/my/lock/${frontDoor}/sync`,
    ]);
  });

  it("reads Electron's redirect refusal as a bad response, and follows nothing", async () => {
    const tedee = await simulator();
    const elsewhere = await simulator();
    tedee.queueFault({
      kind: 'status',
      status: 307,
      headers: { Location: `${elsewhere.baseUrl}/api/v37/my/lock` },
    });
    const error = await failureOf(appClient(tedee.baseUrl).client.listLocks(), KEY);
    expect(error).toBeInstanceOf(BadResponseError);
    expect(error.message).toMatch(/redirects elsewhere/);
    expect(elsewhere.requests()).toEqual([]);
  });

  it("reads Chromium's net errors as the same network failures as Node's", async () => {
    const port = await closedPort();
    const refused = await failureOf(appClient(`http://127.0.0.1:${port}`).client.listLocks(), KEY);
    expect(refused).toBeInstanceOf(NetworkError);
    expect((refused as NetworkError).failure).toBe('refused');
    expect(refused.message).toBe(`127.0.0.1:${port} refused the connection.`);

    const unknownHost = await failureOf(
      appClient('http://tedee-tray-test.invalid').client.listLocks(),
      KEY,
    );
    expect((unknownHost as NetworkError).failure).toBe('dns');

    const tedee = await simulator();
    tedee.queueFault({ kind: 'reset' });
    const reset = await failureOf(appClient(tedee.baseUrl).client.listLocks(), KEY);
    expect((reset as NetworkError).failure).toBe('reset');
  });

  it.each([
    ['net::ERR_NAME_NOT_RESOLVED', 'dns'],
    ['net::ERR_CONNECTION_REFUSED', 'refused'],
    ['net::ERR_CONNECTION_RESET', 'reset'],
    ['net::ERR_CONNECTION_CLOSED', 'reset'],
    ['net::ERR_EMPTY_RESPONSE', 'reset'],
    ['net::ERR_CERT_AUTHORITY_INVALID', 'other'],
  ])('reads %s as a %s failure', async (netError, failure) => {
    const client = new TedeeClient({
      personalKey: KEY,
      keyOrigin: 'https://api.tedee.com',
      fetch: chromiumFetch({
        fetch: () => Promise.reject(new Error(netError)),
      }),
    });
    const error = await failureOf(client.listLocks(), KEY);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).failure).toBe(failure);
  });

  it("ends with the caller's reason when the caller aborts", async () => {
    const tedee = await simulator();
    tedee.queueFault({ kind: 'delay', ms: 2_000 });
    const controller = new AbortController();
    const call = appClient(tedee.baseUrl).client.syncLock(frontDoor, controller.signal);
    setTimeout(() => controller.abort(new Error('user quit')), 50);
    await expect(call).rejects.toThrow('user quit');
  });
});
