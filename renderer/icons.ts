/**
 * Line icons drawn with DOM APIs (no image files: img-src only allows 'self' and data:, and an
 * inline SVG takes the text colour, so the same icon works in both themes).
 */
import { svg } from './dom.ts';
import type { Glyph } from './lock-presentation.ts';

export type IconName =
  Glyph | 'check' | 'bolt' | 'refresh' | 'pause' | 'play' | 'settings' | 'info' | 'key' | 'back';

/** Each icon as stroked paths on a 24×24 grid; `fill` paths are drawn solid. */
const PATHS: Readonly<Record<IconName, { stroke: string[]; fill?: string[] }>> = {
  locked: {
    stroke: [
      'M6 11h12a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1v-8a1 1 0 0 1 1-1z',
      'M8 11V7a4 4 0 0 1 8 0v4',
    ],
  },
  unlocked: {
    stroke: [
      'M6 11h12a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1v-8a1 1 0 0 1 1-1z',
      'M8 11V7a4 4 0 0 1 7.9-.9',
    ],
  },
  attention: {
    stroke: ['M12 3.5 21.5 20h-19z', 'M12 10v4.5'],
    fill: ['M12 16.3a1.1 1.1 0 1 1 0 2.2 1.1 1.1 0 0 1 0-2.2z'],
  },
  busy: { stroke: ['M20 12a8 8 0 1 1-2.4-5.7', 'M20 4v4.5h-4.5'] },
  unknown: {
    stroke: [
      'M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18z',
      'M9.5 9.5a2.5 2.5 0 1 1 3.4 2.3c-.6.3-.9.8-.9 1.4v.6',
    ],
    fill: ['M12 16.2a1.1 1.1 0 1 1 0 2.2 1.1 1.1 0 0 1 0-2.2z'],
  },
  disconnected: {
    stroke: [
      'M3 3l18 18',
      'M8.5 16.5a5 5 0 0 1 6.2-.6',
      'M5 12.9a10 10 0 0 1 4.4-2.5',
      'M19 12.9a10 10 0 0 0-3-2',
      'M2 9.4a14 14 0 0 1 3.6-2.6',
      'M22 9.4A14 14 0 0 0 11 5.9',
    ],
    fill: ['M12 18.6a1.2 1.2 0 1 1 0 2.4 1.2 1.2 0 0 1 0-2.4z'],
  },
  check: { stroke: ['M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18z', 'M8 12.2l2.7 2.7L16.2 9.4'] },
  bolt: { stroke: [], fill: ['M13.5 2 4.5 13.5h6.5L10 22l9.5-12H13z'] },
  refresh: { stroke: ['M20 12a8 8 0 1 1-2.4-5.7', 'M20 4v4.5h-4.5'] },
  pause: { stroke: ['M9 5v14', 'M15 5v14'] },
  play: { stroke: ['M7 4.5v15l12-7.5z'] },
  settings: {
    stroke: ['M4 7h10', 'M18 7h2', 'M4 17h2', 'M10 17h10', 'M16 4.5v5', 'M8 14.5v5'],
  },
  info: {
    stroke: ['M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18z', 'M12 11v5.5'],
    fill: ['M12 7a1.1 1.1 0 1 1 0 2.2A1.1 1.1 0 0 1 12 7z'],
  },
  key: { stroke: ['M7.5 8a4 4 0 1 1 0 8 4 4 0 0 1 0-8z', 'M11.5 12H21', 'M18 12v3', 'M21 12v2.5'] },
  back: { stroke: ['M15 5l-7 7 7 7'] },
};

/** A decorative icon: hidden from screen readers, because the text next to it says the same. */
export function icon(name: IconName, className = 'icon'): SVGSVGElement {
  const paths = PATHS[name];
  return svg(
    'svg',
    {
      class: className,
      viewBox: '0 0 24 24',
      'aria-hidden': 'true',
      focusable: 'false',
      'data-icon': name,
    },
    // One path per kind of paint, its shapes as subpaths: the same picture in fewer elements
    // (two hundred lock cards each carry an icon).
    svg('path', { d: paths.stroke.join(' '), class: 'icon-stroke' }),
    paths.fill === undefined ? null : svg('path', { d: paths.fill.join(' '), class: 'icon-fill' }),
  );
}

/**
 * The icon as a CSS image (an SVG data: URL) for icons that CSS draws without an element of
 * their own; black, for use as a mask over a colour. Stroked as .icon-stroke in base.css
 * strokes the inline icons.
 */
export function iconImage(name: IconName): string {
  const paths = PATHS[name];
  const stroke = `<path d='${paths.stroke.join(' ')}' fill='none' stroke='black' stroke-width='1.8' stroke-linecap='round' stroke-linejoin='round'/>`;
  const fill = paths.fill === undefined ? '' : `<path d='${paths.fill.join(' ')}'/>`;
  const image = `<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'>${stroke}${fill}</svg>`;
  return `url("data:image/svg+xml,${encodeURIComponent(image)}")`;
}
