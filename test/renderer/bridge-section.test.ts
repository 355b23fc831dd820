/**
 * The window's live mode: the Bridge section of the settings (its values checked with main's
 * own rules and messages, nothing typed lost, only changes sent), the token sent once and never
 * shown, Test connection's lines, each card's "Live" or "Checked N s ago", the bridge-only
 * banner; and axe over all of it.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import type { BridgeTest, WindowState } from '../../preload/contract.ts';
import { defaultAppSettings } from '../../main/settings/app-settings.ts';
import { lockCardNamed, useWindow } from './use-window.ts';
import {
  NOW,
  SECOND,
  mixedHouseholdState,
  windowLock,
  windowState,
} from './window-state-factory.ts';

const open = useWindow();

const LIVE = {
  mode: 'callbacks',
  bridgeOnly: false,
  message: 'Live: the bridge reports every change.',
} as const;

function withBridge(overrides: Partial<WindowState['settings']['bridge']> = {}) {
  return { ...defaultAppSettings, bridge: { ...defaultAppSettings.bridge, ...overrides } };
}

async function openBridgeSection(state: WindowState = mixedHouseholdState(), options = {}) {
  const window = await open(state, options);
  await window.page.getByRole('button', { name: 'Settings' }).click();
  return window;
}

async function blockingViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((violation) => ['serious', 'critical'].includes(violation.impact ?? ''))
    .flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`),
    );
}

const saveBridge = (page: Page) =>
  page.getByRole('button', { name: 'Save bridge settings' }).click();

describe('the Bridge section', () => {
  it('sends only the bridge settings that changed, in their stored shape', async () => {
    const { page, calls } = await openBridgeSection();
    await page.getByRole('switch', { name: 'Follow my locks live through the bridge' }).check();
    await page.getByLabel('Bridge address').fill(' http://192.168.1.20 ');
    await page.getByLabel('Plain').check();
    await saveBridge(page);
    await expect
      .poll(() => page.locator('#bridge-result').innerText())
      .toBe('Bridge settings saved.');
    expect(await calls('updateSettings')).toEqual([
      {
        verb: 'updateSettings',
        request: { bridge: { enabled: true, address: 'http://192.168.1.20', authMode: 'plain' } },
      },
    ]);
  });

  it('refuses a bad address with main’s message, keeps what was typed, and sends nothing', async () => {
    const { page, calls } = await openBridgeSection();
    const address = page.getByLabel('Bridge address');
    await address.fill('http://8.8.8.8');
    await saveBridge(page);
    expect(await page.locator('#bridge-address-error').innerText()).toBe(
      "8.8.8.8 is not on the local network: use the bridge's private, link-local or loopback address.",
    );
    expect(await address.getAttribute('aria-invalid')).toBe('true');
    expect(await address.inputValue()).toBe('http://8.8.8.8');
    expect(await calls('updateSettings')).toEqual([]);
  });

  it('refuses live mode without an address, naming the address field', async () => {
    const { page, calls } = await openBridgeSection();
    await page.getByRole('switch', { name: 'Follow my locks live through the bridge' }).check();
    await saveBridge(page);
    expect(await page.locator('#bridge-address-error').innerText()).toBe(
      "Enter the bridge's address to turn live mode on.",
    );
    expect(await calls('updateSettings')).toEqual([]);
  });

  it('opens “Callbacks and polling” to show a bad callback port, and takes empty fields as automatic', async () => {
    const { page, calls } = await openBridgeSection(
      mixedHouseholdState({
        settings: withBridge({ callbackPort: 47100, callbackHost: '192.168.1.30' }),
      }),
    );
    await page.getByText('Callbacks and polling').click();
    await page.getByLabel('Callback port').fill('80');
    await page.getByText('Callbacks and polling').click();
    await saveBridge(page);
    expect(await page.locator('#bridge-callback-port-error').innerText()).toBe(
      'The callback port must be from 1024 to 65535.',
    );
    expect(await page.getByLabel('Callback port').isVisible()).toBe(true);
    await page.getByLabel('Callback port').fill('');
    await page.getByLabel('Callback address').fill('');
    await page.getByLabel('Poll the bridge every').fill('5');
    await saveBridge(page);
    await expect
      .poll(() => page.locator('#bridge-result').innerText())
      .toBe('Bridge settings saved.');
    expect((await calls('updateSettings')).map((call) => call.request)).toEqual([
      { bridge: { callbackHost: null, callbackPort: null, lanPollSeconds: 5 } },
    ]);
  });

  it('says how live mode runs now, and nothing while it is off', async () => {
    const window = await openBridgeSection();
    const status = window.page.locator('#bridge-live-status');
    expect(await status.isVisible()).toBe(false);
    const polling =
      'Live by polling the bridge: its updates cannot reach this computer. Allow incoming connections to port 47100 in the firewall.';
    await window.emit(
      mixedHouseholdState({
        bridge: {
          token: 'saved',
          live: { mode: 'lan-polling', bridgeOnly: false, message: polling },
        },
      }),
    );
    await expect.poll(() => status.innerText()).toBe(polling);
  });

  it('keeps what the user is typing when a new state arrives', async () => {
    const window = await openBridgeSection();
    await window.page.getByLabel('Bridge address').fill('http://10.0.0.');
    await window.emit(
      mixedHouseholdState({ settings: withBridge({ address: 'http://192.168.1.99' }) }),
    );
    expect(await window.page.getByLabel('Bridge address').inputValue()).toBe('http://10.0.0.');
  });
});

describe('the bridge token', () => {
  it('is sent once, the field emptied when main accepts it, and only "saved" comes back', async () => {
    const window = await openBridgeSection(
      mixedHouseholdState({ settings: withBridge({ address: 'http://192.168.1.20' }) }),
    );
    const { page, calls } = window;
    await page.getByLabel('Bridge token').fill('BE9xnPnGfVUS');
    await page.getByRole('button', { name: 'Save token' }).click();
    await expect.poll(() => page.getByLabel('Bridge token').inputValue()).toBe('');
    expect(await calls('setBridgeToken')).toEqual([
      { verb: 'setBridgeToken', request: { token: 'BE9xnPnGfVUS' } },
    ]);
    await window.emit(
      mixedHouseholdState({
        settings: withBridge({ address: 'http://192.168.1.20' }),
        bridge: { token: 'saved', live: { mode: 'off', bridgeOnly: false, message: '' } },
      }),
    );
    expect(
      await page
        .getByText('A token is saved for this bridge, encrypted by your system.')
        .isVisible(),
    ).toBe(true);
    expect(await page.getByRole('button', { name: 'Replace token' }).isVisible()).toBe(true);
    expect(await page.content()).not.toContain('BE9xnPnGfVUS');
  });

  it('shows main’s refusal under the field and keeps the token typed', async () => {
    const { page } = await openBridgeSection(undefined, {
      responses: {
        setBridgeToken: { ok: false, error: 'The bridge rejected the token (HTTP 401).' },
      },
    });
    await page.getByLabel('Bridge token').fill('wrong-token');
    await page.getByRole('button', { name: 'Save token' }).click();
    await expect
      .poll(() => page.locator('#bridge-token-error').innerText())
      .toBe('The bridge rejected the token (HTTP 401).');
    expect(await page.getByLabel('Bridge token').inputValue()).toBe('wrong-token');
  });
});

const TEST_RESULT: BridgeTest = {
  checks: [
    {
      name: 'reachable',
      outcome: 'ok',
      detail: 'Bridge-7C31 answers at http://192.168.1.20 (firmware 2.2.18420).',
    },
    { name: 'authenticated', outcome: 'ok', detail: 'The token works (encrypted mode).' },
    {
      name: 'clock',
      outcome: 'failed',
      detail:
        "This computer's clock is 9 s ahead of the bridge's. Encrypted tokens carry the time: set the clock automatically.",
    },
    {
      name: 'callbacks',
      outcome: 'unknown',
      detail: 'Not yet seen: live mode cannot reach the bridge.',
    },
  ],
};

describe('Test connection', () => {
  it('lists every check with its outcome in words', async () => {
    const { page, calls } = await openBridgeSection(undefined, {
      responses: { testBridge: { ok: true, data: TEST_RESULT } },
    });
    await page.getByRole('button', { name: 'Test connection' }).click();
    const lines = page.locator('#bridge-checks li');
    await expect.poll(() => lines.count()).toBe(4);
    expect(await lines.allInnerTexts()).toEqual([
      'Reachable: works. Bridge-7C31 answers at http://192.168.1.20 (firmware 2.2.18420).',
      'Token accepted: works. The token works (encrypted mode).',
      "Clock: problem. This computer's clock is 9 s ahead of the bridge's. Encrypted tokens carry the time: set the clock automatically.",
      'Callbacks: not known. Not yet seen: live mode cannot reach the bridge.',
    ]);
    expect(await calls('testBridge')).toHaveLength(1);
    expect(await blockingViolations(page)).toEqual([]);
  });

  it('shows main’s error next to the button', async () => {
    const { page } = await openBridgeSection(undefined, {
      responses: { testBridge: { ok: false, error: "Enter and save the bridge's address first." } },
    });
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect
      .poll(() => page.locator('#bridge-test-error').innerText())
      .toBe("Enter and save the bridge's address first.");
    expect(await page.locator('#bridge-checks li').count()).toBe(0);
  });
});

describe('how fresh each lock is', () => {
  const state = windowState({
    locks: [
      windowLock({ id: 1, name: 'Front door', source: 'bridge', live: true }),
      windowLock({ id: 2, name: 'Shed', lastSyncedAt: NOW - 14 * SECOND }),
    ],
    bridge: { token: 'saved', live: LIVE },
    settings: withBridge({ enabled: true, address: 'http://192.168.1.20' }),
  });

  it('says "Live" on a card the bridge follows, and how long ago the others were checked, counting up', async () => {
    const { page } = await open(state, { clock: 'manual' });
    const freshness = (name: string) => lockCardNamed(page, name).locator('.lock-freshness');
    expect(await freshness('Front door').innerText()).toBe('Live');
    expect(await freshness('Shed').innerText()).toBe('Checked 14 s ago');
    await page.clock.runFor(3 * SECOND);
    await expect.poll(() => freshness('Shed').innerText()).toBe('Checked 17 s ago');
  });

  it('says that history and cloud-only facts are missing in bridge-only mode', async () => {
    const { page } = await open(
      windowState({
        ...state,
        key: { stored: 'none', storage: 'encrypted' },
        bridge: { token: 'saved', live: { ...LIVE, bridgeOnly: true } },
      }),
    );
    const banner = page.locator('[data-banner="bridge-only"]');
    expect(await banner.innerText()).toContain(
      'Without a Personal Access Key the locks come from the bridge alone: their history and the facts only the Tedee cloud knows are missing.',
    );
    // The locks show, not the welcome panel that asks for a key.
    expect(await lockCardNamed(page, 'Front door').isVisible()).toBe(true);
    expect(await blockingViolations(page)).toEqual([]);
  });

  it('passes axe over the whole Bridge section, all of it open, with errors showing', async () => {
    const { page } = await openBridgeSection(
      mixedHouseholdState({
        bridge: { token: 'saved', live: LIVE },
        settings: withBridge({ enabled: true, address: 'http://192.168.1.20' }),
      }),
    );
    await page.getByText('Callbacks and polling').click();
    await page.getByLabel('Callback address').fill('my-laptop');
    await saveBridge(page);
    expect(await page.locator('#bridge-callback-host-error').isVisible()).toBe(true);
    expect(await blockingViolations(page)).toEqual([]);
  });
});
