/**
 * What the app shows about bridges, firmware and the key's expiry: the window state, the tray
 * and the notifications, from the simulator through the real client and engine.
 */
import { describe, expect, it } from 'vitest';
import { SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import { DEFAULT_BRIDGE_ID } from '../../main/demo/simulated-bridges.ts';
import { GOOD_KEY, startApp } from './app-harness.ts';

/** The harness clock starts at 2026-11-25 08:00 UTC. */
const START = Date.UTC(2026, 10, 25, 8, 0, 0);

describe('the key expiry date entered in the settings', () => {
  it('shows the banner state within 14 days and notifies once, without the key', async () => {
    const h = await startApp({ storedKey: GOOD_KEY, startAt: START });
    await h.app.start();
    await h.advance(0);
    expect(h.lastState().health.keyExpiring).toBeNull();

    await h.app.handle('updateSettings', { keyExpiresOn: '2026-12-05' });
    expect(h.storedSettings().keyExpiresOn).toBe('2026-12-05');
    await h.advance(60_000);
    expect(h.lastState().health.keyExpiring).toEqual({
      at: Date.UTC(2026, 11, 5),
      daysLeft: 10,
      source: 'entered',
    });
    await h.advance(10 * 60_000);
    const warnings = h.recorded.notifications.filter((n) => n.text.title.includes('expires'));
    expect(warnings).toEqual([
      {
        text: {
          title: 'The Tedee access key expires in 10 days',
          body: expect.stringContaining('2026-12-05'),
        },
        lockId: null,
      },
    ]);
    expect(h.everythingShown()).not.toContain(GOOD_KEY);
    expect(h.everythingShown()).not.toContain(GOOD_KEY.slice(0, 6));
  });

  it('refuses a date that is not one, with a message, and keeps the one saved before', async () => {
    const h = await startApp({ storedKey: GOOD_KEY, settings: { keyExpiresOn: '2027-05-31' } });
    await h.app.start();
    for (const text of ['2027-02-30', '31.05.2027', 'soon']) {
      await expect(h.app.handle('updateSettings', { keyExpiresOn: text })).rejects.toThrow(
        'Enter the date the key expires as year-month-day, e.g. 2027-05-31, or leave it empty.',
      );
    }
    expect(h.storedSettings().keyExpiresOn).toBe('2027-05-31');
    await h.app.handle('updateSettings', { keyExpiresOn: null });
    expect(h.storedSettings().keyExpiresOn).toBeNull();
  });

  it('is forgotten with the key it was entered for, when a key is replaced or removed', async () => {
    const h = await startApp({ storedKey: GOOD_KEY, settings: { keyExpiresOn: '2026-12-05' } });
    h.simulator.addKey('other2.AnotherPersonalAccessKey');
    await h.app.start();
    await h.advance(0);
    expect(h.lastState().health.keyExpiring?.source).toBe('entered');
    await h.app.handle('setKey', { key: 'other2.AnotherPersonalAccessKey', sessionOnly: false });
    expect(h.storedSettings().keyExpiresOn).toBeNull();
    await h.advance(60_000);
    expect(h.lastState().health.keyExpiring).toBeNull();

    await h.app.handle('updateSettings', { keyExpiresOn: '2026-12-01' });
    await h.app.handle('clearKey', undefined);
    expect(h.storedSettings().keyExpiresOn).toBeNull();
  });
});

describe('a bridge that lost the cloud', () => {
  it('is named in the window state, the tooltip, the menu and one notification', async () => {
    const h = await startApp({ storedKey: GOOD_KEY });
    await h.app.start();
    await h.advance(0);
    h.simulator.updateBridge(DEFAULT_BRIDGE_ID, { connected: false, name: 'Hall bridge' });
    await h.advance(2 * 60_000);

    expect(h.lastState().health.offlineBridges).toEqual([
      {
        id: DEFAULT_BRIDGE_ID,
        name: 'Hall bridge',
        lockNames: ['Front door', 'Garage', 'Back door'],
      },
    ]);
    const tray = h.recorded.trays.at(-1)!;
    expect(tray.tooltip).toBe('Tedee: Hall bridge offline (3 locks)');
    expect(tray.menu[1]?.label).toBe('Hall bridge offline: Front door, Garage, Back door');
    expect(h.recorded.notifications).toEqual([
      {
        text: { title: 'Hall bridge is offline', body: expect.stringContaining('Back door') },
        lockId: null,
      },
    ]);
  });
});

describe('firmware', () => {
  it('marks the lock Tedee offers an update for', async () => {
    const h = await startApp({ storedKey: GOOD_KEY });
    h.simulator.updateLock(SAMPLE_LOCK_IDS.garage, { updateAvailable: true });
    await h.app.start();
    await h.advance(0);
    const flags = h.lastState().locks.map((lock) => [lock.name, lock.updateAvailable]);
    expect(flags).toEqual([
      ['Front door', false],
      ['Garage', true],
      ['Back door', false],
    ]);
  });
});
