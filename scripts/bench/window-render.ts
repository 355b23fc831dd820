/**
 * The window under load, in Chromium with the window tests' own harness: the built renderer,
 * the fake preload, a 420 × 640 window. Every lock has 300 battery readings and 20 events (what
 * the History sections would show); each push flips one lock between locked and unlocked.
 *
 * A push is timed inside the page, from handing an already cloned state to the window's
 * listener to the frame after it was painted (a task queued from the next animation frame runs
 * once that frame is done). The clone itself (what Electron's IPC costs to deliver the state,
 * whatever the window does with it) is timed apart. The heap is read through the DevTools
 * protocol after a forced garbage collection.
 */
import type { WindowState } from '../../preload/contract.ts';
import { startWindowHarness } from '../../test/renderer/window-harness.ts';
import { manyLocksState } from '../../test/renderer/window-state-factory.ts';

export interface WindowRenderFigures {
  locks: number;
  /** Every element in the page with every History closed, settings panel included. */
  elements: number;
  pushMedianMs: number;
  pushMaxMs: number;
  /** Median time to clone the state, as IPC delivery costs before the window sees it. */
  cloneMedianMs: number;
  heapAfter10Bytes: number;
  heapAfter500Bytes: number;
}

const WARM_UP_PUSHES = 10;
const TIMED_PUSHES = 60;
const SOAK_PUSHES = 500;

/** Runs in the page: flips lock `index`, pushes the state, resolves with the ms of the clone and to the painted frame. */
const PUSH = `(async (index) => {
  const base = globalThis.__benchState;
  const position = index % base.locks.length;
  const flipped = Math.floor(index / base.locks.length) % 2 === 0;
  const locks = base.locks.map((lock, at) =>
    at === position ? { ...lock, state: flipped ? 'unlocked' : 'locked' } : lock,
  );
  base.locks = locks;
  const cloneStart = performance.now();
  const delivered = structuredClone({ ...base, locks });
  const start = performance.now();
  globalThis.__tedeeFake.deliver(delivered);
  await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  return [start - cloneStart, performance.now() - start];
})`;

function median(values: readonly number[]): number {
  const sorted = values.toSorted((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export async function windowRenderFigures(
  lockCounts: readonly number[],
): Promise<WindowRenderFigures[]> {
  const harness = await startWindowHarness();
  try {
    const figures: WindowRenderFigures[] = [];
    for (const locks of lockCounts) figures.push(await measure(harness, locks));
    return figures;
  } finally {
    await harness.stop();
  }
}

async function measure(
  harness: Awaited<ReturnType<typeof startWindowHarness>>,
  lockCount: number,
): Promise<WindowRenderFigures> {
  const state: WindowState = manyLocksState(lockCount, { samples: 300, events: 20 });
  // The real clock: a faked one counts whole milliseconds.
  const window = await harness.open(state, { clock: 'real' });
  const { page } = window;
  await page.locator('article.lock-card').first().waitFor();
  await page.evaluate((initial) => {
    (globalThis as unknown as { __benchState: WindowState }).__benchState = initial;
  }, state);
  const elements = await page.evaluate<number>("document.querySelectorAll('*').length");
  const protocol = await page.context().newCDPSession(page);
  const heap = async (): Promise<number> => {
    await protocol.send('HeapProfiler.collectGarbage');
    return (await protocol.send('Runtime.getHeapUsage')).usedSize;
  };
  // Page code is text here: the scripts are type-checked without the DOM library.
  const push = (index: number) => page.evaluate<[number, number]>(`${PUSH}(${index})`);

  let pushes = 0;
  while (pushes < WARM_UP_PUSHES) await push(pushes++);
  const heapAfter10Bytes = await heap();
  const timings: number[] = [];
  const clones: number[] = [];
  while (pushes < WARM_UP_PUSHES + TIMED_PUSHES) {
    const [clone, frame] = await push(pushes++);
    clones.push(clone);
    timings.push(frame);
  }
  while (pushes < SOAK_PUSHES) await push(pushes++);
  const heapAfter500Bytes = await heap();
  await window.close();
  return {
    locks: lockCount,
    elements,
    pushMedianMs: median(timings),
    pushMaxMs: Math.max(...timings),
    cloneMedianMs: median(clones),
    heapAfter10Bytes,
    heapAfter500Bytes,
  };
}
