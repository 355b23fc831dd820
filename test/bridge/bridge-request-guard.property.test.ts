/**
 * The guard every bridge request passes: whatever the order, timing, durations and aborts of
 * the calls, no two requests run at once and none starts less than 1000 ms after the
 * previous one ended (so also after it started), on the injected clock.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BridgeRequestGuard } from '../../main/bridge/bridge-request-guard.ts';
import { ManualClock } from '../support/manual-clock.ts';

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Call {
  /** When the caller asks, relative to the previous ask. */
  askAfterMs: number;
  /** How long the request takes once sent. */
  durationMs: number;
  fails: boolean;
  /** Aborted this long after asking (if it has not started by then, nothing is sent). */
  abortAfterMs: number | null;
}

const callArbitrary: fc.Arbitrary<Call> = fc.record({
  askAfterMs: fc.integer({ min: 0, max: 2_500 }),
  durationMs: fc.integer({ min: 0, max: 3_000 }),
  fails: fc.boolean(),
  abortAfterMs: fc.option(fc.integer({ min: 0, max: 4_000 })),
});

describe('BridgeRequestGuard', () => {
  it('never runs two requests at once or less than 1000 ms apart', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(callArbitrary, { maxLength: 12 }), async (calls) => {
        const clock = new ManualClock();
        const guard = new BridgeRequestGuard(clock);
        const sent: { start: number; end: number }[] = [];
        let running = 0;
        let overlap = false;
        const outcomes: Promise<unknown>[] = [];
        for (const call of calls) {
          await clock.advanceBy(call.askAfterMs, settle);
          const controller = new AbortController();
          if (call.abortAfterMs !== null)
            clock.setTimeout(() => controller.abort(new Error('abort')), call.abortAfterMs);
          const send = () => {
            const record = { start: clock.now(), end: Number.NaN };
            sent.push(record);
            running += 1;
            if (running > 1) overlap = true;
            return new Promise<void>((resolve, reject) => {
              clock.setTimeout(() => {
                running -= 1;
                record.end = clock.now();
                if (call.fails) reject(new Error('failed'));
                else resolve();
              }, call.durationMs);
            });
          };
          outcomes.push(guard.run(send, controller.signal).catch(() => undefined));
        }
        await clock.advanceBy(60_000, settle);
        await Promise.all(outcomes);
        expect(overlap).toBe(false);
        for (let i = 1; i < sent.length; i += 1) {
          const previous = sent[i - 1]!;
          const current = sent[i]!;
          expect(current.start - previous.end).toBeGreaterThanOrEqual(1000);
          expect(current.start - previous.start).toBeGreaterThanOrEqual(1000);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('sends at once when idle, and exactly 1000 ms after the previous request ended', async () => {
    const clock = new ManualClock(0);
    const guard = new BridgeRequestGuard(clock);
    const starts: number[] = [];
    const quick = () => {
      starts.push(clock.now());
      return Promise.resolve();
    };
    await guard.run(quick);
    const second = guard.run(quick);
    await clock.advanceBy(999, settle);
    expect(starts).toEqual([0]);
    await clock.advanceBy(1, settle);
    await second;
    expect(starts).toEqual([0, 1000]);
    await clock.advanceBy(5_000, settle);
    await guard.run(quick);
    expect(starts).toEqual([0, 1000, 6000]);
  });

  it('a clock stepped back waits 1000 ms, not the size of the step', async () => {
    let now = 100_000;
    const manual = new ManualClock(0);
    const clock = {
      now: () => now,
      setTimeout: manual.setTimeout.bind(manual),
      clearTimeout: manual.clearTimeout.bind(manual),
    };
    const guard = new BridgeRequestGuard(clock);
    await guard.run(() => Promise.resolve());
    now = 40_000;
    let sent = false;
    const next = guard.run(() => {
      sent = true;
      return Promise.resolve();
    });
    await manual.advanceBy(999, settle);
    expect(sent).toBe(false);
    await manual.advanceBy(1, settle);
    await next;
    expect(sent).toBe(true);
  });

  it('passes on the result and the failure of the request', async () => {
    const guard = new BridgeRequestGuard(new ManualClock());
    await expect(guard.run(() => Promise.resolve(42))).resolves.toBe(42);
    const clock = new ManualClock();
    const failing = new BridgeRequestGuard(clock);
    await expect(failing.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  });

  it('an abort reason that is not an Error rejects with an Error', async () => {
    const guard = new BridgeRequestGuard(new ManualClock());
    const controller = new AbortController();
    controller.abort('quit');
    await expect(guard.run(() => Promise.resolve(), controller.signal)).rejects.toThrow('aborted');
  });

  it('an already aborted signal sends nothing', async () => {
    const guard = new BridgeRequestGuard(new ManualClock());
    let sent = false;
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    await expect(
      guard.run(() => {
        sent = true;
        return Promise.resolve();
      }, controller.signal),
    ).rejects.toThrow('gone');
    expect(sent).toBe(false);
  });
});
