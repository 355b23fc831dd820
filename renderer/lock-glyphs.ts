/**
 * The lock cards' glyphs as a style sheet made at start from icons.ts: a card names its glyph
 * in data-glyph, and lock-card.css draws it with the card's own pseudo-elements, so a card
 * carries no <svg> (with 200 locks, about 450 elements fewer to style, lay out and keep). The
 * sheet is made by the app's own script, which the CSP allows; an inline style it would refuse.
 */
import { iconImage } from './icons.ts';
import type { Glyph } from './lock-presentation.ts';

/** Every glyph a card can show (the Record makes the compiler ask for a new one). */
const GLYPHS = Object.keys({
  locked: true,
  unlocked: true,
  attention: true,
  busy: true,
  unknown: true,
  disconnected: true,
} satisfies Record<Glyph, true>) as Glyph[];

export function adoptLockGlyphs(): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(
    GLYPHS.map((glyph) => `[data-glyph='${glyph}'] { --glyph: ${iconImage(glyph)}; }`).join('\n'),
  );
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
