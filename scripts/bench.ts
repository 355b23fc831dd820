/**
 * `npm run bench`: the engine's and the window's speed and memory figures, printed as a table
 * and written to bench-results/latest.json. Figures, not pass/fail: a slow machine changes the
 * numbers, not the outcome. Targets are printed next to each figure.
 * `npm run bench -- --window-only` measures only the window (Chromium), `--live-only` only
 * live mode through the bridge, `--activity-only` only the activity log's load.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { activityLoad } from './bench/activity-load.ts';
import type { ActivityLoadFigures } from './bench/activity-load.ts';
import { changeToSnapshotLatency } from './bench/change-latency.ts';
import { cpuPerCycleMs } from './bench/cpu-per-cycle.ts';
import { heapGrowthOverDays } from './bench/heap-soak.ts';
import { callbackLatency, lanPollingLatency, liveRequestRates } from './bench/live-mode.ts';
import type { Quantiles } from './bench/live-mode.ts';
import { requestsPerHour } from './bench/request-rate.ts';
import { windowRenderFigures } from './bench/window-render.ts';

/** A fixed-seed generator, so every run places the changes at the same moments. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

const rows: Array<{ figure: string; value: string; target: string; met: boolean | null }> = [];

const windowOnly = process.argv.includes('--window-only');
const liveOnly = process.argv.includes('--live-only');
const activityOnly = process.argv.includes('--activity-only');
const activity: ActivityLoadFigures[] = [];
let latency: Awaited<ReturnType<typeof changeToSnapshotLatency>> | null = null;
let heap: Awaited<ReturnType<typeof heapGrowthOverDays>> | null = null;
let live: {
  callbacks: Quantiles;
  lanPolling: Quantiles;
  rates: Awaited<ReturnType<typeof liveRequestRates>>;
} | null = null;

const quantileText = (figures: Quantiles, unit: 'ms' | 's') =>
  unit === 'ms'
    ? `${figures.p50Ms.toFixed(1)} / ${figures.p95Ms.toFixed(1)} / ${figures.maxMs.toFixed(1)} ms`
    : `${(figures.p50Ms / 1000).toFixed(2)} / ${(figures.p95Ms / 1000).toFixed(2)} / ${(figures.maxMs / 1000).toFixed(2)} s`;

if (!windowOnly && !activityOnly) {
  live = {
    callbacks: await callbackLatency(200),
    lanPolling: await lanPollingLatency(100, seededRandom(2)),
    rates: await liveRequestRates(),
  };
  rows.push(
    {
      figure: `live: change → snapshot by callback (p50 / p95 / max, ${live.callbacks.samples} changes)`,
      value: quantileText(live.callbacks, 'ms'),
      target: 'p95 <= 250 ms',
      met: live.callbacks.p95Ms <= 250,
    },
    {
      figure: `live: change → snapshot by LAN polling at 3 s (p50 / p95 / max, ${live.lanPolling.samples} changes)`,
      value: quantileText(live.lanPolling, 's'),
      target: 'p95 <= 3.3 s',
      met: live.lanPolling.p95Ms <= 3300,
    },
    {
      figure: 'live: cloud requests per hour while live by callbacks',
      value: String(live.rates.cloudPerHour),
      target: '<= 15',
      met: live.rates.cloudPerHour <= 15,
    },
    {
      figure: 'live: bridge requests per hour by callbacks (heartbeats, callback checks)',
      value: String(live.rates.bridgePerHour),
      target: '<= 135',
      met: live.rates.bridgePerHour <= 135,
    },
  );
}

if (!windowOnly && !liveOnly) {
  // 350/h less the 121 syncs of a 30 s interval leaves 229 activity requests an hour; at six
  // changes per lock an hour, about 38 locks use it all: beyond that, entries wait their turn.
  for (const locks of [1, 5, 25, 38, 50, 200]) {
    const figures = await activityLoad(locks, seededRandom(locks));
    activity.push(figures);
    rows.push(
      {
        figure: `activity log on, a change per lock every 10 min, ${locks} lock(s): requests in the busiest hour (activity)`,
        value: `${figures.busiestHourRequests} (${figures.busiestHourActivity})`,
        target: '<= 350',
        met: figures.busiestHourRequests <= 350,
      },
      {
        figure: `activity log on, ${locks} lock(s): change → entry shown (p50 / p95 of ${figures.entries}, not shown)`,
        value: `${(figures.p50Ms / 1000).toFixed(0)} / ${(figures.p95Ms / 1000).toFixed(0)} s, ${figures.missing}`,
        target: '(figure)',
        met: null,
      },
    );
  }
}

if (!windowOnly && !liveOnly && !activityOnly) {
  for (const locks of [1, 5, 50, 200]) {
    const requests = await requestsPerHour(locks);
    rows.push({
      figure: `requests per hour at 20 s, ${locks} lock(s)`,
      value: String(requests),
      target: '<= 190',
      met: requests <= 190,
    });
  }

  latency = await changeToSnapshotLatency(400, seededRandom(1));
  const latencyTarget = latency.intervalSeconds * 1000 + 1000;
  rows.push({
    figure: `change → snapshot, interval ${latency.intervalSeconds} s (p50 / p95 / max, ${latency.samples} changes)`,
    value: `${(latency.p50Ms / 1000).toFixed(1)} / ${(latency.p95Ms / 1000).toFixed(1)} / ${(latency.maxMs / 1000).toFixed(1)} s`,
    target: `p95 <= ${latencyTarget / 1000} s`,
    met: latency.p95Ms <= latencyTarget,
  });

  for (const locks of [50, 200]) {
    const cpuMs = await cpuPerCycleMs(locks, 500);
    rows.push({
      figure: `CPU per poll cycle, ${locks} locks`,
      value: `${cpuMs.toFixed(2)} ms`,
      target: '(figure)',
      met: null,
    });
  }

  heap = await heapGrowthOverDays(7);
  rows.push({
    figure: `heap after day 1 → day ${heap.days} (${heap.cycles} syncs, ${heap.historySamples} history samples)`,
    value: `${mb(heap.afterDay1Bytes)} → ${mb(heap.afterLastDayBytes)} MB (${heap.growthBytes >= 0 ? '+' : ''}${mb(heap.growthBytes)})`,
    target: '< 2 MB',
    met: heap.growthBytes < 2 * 1024 * 1024,
  });
}

const windowFigures =
  liveOnly || activityOnly
    ? []
    : await windowRenderFigures([
        ...[1, 10, 50, 200].map((locks) => ({ locks, view: 'default' as const })),
        { locks: 200, view: 'full cards' as const },
      ]);
for (const figures of windowFigures) {
  const growth = figures.heapAfter500Bytes - figures.heapAfter10Bytes;
  const big = figures.locks === 200;
  const name = `window, ${figures.locks} lock(s)${figures.view === 'full cards' ? ', full cards' : ''}`;
  rows.push(
    {
      figure: `${name}: elements in the page, every History closed`,
      value: String(figures.elements),
      target: big ? '<= 4000' : '(figure)',
      met: big ? figures.elements <= 4000 : null,
    },
    {
      figure: `${name}: elements per card (median card)`,
      value: String(figures.elementsPerCard),
      target: '<= 18',
      met: figures.elementsPerCard <= 18,
    },
    {
      figure: `${name}: push → painted frame (median / max)`,
      value: `${figures.pushMedianMs.toFixed(1)} / ${figures.pushMaxMs.toFixed(1)} ms`,
      target: big ? 'median <= 16, max <= 50 ms' : '(figure)',
      met: big ? figures.pushMedianMs <= 16 && figures.pushMaxMs <= 50 : null,
    },
    {
      figure: `${name}: page's main thread CPU per push (median / max; slowest push; empty push)`,
      value: `${figures.mainThreadMedianMs.toFixed(1)} / ${figures.mainThreadMaxMs.toFixed(1)}; ${figures.slowestPushMainThreadMs.toFixed(1)}; ${figures.emptyPushMainThreadMs.toFixed(1)} ms`,
      target: '(figure)',
      met: null,
    },
    {
      figure: `${name}: main's diff and check of the update (median)`,
      value: `${figures.mainMedianMs.toFixed(2)} ms`,
      target: '(figure)',
      met: null,
    },
    {
      figure: `${name}: cloning the update, as IPC delivers it (median)`,
      value: `${figures.cloneMedianMs.toFixed(2)} ms`,
      target: '(figure)',
      met: null,
    },
    {
      figure: `${name}: JS heap after 10 → 500 pushes`,
      value: `${mb(figures.heapAfter10Bytes)} → ${mb(figures.heapAfter500Bytes)} MB (${growth >= 0 ? '+' : ''}${mb(growth)})`,
      target: '< 1 MB growth',
      met: growth < 1024 * 1024,
    },
  );
}

const width = Math.max(...rows.map((row) => row.figure.length));
console.log(`${'figure'.padEnd(width)}  ${'value'.padEnd(20)}  target`);
for (const row of rows) {
  const verdict = row.met === null ? '' : row.met ? '  met' : '  NOT MET';
  console.log(`${row.figure.padEnd(width)}  ${row.value.padEnd(20)}  ${row.target}${verdict}`);
}

mkdirSync('bench-results', { recursive: true });
const environment = {
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  at: new Date().toISOString(),
};
writeFileSync(
  'bench-results/latest.json',
  `${JSON.stringify({ environment, rows, latency, heap, live, activity, window: windowFigures }, null, 2)}\n`,
);
if (heap !== null)
  console.log(`\nheap after each simulated day: ${heap.dailyBytes.map(mb).join(', ')} MB`);
console.log('written to bench-results/latest.json');
