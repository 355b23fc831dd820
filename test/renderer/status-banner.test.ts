/**
 * One banner per app status, the demo hint and notices; the live region that announces
 * changes; and actions in banners, whose errors appear beside them (never in a dialog).
 */
import { describe, expect, it } from 'vitest';
import type { WindowState } from '../../preload/contract.ts';
import { APP_STATUS_KINDS } from '../../main/engine/monitor-snapshot.ts';
import { trayStatusOf } from '../../main/engine/tray-status.ts';
import type { AppStatusKind } from '../../main/engine/monitor-snapshot.ts';
import { focusedId, useWindow } from './use-window.ts';
import { MINUTE, NOW, windowState } from './window-state-factory.ts';

const open = useWindow();

const CASES: Record<
  AppStatusKind,
  { status: WindowState['status']; title: string; text: string[]; buttons?: string[] }
> = {
  starting: {
    status: { kind: 'starting', message: '', retryAt: null },
    title: 'Starting…',
    text: ['Checking your locks for the first time.'],
  },
  ok: {
    status: { kind: 'ok', message: 'Your settings were restored from a backup.', retryAt: null },
    title: 'Up to date',
    text: ['Your settings were restored from a backup.', 'Last checked 14:29.'],
  },
  offline: {
    status: { kind: 'offline', message: 'The network is unreachable.', retryAt: NOW + 5 * MINUTE },
    title: 'Can’t reach Tedee',
    text: [
      'The network is unreachable.',
      'Showing the last known state.',
      'Trying again at 14:35.',
    ],
  },
  'auth-error': {
    status: { kind: 'auth-error', message: 'Tedee answered 401 Unauthorized.', retryAt: null },
    title: 'Tedee rejected the key',
    text: ['Tedee answered 401 Unauthorized.'],
    buttons: ['Enter a new key'],
  },
  forbidden: {
    status: { kind: 'forbidden', message: 'Tedee answered 403 Forbidden.', retryAt: null },
    title: 'The key may not read your locks',
    text: ['Tedee answered 403 Forbidden.', 'Create a key that is allowed to read devices.'],
    buttons: ['Enter a new key', 'How to create a key'],
  },
  'rate-limited': {
    status: { kind: 'rate-limited', message: 'Tedee asked to wait.', retryAt: NOW + 15 * MINUTE },
    title: 'Rate limited until 14:45',
    text: ['Tedee asked to wait.', 'The app waits so it does not use up your account’s requests.'],
  },
  paused: {
    status: { kind: 'paused', message: '', retryAt: NOW + 60 * MINUTE },
    title: 'Monitoring paused until 15:30',
    text: [],
    buttons: ['Resume'],
  },
};

/** What the header says above each banner: never the opposite ("out of reach" above "rate limited"). */
const HEADERS: Record<AppStatusKind, string> = {
  starting: 'Looking for your locks',
  ok: 'The lock is locked',
  offline: 'Tedee is out of reach',
  'auth-error': 'The key needs attention',
  forbidden: 'The key needs attention',
  'rate-limited': 'Tedee asked to wait',
  paused: 'Monitoring is paused',
};

describe('status banner', () => {
  it('has a case for every app status kind', () => {
    expect(Object.keys(CASES).sort()).toEqual([...APP_STATUS_KINDS].sort());
  });

  it.each(APP_STATUS_KINDS)(
    'puts a header above the %s banner that says the same, with the tray status main derives',
    async (kind) => {
      const { status } = CASES[kind];
      // Starting: no lock known yet, as at the first start.
      const locks = kind === 'starting' ? [] : windowState().locks;
      const tray = trayStatusOf(status, locks, 20);
      const window = await open(windowState({ status, locks, accountLocks: [], tray }));
      expect({
        header: await window.page.locator('#summary-text').innerText(),
        banner: await window.page.locator('.banner-title').innerText(),
      }).toEqual({ header: HEADERS[kind], banner: CASES[kind].title });
    },
  );

  it.each(APP_STATUS_KINDS)('shows one banner for %s', async (kind) => {
    const expected = CASES[kind];
    const window = await open(windowState({ status: expected.status }));
    const banner = window.page.locator('.banner');
    expect(await banner.count()).toBe(1);
    expect(await banner.getAttribute('data-banner')).toBe(kind);
    expect(await banner.locator('.banner-title').innerText()).toBe(expected.title);
    expect(await banner.locator('.banner-text').allInnerTexts()).toEqual(expected.text);
    expect(await banner.getByRole('button').allInnerTexts()).toEqual(expected.buttons ?? []);
  });

  it('says "paused" without a time when the pause has no end', async () => {
    const window = await open(
      windowState({ status: { kind: 'paused', message: '', retryAt: null }, tray: 'paused' }),
    );
    expect(await window.page.locator('.banner-title').innerText()).toBe('Monitoring paused');
  });

  it('resumes from the paused banner and shows a failure beside the button', async () => {
    const window = await open(
      windowState({ status: { kind: 'paused', message: '', retryAt: null }, tray: 'paused' }),
      {
        responses: { resume: { ok: false, error: 'The monitor is shutting down.' } },
      },
    );
    await window.page.locator('.banner').getByRole('button', { name: 'Resume' }).click();
    expect(await window.calls('resume')).toEqual([{ verb: 'resume', request: undefined }]);
    const error = window.page.locator('.banner').getByRole('alert');
    await expect.poll(() => error.innerText()).toBe('The monitor is shutting down.');
  });

  it('takes the user to the key field when Tedee rejected the key', async () => {
    const window = await open(
      windowState({ status: CASES['auth-error'].status, tray: 'key-problem' }),
    );
    await window.page.getByRole('button', { name: 'Enter a new key' }).click();
    expect(await window.page.locator('#settings-view').isVisible()).toBe(true);
    expect(await focusedId(window.page)).toBe('key-input');
  });

  it('opens the key guide from the forbidden banner, with a failure shown beside it', async () => {
    const window = await open(
      windowState({ status: CASES.forbidden.status, tray: 'key-problem' }),
      {
        responses: { openExternalHelp: { ok: false, error: 'No browser is set up.' } },
      },
    );
    await window.page.getByRole('button', { name: 'How to create a key' }).click();
    expect(await window.calls('openExternalHelp')).toEqual([
      { verb: 'openExternalHelp', request: { topic: 'personal-access-keys' } },
    ]);
    await expect
      .poll(() => window.page.locator('.banner').getByRole('alert').innerText())
      .toBe('No browser is set up.');
  });

  it('says so in demo mode and offers to switch to a real key', async () => {
    const window = await open(
      windowState({ demo: true, key: { stored: 'none', storage: 'encrypted' } }),
    );
    const demo = window.page.locator('.banner[data-banner="demo"]');
    expect(await demo.locator('.banner-title').innerText()).toBe('Demo mode');
    expect(await window.page.locator('#locks-view').isVisible()).toBe(true);
    await demo.getByRole('button', { name: 'Use my key' }).click();
    expect(await focusedId(window.page)).toBe('key-input');
  });

  it('shows each notice until it is dismissed, also across new states', async () => {
    const notices = [
      'The settings file was unreadable; it was kept as settings.json.bak.',
      'Start at login is not available.',
    ];
    const window = await open(windowState({ notices }));
    const shown = window.page.locator('.banner[data-banner="notice"] .banner-text');
    expect(await shown.allInnerTexts()).toEqual(notices);
    await window.page.getByRole('button', { name: 'Dismiss' }).first().click();
    await window.emit(windowState({ notices, lastSyncedAt: NOW }));
    await expect.poll(() => shown.allInnerTexts()).toEqual([notices[1]]);
  });

  it('announces status changes in a polite live region', async () => {
    const window = await open(windowState({ locks: [], accountLocks: [], tray: 'no-locks' }));
    const live = window.page.locator('#live');
    expect(await live.getAttribute('aria-live')).toBe('polite');
    expect(await live.textContent()).toBe('No locks to show. Up to date.');
    await window.emit(
      windowState({ status: { kind: 'offline', message: '', retryAt: null }, tray: 'offline' }),
    );
    await expect.poll(() => live.textContent()).toBe('Tedee is out of reach. Can’t reach Tedee.');
    expect(await window.page.locator('#summary-text').innerText()).toBe('Tedee is out of reach');
  });
});
