/**
 * The window under load, in Chromium with the window tests' own harness: the built renderer,
 * the fake preload, a 420 × 640 window. Every lock has 300 battery readings and 20 events (what
 * the History sections would show); each push flips one lock between locked and unlocked.
 *
 * Each push goes the way main sends it: main's WindowUpdates turns the new state into what
 * changed and the contract's schema checks it (timed here, in Node, as main's part); the page
 * then clones the update (what Electron's IPC costs to deliver it) and hands it to the window,
 * timed from the hand-over to the frame after it was painted (a task queued from the next
 * animation frame runs once that frame is done). Beside that wall time, the CPU time the
 * page's main thread spent on the push (the DevTools protocol's ThreadTime before and after
 * it): on a busy machine the wall time grows with waits for a core, the CPU time does not, so
 * the two tell slow code from a busy machine. The heap is read through the DevTools protocol
 * after a forced garbage collection.
 */
import { WindowUpdates } from '../../main/app/window-updates.ts';
import { windowUpdateSchema } from '../../preload/contract.ts';
import type { WindowState, WindowUpdate } from '../../preload/contract.ts';
import { startWindowHarness } from '../../test/renderer/window-harness.ts';
import { manyLocksState } from '../../test/renderer/window-state-factory.ts';

/** 'default': the list as the window first shows it (one line per lock above 50 locks). */
export type ListView = 'default' | 'full cards';

export interface WindowRenderFigures {
  locks: number;
  view: ListView;
  /** Every element in the page with every History closed, settings panel included. */
  elements: number;
  /** Elements in one lock card (the median card), History closed. */
  elementsPerCard: number;
  pushMedianMs: number;
  pushMaxMs: number;
  /**
   * CPU time of the page's main thread per push, from before the hand-over to after the
   * painted frame: the window's own work (script, style, layout, paint, GC), plus the
   * harness's evaluate call that carries the push (emptyPushMainThreadMs).
   */
  mainThreadMedianMs: number;
  mainThreadMaxMs: number;
  /** The main thread's CPU time in the push with the longest wall time. */
  slowestPushMainThreadMs: number;
  /** Median main-thread CPU time of the same round trip without an update: the harness's share. */
  emptyPushMainThreadMs: number;
  /** Median time main takes to work out what changed and check it against the contract. */
  mainMedianMs: number;
  /** Median time to clone the update, as IPC delivery costs before the window sees it. */
  cloneMedianMs: number;
  heapAfter10Bytes: number;
  heapAfter500Bytes: number;
}

const WARM_UP_PUSHES = 10;
const TIMED_PUSHES = 60;
const SOAK_PUSHES = 500;
const EMPTY_PUSHES = 20;

/** Runs in the page: clones the update, hands it over, resolves with the ms of both. */
const PUSH = `(async (update) => {
  const cloneStart = performance.now();
  const delivered = structuredClone(update);
  const start = performance.now();
  globalThis.__tedeeFake.deliver(delivered);
  await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  return [start - cloneStart, performance.now() - start];
})`;

/** Runs in the page: the same round trip as PUSH without handing anything over. */
const EMPTY_PUSH = `(async (update) => {
  structuredClone(update);
  await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
})`;

/** Runs in the page: how many elements the median card has. */
const ELEMENTS_PER_CARD = `(() => {
  const counts = [...document.querySelectorAll('article.lock-card')]
    .map((card) => card.querySelectorAll('*').length + 1)
    .sort((a, b) => a - b);
  return counts[Math.floor(counts.length / 2)] ?? 0;
})()`;

function median(values: readonly number[]): number {
  const sorted = values.toSorted((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** The state after push `index`: one lock flipped between locked and unlocked. */
function flipped(state: WindowState, index: number): WindowState {
  const position = index % state.locks.length;
  return {
    ...state,
    locks: state.locks.map((lock, at) =>
      at === position
        ? { ...lock, state: lock.state === 'unlocked' ? 'locked' : 'unlocked' }
        : lock,
    ),
  };
}

export async function windowRenderFigures(
  runs: ReadonlyArray<{ locks: number; view: ListView }>,
): Promise<WindowRenderFigures[]> {
  const harness = await startWindowHarness();
  try {
    const figures: WindowRenderFigures[] = [];
    for (const run of runs) figures.push(await measure(harness, run.locks, run.view));
    return figures;
  } finally {
    await harness.stop();
  }
}

async function measure(
  harness: Awaited<ReturnType<typeof startWindowHarness>>,
  lockCount: number,
  view: ListView,
): Promise<WindowRenderFigures> {
  let state: WindowState = manyLocksState(lockCount, { samples: 300, events: 20 });
  // The real clock: a faked one counts whole milliseconds.
  const window = await harness.open(state, { clock: 'real' });
  const { page } = window;
  await page.locator('article.lock-card').first().waitFor();
  const compact = page.locator('#compact-toggle[aria-pressed="true"]');
  if (view === 'full cards' && (await compact.count()) > 0) await compact.click();
  const elements = await page.evaluate<number>("document.querySelectorAll('*').length");
  const elementsPerCard = await page.evaluate<number>(ELEMENTS_PER_CARD);
  const protocol = await page.context().newCDPSession(page);
  const heap = async (): Promise<number> => {
    await protocol.send('HeapProfiler.collectGarbage');
    return (await protocol.send('Runtime.getHeapUsage')).usedSize;
  };
  await protocol.send('Performance.enable');
  /** Seconds of CPU the page's main thread has used since Performance.enable. */
  const threadTime = async (): Promise<number> => {
    const { metrics } = await protocol.send('Performance.getMetrics');
    return metrics.find((metric) => metric.name === 'ThreadTime')?.value ?? Number.NaN;
  };
  // Main's side: the window already holds this state as number 1 (its getState answer).
  const updates = new WindowUpdates();
  updates.full(state);
  const mainTimes: number[] = [];
  // Page code is text here: the scripts are type-checked without the DOM library.
  const push = async (index: number): Promise<[number, number]> => {
    state = flipped(state, index);
    const start = performance.now();
    const update: WindowUpdate = windowUpdateSchema.parse(updates.next(state));
    mainTimes.push(performance.now() - start);
    // Written into the script: the page parses it before the timed part begins.
    return page.evaluate<[number, number]>(`${PUSH}(${JSON.stringify(update)})`);
  };

  let pushes = 0;
  while (pushes < WARM_UP_PUSHES) await push(pushes++);
  const heapAfter10Bytes = await heap();
  const timings: number[] = [];
  const clones: number[] = [];
  const threadTimes: number[] = [];
  mainTimes.length = 0;
  while (pushes < WARM_UP_PUSHES + TIMED_PUSHES) {
    const threadBefore = await threadTime();
    const [clone, frame] = await push(pushes++);
    threadTimes.push((await threadTime()) - threadBefore);
    clones.push(clone);
    timings.push(frame);
  }
  const mainMedianMs = median(mainTimes);
  const emptyTimes: number[] = [];
  for (let empty = 0; empty < EMPTY_PUSHES; empty += 1) {
    const threadBefore = await threadTime();
    await page.evaluate(`${EMPTY_PUSH}(${JSON.stringify({ kind: 'changes', empty })})`);
    emptyTimes.push((await threadTime()) - threadBefore);
  }
  while (pushes < SOAK_PUSHES) await push(pushes++);
  const heapAfter500Bytes = await heap();
  await window.close();
  return {
    locks: lockCount,
    view,
    elements,
    elementsPerCard,
    pushMedianMs: median(timings),
    pushMaxMs: Math.max(...timings),
    mainThreadMedianMs: median(threadTimes) * 1000,
    mainThreadMaxMs: Math.max(...threadTimes) * 1000,
    slowestPushMainThreadMs: (threadTimes[timings.indexOf(Math.max(...timings))] ?? 0) * 1000,
    emptyPushMainThreadMs: median(emptyTimes) * 1000,
    mainMedianMs,
    cloneMedianMs: median(clones),
    heapAfter10Bytes,
    heapAfter500Bytes,
  };
}
