/**
 * Live mode in the app, against the simulated bridge over loopback: the token kept like the key
 * and bound to the bridge address, live mode started when the settings and a token allow it,
 * restarted and stopped with them (its callback deleted), the window and tray saying "live",
 * Test connection, and demo mode on a simulated bridge. The token never reaches anything shown.
 */
import { describe, expect, it } from 'vitest';
import { SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import type { AppSettings } from '../../main/settings/app-settings.ts';
import { defaultAppSettings } from '../../main/settings/app-settings.ts';
import { BRIDGE_TOKEN, GOOD_KEY, INSTANCE_ID, startApp } from './app-harness.ts';

type Harness = Awaited<ReturnType<typeof startApp>>;

/** Lets simulated time pass a second at a time, with real time for loopback answers, until `done`. */
async function advanceUntil(h: Harness, done: () => boolean, maxSeconds = 120): Promise<void> {
  for (let second = 0; second < maxSeconds && !done(); second += 1) {
    await h.advance(1_000);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  expect(done()).toBe(true);
}

function bridgeOn(address: string, extra: Partial<AppSettings['bridge']> = {}) {
  return { bridge: { ...defaultAppSettings.bridge, enabled: true, address, ...extra } };
}

const ownCallbacks = (h: Harness) =>
  h.bridge?.callbacks().filter((callback) => callback.url.includes(`/${INSTANCE_ID}/`)) ?? [];

/** The app with a key and a stored bridge token, live mode turned on, its callback registered. */
async function startLive(): Promise<Harness> {
  const h = await startApp({
    storedKey: GOOD_KEY,
    withBridge: true,
    storedBridgeToken: BRIDGE_TOKEN,
  });
  await h.app.start();
  await h.app.handle('updateSettings', bridgeOn(h.bridge?.baseUrl ?? ''));
  await advanceUntil(h, () => ownCallbacks(h).length === 1);
  return h;
}

describe('the bridge token', () => {
  it('is checked with the bridge, stored encrypted for its address, and never shown', async () => {
    const h = await startApp({ storedKey: GOOD_KEY, withBridge: true });
    const address = h.bridge?.baseUrl ?? '';
    await h.app.start();
    await h.app.handle('updateSettings', { bridge: { address } });
    const asking = h.app.handle('setBridgeToken', { token: BRIDGE_TOKEN });
    await expect(asking).resolves.toBeNull();
    expect(h.storedBridgeToken()).toEqual({ key: BRIDGE_TOKEN, origin: address });
    expect(h.bridge?.requests().map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /v1.0/bridge',
    ]);
    expect(h.lastState().bridge.token).toBe('saved');
    expect(h.storedSettings().bridge).not.toHaveProperty('token');
    expect(h.everythingShown()).not.toContain(BRIDGE_TOKEN);
    expect(JSON.stringify(h.saves)).not.toContain(BRIDGE_TOKEN);
  });

  it('is refused, and not stored, when the bridge rejects it; the message names the switch', async () => {
    const h = await startApp({ withBridge: true });
    await h.app.start();
    await h.app.handle('updateSettings', { bridge: { address: h.bridge?.baseUrl ?? '' } });
    const wrong = 'N0tTheT0ken';
    const asking = h.app.handle('setBridgeToken', { token: wrong });
    // Caught now, checked below: it rejects while time moves.
    const outcome = asking.then(
      () => null,
      (error: unknown) => error,
    );
    // The client tries once more with a fresh token after a 401, a second later.
    await h.advance(1_000);
    expect(String(await outcome)).toContain('The bridge rejected the token (HTTP 401)');
    expect(h.storedBridgeToken()).toBeNull();
    expect(h.lastState().bridge.token).toBe('none');
    expect(h.everythingShown()).not.toContain(wrong);
  });

  it('is kept for this session only where the system offers no safe storage', async () => {
    const h = await startApp({ storage: 'basic-text', withBridge: true });
    await h.app.start();
    await h.app.handle('updateSettings', { bridge: { address: h.bridge?.baseUrl ?? '' } });
    await h.app.handle('setBridgeToken', { token: BRIDGE_TOKEN });
    expect(h.lastState().bridge.token).toBe('session-only');
    expect(h.storedBridgeToken()).toBeNull();
    expect(h.recorded.bridgeTokenVault).toEqual(['clear']);
  });

  it('is not saved when the bridge cannot be reached, and the message says why', async () => {
    const h = await startApp({ withBridge: true });
    await h.app.start();
    await h.app.handle('updateSettings', { bridge: { address: h.bridge?.baseUrl ?? '' } });
    await h.bridge?.setReachability('refusing');
    await expect(h.app.handle('setBridgeToken', { token: BRIDGE_TOKEN })).rejects.toThrow(
      /^The token was not saved: .*bridge/,
    );
    expect(h.storedBridgeToken()).toBeNull();
    expect(h.lastState().bridge.token).toBe('none');
  });

  it('is forgotten on request: removed from storage, live mode stopped', async () => {
    const h = await startLive();
    await h.app.handle('clearBridgeToken', undefined);
    await advanceUntil(h, () => ownCallbacks(h).length === 0);
    expect(h.storedBridgeToken()).toBeNull();
    expect(h.lastState().bridge).toMatchObject({ token: 'none', live: { mode: 'off' } });
  });

  it('needs the bridge address first, and refuses characters a header cannot carry', async () => {
    const h = await startApp();
    await h.app.start();
    await expect(h.app.handle('setBridgeToken', { token: BRIDGE_TOKEN })).rejects.toThrow(
      "Save the bridge's address first",
    );
    await h.app.handle('updateSettings', { bridge: { address: 'http://192.168.1.20' } });
    await expect(h.app.handle('setBridgeToken', { token: 'abc\u200Bdef' })).rejects.toThrow(
      'This token contains an invisible character',
    );
    expect(h.recorded.bridgeTokenVault).toEqual(['load']);
  });

  it('waits while the settings name another bridge address, and is used again when it comes back', async () => {
    const h = await startApp({
      storedKey: GOOD_KEY,
      storedBridgeToken: BRIDGE_TOKEN,
      storedBridgeTokenOrigin: 'http://192.168.1.20',
      settings: { bridge: { ...defaultAppSettings.bridge, address: 'http://192.168.1.20' } },
    });
    await h.app.start();
    expect(h.lastState().bridge.token).toBe('saved');
    await h.app.handle('updateSettings', { bridge: { address: 'http://192.168.1.21' } });
    expect(h.lastState().bridge.token).toBe('none');
    expect(h.lastState().notices).toContain(
      'The bridge token was given for http://192.168.1.20, and Tedee Tray sends it only there. Enter the token again for http://192.168.1.21, or set the bridge address back.',
    );
    await h.app.handle('updateSettings', { bridge: { address: 'http://192.168.1.20' } });
    expect(h.lastState().bridge.token).toBe('saved');
    expect(h.lastState().notices).toEqual([]);
  });
});

describe('live mode', () => {
  it('starts with a stored token and live mode on: one callback, the locks Live, the tray says live', async () => {
    const h = await startLive();
    await advanceUntil(h, () => h.lastState().bridge.live.mode === 'callbacks');
    await advanceUntil(h, () => h.lastState().locks.some((lock) => lock.live));
    expect(ownCallbacks(h)).toHaveLength(1);
    const front = h.lastState().locks.find((lock) => lock.id === SAMPLE_LOCK_IDS.frontDoor);
    expect(front).toMatchObject({ source: 'bridge', live: true });
    expect(h.recorded.trays.at(-1)?.tooltip).toMatch(/^Tedee \(live\): /);
    expect(h.everythingShown()).not.toContain(BRIDGE_TOKEN);
  });

  it('starts at start-up from the saved settings and the stored token', async () => {
    const h = await startApp({
      storedKey: GOOD_KEY,
      withBridge: true,
      storedBridgeToken: BRIDGE_TOKEN,
      liveModeSaved: true,
    });
    await h.app.start();
    await advanceUntil(h, () => h.lastState().bridge.live.mode === 'callbacks');
    expect(ownCallbacks(h)).toHaveLength(1);
    expect(h.recorded.bridgeTokenVault).toEqual(['load']);
  });

  it('is stopped when turned off: the callback is deleted and the cards go back to times', async () => {
    const h = await startLive();
    await h.app.handle('updateSettings', { bridge: { enabled: false } });
    await advanceUntil(h, () => ownCallbacks(h).length === 0);
    expect(h.lastState().bridge.live.mode).toBe('off');
    expect(h.lastState().locks.every((lock) => !lock.live)).toBe(true);
    expect(h.recorded.trays.at(-1)?.tooltip).toMatch(/^Tedee: /);
  });

  it('deletes its callback when the app quits', async () => {
    const h = await startLive();
    const quitting = Date.now();
    let quit = false;
    const shutdown = h.app.shutdown().then(() => (quit = true));
    // The bridge's one-request-a-second guard runs on the app's (simulated) clock.
    await advanceUntil(h, () => quit, 5);
    await shutdown;
    expect(Date.now() - quitting).toBeLessThan(2_500);
    expect(ownCallbacks(h)).toEqual([]);
  });

  it('restarts with a new token mode: the old callback goes, one new one comes', async () => {
    const h = await startLive();
    const first = ownCallbacks(h)[0]?.id;
    h.bridge?.setAuthMode('plain');
    await h.app.handle('updateSettings', { bridge: { authMode: 'plain' } });
    await advanceUntil(h, () => ownCallbacks(h).length === 1 && ownCallbacks(h)[0]?.id !== first);
    expect(h.lastState().settings.bridge.authMode).toBe('plain');
  });

  it('runs bridge-only without a Personal Access Key, and says so', async () => {
    const h = await startApp({ withBridge: true, storedBridgeToken: BRIDGE_TOKEN });
    await h.app.start();
    await h.app.handle('updateSettings', bridgeOn(h.bridge?.baseUrl ?? ''));
    await advanceUntil(h, () => h.lastState().locks.length === 3);
    expect(h.lastState().bridge.live.bridgeOnly).toBe(true);
    expect(h.lastState().key.stored).toBe('none');
    expect(h.simulator.requests()).toEqual([]);
  });
});

describe('the lock history in live mode', () => {
  it('goes to disk after a change the bridge reported, also without a key', async () => {
    const h = await startApp({
      withBridge: true,
      storedBridgeToken: BRIDGE_TOKEN,
      liveModeSaved: true,
    });
    await h.app.start();
    await advanceUntil(h, () => h.lastState().bridge.live.mode === 'callbacks');
    const savesBefore = h.recorded.historySaves.length;
    h.bridge?.updateLock(SAMPLE_LOCK_IDS.frontDoor, { state: 'unlocked' });
    await advanceUntil(
      h,
      () =>
        h.lastState().locks.find((lock) => lock.id === SAMPLE_LOCK_IDS.frontDoor)?.state ===
        'unlocked',
    );
    await advanceUntil(h, () => h.recorded.historySaves.length > savesBefore, 90);
    expect(JSON.stringify(h.savedHistory())).toContain('unlocked');
  });
});

describe('Test connection', () => {
  it('reports every check as working with the right token and clock', async () => {
    const h = await startApp({ withBridge: true, storedBridgeToken: BRIDGE_TOKEN });
    await h.app.start();
    await h.app.handle('updateSettings', { bridge: { address: h.bridge?.baseUrl ?? '' } });
    const result = await h.app.handle('testBridge', undefined);
    expect(result.checks.map(({ name, outcome }) => [name, outcome])).toEqual([
      ['reachable', 'ok'],
      ['authenticated', 'ok'],
      ['clock', 'ok'],
      ['callbacks', 'unknown'],
    ]);
    expect(result.checks[0]?.detail).toContain('Bridge-7C31 answers at');
    expect(result.checks[3]?.detail).toBe(
      'Not yet seen: turn live mode on and save; the bridge calls back when a lock changes.',
    );
    expect(JSON.stringify(result)).not.toContain(BRIDGE_TOKEN);
  });

  it('without a token, still says whether the bridge answers', async () => {
    const h = await startApp({ withBridge: true });
    await h.app.start();
    await h.app.handle('updateSettings', { bridge: { address: h.bridge?.baseUrl ?? '' } });
    const testing = h.app.handle('testBridge', undefined);
    await h.advance(5_000);
    const result = await testing;
    expect(result.checks.slice(0, 2)).toEqual([
      { name: 'reachable', outcome: 'ok', detail: `The bridge answers at ${h.bridge?.baseUrl}.` },
      { name: 'authenticated', outcome: 'unknown', detail: 'No token is saved yet.' },
    ]);
  });

  it('says the token works in the other mode when the switch does not match', async () => {
    const h = await startApp({ withBridge: true, storedBridgeToken: BRIDGE_TOKEN });
    await h.app.start();
    await h.app.handle('updateSettings', {
      bridge: { address: h.bridge?.baseUrl ?? '', authMode: 'plain' },
    });
    const testing = h.app.handle('testBridge', undefined);
    await h.advance(5_000);
    const result = await testing;
    expect(result.checks[0]).toMatchObject({ name: 'reachable', outcome: 'ok' });
    expect(result.checks[1]).toEqual({
      name: 'authenticated',
      outcome: 'failed',
      detail:
        'The token works in encrypted mode, not in plain mode: choose "encrypted" here, or switch "Encrypted token" in the Tedee app.',
    });
  });

  it('names a clock that is off as the cause, in seconds', async () => {
    // The bridge's clock is 2 minutes behind ours: it refuses our encrypted tokens as too new.
    const h = await startApp({
      withBridge: true,
      storedBridgeToken: BRIDGE_TOKEN,
      bridgeClockOffsetMs: -120_000,
    });
    await h.app.start();
    await h.app.handle('updateSettings', { bridge: { address: h.bridge?.baseUrl ?? '' } });
    const testing = h.app.handle('testBridge', undefined);
    await h.advance(5_000);
    const result = await testing;
    expect(result.checks.slice(0, 3)).toEqual([
      expect.objectContaining({ name: 'reachable', outcome: 'ok' }),
      expect.objectContaining({
        name: 'authenticated',
        outcome: 'failed',
        detail: expect.stringContaining(
          "your computer's clock is 120 s off (ahead of the bridge's)",
        ),
      }),
      {
        name: 'clock',
        outcome: 'failed',
        detail:
          "This computer's clock is 120 s ahead of the bridge's. Encrypted tokens carry the time: set the clock automatically.",
      },
    ]);
  });

  it('says the bridge cannot be reached, and tries nothing further', async () => {
    const h = await startApp({ withBridge: true, storedBridgeToken: BRIDGE_TOKEN });
    await h.app.start();
    await h.app.handle('updateSettings', { bridge: { address: h.bridge?.baseUrl ?? '' } });
    await h.bridge?.setReachability('refusing');
    const result = await h.app.handle('testBridge', undefined);
    expect(result.checks.map(({ outcome }) => outcome)).toEqual([
      'failed',
      'unknown',
      'unknown',
      'unknown',
    ]);
    expect(result.checks[0]?.detail).toMatch(/bridge/i);
  });

  it('reports callbacks from the running live mode', async () => {
    const h = await startLive();
    await advanceUntil(h, () => h.lastState().bridge.live.mode === 'callbacks');
    const testing = h.app.handle('testBridge', undefined);
    await h.advance(5_000);
    expect((await testing).checks[3]).toEqual({
      name: 'callbacks',
      outcome: 'ok',
      detail: 'The bridge calls this computer back when a lock changes.',
    });
  });
});

describe('demo mode', () => {
  it('runs live on the simulated bridge', async () => {
    const h = await startApp();
    await h.app.start();
    await h.app.handle('startDemo', undefined);
    await advanceUntil(h, () => h.lastState().bridge.live.mode === 'callbacks');
    await advanceUntil(h, () => h.lastState().locks.some((lock) => lock.live));
    expect(h.recorded.trays.at(-1)?.tooltip).toMatch(/^Tedee \(live\): /);
    expect(h.everythingShown()).not.toContain('demo.token');
  });
});

describe('lock operations in live mode', () => {
  it('"Lock Garage" from the tray goes through the bridge, without Lock.Operate on the key', async () => {
    // The key reads only (Device.Read): the cloud would refuse; the bridge needs no scope.
    const h = await startLive();
    await advanceUntil(h, () => h.lastState().bridge.live.mode === 'callbacks');
    h.app.onTrayAction({ kind: 'lock', lockId: SAMPLE_LOCK_IDS.garage });
    await advanceUntil(h, () => h.lastState().operations.results.length === 1, 30);
    expect(h.lastState().operations.results[0]).toMatchObject({
      lockId: SAMPLE_LOCK_IDS.garage,
      ok: true,
      message: 'Garage is locked.',
    });
    expect(
      h.bridge
        ?.requests()
        .filter((request) => request.path.endsWith('/lock') && request.method === 'POST'),
    ).toHaveLength(1);
    expect(
      h.simulator.requests().filter((request) => request.path.includes('/operation/')),
    ).toEqual([]);
    expect(h.recorded.logs).toContain(
      `info Lock Garage (${SAMPLE_LOCK_IDS.garage}), asked from the tray, via the bridge: Garage is locked.`,
    );
    expect(h.everythingShown()).not.toContain(BRIDGE_TOKEN);
  });
});

describe('lock operations after a scope 403, in live mode', () => {
  it('hides Lock only for the locks that go through the cloud; a live lock keeps it', async () => {
    // Garage is paired with the bridge (live); the front and back doors are on the cloud.
    const h = await startApp({
      storedKey: GOOD_KEY,
      withBridge: true,
      storedBridgeToken: BRIDGE_TOKEN,
      bridgeLockIds: [SAMPLE_LOCK_IDS.garage],
      settings: { operations: { allowUnlock: true } },
    });
    await h.app.start();
    await h.app.handle('updateSettings', bridgeOn(h.bridge?.baseUrl ?? ''));
    await advanceUntil(h, () => h.lastState().bridge.live.mode === 'callbacks');
    h.recorded.confirmAnswer = true;
    // The key reads only (Device.Read): the cloud refuses the front door's unlock.
    await h.app.handle('operateLock', { lockId: SAMPLE_LOCK_IDS.frontDoor, operation: 'unlock' });
    await advanceUntil(h, () => h.lastState().operations.results.length === 1, 30);
    const { operations, locks } = h.lastState();
    expect(operations.cloudCanOperate).toBe(false);
    expect(operations.notice).toContain('Lock.Operate');
    expect(locks.find((lock) => lock.id === SAMPLE_LOCK_IDS.garage)?.live).toBe(true);
    const trayLabels = h.recorded.trays.at(-1)?.menu.map((item) => item.label) ?? [];
    expect(trayLabels.filter((label) => label.startsWith('Lock '))).toEqual(['Lock Garage']);

    // And it still locks, through the bridge.
    h.app.onTrayAction({ kind: 'lock', lockId: SAMPLE_LOCK_IDS.garage });
    await advanceUntil(h, () => h.lastState().operations.results.length === 2, 30);
    expect(
      h.lastState().operations.results.find((result) => result.lockId === SAMPLE_LOCK_IDS.garage),
    ).toMatchObject({ ok: true, message: 'Garage is locked.' });
    expect(h.everythingShown()).not.toContain(BRIDGE_TOKEN);
  });
  it('offers "Lock now" on a notification about the live lock, not on one about a cloud lock', async () => {
    const { garage, frontDoor } = SAMPLE_LOCK_IDS;
    const alerts = defaultAppSettings.alerts;
    const h = await startApp({
      storedKey: GOOD_KEY,
      withBridge: true,
      storedBridgeToken: BRIDGE_TOKEN,
      bridgeLockIds: [garage],
      settings: {
        operations: { allowUnlock: true },
        alerts: {
          ...alerts,
          enabled: { ...alerts.enabled, 'left-unlocked': true },
          leftUnlockedMinutes: 1,
        },
      },
    });
    await h.app.start();
    await h.app.handle('updateSettings', bridgeOn(h.bridge?.baseUrl ?? ''));
    await advanceUntil(h, () => h.lastState().bridge.live.mode === 'callbacks');
    h.recorded.confirmAnswer = true;
    await h.app.handle('operateLock', { lockId: frontDoor, operation: 'unlock' });
    await advanceUntil(h, () => h.lastState().operations.results.length === 1, 30);
    expect(h.lastState().operations.cloudCanOperate).toBe(false);

    const newNotificationAbout = async (lockId: number) => {
      const seen = h.recorded.notifications.length;
      await advanceUntil(
        h,
        () => h.recorded.notifications.slice(seen).some((entry) => entry.lockId === lockId),
        180,
      );
      return h.recorded.notifications.slice(seen).find((entry) => entry.lockId === lockId);
    };
    // Garage, followed by the bridge, is locked and unlocked again at the door.
    h.bridge?.updateLock(garage, { state: 'locked' });
    h.bridge?.updateLock(garage, { state: 'unlocked' });
    expect(await newNotificationAbout(garage)).toMatchObject({
      text: { title: 'Garage has been unlocked for 1 minute' },
      action: { label: 'Lock now', lockId: garage },
    });
    // The front door goes through the cloud, which refused this key.
    h.simulator.updateLock(frontDoor, { state: 'unlocked' });
    const aboutFrontDoor = await newNotificationAbout(frontDoor);
    expect(aboutFrontDoor?.text.title).toBe('Front door has been unlocked for 1 minute');
    expect(aboutFrontDoor?.action).toBeUndefined();
  });
});
