/**
 * Debian's Chromium driven by Playwright, for the window tests and the icon renderer.
 * Playwright's own browser download cannot work on the machines that build this project.
 * The flags keep Chromium from phoning home: on a closed network those connections fail by
 * the dozen and slow every start.
 */
import { chromium } from 'playwright';
import type { Browser } from 'playwright';

export const CHROMIUM_PATH = process.env.CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}
