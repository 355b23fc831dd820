/**
 * The settings panel: values are checked in the form (with main's own rules and messages)
 * before anything is sent, only what changed is sent, the request estimate follows what is
 * typed, and what the user is typing survives new states from main.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import type { WindowState } from '../../preload/contract.ts';
import type { z } from 'zod';
import { alertSettingsSchema, pollSettingsSchema } from '../../main/engine/monitor-settings.ts';
import { apiUrlSchema, defaultAppSettings } from '../../main/settings/app-settings.ts';
import { focusedId, useWindow } from './use-window.ts';
import type { TestWindow } from './window-harness.ts';
import {
  HOUR,
  NOW,
  manyLocksState,
  mixedHouseholdState,
  windowLock,
  windowState,
} from './window-state-factory.ts';

const open = useWindow();

async function openSettings(
  state: WindowState = mixedHouseholdState(),
  responses = {},
): Promise<TestWindow> {
  const window = await open(state, { responses });
  await window.page.getByRole('button', { name: 'Settings' }).click();
  return window;
}

/** What main itself would say about a value, so the form is held to main's wording. */
function mainMessage(schema: z.ZodType, value: unknown): string {
  const result = schema.safeParse(value);
  if (result.success) throw new Error(`main accepts ${JSON.stringify(value)}`);
  return result.error.issues[0]?.message ?? '';
}

function save(page: Page): Promise<void> {
  return page.getByRole('button', { name: 'Save settings' }).click();
}

describe('settings', () => {
  it('rejects an interval under 20 seconds with a message, and sends nothing', async () => {
    const { page, calls } = await openSettings();
    await page.getByLabel('Check every').fill('19');
    await save(page);
    const error = page.locator('#settings-interval-error');
    expect(await error.innerText()).toBe(
      mainMessage(pollSettingsSchema, { intervalSeconds: 19, budgetPerHour: 350 }),
    );
    expect(await error.innerText()).toContain('at least 20 seconds');
    expect(await page.getByLabel('Check every').getAttribute('aria-invalid')).toBe('true');
    expect(await focusedId(page)).toBe('settings-interval');
    expect(await calls('updateSettings')).toEqual([]);
  });

  it('sends exactly the fields that changed', async () => {
    const { page, calls } = await openSettings();
    await page.getByLabel('Check every').fill('60');
    await page.getByRole('switch', { name: 'A lock stays unlocked' }).check();
    await page.getByLabel('Low-battery threshold in percent').fill('25');
    await save(page);
    await expect.poll(() => page.locator('#settings-result').innerText()).toBe('Settings saved.');
    expect(await calls('updateSettings')).toEqual([
      {
        verb: 'updateSettings',
        request: {
          poll: { intervalSeconds: 60 },
          alerts: { lowBatteryPercent: 25, enabled: { 'left-unlocked': true } },
        },
      },
    ]);
  });

  it('sets above how many locks the list has one line per lock, from 0 to 1000', async () => {
    const { page, calls } = await openSettings();
    const field = page.getByLabel('One line per lock above');
    expect(await field.inputValue()).toBe('50');
    const error = page.locator('#settings-compact-above-error');
    for (const typed of ['1001', '-1', '2.5', '']) {
      await field.fill(typed);
      await save(page);
      expect(await error.innerText()).toBe(
        'The one-line list must start above a whole number of locks from 0 to 1000.',
      );
      expect(await field.getAttribute('aria-invalid')).toBe('true');
    }
    expect(await calls('updateSettings')).toEqual([]);
    await field.fill('0');
    await save(page);
    expect(await error.isVisible()).toBe(false);
    expect(await calls('updateSettings')).toEqual([
      { verb: 'updateSettings', request: { window: { compactAbove: 0 } } },
    ]);
  });

  it('sends nothing when nothing changed', async () => {
    const { page, calls } = await openSettings();
    await save(page);
    expect(await page.locator('#settings-result').innerText()).toBe('Nothing changed.');
    expect(await calls('updateSettings')).toEqual([]);
  });

  it('builds the unlocked alert’s box per lock when the settings are first shown, keeping the choice', async () => {
    const many = manyLocksState(200);
    const chosen = many.accountLocks.slice(3, 5).flatMap((lock) => lock.serial ?? []);
    const state = {
      ...many,
      settings: {
        ...many.settings,
        alerts: { ...many.settings.alerts, unlockedLockSerials: chosen },
      },
    };
    const { page, calls } = await open(state);
    await page.locator('article.lock-card').first().waitFor();
    const boxes = page.locator('.unlocked-locks input[type="checkbox"]');
    // 600 elements at 200 locks that the lock list would otherwise carry hidden.
    expect(await boxes.count()).toBe(0);
    await page.getByRole('button', { name: 'Settings' }).click();
    expect(await boxes.count()).toBe(200);
    const ticked = page.locator('.unlocked-locks input:checked');
    expect(await Promise.all((await ticked.all()).map((box) => box.getAttribute('value')))).toEqual(
      chosen,
    );
    await save(page);
    expect(await page.locator('#settings-result').innerText()).toBe('Nothing changed.');
    expect(await calls('updateSettings')).toEqual([]);
  });

  it('sends the locks chosen for the unlocked alert, the boxes usable only while it is on', async () => {
    const { page, calls } = await openSettings();
    const garage = page.locator('.unlocked-locks').getByRole('checkbox', { name: 'Garage' });
    expect(await garage.isDisabled()).toBe(true);
    await page.getByRole('switch', { name: 'A lock is unlocked' }).check();
    expect(await garage.isDisabled()).toBe(false);
    await garage.check();
    await save(page);
    await expect.poll(() => page.locator('#settings-result').innerText()).toBe('Settings saved.');
    const [request] = (await calls('updateSettings')).map((call) => call.request);
    const garageSerial = mixedHouseholdState().accountLocks.find(
      (lock) => lock.name === 'Garage',
    )?.serial;
    expect(request).toEqual({
      alerts: { enabled: { unlocked: true }, unlockedLockSerials: [garageSerial] },
    });
  });

  it('updates the request estimate while the interval and budget are typed', async () => {
    const { page } = await openSettings();
    const projection = page.locator('#budget-projection');
    expect(await projection.innerText()).toBe(
      'About 129 requests an hour (8 of them for bridges, door sensors and the key), plus 20 kept for locking and unlocking: within your budget of 350 (Tedee allows 700 per account); the activity log may use the other 201.',
    );
    await page.getByLabel('Check every').fill('60');
    expect(await projection.innerText()).toBe(
      'About 69 requests an hour (8 of them for bridges, door sensors and the key), plus 20 kept for locking and unlocking: within your budget of 350 (Tedee allows 700 per account); the activity log may use the other 261.',
    );
    await page.getByLabel('Hourly request budget').fill('85');
    expect(await projection.innerText()).toBe(
      'About 61 requests an hour, plus 20 kept for locking and unlocking, within your budget of 85 (Tedee allows 700 per account); bridges, door sensors and the key get the 4 left, and nothing is left for the activity log.',
    );
    await page.getByLabel('Hourly request budget').fill('81');
    expect(await projection.innerText()).toBe(
      'About 61 requests an hour, plus 20 kept for locking and unlocking, within your budget of 81 (Tedee allows 700 per account); nothing is left for bridges, door sensors and the key or the activity log.',
    );
    await page.getByLabel('Hourly request budget').fill('350');
    await page.getByLabel('Check every').fill('20');
    await page.getByLabel('Hourly request budget').fill('150');
    expect(await projection.innerText()).toBe(
      'About 181 requests an hour, plus 20 kept for locking and unlocking: more than your budget of 150 (Tedee allows 700 per account).',
    );
    expect(await projection.getAttribute('class')).toContain('is-over-budget');
  });

  it('refuses a budget the interval would overrun, with main’s message', async () => {
    const { page, calls } = await openSettings();
    await page.getByLabel('Check every').fill('20');
    await page.getByLabel('Hourly request budget').fill('150');
    await save(page);
    expect(await page.locator('#settings-interval-error').innerText()).toBe(
      mainMessage(pollSettingsSchema, { intervalSeconds: 20, budgetPerHour: 150 }),
    );
    expect(await calls('updateSettings')).toEqual([]);
  });

  it('refuses a low-battery threshold outside 5..95 and a non-https API address', async () => {
    const { page, calls } = await openSettings();
    await page.getByLabel('Low-battery threshold in percent').fill('96');
    await page.getByText('Advanced').click();
    await page.getByLabel('Tedee API address').fill('http://example.com');
    await save(page);
    expect(await page.locator('#settings-low-battery-error').innerText()).toBe(
      mainMessage(alertSettingsSchema.shape.lowBatteryPercent, 96),
    );
    expect(await page.locator('#settings-api-url-error').innerText()).toBe(
      mainMessage(apiUrlSchema, 'http://example.com'),
    );
    expect(await calls('updateSettings')).toEqual([]);
  });

  it('keeps what is being typed when a new state arrives, and undoes on request', async () => {
    const window = await openSettings();
    const interval = window.page.getByLabel('Check every');
    await interval.fill('45');
    await window.emit(mixedHouseholdState({ lastSyncedAt: NOW }));
    await expect
      .poll(() => window.page.locator('.banner-text').first().innerText())
      .toBe('Last checked 14:30.');
    expect(await interval.inputValue()).toBe('45');
    await window.page.getByRole('button', { name: 'Undo changes' }).click();
    expect(await interval.inputValue()).toBe('30');
  });

  it('shows an error from main beside the save button', async () => {
    const { page } = await openSettings(mixedHouseholdState(), {
      updateSettings: { ok: false, error: 'The settings file is read-only.' },
    });
    await page.getByRole('switch', { name: 'Start Tedee Tray when I log in' }).check();
    await save(page);
    await expect
      .poll(() => page.locator('#settings-result').innerText())
      .toBe('The settings file is read-only.');
  });

  it('snoozes alerts for an hour, until tomorrow 08:00, and turns snoozing off', async () => {
    const snoozed = {
      ...defaultAppSettings,
      alerts: { ...defaultAppSettings.alerts, snoozeUntil: NOW + HOUR },
    };
    const window = await openSettings();
    await window.page.getByRole('button', { name: 'For 1 hour' }).click();
    await window.page.getByRole('button', { name: 'Until tomorrow 08:00' }).click();
    expect(await window.page.getByRole('button', { name: 'Turn off' }).isVisible()).toBe(false);
    await window.emit(mixedHouseholdState({ settings: snoozed }));
    await expect
      .poll(() => window.page.locator('#snooze-status').innerText())
      .toBe('Alerts are snoozed until 15:30.');
    await window.page.getByRole('button', { name: 'Turn off' }).click();
    await expect
      .poll(() => window.calls('updateSettings'))
      .toEqual([
        { verb: 'updateSettings', request: { alerts: { snoozeUntil: NOW + HOUR } } },
        {
          verb: 'updateSettings',
          request: { alerts: { snoozeUntil: Date.UTC(2025, 10, 26, 8, 0, 0) } },
        },
        { verb: 'updateSettings', request: { alerts: { snoozeUntil: null } } },
      ]);
  });

  it('chooses which locks to monitor by serial number, or all of them', async () => {
    const locks = [
      windowLock({ id: 1, name: 'Front door' }),
      windowLock({ id: 2, name: 'Garage' }),
      windowLock({ id: 3, name: 'Shed', serial: null }),
    ];
    const window = await openSettings(windowState({ locks }));
    const page = window.page;
    const tick = (name: string) => page.getByRole('checkbox', { name: new RegExp(`^${name} ·`) });
    expect(await tick('Garage').isDisabled()).toBe(true);
    await page.getByLabel('Only the locks ticked below').check();
    expect(await tick('Shed').isDisabled()).toBe(true);
    await tick('Garage').uncheck();
    await page.getByRole('button', { name: 'Save lock choice' }).click();
    await tick('Front door').uncheck();
    await page.getByRole('button', { name: 'Save lock choice' }).click();
    expect(await page.locator('#chooser-result').innerText()).toBe(
      'Tick at least one lock, or choose “All locks”.',
    );
    await page.getByLabel('All locks, including ones added later').check();
    await page.getByRole('button', { name: 'Save lock choice' }).click();
    await expect
      .poll(() => window.calls('selectLocks'))
      .toEqual([
        { verb: 'selectLocks', request: { serials: ['SN-1'] } },
        { verb: 'selectLocks', request: 'all' },
      ]);
  });
});
