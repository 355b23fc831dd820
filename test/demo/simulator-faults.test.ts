import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiPaths } from '../../main/tedee/api-paths.ts';
import { closeSimulators, request, schemas, startSimulator } from './simulator-harness.ts';

afterEach(closeSimulators);

describe('queued faults', () => {
  it('sends a status with headers and a JSON body instead of the answer', async () => {
    const { simulator } = await startSimulator();
    const body = { success: false, errorMessages: ['Too many requests'], statusCode: 429 };
    simulator.queueFault({
      kind: 'status',
      status: 429,
      headers: { 'Retry-After': '42' },
      body: { json: body },
    });

    const answer = await request(simulator, apiPaths.syncAll);
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('42');
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(answer.json()).toEqual(body);
  });

  it('sends a raw text body, or an empty one when none is given', async () => {
    const { simulator } = await startSimulator();
    simulator.queueFault({ kind: 'status', status: 503, body: { text: 'upstream overloaded' } });
    simulator.queueFault({ kind: 'status', status: 500 });

    const text = await request(simulator, apiPaths.syncAll);
    expect(text).toMatchObject({ status: 503, text: 'upstream overloaded' });
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');

    const empty = await request(simulator, apiPaths.syncAll);
    expect(empty).toMatchObject({ status: 500, text: '' });
    expect(empty.headers.get('content-length')).toBe('0');
  });

  it('delays the normal answer by the given time', async () => {
    const { simulator } = await startSimulator();
    simulator.queueFault({ kind: 'delay', ms: 300 });

    const started = performance.now();
    const answer = await request(simulator, apiPaths.syncAll);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(answer.status).toBe(200);
    expect(schemas.syncAll.parse(answer.json()).result).toHaveLength(3);
  });

  it('still authenticates a delayed request', async () => {
    const { simulator } = await startSimulator();
    simulator.queueFault({ kind: 'delay', ms: 10 });
    expect((await request(simulator, apiPaths.syncAll, { key: 'wrong' })).status).toBe(401);
  });

  it('lets a client that gives up during a delay go, and logs no answer for it', async () => {
    const { simulator } = await startSimulator();
    simulator.queueFault({ kind: 'delay', ms: 1_000 });
    // The client gives up well after its request has reached the simulator (a 50 ms limit could
    // end before a loaded machine even connects), and well before the delay ends.
    const aborted = fetch(simulator.baseUrl + apiPaths.syncAll, {
      signal: AbortSignal.timeout(400),
    });
    await expect(aborted).rejects.toThrow();
    // The simulator notices when its delay ends; until then the request is not logged.
    expect(simulator.requests()).toEqual([]);
    await vi.waitFor(() => expect(simulator.requests()).toHaveLength(1), {
      timeout: 5_000,
      interval: 20,
    });
    expect(simulator.requests()).toEqual([
      expect.objectContaining({ path: apiPaths.syncAll, status: null }),
    ]);
  });

  it('resets the connection without answering', async () => {
    const { simulator } = await startSimulator();
    simulator.queueFault({ kind: 'reset' });
    await expect(request(simulator, apiPaths.syncAll)).rejects.toThrow(TypeError);
    // The next request is answered normally on a fresh connection.
    expect((await request(simulator, apiPaths.syncAll)).status).toBe(200);
  });

  it('sends malformed JSON with status 200 and a JSON content type', async () => {
    const { simulator } = await startSimulator();
    simulator.queueFault({ kind: 'malformed-json' });
    const answer = await request(simulator, apiPaths.syncAll);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(answer.text.length).toBeGreaterThan(0);
    expect(() => answer.json()).toThrow(SyntaxError);
  });

  it('sends an HTML error page like a proxy, 502 by default', async () => {
    const { simulator } = await startSimulator();
    simulator.queueFault({ kind: 'html' });
    simulator.queueFault({ kind: 'html', status: 504 });

    const badGateway = await request(simulator, apiPaths.syncAll);
    expect(badGateway.status).toBe(502);
    expect(badGateway.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(badGateway.text).toMatch(/^<!DOCTYPE html>/);
    expect(badGateway.text).toContain('502 Bad Gateway');
    expect(() => badGateway.json()).toThrow(SyntaxError);

    const timeout = await request(simulator, apiPaths.syncAll);
    expect(timeout.status).toBe(504);
    expect(timeout.text).toContain('504');
  });

  it('uses faults up one per request, in order, then answers normally again', async () => {
    const { simulator } = await startSimulator();
    simulator.queueFault({ kind: 'status', status: 503 }, 2);
    simulator.queueFault({ kind: 'html' });
    expect(simulator.pendingFaults).toBe(3);

    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push((await request(simulator, apiPaths.syncAll)).status);
    expect(statuses).toEqual([503, 503, 502, 200]);
    expect(simulator.pendingFaults).toBe(0);
  });

  it('applies faults before authentication and routing', async () => {
    const { simulator } = await startSimulator();
    simulator.queueFault({ kind: 'status', status: 418 }, 2);
    expect((await request(simulator, apiPaths.syncAll, { key: 'not-a-key' })).status).toBe(418);
    expect((await request(simulator, '/no/such/route')).status).toBe(418);
  });

  it('drops queued faults on clearFaults', async () => {
    const { simulator } = await startSimulator();
    simulator.queueFault({ kind: 'reset' }, 5);
    simulator.clearFaults();
    expect(simulator.pendingFaults).toBe(0);
    expect((await request(simulator, apiPaths.syncAll)).status).toBe(200);
  });

  it('rejects a nonsensical repeat count, delay or status when queued', async () => {
    const { simulator } = await startSimulator();
    expect(() => simulator.queueFault({ kind: 'reset' }, 0)).toThrow(RangeError);
    expect(() => simulator.queueFault({ kind: 'delay', ms: -1 })).toThrow(RangeError);
    expect(() => simulator.queueFault({ kind: 'status', status: 42 })).toThrow(RangeError);
    expect(() => simulator.queueFault({ kind: 'html', status: 700 })).toThrow(RangeError);
    expect(simulator.pendingFaults).toBe(0);
  });
});
