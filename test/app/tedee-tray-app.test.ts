/**
 * The controller end to end against the simulator: key flow, settings, alerts to
 * notifications, tray actions; and that the key never reaches anything shown or logged.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_LOCK_IDS, sampleLocks } from '../../main/demo/sample-locks.ts';
import { TedeeSimulator } from '../../main/demo/tedee-simulator.ts';
import type { TedeeTrayApp } from '../../main/app/tedee-tray-app.ts';
import { trayPresentation } from '../../main/app/tray-presentation.ts';
import { LockHistory } from '../../main/engine/lock-history.ts';
import type { WindowState } from '../../preload/contract.ts';
import { GOOD_KEY, startApp } from './app-harness.ts';

const { frontDoor, garage } = SAMPLE_LOCK_IDS;

describe('without a key', () => {
  it('asks for one and sends nothing to Tedee', async () => {
    const h = await startApp();
    await h.app.start();
    await h.advance(5 * 60_000);
    expect(h.lastState().key.stored).toBe('none');
    expect(h.lastState().tray).toBe('key-problem');
    expect(h.simulator.requests()).toEqual([]);
    expect(h.recorded.trays.at(-1)?.status).toBe('key-problem');
  });
});

describe('the stored key, read at start', () => {
  it('is used to poll, and the key storage is asked once and kept', async () => {
    const h = await startApp({ storedKey: GOOD_KEY });
    await h.app.start();
    await h.advance(0);
    expect(h.lastState().key).toEqual({ stored: 'saved', storage: 'encrypted' });
    expect(h.lastState().status.kind).toBe('ok');
    await h.app.handle('clearKey', undefined);
    await h.app.handle('setKey', { key: GOOD_KEY, sessionOnly: false });
    expect(h.recorded.keyVault).toEqual(['storage', 'load', 'clear', 'save']);
  });

  it('is not read when the system offers no encryption', async () => {
    const h = await startApp({ storage: 'unavailable', storedKey: GOOD_KEY });
    await h.app.start();
    await h.advance(60_000);
    expect(h.recorded.keyVault).toEqual(['storage']);
    expect(h.lastState().key).toEqual({ stored: 'none', storage: 'unavailable' });
    expect(h.lastState().tray).toBe('key-problem');
    expect(h.simulator.requests()).toEqual([]);
  });

  it('is waited for by a verb that comes while it is being read', async () => {
    const h = await startApp({ storedKey: GOOD_KEY });
    const started = h.app.start();
    const state = h.app.handle('getState', undefined);
    await started;
    expect((await state).state.key.stored).toBe('saved');
  });

  it('starts nothing when the app quits while it is being read', async () => {
    const h = await startApp({ storedKey: GOOD_KEY });
    const started = h.app.start();
    await h.app.shutdown();
    await started;
    await h.advance(5 * 60_000);
    expect(h.simulator.requests()).toEqual([]);
    // Only what the tray showed at once, before the key was read.
    expect(h.recorded.trays.map((tray) => tray.tooltip)).toEqual(['Tedee: Reading your key…']);
  });
});

describe('a keychain that takes its time', () => {
  const menuLabels = (h: Awaited<ReturnType<typeof startApp>>) =>
    h.recorded.trays.at(-1)?.menu.map((item) => item.label);

  it('the tray is there at once, saying the key is being read', async () => {
    const keychain = Promise.withResolvers<void>();
    const h = await startApp({ storedKey: GOOD_KEY, keychainAnswers: [keychain.promise] });
    const started = h.app.start();
    await h.advance(0);
    expect(h.recorded.trays.at(-1)).toMatchObject({
      status: 'busy',
      tooltip: 'Tedee: Reading your key…',
    });
    expect(menuLabels(h)).toEqual(['Open window', 'Reading your key…', '', 'Quit']);
    keychain.resolve();
    await started;
    await h.advance(0);
    expect(h.lastState().status.kind).toBe('ok');
    expect(h.recorded.trays.at(-1)).toEqual(trayPresentation(h.lastState(), h.clock.now()));
  });

  it('after 10 s says so in the tray and the window, lets verbs go on, and takes the key when the keychain answers later', async () => {
    const keychain = Promise.withResolvers<void>();
    const h = await startApp({ storedKey: GOOD_KEY, keychainAnswers: [keychain.promise] });
    const started = h.app.start();
    await h.advance(9_999);
    expect(h.recorded.trays.at(-1)?.status).toBe('busy');
    await h.advance(1);
    await started;
    expect(h.recorded.trays.at(-1)?.status).toBe('key-problem');
    expect(menuLabels(h)).toContain('Read the key again');
    expect(h.recorded.trays.at(-1)?.tooltip).toMatch(/keychain did not answer in 10 s/);
    expect((await h.app.handle('getState', undefined)).state.notices).toEqual([
      expect.stringMatching(/keychain did not answer within 10 seconds/),
    ]);
    expect(h.simulator.requests()).toEqual([]);

    keychain.resolve();
    await h.advance(0);
    expect(h.lastState().key.stored).toBe('saved');
    expect(h.lastState().notices).toEqual([]);
    expect(h.recorded.trays.at(-1)).toEqual(trayPresentation(h.lastState(), h.clock.now()));
  });

  it('reads the key again from the tray after the keychain failed', async () => {
    const h = await startApp({
      storedKey: GOOD_KEY,
      keychainAnswers: [Promise.reject(new Error('The keyring is locked'))],
    });
    await h.app.start();
    expect(h.recorded.trays.at(-1)?.status).toBe('key-problem');
    expect(menuLabels(h)).toContain('Your key could not be read from the keychain');
    h.app.onTrayAction({ kind: 'read-key-again' });
    await h.advance(0);
    expect(h.recorded.keyVault).toEqual(['storage', 'load', 'storage', 'load']);
    expect(h.lastState().key.stored).toBe('saved');
    expect(h.recorded.trays.at(-1)).toEqual(trayPresentation(h.lastState(), h.clock.now()));
  });

  it('keeps a key entered while the keychain was still answering', async () => {
    const keychain = Promise.withResolvers<void>();
    const h = await startApp({ storedKey: 'older.key', keychainAnswers: [keychain.promise] });
    const started = h.app.start();
    await h.advance(10_000);
    await started;
    await h.app.handle('setKey', { key: GOOD_KEY, sessionOnly: true });
    keychain.resolve();
    await h.advance(0);
    expect(h.lastState().key.stored).toBe('session-only');
    expect(h.lastState().status.kind).toBe('ok');
  });
});

describe('entering the key', () => {
  it('a key Tedee rejects gives a clear error and is not stored', async () => {
    const h = await startApp();
    await h.app.start();
    await expect(h.app.handle('setKey', { key: 'wrong.key', sessionOnly: false })).rejects.toThrow(
      /rejected this key/,
    );
    expect(h.storedKey()).toBeNull();
    expect(h.lastState().key.stored).toBe('none');
  });

  it('a good key is checked, stored encrypted, and polling starts', async () => {
    const h = await startApp();
    await h.app.start();
    await h.app.handle('setKey', { key: GOOD_KEY, sessionOnly: false });
    expect(h.storedKey()).toEqual({ key: GOOD_KEY, origin: h.simulator.baseUrl });
    await h.advance(0);
    expect(h.lastState().key.stored).toBe('saved');
    expect(h.lastState().status.kind).toBe('ok');
    expect(h.lastState().locks.map((lock) => lock.name)).toEqual([
      'Front door',
      'Garage',
      'Back door',
    ]);
    expect(h.recorded.windowStates.at(-1)?.locks).toHaveLength(3);
    expect(h.everythingShown()).not.toContain(GOOD_KEY);
  });

  it('without safe storage the key can be kept for this session only', async () => {
    const h = await startApp({ storage: 'basic-text' });
    await h.app.start();
    await expect(h.app.handle('setKey', { key: GOOD_KEY, sessionOnly: false })).rejects.toThrow(
      /session only/,
    );
    await h.app.handle('setKey', { key: GOOD_KEY, sessionOnly: true });
    await h.advance(0);
    expect(h.storedKey()).toBeNull();
    expect(h.lastState().key).toEqual({ stored: 'session-only', storage: 'basic-text' });
    expect(h.lastState().status.kind).toBe('ok');
  });

  it('removing the key stops polling', async () => {
    const h = await startApp({ storedKey: GOOD_KEY });
    await h.app.start();
    await h.advance(0);
    await h.app.handle('clearKey', undefined);
    const requests = h.simulator.requests().length;
    await h.advance(10 * 60_000);
    expect(h.simulator.requests()).toHaveLength(requests);
    expect(h.storedKey()).toBeNull();
    expect(h.lastState().key.stored).toBe('none');
  });
  it.each([
    [
      'a control character',
      `${GOOD_KEY.slice(0, 8)}\u0007${GOOD_KEY.slice(8)}`,
      /control character/,
    ],
    ['a zero-width space', `${GOOD_KEY.slice(0, 8)}\u200B${GOOD_KEY.slice(8)}`, /invisible/],
    ['a line separator', `${GOOD_KEY.slice(0, 8)}\u2028${GOOD_KEY.slice(8)}`, /invisible/],
    ['a C1 control', `${GOOD_KEY}\u0085`, /control character/],
  ])('a key with %s is refused with what to do, before anything is sent', async (_, key, why) => {
    const h = await startApp();
    await h.app.start();
    const refusal = h.app.handle('setKey', { key, sessionOnly: false });
    await expect(refusal).rejects.toThrow(why);
    await expect(refusal).rejects.toThrow(/Copy it again from the Tedee Portal/);
    await expect(refusal).rejects.not.toThrow(/reach/);
    expect(h.simulator.requests()).toEqual([]);
    expect(h.storedKey()).toBeNull();
    expect(h.everythingShown()).not.toContain(GOOD_KEY.slice(8));
  });
});

describe('the key goes only to the address it was given for', () => {
  const others: TedeeSimulator[] = [];
  afterEach(async () => {
    await Promise.all(others.splice(0).map((other) => other.close()));
  });
  /** Another Tedee API on another origin, which would accept the key if it were sent. */
  const elsewhere = async () => {
    const other = await TedeeSimulator.start({ keys: [GOOD_KEY], locks: sampleLocks() });
    others.push(other);
    return other;
  };
  const noticeOf = (state: WindowState) => state.notices.find((notice) => /given for/.test(notice));

  it('a stored key given for another origin is not sent, and the window asks for a key', async () => {
    // As after another program rewrote settings.json to point at its own server.
    const h = await startApp({ storedKey: GOOD_KEY, storedKeyOrigin: 'https://api.tedee.com' });
    await h.app.start();
    await h.advance(5 * 60_000);
    expect(h.simulator.requests()).toEqual([]);
    expect(h.recorded.clients).toEqual([]);
    expect(h.lastState().key.stored).toBe('none');
    expect(h.lastState().tray).toBe('key-problem');
    expect(noticeOf(h.lastState())).toBe(
      `The Personal Access Key was given for https://api.tedee.com, and Tedee Tray sends a key only to the address it was given for. Enter the key again for ${h.simulator.baseUrl}, or set the API address back.`,
    );
    expect(h.everythingShown()).not.toContain(GOOD_KEY);
    // The key was not thrown away: the address may come back.
    expect(h.storedKey()).toEqual({ key: GOOD_KEY, origin: 'https://api.tedee.com' });
  });

  it('moving the API address to another origin stops sending the key, and keeps what was typed', async () => {
    const h = await startApp({ storedKey: GOOD_KEY });
    const other = await elsewhere();
    await h.app.start();
    await h.advance(0);
    const before = h.simulator.requests().length;
    await h.app.handle('updateSettings', { apiUrl: other.baseUrl, poll: { intervalSeconds: 60 } });
    await h.advance(10 * 60_000);

    expect(other.requests()).toEqual([]);
    expect(h.simulator.requests()).toHaveLength(before);
    expect(h.storedSettings()).toMatchObject({
      apiUrl: other.baseUrl,
      poll: { intervalSeconds: 60 },
    });
    expect(h.lastState().key.stored).toBe('none');
    expect(h.lastState().settings.apiUrl).toBe(other.baseUrl);
    expect(noticeOf(h.lastState())).toMatch(`given for ${h.simulator.baseUrl}`);
    expect(h.recorded.windowStates.at(-1)?.key.stored).toBe('none');
  });

  it('a key entered for the new address is bound to it, and the notice goes', async () => {
    const h = await startApp({ storedKey: GOOD_KEY });
    const other = await elsewhere();
    await h.app.start();
    await h.app.handle('updateSettings', { apiUrl: other.baseUrl });
    await h.app.handle('setKey', { key: GOOD_KEY, sessionOnly: false });
    await h.advance(0);
    expect(h.storedKey()).toEqual({ key: GOOD_KEY, origin: other.baseUrl });
    expect(h.lastState().key.stored).toBe('saved');
    expect(noticeOf(h.lastState())).toBeUndefined();
    expect(other.requests().length).toBeGreaterThan(0);
    expect(h.recorded.clients.at(-1)).toEqual({
      apiUrl: other.baseUrl,
      keyOrigin: other.baseUrl,
    });
  });

  it('setting the address back uses the key again', async () => {
    const h = await startApp({ storedKey: GOOD_KEY });
    const other = await elsewhere();
    await h.app.start();
    await h.app.handle('updateSettings', { apiUrl: other.baseUrl });
    await h.app.handle('updateSettings', { apiUrl: h.simulator.baseUrl });
    await h.advance(0);
    expect(h.lastState().key.stored).toBe('saved');
    expect(h.lastState().status.kind).toBe('ok');
    expect(noticeOf(h.lastState())).toBeUndefined();
    expect(other.requests()).toEqual([]);
  });

  it('another path on the same origin keeps the key', async () => {
    const h = await startApp({ storedKey: GOOD_KEY });
    await h.app.start();
    await h.app.handle('updateSettings', { apiUrl: `${h.simulator.baseUrl}/` });
    await h.advance(0);
    expect(h.lastState().key.stored).toBe('saved');
    expect(h.lastState().status.kind).toBe('ok');
  });

  it('demo mode runs on its own simulator with its own key', async () => {
    const h = await startApp({ storedKey: GOOD_KEY, storedKeyOrigin: 'https://api.tedee.com' });
    await h.app.start();
    await h.app.handle('startDemo', undefined);
    await h.advance(0);
    expect(h.lastState().status.kind).toBe('ok');
    const demo = h.recorded.clients.at(-1);
    expect(demo?.keyOrigin).toBe(demo?.apiUrl);
  });
});

describe('settings', () => {
  it('an interval below 20 s is refused with its reason and nothing changes', async () => {
    const h = await startApp({ storedKey: GOOD_KEY });
    await h.app.start();
    await expect(
      h.app.handle('updateSettings', {
        poll: { intervalSeconds: 10 },
        alerts: { lowBatteryPercent: 30 },
      }),
    ).rejects.toThrow(/at least 20 seconds/);
    expect(h.saves).toEqual([]);
    expect(h.lastState().settings.alerts.lowBatteryPercent).toBe(20);
  });

  it('valid changes are applied, saved and shown', async () => {
    const h = await startApp({ storedKey: GOOD_KEY });
    await h.app.start();
    await h.app.handle('updateSettings', {
      poll: { intervalSeconds: 60 },
      alerts: { enabled: { reconnected: false } },
      startAtLogin: true,
    });
    expect(h.storedSettings().poll.intervalSeconds).toBe(60);
    expect(h.storedSettings().alerts.enabled.reconnected).toBe(false);
    expect(h.storedSettings().alerts.enabled.disconnected).toBe(true);
    expect(h.recorded.loginItem).toEqual([true]);
    expect(h.lastState().budget.projectedPerHour).toBe(61);
  });

  it('a change naming a setting that does not exist is refused by name and nothing changes', async () => {
    const h = await startApp({ storedKey: GOOD_KEY });
    await h.app.start();
    const update = { poll: { intervalSeconds: 60, jitter: 3 } } as never;
    await expect(h.app.handle('updateSettings', update)).rejects.toThrow(
      'There is no setting called "poll.jitter".',
    );
    expect(h.saves).toEqual([]);
    expect(h.lastState().settings.poll.intervalSeconds).toBe(30);
  });

  it('an API address that is not https is refused', async () => {
    const h = await startApp();
    await h.app.start();
    await expect(h.app.handle('updateSettings', { apiUrl: 'http://example.com' })).rejects.toThrow(
      /https/,
    );
  });

  it('the lock selection is remembered by serial', async () => {
    const h = await startApp({ storedKey: GOOD_KEY });
    await h.app.start();
    await h.advance(0);
    await h.app.handle('selectLocks', { serials: ['24310511-000873'] });
    await h.advance(30_000);
    expect(h.storedSettings().selection).toEqual({ serials: ['24310511-000873'] });
    expect(h.lastState().locks.map((lock) => lock.id)).toEqual([garage]);
    expect(
      h
        .lastState()
        .accountLocks.filter((lock) => lock.selected)
        .map((lock) => lock.id),
    ).toEqual([garage]);
  });
});

describe('alerts become notifications', () => {
  it('alerts of one sync are merged into one notification', async () => {
    const h = await startApp({ storedKey: GOOD_KEY });
    await h.app.start();
    await h.advance(0);
    h.simulator.updateLock(frontDoor, { battery: 9 });
    h.simulator.updateLock(garage, { battery: 11 });
    await h.advance(30_000);
    expect(h.recorded.notifications).toHaveLength(1);
    expect(h.recorded.notifications[0]).toMatchObject({
      lockId: null,
      text: { title: '2 lock alerts' },
    });
  });

  it('a notification about one lock opens the window on it', async () => {
    const h = await startApp({ storedKey: GOOD_KEY });
    await h.app.start();
    await h.advance(0);
    h.simulator.updateLock(garage, { connected: false });
    await h.advance(60_000);
    expect(h.recorded.notifications).toHaveLength(1);
    const { lockId } = h.recorded.notifications[0]!;
    expect(lockId).toBe(garage);
    h.app.openLock(lockId);
    expect(h.recorded.windowShows.at(-1)).toBe(garage);
    expect(h.lastState().focusLockId).toBe(garage);
    h.app.onTrayAction({ kind: 'open-window' });
    expect(h.recorded.windowShows.at(-1)).toBeUndefined();
    expect(h.lastState().focusLockId).toBeNull();
  });

  it('a kind that is switched off raises nothing', async () => {
    const h = await startApp({ storedKey: GOOD_KEY });
    await h.app.start();
    await h.app.handle('updateSettings', { alerts: { enabled: { 'battery-low': false } } });
    await h.advance(0);
    h.simulator.updateLock(frontDoor, { battery: 9 });
    await h.advance(30_000);
    expect(h.recorded.notifications).toEqual([]);
  });
});

describe('tray actions', () => {
  it('pause and resume, refresh, login item, logs and quit', async () => {
    const h = await startApp({ storedKey: GOOD_KEY });
    await h.app.start();
    await h.advance(0);
    h.app.onTrayAction({ kind: 'pause', minutes: 60 });
    expect(h.lastState().status.kind).toBe('paused');
    h.app.onTrayAction({ kind: 'resume' });
    expect(h.lastState().status.kind).not.toBe('paused');
    h.app.onTrayAction({ kind: 'toggle-start-at-login' });
    await h.advance(0);
    expect(h.recorded.loginItem).toEqual([true]);
    h.app.onTrayAction({ kind: 'open-logs' });
    h.app.onTrayAction({ kind: 'quit' });
    expect(h.recorded.opened).toEqual(['logs']);
    expect(h.recorded.quits).toBe(1);
  });

  it('the help link opens only its fixed https page', async () => {
    const h = await startApp();
    await h.app.start();
    await h.app.handle('openExternalHelp', { topic: 'personal-access-keys' });
    expect(h.recorded.opened).toEqual(['https://portal.tedee.com/personal-access-keys']);
  });
});

describe('demo mode', () => {
  it('runs against the built-in simulator without a key', async () => {
    const h = await startApp();
    await h.app.start();
    await h.app.handle('startDemo', undefined);
    await h.advance(0);
    expect(h.lastState().demo).toBe(true);
    expect(h.lastState().status.kind).toBe('ok');
    expect(h.lastState().locks).toHaveLength(3);
    expect(h.everythingShown()).not.toContain('demo.key');
  });
});

describe('the tray menu over time', () => {
  it('is shown again when a refresh becomes allowed', async () => {
    const h = await startApp({ storedKey: GOOD_KEY });
    await h.app.start();
    await h.advance(0);
    const allowedAt = h.lastState().refreshAllowedAt;
    expect(allowedAt).toBeGreaterThan(h.clock.now());
    await h.advance(allowedAt - h.clock.now());
    const refresh = h.recorded.trays
      .at(-1)!
      .menu.find((item) => item.action?.kind === 'refresh-now');
    expect(refresh).toMatchObject({ label: 'Refresh now', enabled: true });
  });
});

describe('the lock history across restarts', () => {
  const MINUTE = 60_000;
  const HOUR = 60 * MINUTE;
  const DAY = 24 * HOUR;
  const frontDoorOf = (state: WindowState) => state.locks.find((lock) => lock.id === frontDoor);

  it('is saved after syncs that changed it, at most once a minute', async () => {
    const h = await startApp({ storedKey: GOOD_KEY });
    const t0 = h.clock.now();
    await h.app.start();
    await h.advance(0);
    expect(h.recorded.historySaves.map((save) => save.at)).toEqual([t0]);
    // The front door changes at every sync for 2.5 minutes.
    for (let sync = 1; sync <= 5; sync += 1) {
      h.simulator.updateLock(frontDoor, { state: sync % 2 === 1 ? 'unlocked' : 'locked' });
      await h.advance(30_000);
    }
    expect(h.recorded.historySaves.map((save) => save.at - t0)).toEqual([0, MINUTE, 2 * MINUTE]);
    // The changes since the last save are written a minute after it; later syncs change
    // nothing and write nothing.
    await h.advance(2 * HOUR);
    expect(h.recorded.historySaves.map((save) => save.at - t0)).toEqual([
      0,
      MINUTE,
      2 * MINUTE,
      3 * MINUTE,
    ]);
    expect(LockHistory.fromJSON(h.savedHistory()).samplesOf(frontDoor)).toHaveLength(6);
  });

  /** A change 30 s after the first save, not written yet when `end` runs, and written by it. */
  async function savedAtOnceBy(end: (app: TedeeTrayApp) => Promise<void> | void) {
    const h = await startApp({ storedKey: GOOD_KEY });
    await h.app.start();
    await h.advance(0);
    h.simulator.updateLock(garage, { state: 'locked' });
    await h.advance(30_000);
    expect(h.recorded.historySaves).toHaveLength(1);
    await end(h.app);
    expect(h.recorded.historySaves.map((save) => save.at)).toEqual([
      h.clock.now() - 30_000,
      h.clock.now(),
    ]);
    expect(
      LockHistory.fromJSON(h.savedHistory())
        .samplesOf(garage)
        .map((sample) => sample.state),
    ).toEqual(['unlocked', 'locked']);
    return h;
  }

  it('is saved when the system shuts down (Linux, macOS), and polling goes on until the quit', async () => {
    const h = await savedAtOnceBy((app) => app.systemShuttingDown());
    const syncs = h.simulator.requests().length;
    await h.advance(30_000);
    expect(h.simulator.requests().length).toBeGreaterThan(syncs);
  });

  it('is saved on quit with what changed since the last save', async () => {
    const h = await savedAtOnceBy((app) => app.shutdown());
    await h.advance(HOUR);
    expect(h.recorded.historySaves).toHaveLength(2);
  });

  it('is shown again by the restarted app: the battery trend goes on', async () => {
    const first = await startApp({ storedKey: GOOD_KEY });
    await first.app.start();
    await first.advance(0);
    first.simulator.updateLock(frontDoor, { battery: 70 });
    await first.advance(30_000);
    await first.app.shutdown();
    const t0 = first.clock.now() - 30_000;
    expect(frontDoorOf(first.lastState())?.batteryTrend).toEqual([
      { at: t0, battery: 76 },
      { at: t0 + 30_000, battery: 70 },
    ]);

    const restartedAt = first.clock.now() + 8 * HOUR;
    const second = await startApp({
      storedKey: GOOD_KEY,
      savedHistory: first.savedHistory(),
      startAt: restartedAt,
    });
    await second.app.start();
    await second.advance(0);
    expect(frontDoorOf(second.lastState())?.batteryTrend).toEqual([
      { at: t0, battery: 76 },
      { at: t0 + 30_000, battery: 70 },
      { at: restartedAt, battery: 76 },
    ]);
  });

  it('drops what is older than the history keeps when the app comes back after a long time', async () => {
    const first = await startApp({ storedKey: GOOD_KEY });
    await first.app.start();
    await first.advance(0);
    await first.app.shutdown();

    const restartedAt = first.clock.now() + 31 * DAY;
    const second = await startApp({
      storedKey: GOOD_KEY,
      savedHistory: first.savedHistory(),
      startAt: restartedAt,
    });
    await second.app.start();
    await second.advance(0);
    // Every lock is as it was a month ago: kept, its old sample would stand for now and no new
    // one would be recorded. Dropped at start, the sync records the state afresh.
    expect(
      second.lastState().locks.map((lock) => lock.recentEvents.map((event) => event.at)),
    ).toEqual([[restartedAt], [restartedAt], [restartedAt]]);
  });

  it('a saved history that cannot be read starts empty, and monitoring goes on', async () => {
    for (const savedHistory of [
      '{"version":1,',
      { version: 1, locks: [{ id: frontDoor, samples: 'none' }] },
      [1, 2],
    ]) {
      const h = await startApp({ storedKey: GOOD_KEY, savedHistory });
      const t0 = h.clock.now();
      await h.app.start();
      await h.advance(0);
      expect(h.lastState().status.kind).toBe('ok');
      expect(frontDoorOf(h.lastState())?.batteryTrend).toEqual([{ at: t0, battery: 76 }]);
    }
  });

  it('a save that fails is said once in the log, and monitoring goes on', async () => {
    const h = await startApp({ storedKey: GOOD_KEY, historySaveFails: true });
    await h.app.start();
    for (let sync = 0; sync < 60; sync += 1) {
      h.simulator.updateLock(frontDoor, { state: sync % 2 === 0 ? 'unlocked' : 'locked' });
      await h.advance(30_000);
    }
    await h.app.shutdown();
    expect(h.recorded.logs.filter((line) => line.includes('history'))).toEqual([
      'warn The lock history could not be saved: Error: ENOSPC: no space left on device',
    ]);
    expect(h.lastState().status.kind).toBe('ok');
    expect(
      h.simulator.requests().filter((request) => request.path.endsWith('/sync')).length,
    ).toBeGreaterThan(50);
  });
});
