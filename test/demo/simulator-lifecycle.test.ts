import { describe, expect, it } from 'vitest';
import { apiPaths } from '../../main/tedee/api-paths.ts';
import { TedeeSimulator } from '../../main/demo/tedee-simulator.ts';
import { KEY, request } from './simulator-harness.ts';

describe('lifecycle', () => {
  it('listens on 127.0.0.1 on a free port, and two simulators do not collide', async () => {
    const first = await TedeeSimulator.start({ keys: [KEY] });
    const second = await TedeeSimulator.start({ keys: [KEY] });
    try {
      expect(first.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(second.baseUrl).not.toBe(first.baseUrl);
      const answer = await request(first, apiPaths.syncAll);
      expect(answer.json()).toEqual({
        result: [],
        success: true,
        errorMessages: [],
        statusCode: 200,
      });
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('uses the real clock when none is injected', async () => {
    const simulator = await TedeeSimulator.start({
      keys: [KEY],
      locks: [{ id: 7, name: 'Door', model: 'lock-pro' }],
    });
    try {
      const before = Date.now();
      await request(simulator, apiPaths.syncAll);
      const [entry] = simulator.requests();
      expect(entry?.at).toBeGreaterThanOrEqual(before);
      expect(entry?.at).toBeLessThanOrEqual(Date.now());
    } finally {
      await simulator.close();
    }
  });

  it('closes promptly even with a request held by a delay and an idle keep-alive connection', async () => {
    const simulator = await TedeeSimulator.start({ keys: [KEY] });
    await request(simulator, apiPaths.syncAll); // leaves a keep-alive connection behind
    simulator.queueFault({ kind: 'delay', ms: 30_000 });
    const held = fetch(simulator.baseUrl + apiPaths.syncAll).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));

    const timers = () =>
      process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const timersBeforeClose = timers();
    const started = performance.now();
    await simulator.close();
    expect(performance.now() - started).toBeLessThan(2_000);
    // The 30 s delay timer is cancelled rather than left to keep the process alive.
    expect(timers()).toBeLessThan(timersBeforeClose);
    expect(await held).toBe('failed');
    await expect(fetch(simulator.baseUrl + apiPaths.syncAll)).rejects.toThrow(TypeError);
    await simulator.close(); // a second close is harmless
  });
});
