/**
 * A battery-shaped bar with the level as its fill. The width is an SVG attribute, not a
 * style, so the CSP's ban on inline styles does not get in the way.
 */
import { svg } from './dom.ts';

const INNER_WIDTH = 20;

export function batteryGauge(percent: number, tone: 'ok' | 'warn' | 'alert'): SVGSVGElement {
  const width = (INNER_WIDTH * Math.min(100, Math.max(0, percent))) / 100;
  return svg(
    'svg',
    {
      class: `battery-gauge tone-${tone}`,
      viewBox: '0 0 28 14',
      'aria-hidden': 'true',
      focusable: 'false',
    },
    svg('rect', {
      class: 'battery-gauge-case',
      x: 0.75,
      y: 0.75,
      width: 24,
      height: 12.5,
      rx: 2.5,
    }),
    svg('rect', { class: 'battery-gauge-tip', x: 25.5, y: 4.5, width: 2, height: 5, rx: 1 }),
    svg('rect', {
      class: 'battery-gauge-fill',
      x: 2.75,
      y: 2.75,
      width: width.toFixed(2),
      height: 8.5,
      rx: 1,
    }),
  );
}
