/**
 * Screenshots of the main states, for looking at (test-results/screenshots/, gitignored), plus
 * the README's picture (docs/screenshot.png) when UPDATE_DOCS_SCREENSHOT=1. Each also checks
 * that nothing spills sideways out of the window (420 px, or main's minimum of 360), the layout
 * bug screenshots catch first.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WindowState } from '../../preload/contract.ts';
import type { OpenOptions, TestWindow, WindowHarness } from './window-harness.ts';
import { startWindowHarness } from './window-harness.ts';
import {
  MINUTE,
  NOW,
  accountLockOf,
  batteryTrend,
  manyLocksState,
  mixedHouseholdState,
  windowLock,
  windowState,
} from './window-state-factory.ts';

const SCREENSHOTS = join(import.meta.dirname, '../../test-results/screenshots');
const DOCS_SCREENSHOT = join(import.meta.dirname, '../../docs/screenshot.png');
const DOCS_MANY_LOCKS = join(import.meta.dirname, '../../docs/screenshot-200-locks.png');
const DOCS_ACTIVITY = join(import.meta.dirname, '../../docs/screenshot-activity.png');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let harness: WindowHarness;
let window: TestWindow | undefined;

beforeAll(async () => {
  harness = await startWindowHarness();
  await mkdir(SCREENSHOTS, { recursive: true });
});
afterAll(() => harness.stop());
afterEach(async () => {
  await window?.close();
  window = undefined;
});

async function shoot(
  name: string,
  state: WindowState,
  options: OpenOptions = {},
  prepare?: (opened: TestWindow) => Promise<void>,
): Promise<Buffer> {
  window = await harness.open(state, { deviceScaleFactor: 2, ...options });
  await prepare?.(window);
  const overflow = await window.page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );
  expect(overflow).toBe(0);
  const png = await window.page.screenshot();
  expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  await writeFile(join(SCREENSHOTS, `${name}.png`), png);
  return png;
}

const allLocked = windowState({
  locks: [
    windowLock({ id: 1, name: 'Front door', battery: 76, batteryTrend: batteryTrend(92, 76) }),
    windowLock({
      id: 2,
      name: 'Garage',
      model: 'lock-go',
      battery: 58,
      door: 'not-paired',
      batteryTrend: batteryTrend(70, 58),
    }),
    windowLock({ id: 3, name: 'Back door', battery: 91, charging: true }),
  ],
  tray: 'locked',
});

/** One card of each kind that reads differently, for looking them over side by side. */
const variants = windowState({
  locks: [
    windowLock({ id: 1, name: 'Jammed', state: 'semi-locked', lastOperationFailed: true }),
    windowLock({ id: 2, name: 'Partly locked', state: 'semi-locked', door: 'open' }),
    windowLock({ id: 3, name: 'Updating', state: 'updating', battery: 12, charging: true }),
    windowLock({ id: 4, name: 'Calibrating', state: 'calibrating', door: 'uncalibrated' }),
    windowLock({ id: 5, name: 'Unknown', state: 'unknown', battery: null, connected: null }),
    windowLock({
      id: 6,
      name: 'Disconnected, no state',
      state: null,
      connected: false,
      disconnectedSince: NOW - 3 * MINUTE,
      lastChanged: null,
    }),
  ],
  tray: 'attention',
  status: { kind: 'paused', message: 'Paused from the tray menu.', retryAt: NOW + 60 * MINUTE },
  notices: [
    'The settings file was unreadable; it was kept as settings.json.bak and defaults are used.',
  ],
  demo: true,
});

describe('window screenshots', () => {
  it('all locked', async () => {
    await shoot('all-locked', allLocked);
    expect(await window?.page.locator('#summary-text').textContent()).toBe(
      'All 3 locks are locked',
    );
  });

  it('mixed, with a disconnected lock (also the README picture)', async () => {
    const png = await shoot('mixed-disconnected', mixedHouseholdState());
    if (process.env['UPDATE_DOCS_SCREENSHOT'] === '1') {
      await mkdir(join(DOCS_SCREENSHOT, '..'), { recursive: true });
      await writeFile(DOCS_SCREENSHOT, png);
    }
    expect(await window?.page.locator('.lock-card.is-disconnected').count()).toBe(1);
  });

  it('mixed, every card at once (taller window)', async () => {
    await shoot('mixed-tall', mixedHouseholdState(), { height: 1000 }, async (opened) => {
      await opened.page.getByText('History (battery, 2 events)').click();
    });
    expect(
      await window?.page.getByRole('img', { name: /Battery over the last 7 days/ }).isVisible(),
    ).toBe(true);
  });

  it('the activity log in an open History (also a README picture)', async () => {
    const activity = (id: number, minutesAgo: number, event: number, text: string) => ({
      id,
      event,
      text,
      user: null,
      source: 'device' as const,
      date: new Date(NOW - minutesAgo * MINUTE).toISOString(),
    });
    const state = windowState({
      locks: [
        windowLock({
          id: 1,
          name: 'Front door',
          state: 'unlocked',
          lastChanged: new Date(NOW - 3 * MINUTE).toISOString(),
          batteryTrend: batteryTrend(92, 76),
          activityCount: 6,
        }),
        windowLock({ id: 2, name: 'Garage', model: 'lock-go', door: 'not-paired' }),
      ],
      tray: 'unlocked',
    });
    const entries = [
      activity(6, 3, 61, 'Unlocked by Anna with the keypad'),
      activity(5, 41, 62, 'Incorrect PIN entered'),
      activity(4, 95, 36, 'Locked automatically'),
      activity(3, 102, 83, 'Door opened'),
      activity(2, 103, 33, 'Unlocked by Alex from the Tedee app'),
      activity(1, 300, 38, 'Locked by hand'),
    ];
    const png = await shoot(
      'activity-log',
      state,
      { height: 760, responses: { getActivity: { ok: true, data: { entries, more: false } } } },
      async (opened) => {
        await opened.page.locator('.lock-card summary').first().click();
        await opened.page.locator('.activity-entry').nth(5).waitFor();
      },
    );
    if (process.env['UPDATE_DOCS_SCREENSHOT'] === '1') await writeFile(DOCS_ACTIVITY, png);
    expect(await window?.page.locator('.activity-entry').count()).toBe(6);
  });

  it('every card variant, with banners (taller window)', async () => {
    await shoot('variants-tall', variants, { height: 1500 });
    expect(await window?.page.locator('.lock-card').count()).toBe(6);
  });

  it('the narrowest window main allows (360 px)', async () => {
    await shoot('narrow-variants', variants, { width: 360, height: 1500 });
    await window?.close();
    await shoot(
      'narrow-settings',
      mixedHouseholdState(),
      { width: 360, height: 1900 },
      async (opened) => {
        await opened.page.getByRole('button', { name: 'Settings' }).click();
      },
    );
  });

  it('settings panel', async () => {
    await shoot('settings', mixedHouseholdState(), {}, async (opened) => {
      await opened.page.getByRole('button', { name: 'Settings' }).click();
    });
    await window?.close();
    await shoot('settings-tall', mixedHouseholdState(), { height: 1900 }, async (opened) => {
      await opened.page.getByRole('button', { name: 'Settings' }).click();
    });
    expect(await window?.page.locator('#settings-view').isVisible()).toBe(true);
  });

  it('live mode: cards that say Live, and the Bridge section with a test result', async () => {
    const live = mixedHouseholdState({
      locks: mixedHouseholdState().locks.map((lock) =>
        lock.connected === false ? lock : { ...lock, source: 'bridge' as const, live: true },
      ),
      bridge: {
        token: 'saved',
        live: {
          mode: 'callbacks',
          bridgeOnly: false,
          message: 'Live: the bridge reports every change.',
        },
      },
    });
    await shoot('live-cards', live, { height: 800 });
    expect(await window?.page.locator('.lock-freshness.is-live').count()).toBe(2);
    await window?.close();
    await shoot('settings-bridge', live, { height: 1100 }, async (opened) => {
      await opened.respond('testBridge', {
        ok: true,
        data: {
          checks: [
            {
              name: 'reachable',
              outcome: 'ok',
              detail: 'Bridge-7C31 answers at http://192.168.1.20 (firmware 2.2.18420).',
            },
            { name: 'authenticated', outcome: 'ok', detail: 'The token works (encrypted mode).' },
            {
              name: 'clock',
              outcome: 'ok',
              detail: "This computer's clock agrees with the bridge's (within 1 s).",
            },
            {
              name: 'callbacks',
              outcome: 'failed',
              detail:
                "None arrive: the bridge's calls cannot reach this computer, so it is polled every few seconds instead. Allow incoming connections to Tedee Tray in the firewall.",
            },
          ],
        },
      });
      await opened.page.getByRole('button', { name: 'Settings' }).click();
      await opened.page.locator('.bridge-form details > summary').click();
      await opened.page.getByRole('button', { name: 'Test connection' }).click();
      await opened.page.locator('#bridge-checks li').nth(3).waitFor();
      await opened.page.locator('#bridge-checks').scrollIntoViewIfNeeded();
    });
  });

  it('200 locks, problems first (also a README picture)', async () => {
    const png = await shoot('many-locks', manyLocksState(200));
    if (process.env['UPDATE_DOCS_SCREENSHOT'] === '1') await writeFile(DOCS_MANY_LOCKS, png);
    expect(await window?.page.locator('#summary-text').textContent()).toBe(
      '58 locks need attention',
    );
    await window?.close();
    await shoot('dark-many-locks', manyLocksState(200), { colorScheme: 'dark' });
  });

  it('200 locks, searched and filtered', async () => {
    await shoot('many-locks-found', manyLocksState(200), {}, async (opened) => {
      await opened.page.getByRole('button', { name: /^Unlocked/ }).click();
      await opened.page.getByRole('searchbox').fill('door 1');
    });
    expect(await window?.page.locator('#find-result').textContent()).toMatch(/^Showing \d+ of 200/);
  });

  it('settings, choosing among 200 locks', async () => {
    const many = manyLocksState(200);
    const state = {
      ...many,
      settings: { ...many.settings, selection: { serials: ['SN-1000'] } },
      accountLocks: many.locks.map((lock) => accountLockOf(lock, lock.id === 1000)),
    };
    await shoot('settings-many-locks', state, { height: 1400 }, async (opened) => {
      await opened.page.getByRole('button', { name: 'Settings' }).click();
      await opened.page.getByRole('searchbox', { name: /Find a lock to tick/ }).fill('door 17');
    });
    expect(await window?.page.locator('#chooser-count').textContent()).toBe(
      '1 of 200 locks ticked, 11 shown.',
    );
  });

  it('welcome, no key yet', async () => {
    await shoot(
      'welcome',
      windowState({
        locks: [],
        accountLocks: [],
        tray: 'no-locks',
        status: { kind: 'starting', message: '', retryAt: null },
        key: { stored: 'none', storage: 'encrypted' },
      }),
    );
    expect(
      await window?.page.getByRole('heading', { name: 'Welcome to Tedee Tray' }).isVisible(),
    ).toBe(true);
  });

  it('dark theme', async () => {
    await shoot('dark-mixed', mixedHouseholdState(), { colorScheme: 'dark' });
    await shoot('dark-settings', mixedHouseholdState(), { colorScheme: 'dark' }, async (opened) => {
      await opened.page.getByRole('button', { name: 'Settings' }).click();
    });
  });
});
