/**
 * The welcome panel and the Personal Access Key form: errors from setKey appear beside the
 * field, an accepted key leaves nothing behind in the window, and "this session only" is
 * forced (and explained) where the system cannot store a key safely.
 */
import { describe, expect, it } from 'vitest';
import type { WindowState } from '../../preload/contract.ts';
import { focusedId, useWindow } from './use-window.ts';
import type { TestWindow } from './window-harness.ts';
import { windowState } from './window-state-factory.ts';

const open = useWindow();

function noKey(storage: WindowState['key']['storage'] = 'encrypted'): WindowState {
  return windowState({
    locks: [],
    accountLocks: [],
    tray: 'no-locks',
    status: { kind: 'starting', message: '', retryAt: null },
    key: { stored: 'none', storage },
  });
}

async function submitKey(window: TestWindow, key: string): Promise<void> {
  await window.page.getByRole('textbox', { name: 'Personal Access Key' }).fill(key);
  await window.page.getByRole('button', { name: 'Save key' }).click();
}

describe('welcome and key entry', () => {
  it('welcomes a user without a key with the key form and a demo', async () => {
    const window = await open(noKey());
    expect(await window.page.locator('#summary-text').innerText()).toBe('Let’s get you set up');
    expect(
      await window.page.getByRole('heading', { name: 'Welcome to Tedee Tray' }).isVisible(),
    ).toBe(true);
    expect(await window.page.locator('#locks-view').isVisible()).toBe(false);
    expect(await window.page.locator('.banner').count()).toBe(0);
    await window.page.getByRole('button', { name: 'Try the demo' }).click();
    expect(await window.calls('startDemo')).toEqual([{ verb: 'startDemo', request: undefined }]);
  });

  it('shows why the demo did not start', async () => {
    const window = await open(noKey(), {
      responses: { startDemo: { ok: false, error: 'The demo is already running.' } },
    });
    await window.page.getByRole('button', { name: 'Try the demo' }).click();
    await expect
      .poll(() => window.page.locator('.welcome-demo [role="alert"]').innerText())
      .toBe('The demo is already running.');
  });

  it('opens the guide to creating a key', async () => {
    const window = await open(noKey());
    await window.page.getByRole('button', { name: 'How to create a key' }).click();
    expect(await window.calls('openExternalHelp')).toEqual([
      { verb: 'openExternalHelp', request: { topic: 'personal-access-keys' } },
    ]);
  });

  it('shows the error setKey returns beside the field and keeps the key for correcting', async () => {
    const window = await open(noKey(), {
      responses: { setKey: { ok: false, error: 'Tedee did not accept this key (401).' } },
    });
    await submitKey(window, 'wrong-key');
    const field = window.page.getByRole('textbox', { name: 'Personal Access Key' });
    await expect
      .poll(() => window.page.locator('#key-error').innerText())
      .toBe('Tedee did not accept this key (401).');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-describedby')).toBe('key-error');
    expect(await field.inputValue()).toBe('wrong-key');
    expect(await focusedId(window.page)).toBe('key-input');
  });

  it('sends the key once and clears the field when it is accepted', async () => {
    const window = await open(noKey());
    await submitKey(window, '  pak-123.secret  ');
    const field = window.page.getByRole('textbox', { name: 'Personal Access Key' });
    await expect.poll(() => field.inputValue()).toBe('');
    expect(await window.calls('setKey')).toEqual([
      { verb: 'setKey', request: { key: 'pak-123.secret', sessionOnly: false } },
    ]);
    expect(await window.page.locator('.key-form .form-success').innerText()).toBe(
      'Key accepted. Checking your locks…',
    );
  });

  it('sends session-only when the user asks for it', async () => {
    const window = await open(noKey());
    await window.page.getByLabel('Keep for this session only').check();
    await submitKey(window, 'pak-123');
    await expect
      .poll(() => window.calls('setKey'))
      .toEqual([{ verb: 'setKey', request: { key: 'pak-123', sessionOnly: true } }]);
  });

  it('asks for a key instead of sending an empty one', async () => {
    const window = await open(noKey());
    await submitKey(window, '   ');
    expect(await window.page.locator('#key-error').innerText()).toBe(
      'Paste your Personal Access Key first.',
    );
    expect(await window.calls('setKey')).toEqual([]);
  });

  it.each([
    ['basic-text', 'readable text'],
    ['unavailable', 'no safe place for secrets'],
  ] as const)(
    'forces "this session only" when key storage is %s, and says why',
    async (storage, reason) => {
      const window = await open(noKey(storage));
      const sessionOnly = window.page.getByLabel('Keep for this session only');
      expect(await sessionOnly.isChecked()).toBe(true);
      expect(await sessionOnly.isDisabled()).toBe(true);
      expect(await window.page.locator('#key-session-hint').innerText()).toContain(reason);
      await submitKey(window, 'pak-123');
      await expect
        .poll(() => window.calls('setKey'))
        .toEqual([{ verb: 'setKey', request: { key: 'pak-123', sessionOnly: true } }]);
    },
  );

  it('says how a stored key is kept and removes it on request', async () => {
    const window = await open(
      windowState({ key: { stored: 'session-only', storage: 'basic-text' } }),
    );
    await window.page.getByRole('button', { name: 'Settings' }).click();
    expect(await window.page.locator('.key-stored').innerText()).toBe(
      'A key is in use for this session only.',
    );
    expect(await window.page.getByRole('button', { name: 'Replace key' }).isVisible()).toBe(true);
    await window.page.getByRole('button', { name: 'Remove key' }).click();
    expect(await window.calls('clearKey')).toEqual([{ verb: 'clearKey', request: undefined }]);
    await window.emit(windowState({ key: { stored: 'none', storage: 'basic-text' } }));
    await expect
      .poll(() => window.page.getByRole('button', { name: 'Remove key' }).isVisible())
      .toBe(false);
  });
});
