/**
 * The client's parsing against arbitrary bodies, through an in-memory fetch (fast enough for
 * thousands of property runs; the real-HTTP paths are in client-http.test.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TedeeClient } from '../../main/tedee/client.ts';
import { BadResponseError } from '../../main/tedee/errors.ts';

function clientAnswering(body: string, status = 200): TedeeClient {
  const fetch = async () =>
    new Response(body, { status, headers: { 'Content-Type': 'application/json' } });
  return new TedeeClient({
    personalKey: 'abc123.secret',
    keyOrigin: 'https://api.tedee.com',
    fetch,
  });
}

async function outcomeOf(call: Promise<unknown>): Promise<'value' | BadResponseError> {
  try {
    await call;
    return 'value';
  } catch (error) {
    if (error instanceof BadResponseError) return error;
    throw error; // anything else fails the property
  }
}

const calls = [
  (client: TedeeClient) => client.listLocks(),
  (client: TedeeClient) => client.syncLock(1),
  (client: TedeeClient) => client.syncLocks([1, 2]),
  (client: TedeeClient) => client.deviceDetails(),
  (client: TedeeClient) => client.doorSensors(),
  (client: TedeeClient) => client.personalKeyValidTo(),
];

describe('arbitrary response bodies', () => {
  it('any JSON body gives a lock value or a BadResponseError, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.constantFrom(...calls), async (body, call) => {
        await outcomeOf(call(clientAnswering(JSON.stringify(body))));
      }),
      { numRuns: 500 },
    );
  });

  it('any result inside a successful envelope gives a lock value or a BadResponseError', async () => {
    const envelope = fc.record({
      result: fc.oneof(
        fc.jsonValue(),
        fc.array(fc.record({ id: fc.integer(), deviceState: fc.jsonValue() })),
      ),
      success: fc.constant(true),
      errorMessages: fc.constant([]),
      statusCode: fc.constant(200),
    });
    await fc.assert(
      fc.asyncProperty(envelope, fc.constantFrom(...calls), async (body, call) => {
        await outcomeOf(call(clientAnswering(JSON.stringify(body))));
      }),
      { numRuns: 500 },
    );
  });

  it('any text that is not JSON gives a BadResponseError', async () => {
    const notJson = fc.string().filter((text) => {
      try {
        JSON.parse(text);
        return false;
      } catch {
        return true;
      }
    });
    await fc.assert(
      fc.asyncProperty(notJson, async (body) => {
        expect(await outcomeOf(clientAnswering(body).syncLock(1))).toBeInstanceOf(BadResponseError);
      }),
      { numRuns: 300 },
    );
  });
});

describe('schema mismatches', () => {
  it('name the failing field path', async () => {
    const body = JSON.stringify({
      result: [{ id: 7, isConnected: true, deviceState: { state: 6, batteryLevel: 'full' } }],
      success: true,
      errorMessages: [],
      statusCode: 200,
    });
    const error = await outcomeOf(clientAnswering(body).syncLocks([7]));
    expect(error).toBeInstanceOf(BadResponseError);
    expect((error as BadResponseError).message).toContain('result[0].deviceState.batteryLevel');
  });

  it('a successful envelope without result is a bad response', async () => {
    const body = JSON.stringify({ success: true, errorMessages: [], statusCode: 200 });
    const error = await outcomeOf(clientAnswering(body).syncLock(7));
    expect((error as BadResponseError).message).toContain('"result" is missing');
  });

  it('a failure envelope with a 2xx status is a bad response', async () => {
    const body = JSON.stringify({ success: false, errorMessages: ['Something'], statusCode: 200 });
    expect(await outcomeOf(clientAnswering(body).syncLock(7))).toBeInstanceOf(BadResponseError);
  });
});
