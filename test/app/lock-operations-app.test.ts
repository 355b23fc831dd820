import { describe, expect, it } from 'vitest';
import { SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import { GOOD_KEY, startApp } from './app-harness.ts';
import type { AppHarnessOptions } from './app-harness.ts';

const { garage, frontDoor, backDoor } = SAMPLE_LOCK_IDS;
const OPERATE = ['Device.Read', 'Lock.Operate'];

async function running(options: AppHarnessOptions = {}) {
  const h = await startApp({ storedKey: GOOD_KEY, scopes: OPERATE, ...options });
  await h.app.start();
  await h.advance(0);
  const operationPosts = () =>
    h.simulator
      .requests()
      .filter((request) => request.method === 'POST')
      .map((request) => request.path.split('/').slice(-2).join('/'));
  const trayLabels = () => h.recorded.trays.at(-1)?.menu.map((item) => item.label) ?? [];
  return { ...h, operationPosts, trayLabels };
}

describe('locking from the tray', () => {
  it('"Lock Garage" locks it: Locking… in the tray and the window, then the result, logged', async () => {
    const h = await running();
    const item = h.recorded.trays.at(-1)?.menu.find((entry) => entry.label === 'Lock Garage');
    expect(item?.action).toEqual({ kind: 'lock', lockId: garage });
    h.app.onTrayAction({ kind: 'lock', lockId: garage });
    await h.advance(0);
    expect(h.lastState().operations.running).toEqual([{ lockId: garage, operation: 'lock' }]);
    expect(h.trayLabels()).toContain('Garage: Locking…');
    await h.advance(30_000);
    expect(h.lastState().operations.running).toEqual([]);
    expect(h.lastState().operations.results).toEqual([
      expect.objectContaining({
        lockId: garage,
        operation: 'lock',
        ok: true,
        message: 'Garage is locked.',
      }),
    ]);
    expect(h.lastState().locks.find((lock) => lock.id === garage)?.state).toBe('locked');
    expect(h.trayLabels()).not.toContain('Lock Garage');
    expect(h.recorded.logs).toContain(
      `info Lock Garage (${garage}), asked from the tray, via the cloud: Garage is locked.`,
    );
    expect(h.everythingShown()).not.toContain(GOOD_KEY);
  });

  it('a key without Lock.Operate: the actions go, the settings name the scope, the status stays', async () => {
    const h = await running({ scopes: ['Device.Read'] });
    h.app.onTrayAction({ kind: 'lock', lockId: garage });
    await h.advance(1_000);
    const { operations, status } = h.lastState();
    expect(status.kind).toBe('ok');
    expect(operations.cloudCanOperate).toBe(false);
    expect(operations.notice).toContain('Lock.Operate');
    expect(h.trayLabels().filter((label) => label.startsWith('Lock '))).toEqual([]);
    expect(h.recorded.notifications.at(-1)).toEqual({
      text: {
        title: 'Locking Garage failed',
        body: 'Locking Garage failed: no permission: the Personal Access Key needs the Lock.Operate scope.',
      },
      lockId: garage,
    });
    // A new key is asked again.
    await h.app.handle('setKey', { key: GOOD_KEY, sessionOnly: false });
    expect(h.lastState().operations.cloudCanOperate).toBe(true);
  });

  it('a second press while it runs does nothing', async () => {
    const h = await running();
    await h.app.handle('operateLock', { lockId: garage, operation: 'lock' });
    expect(await h.app.handle('operateLock', { lockId: garage, operation: 'lock' })).toBe(
      'ignored',
    );
    h.app.onTrayAction({ kind: 'lock', lockId: garage });
    await h.advance(30_000);
    expect(h.operationPosts()).toEqual(['operation/lock']);
  });
});

describe('unlocking', () => {
  it('is refused while "Allow unlocking" is off, with no dialog and nothing sent', async () => {
    const h = await running();
    await expect(
      h.app.handle('operateLock', { lockId: frontDoor, operation: 'unlock' }),
    ).rejects.toThrow('Unlocking from this computer is off');
    expect(h.recorded.confirms).toEqual([]);
    expect(h.operationPosts()).toEqual([]);
  });

  it('asks main’s dialog, naming the lock; declined, nothing is sent', async () => {
    const h = await running({ settings: { operations: { allowUnlock: true } } });
    expect(await h.app.handle('operateLock', { lockId: frontDoor, operation: 'unlock' })).toBe(
      'cancelled',
    );
    expect(h.recorded.confirms).toEqual([
      {
        message: 'Unlock Front door?',
        detail: 'The door will open for anyone there.',
        confirmLabel: 'Unlock',
      },
    ]);
    await h.advance(30_000);
    expect(h.operationPosts()).toEqual([]);
    expect(h.recorded.logs).toContain(
      `info Unlock Front door (${frontDoor}), asked from the window: cancelled in the dialog.`,
    );
  });

  it('confirmed, unlocks; the pull asks its own question', async () => {
    const h = await running({ settings: { operations: { allowUnlock: true } } });
    h.recorded.confirmAnswer = true;
    expect(await h.app.handle('operateLock', { lockId: frontDoor, operation: 'unlock' })).toBe(
      'started',
    );
    expect(h.lastState().operations.running).toEqual([{ lockId: frontDoor, operation: 'unlock' }]);
    await h.advance(30_000);
    expect(h.lastState().operations.results[0]).toMatchObject({
      ok: true,
      message: 'Front door is unlocked.',
    });
    await h.app.handle('operateLock', { lockId: garage, operation: 'pull' });
    expect(h.recorded.confirms.at(-1)?.message).toBe('Pull the latch of Garage?');
    await h.advance(0);
    expect(h.operationPosts()).toEqual(['operation/unlock', 'operation/pull']);
  });

  it('"Allow unlocking" turns itself off when the key changes', async () => {
    const h = await running({ settings: { operations: { allowUnlock: true } } });
    await h.app.handle('setKey', { key: GOOD_KEY, sessionOnly: false });
    expect(h.storedSettings().operations.allowUnlock).toBe(false);
    expect(h.lastState().operations.unlockAllowed).toBe(false);
    await h.app.handle('updateSettings', { operations: { allowUnlock: true } });
    await h.app.handle('clearKey', undefined);
    expect(h.storedSettings().operations.allowUnlock).toBe(false);
  });
});

describe('"Lock now" on a notification', () => {
  const leftUnlockedAlerts = {
    alerts: {
      enabled: {
        disconnected: true,
        reconnected: true,
        'battery-low': false,
        'left-unlocked': true,
        'door-open': false,
        'api-unreachable': true,
        'key-rejected': true,
        'bridge-offline': false,
        'door-sensor-battery-low': false,
        'key-expiring': false,
        unlocked: false,
        jammed: false,
        'incorrect-pin': false,
      },
      lowBatteryPercent: 20,
      leftUnlockedMinutes: 1,
      doorOpenMinutes: 5,
      unlockedLockSerials: null,
      snoozeUntil: null,
    },
  };

  it('comes with the alert about one lock left unlocked, and locks that lock', async () => {
    const h = await running({ settings: leftUnlockedAlerts });
    await h.advance(3 * 60_000);
    const notification = h.recorded.notifications.find((entry) => entry.action);
    expect(notification).toMatchObject({
      text: { title: 'Garage has been unlocked for 1 minute' },
      lockId: garage,
      action: { label: 'Lock now', lockId: garage },
    });
    h.app.lockFromNotification(garage);
    await h.advance(30_000);
    expect(h.simulator.lock(garage)?.state).toBe('locked');
    expect(h.recorded.logs).toContain(
      `info Lock Garage (${garage}), asked from the notification, via the cloud: Garage is locked.`,
    );
  });

  it('is not offered on a notification merged from several locks', async () => {
    const h = await running({ settings: leftUnlockedAlerts });
    // Both seen unlocked by the same sync: their alerts fall due together and are merged.
    h.simulator.updateLock(frontDoor, { state: 'unlocked' });
    h.simulator.updateLock(backDoor, { state: 'unlocked' });
    await h.advance(3 * 60_000);
    const merged = h.recorded.notifications.find((entry) => entry.lockId === null);
    expect(merged?.text.title).toBe('2 lock alerts');
    expect(merged?.action).toBeUndefined();
  });

  it('a click opens the window with that lock’s Lock button focused', async () => {
    const h = await running();
    h.app.openLock(garage, true);
    expect(h.lastState().operations.focusLockButton).toBe(garage);
    expect(h.recorded.windowShows.at(-1)).toBe(garage);
    h.app.openLock(garage);
    expect(h.lastState().operations.focusLockButton).toBeNull();
  });
});
