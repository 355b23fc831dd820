/**
 * The lock card's Lock, Unlock… and Pull latch… buttons in Chromium: which show when, what they
 * ask main, "Locking…" while it runs, how the result reads, the settings switch, and axe over
 * each state. Screenshots go to test-results/screenshots/ for looking at.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import type { OperationsState, WindowState } from '../../preload/contract.ts';
import { lockCardNamed, useWindow } from './use-window.ts';
import { NOW, mixedHouseholdState, windowLock, windowState } from './window-state-factory.ts';

const open = useWindow();
const SCREENSHOTS = join(import.meta.dirname, '../../test-results/screenshots');

function withOperations(state: WindowState, operations: Partial<OperationsState>): WindowState {
  return { ...state, operations: { ...state.operations, ...operations } };
}

async function blockingViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id} at ${node.target.join(' ')}`),
    );
}

async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await writeFile(join(SCREENSHOTS, `${name}.png`), await page.screenshot());
}

/** The visible action buttons of a card, by their words. */
async function buttonsOf(page: Page, lockName: string): Promise<string[]> {
  return lockCardNamed(page, lockName).locator('.lock-actions button:visible').allInnerTexts();
}

describe('the Lock button', () => {
  it('shows on an unlocked lock only, and asks main to lock that lock', async () => {
    const window = await open(mixedHouseholdState());
    expect(await buttonsOf(window.page, 'Garage')).toEqual(['Lock']);
    expect(await buttonsOf(window.page, 'Front door')).toEqual([]);
    expect(await buttonsOf(window.page, 'Back door')).toEqual([]);
    await window.page.getByRole('button', { name: 'Lock Garage' }).click();
    expect(await window.calls('operateLock')).toEqual([
      { verb: 'operateLock', request: { lockId: 2, operation: 'lock' } },
    ]);
    expect(await blockingViolations(window.page)).toEqual([]);
  });

  it('says "Locking…" while it runs and keeps the focus, and a second press asks nothing', async () => {
    const window = await open(mixedHouseholdState());
    const lockButton = window.page.getByRole('button', { name: 'Lock Garage' });
    await lockButton.focus();
    await window.emit(
      withOperations(mixedHouseholdState(), { running: [{ lockId: 2, operation: 'lock' }] }),
    );
    const busy = lockCardNamed(window.page, 'Garage').locator('button[data-operation="lock"]');
    expect(await busy.innerText()).toBe('Locking…');
    expect(await busy.getAttribute('aria-disabled')).toBe('true');
    expect(
      await window.page.evaluate<string>('document.activeElement?.dataset.operation ?? ""'),
    ).toBe('lock');
    // Playwright will not click an aria-disabled button; a user's click still reaches it.
    await busy.dispatchEvent('click');
    expect(await window.calls('operateLock')).toEqual([]);
    expect(await blockingViolations(window.page)).toEqual([]);
    await screenshot(window.page, 'lock-actions-locking');
  });

  it('reads the result plainly: success, and a failure with its reason', async () => {
    const window = await open(
      withOperations(mixedHouseholdState(), {
        results: [
          {
            lockId: 2,
            operation: 'lock',
            ok: false,
            message: 'Locking Garage failed: the lock is jammed.',
            at: NOW,
          },
          { lockId: 1, operation: 'lock', ok: true, message: 'Front door is locked.', at: NOW },
        ],
      }),
    );
    const garage = lockCardNamed(window.page, 'Garage').locator('.lock-operation-result');
    expect(await garage.innerText()).toBe('Locking Garage failed: the lock is jammed.');
    expect(await garage.getAttribute('class')).toContain('tone-alert');
    expect(await garage.getAttribute('role')).toBe('status');
    const front = lockCardNamed(window.page, 'Front door').locator('.lock-operation-result');
    expect(await front.innerText()).toBe('Front door is locked.');
    expect(await blockingViolations(window.page)).toEqual([]);
    await screenshot(window.page, 'lock-actions-results');
  });

  it('shows main’s refusal under the button that was pressed', async () => {
    const window = await open(mixedHouseholdState());
    await window.respond('operateLock', { ok: false, error: 'That lock is not monitored.' });
    await window.page.getByRole('button', { name: 'Lock Garage' }).click();
    const result = lockCardNamed(window.page, 'Garage').locator('.lock-operation-result');
    await result.waitFor({ state: 'visible' });
    expect(await result.innerText()).toBe('That lock is not monitored.');
  });

  it('is gone once Tedee refused the key, and for a disconnected lock', async () => {
    const window = await open(withOperations(mixedHouseholdState(), { canOperate: false }));
    expect(await window.page.locator('.lock-actions button:visible').count()).toBe(0);
  });

  it('gets the focus when a "left unlocked" notification about its lock was clicked', async () => {
    const window = await open(
      withOperations(mixedHouseholdState({ focusLockId: 2 }), { focusLockButton: 2 }),
    );
    const focused = await window.page.evaluate<string>(
      'document.activeElement?.getAttribute("aria-label") ?? ""',
    );
    expect(focused).toBe('Lock Garage');
  });
});

describe('unlocking, once allowed in the settings', () => {
  it('offers Unlock… on a locked lock and Pull latch… on an unlocked one', async () => {
    const window = await open(withOperations(mixedHouseholdState(), { unlockAllowed: true }));
    expect(await buttonsOf(window.page, 'Front door')).toEqual(['Unlock…']);
    expect(await buttonsOf(window.page, 'Garage')).toEqual(['Lock', 'Pull latch…']);
    await window.page.getByRole('button', { name: 'Unlock Front door' }).click();
    expect(await window.calls('operateLock')).toEqual([
      { verb: 'operateLock', request: { lockId: 1, operation: 'unlock' } },
    ]);
    expect(await blockingViolations(window.page)).toEqual([]);
    await screenshot(window.page, 'lock-actions-unlock-allowed');
  });

  it('says "Unlocking…" while main unlocks', async () => {
    const window = await open(
      withOperations(mixedHouseholdState(), {
        unlockAllowed: true,
        running: [{ lockId: 1, operation: 'unlock' }],
      }),
    );
    expect(await buttonsOf(window.page, 'Front door')).toEqual(['Unlocking…']);
  });

  it('the settings switch sends allowUnlock, and names the scope when Tedee refused the key', async () => {
    const state = withOperations(windowState({ locks: [windowLock({ name: 'Front door' })] }), {
      canOperate: false,
      notice: 'Tedee refused to move a lock with this key: it needs the Lock.Operate scope.',
    });
    const window = await open(state);
    await window.page.getByRole('button', { name: 'Settings' }).click();
    const toggle = window.page.getByRole('switch', { name: 'Allow unlocking from this computer' });
    expect(await toggle.isChecked()).toBe(false);
    expect(await window.page.locator('#settings-operations-notice').innerText()).toContain(
      'Lock.Operate',
    );
    await toggle.check();
    await window.page.getByRole('button', { name: 'Save settings' }).click();
    expect(await window.calls('updateSettings')).toEqual([
      { verb: 'updateSettings', request: { operations: { allowUnlock: true } } },
    ]);
    expect(await blockingViolations(window.page)).toEqual([]);
    await screenshot(window.page, 'lock-actions-settings');
  });
});
