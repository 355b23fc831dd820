/**
 * The page's defences and looks: the CSP refuses inline script and style, the dark theme
 * follows the system, and text keeps WCAG AA contrast (4.5:1) in both themes.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { measureContrast } from './contrast-probe.ts';
import { useWindow } from './use-window.ts';
import { mixedHouseholdState, windowLock, windowState } from './window-state-factory.ts';

const open = useWindow();

const POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; base-uri 'none'; form-action 'none'";

/** Takes the violations recorded so far, so the harness's "no violations" check covers only the rest. */
function takeViolations(page: Page): Promise<string[]> {
  return page.evaluate<string[]>('globalThis.__cspViolations.splice(0)');
}

const LOCK_VIEW_TEXT = [
  '#summary-text',
  '.app-name',
  '#nav-settings',
  '.banner-title',
  '.banner-text',
  '#refresh-now',
  '.lock-card[data-lock-id="1"] .lock-state',
  '.lock-card[data-lock-id="2"] .lock-state',
  '.lock-card[data-lock-id="2"] dd[data-fact="door"]',
  '.lock-card[data-lock-id="2"] .chip',
  '.lock-card[data-lock-id="3"] dd[data-fact="connection"]',
  '.lock-card[data-lock-id="3"] .lock-state-prefix',
  '.lock-model',
  '.lock-since',
  '.lock-explanation',
  '.badge-stale',
  '.lock-facts dt',
  '.lock-history summary',
  '.lock-card[data-lock-id="4"] .lock-state',
  '.lock-card[data-lock-id="4"] .chip',
];

const SETTINGS_TEXT = [
  '.section-title',
  'legend',
  '.projection',
  '.unit',
  '#settings-save',
  '.advanced summary',
  '.key-stored',
  '#key-remove',
  '.hint',
];

describe('page policy and theme', () => {
  it('declares the strict CSP', async () => {
    const window = await open(windowState());
    expect(
      await window.page
        .locator('meta[http-equiv="Content-Security-Policy"]')
        .getAttribute('content'),
    ).toBe(POLICY);
  });

  it('refuses to run an injected inline script', async () => {
    const window = await open(windowState());
    await window.page.evaluate(
      "const script = document.createElement('script'); script.textContent = 'globalThis.__inlineRan = true'; document.body.append(script);",
    );
    await expect.poll(() => takeViolations(window.page)).toEqual(['script-src-elem inline']);
    expect(await window.page.evaluate('globalThis.__inlineRan')).toBeUndefined();
    expect(window.takeProblems()).toEqual([
      expect.stringContaining('Executing inline script violates'),
    ]);
  });

  it('refuses an inline style attribute', async () => {
    const window = await open(windowState());
    await window.page.evaluate(
      "document.querySelector('#summary-text').setAttribute('style', 'display: none')",
    );
    await expect.poll(() => takeViolations(window.page)).toEqual(['style-src-attr inline']);
    expect(await window.page.locator('#summary-text').isVisible()).toBe(true);
    expect(window.takeProblems()).toEqual([
      expect.stringContaining('Applying inline style violates'),
    ]);
  });

  it('may not fetch anything, not even from its own origin', async () => {
    const window = await open(windowState());
    const outcome = await window.page.evaluate<string>(
      "fetch('index.html').then(() => 'fetched', () => 'refused')",
    );
    expect(outcome).toBe('refused');
    expect(await takeViolations(window.page)).toEqual([expect.stringMatching(/^connect-src /)]);
    expect(window.takeProblems().join('\n')).toContain(
      'violates the following Content Security Policy directive: "connect-src \'none\'"',
    );
  });

  it('follows the system into the dark theme', async () => {
    const window = await open(windowState());
    const background = () =>
      window.page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
    const light = await background();
    await window.page.emulateMedia({ colorScheme: 'dark' });
    const dark = await background();
    expect(light).toBe('rgb(242, 243, 245)');
    expect(dark).toBe('rgb(17, 19, 22)');
  });

  it.each(['light', 'dark'] as const)(
    'keeps text at 4.5:1 contrast or more in the %s theme',
    async (colorScheme) => {
      const state = mixedHouseholdState();
      const charging = windowLock({
        id: 4,
        name: 'Shed',
        state: 'calibrating',
        battery: 40,
        charging: true,
      });
      const window = await open({ ...state, locks: [...state.locks, charging] }, { colorScheme });
      const lockView = await measureContrast(window.page, LOCK_VIEW_TEXT);
      await window.page.getByRole('button', { name: 'Settings' }).click();
      const settings = await measureContrast(window.page, SETTINGS_TEXT);
      const tooFaint = [...lockView, ...settings].filter(({ ratio }) => ratio < 4.5);
      expect(tooFaint).toEqual([]);
    },
  );
});
