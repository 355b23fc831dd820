/**
 * The battery trend as a small line chart. Built with DOM APIs (no innerHTML), scaled by the
 * viewBox, and described by an aria-label so a screen reader gets the gist: span, first and
 * last level, lowest level.
 */
import type { WindowLock } from '../preload/contract.ts';
import { h, svg } from './dom.ts';
import { spanInWords } from './format-time.ts';

const WIDTH = 300;
const HEIGHT = 56;
/** Keeps the line off the top and bottom edge, where a 100 % or 0 % stroke would be cut in half. */
const PAD = 3;

type Point = WindowLock['batteryTrend'][number];

export function batteryChart(
  trend: readonly Point[],
  lowBatteryPercent: number,
): HTMLElement | null {
  const first = trend[0];
  const last = trend[trend.length - 1];
  if (first === undefined || last === undefined || trend.length < 2) return null;
  const span = Math.max(1, last.at - first.at);
  const x = (at: number) => ((at - first.at) / span) * WIDTH;
  const y = (battery: number) => PAD + ((100 - battery) / 100) * (HEIGHT - 2 * PAD);
  const line = trend
    .map((point) => `${x(point.at).toFixed(1)},${y(point.battery).toFixed(1)}`)
    .join(' ');
  const lowest = Math.min(...trend.map((point) => point.battery));
  const period = spanInWords(span);
  const summary = `Battery over the last ${period}: from ${first.battery} % to ${last.battery} %, lowest ${lowest} %.`;

  const chart = svg(
    'svg',
    {
      class: 'battery-chart-plot',
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      preserveAspectRatio: 'none',
      role: 'img',
      'aria-label': summary,
    },
    svg('title', {}, summary),
    svg('line', { class: 'chart-grid', x1: 0, x2: WIDTH, y1: y(50), y2: y(50) }),
    svg('line', {
      class: 'chart-threshold',
      x1: 0,
      x2: WIDTH,
      y1: y(lowBatteryPercent),
      y2: y(lowBatteryPercent),
    }),
    svg('polygon', { class: 'chart-area', points: `0,${HEIGHT} ${line} ${WIDTH},${HEIGHT}` }),
    svg('polyline', { class: 'chart-line', points: line }),
  );
  return h(
    'figure',
    { class: 'battery-chart' },
    chart,
    h(
      'figcaption',
      { class: 'battery-chart-caption', 'aria-hidden': 'true' },
      h('span', {}, `Battery, last ${period}`),
      h('span', {}, `${first.battery} % → ${last.battery} %`),
    ),
  );
}
