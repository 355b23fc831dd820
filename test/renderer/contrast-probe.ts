/**
 * Measures WCAG contrast in the page: for each selector, the text colour against the first
 * opaque background behind it. Kept as page-side source text because the test's TypeScript
 * has no DOM types; the arithmetic is the WCAG 2 relative-luminance formula.
 */
import type { Page } from 'playwright';

export interface Contrast {
  selector: string;
  ratio: number;
}

const PROBE = `(selectors) => {
  const channels = (color) => (color.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const linear = [r, g, b].map((value) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
  };
  const backgroundOf = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const parts = channels(getComputedStyle(node).backgroundColor);
      if (parts.length === 3 || (parts.length === 4 && parts[3] === 1)) return parts.slice(0, 3);
    }
    return [255, 255, 255];
  };
  return selectors.map((selector) => {
    const element = document.querySelector(selector);
    if (!element) return { selector, ratio: 0 };
    const text = luminance(channels(getComputedStyle(element).color));
    const back = luminance(backgroundOf(element));
    const ratio = (Math.max(text, back) + 0.05) / (Math.min(text, back) + 0.05);
    return { selector, ratio: Math.round(ratio * 100) / 100 };
  });
}`;

export function measureContrast(page: Page, selectors: readonly string[]): Promise<Contrast[]> {
  return page.evaluate<Contrast[]>(`(${PROBE})(${JSON.stringify(selectors)})`);
}
