/**
 * Time as the engine sees it. Injected so that tests, the benchmark and the 7-day soak run
 * on simulated time, and so nothing in the engine reads the wall clock behind our back.
 */

export type TimerHandle = { readonly __timer: unique symbol };

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs) as unknown as TimerHandle,
  clearTimeout: (handle) => clearTimeout(handle as unknown as ReturnType<typeof setTimeout>),
};
