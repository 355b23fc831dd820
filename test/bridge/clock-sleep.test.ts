/**
 * Waiting on the injected clock, cut short by an AbortSignal: the wait the bridge's request
 * spacing and busy backoff rely on. A wait must end exactly when the clock says, an abort must
 * end it at once with the caller's reason, and nothing may stay behind (a pending timer on the
 * clock, a listener on a signal that lives as long as live mode).
 */
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { sleepOn, untilAborted } from '../../main/bridge/clock-sleep.ts';
import { ManualClock } from '../support/manual-clock.ts';

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Whether `promise` has settled by now, without waiting for it. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  await settle();
  return done;
}

describe('sleepOn', () => {
  it('ends when the clock has moved by the delay, not before', async () => {
    const clock = new ManualClock(0);
    const slept = sleepOn(clock, 1_000);
    await clock.advanceBy(999, settle);
    expect(await settled(slept)).toBe(false);
    await clock.advanceBy(1, settle);
    expect(await settled(slept)).toBe(true);
  });

  it('with no delay ends at once, without waiting for the clock to move', async () => {
    const clock = new ManualClock(0);
    expect(await settled(sleepOn(clock, 0))).toBe(true);
    expect(await settled(sleepOn(clock, -5))).toBe(true);
    expect(clock.nextTimerAt()).toBeNull();
  });

  it('an abort ends the wait at once with its reason and leaves no timer on the clock', async () => {
    const clock = new ManualClock(0);
    const controller = new AbortController();
    const slept = sleepOn(clock, 60_000, controller.signal);
    expect(clock.nextTimerAt()).toBe(60_000);
    const reason = new Error('quitting');
    controller.abort(reason);
    await expect(slept).rejects.toBe(reason);
    expect(clock.nextTimerAt()).toBeNull();
  });

  it('a wait that ended leaves no listener on the signal', async () => {
    const clock = new ManualClock(0);
    const controller = new AbortController();
    const slept = sleepOn(clock, 1_000, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    await clock.advanceBy(1_000, settle);
    await slept;
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});

describe('untilAborted', () => {
  it('without a signal, or with one never aborted, settles as the promise does', async () => {
    await expect(untilAborted(Promise.resolve(7), undefined)).resolves.toBe(7);
    const signal = new AbortController().signal;
    await expect(untilAborted(Promise.resolve(7), signal)).resolves.toBe(7);
    const failure = new Error('bridge down');
    await expect(untilAborted(Promise.reject(failure), signal)).rejects.toBe(failure);
  });

  it('an already aborted signal rejects with its reason', async () => {
    const controller = new AbortController();
    const reason = new Error('gone');
    controller.abort(reason);
    await expect(untilAborted(Promise.resolve(7), controller.signal)).rejects.toBe(reason);
  });

  it('an abort while waiting rejects with its reason, though the promise never settles', async () => {
    const controller = new AbortController();
    const waiting = untilAborted(new Promise<never>(() => {}), controller.signal);
    const reason = new Error('stopped');
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    // Fired once and gone: a promise that never settles keeps no listener on the signal.
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('an abort reason that is not an Error becomes Error("aborted")', async () => {
    const controller = new AbortController();
    const waiting = untilAborted(new Promise<never>(() => {}), controller.signal);
    controller.abort('quit');
    await expect(waiting).rejects.toThrow(new Error('aborted'));
  });
});
