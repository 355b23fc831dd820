/**
 * A battery-shaped bar with the level as its fill: one element, its case a border, its tip and
 * fill pseudo-elements (lock-card.css), the fill as wide as the level in `data-level` (CSS
 * attr(); the CSP's ban on inline styles rules out a width set from here).
 */
import { h } from './dom.ts';

export function batteryGauge(percent: number, tone: 'ok' | 'warn' | 'alert'): HTMLElement {
  const level = Math.round(Math.min(100, Math.max(0, percent)));
  return h('span', {
    class: `battery-gauge tone-${tone}`,
    'data-level': level,
    'aria-hidden': 'true',
  });
}
