/**
 * axe-core's WCAG 2.0/2.1 A and AA rules over every kind of screen the window shows: the lock
 * list (calm and in every troubling variant), each status banner, the welcome and key form,
 * the settings panel with and without errors, and the dark theme. A serious or critical
 * violation fails the test with the rule and the elements it found; lesser ones are left to
 * judgement, since axe marks them as possibly harmless.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import type { WindowState } from '../../preload/contract.ts';
import { APP_STATUS_KINDS } from '../../main/engine/monitor-snapshot.ts';
import type { AppStatusKind } from '../../main/engine/monitor-snapshot.ts';
import { useWindow } from './use-window.ts';
import type { OpenOptions } from './window-harness.ts';
import {
  HOUR,
  MINUTE,
  NOW,
  batteryTrend,
  manyLocksState,
  mixedHouseholdState,
  windowLock,
  windowState,
} from './window-state-factory.ts';

const open = useWindow();

/** axe reads every element; 200 lock cards take it tens of seconds on a busy machine. */
const MANY_LOCKS_TIMEOUT_MS = 180_000;

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

/** Each blocking violation as one readable line per element, so a failure says what to fix where. */
async function blockingViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations
    .filter((violation) => BLOCKING_IMPACTS.has(violation.impact ?? ''))
    .flatMap((violation) =>
      violation.nodes.map(
        (node) =>
          `${violation.id} (${violation.impact}): ${violation.help} at ${node.target.join(' ')}: ${node.failureSummary ?? ''}`,
      ),
    );
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await blockingViolations(page)).toEqual([]);
}

/** Opens every collapsed section on screen (lock history, advanced settings) so axe also sees what they hide. */
async function expandAll(page: Page): Promise<void> {
  // Only visible ones: a hidden view (the lock list behind the settings) cannot be clicked open.
  const closed = page.locator('details:not([open]) > summary:visible');
  while ((await closed.count()) > 0) await closed.first().click();
}

/** One lock per way a lock can look worrying, each with its own name so every card is distinct. */
function troubledLocksState(): WindowState {
  const locks = [
    windowLock({
      id: 1,
      name: 'Front door',
      state: 'unlocked',
      batteryTrend: batteryTrend(92, 76),
      recentEvents: [
        { at: NOW - 47 * MINUTE, state: 'unlocked', connected: true, battery: 76 },
        { at: NOW - 2 * HOUR, state: 'locked', connected: true, battery: 77 },
      ],
    }),
    windowLock({ id: 2, name: 'Patio', door: 'open' }),
    windowLock({ id: 3, name: 'Garage', battery: 12, batteryTrend: batteryTrend(41, 12) }),
    windowLock({ id: 4, name: 'Shed', battery: 40, charging: true }),
    windowLock({
      id: 5,
      name: 'Back door',
      connected: false,
      disconnectedSince: NOW - 28 * MINUTE,
      lastSyncedAt: NOW - 28 * MINUTE,
      stale: true,
    }),
    windowLock({ id: 6, name: 'Cellar', battery: null, charging: null }),
    windowLock({ id: 7, name: 'Office', state: 'updating' }),
    windowLock({ id: 8, name: 'Gate', state: 'semi-locked', lastOperationFailed: true }),
  ];
  return windowState({ locks, tray: 'attention' });
}

function statusState(kind: AppStatusKind): WindowState {
  const status: WindowState['status'] = {
    kind,
    message: kind === 'starting' || kind === 'paused' ? '' : 'Tedee answered with an error.',
    retryAt:
      kind === 'ok' || kind === 'auth-error' || kind === 'forbidden' ? null : NOW + 15 * MINUTE,
  };
  return windowState({ status });
}

function noKeyState(): WindowState {
  return windowState({
    locks: [],
    accountLocks: [],
    tray: 'no-locks',
    status: { kind: 'starting', message: '', retryAt: null },
    key: { stored: 'none', storage: 'encrypted' },
  });
}

async function openPage(state: WindowState, options?: OpenOptions): Promise<Page> {
  const { page } = await open(state, options);
  return page;
}

/** The settings panel, with its collapsed sections opened. */
async function openSettings(state: WindowState, options?: OpenOptions): Promise<Page> {
  const page = await openPage(state, options);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expandAll(page);
  return page;
}

describe('accessibility (axe, WCAG 2.1 A and AA)', () => {
  it('all locked', async () => {
    const locks = [
      windowLock({ id: 1, name: 'Front door' }),
      windowLock({ id: 2, name: 'Garage', model: 'lock-go' }),
      windowLock({ id: 3, name: 'Back door' }),
    ];
    await expectAccessible(await openPage(windowState({ locks })));
  });

  it('locks unlocked, with an open door, low, charging, disconnected, of unknown battery, updating and jammed', async () => {
    const page = await openPage(troubledLocksState());
    await expandAll(page);
    await expectAccessible(page);
  });

  it.each(APP_STATUS_KINDS)('the %s banner', async (kind) => {
    await expectAccessible(await openPage(statusState(kind)));
  });

  it('the demo banner and notices', async () => {
    await expectAccessible(
      await openPage(windowState({ demo: true, notices: ['Start at login is not available.'] })),
    );
  });

  it('the welcome panel without a key', async () => {
    await expectAccessible(await openPage(noKeyState()));
  });

  it('the settings panel', async () => {
    await expectAccessible(await openSettings(mixedHouseholdState()));
  });

  it('the settings panel showing validation errors', async () => {
    const page = await openSettings(mixedHouseholdState());
    await page.getByLabel('Check every').fill('19');
    await page.getByLabel('Low-battery threshold in percent').fill('96');
    await page.getByLabel('Tedee API address').fill('http://example.com');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('#settings-api-url-error').filter({ hasText: /\S/ }).waitFor();
    await expectAccessible(page);
  });

  it('the key form showing an error', async () => {
    const page = await openPage(noKeyState(), {
      responses: { setKey: { ok: false, error: 'Tedee did not accept this key (401).' } },
    });
    await page.getByRole('textbox', { name: 'Personal Access Key' }).fill('wrong-key');
    await page.getByRole('button', { name: 'Save key' }).click();
    await page
      .locator('#key-error')
      .filter({ hasText: 'Tedee did not accept this key (401).' })
      .waitFor();
    await expectAccessible(page);
  });

  it('the dark theme, lock list', async () => {
    const page = await openPage(troubledLocksState(), { colorScheme: 'dark' });
    await expandAll(page);
    await expectAccessible(page);
  });

  it(
    '200 locks, problems first, with search and filters',
    async () => {
      await expectAccessible(await openPage(manyLocksState(200)));
    },
    MANY_LOCKS_TIMEOUT_MS,
  );

  it(
    '200 locks as full cards',
    async () => {
      const page = await openPage(manyLocksState(200));
      await page.getByRole('button', { name: 'One line per lock' }).click();
      await page.locator('#lock-list:not(.is-compact)').waitFor({ state: 'attached' });
      await expectAccessible(page);
    },
    MANY_LOCKS_TIMEOUT_MS,
  );

  it('20 locks switched to one line per lock', async () => {
    const page = await openPage(manyLocksState(20));
    await page.getByRole('button', { name: 'One line per lock' }).click();
    await page.locator('#lock-list.is-compact').waitFor({ state: 'attached' });
    await expectAccessible(page);
  });

  it(
    '200 locks, filtered and searched, and a search that finds nothing',
    async () => {
      const page = await openPage(manyLocksState(200));
      await page.getByRole('button', { name: /^Need attention/ }).click();
      await page.getByRole('searchbox').fill('door 1');
      await page.locator('#find-result', { hasText: /^Showing/ }).waitFor();
      await expectAccessible(page);
      await page.getByRole('searchbox').fill('no such lock');
      await page.locator('#find-result', { hasText: 'No lock matches.' }).waitFor();
      await expectAccessible(page);
    },
    MANY_LOCKS_TIMEOUT_MS,
  );

  it(
    'the settings panel choosing among 200 locks, searched',
    async () => {
      const page = await openSettings(manyLocksState(200));
      await page.getByLabel('Only the locks ticked below').check();
      await page.getByRole('searchbox', { name: /Find a lock to tick/ }).fill('door 1');
      await expectAccessible(page);
    },
    MANY_LOCKS_TIMEOUT_MS,
  );

  it(
    'the dark theme, 200 locks filtered',
    async () => {
      const page = await openPage(manyLocksState(200), { colorScheme: 'dark' });
      await page.getByRole('button', { name: /^Low battery/ }).click();
      await expectAccessible(page);
    },
    MANY_LOCKS_TIMEOUT_MS,
  );

  it('the dark theme, settings', async () => {
    await expectAccessible(await openSettings(mixedHouseholdState(), { colorScheme: 'dark' }));
  });
});
