/** Alerts about one lock that follow its connection and battery. */
import { describe, expect, it } from 'vitest';
import {
  SECOND,
  MINUTE,
  T0,
  allOn,
  settingsWith,
  policyRun,
  kindsOf,
  connected,
  disconnected,
} from './alert-policy-run.ts';
import type { Alert } from '../../main/engine/alert-policy.ts';
import type { MonitoredLock } from '../../main/engine/monitor-snapshot.ts';
import { makeLock } from './lock-factory.ts';

describe('disconnected', () => {
  it('alerts exactly once: not on the 1st disconnected sync, on the 2nd, not on the 3rd or later', () => {
    const run = policyRun();
    expect(run.sync(disconnected, T0)).toEqual([]);
    expect(run.sync(disconnected, T0 + 30 * SECOND)).toEqual([
      {
        kind: 'disconnected',
        lockId: 1,
        title: 'Front door is disconnected',
        body: expect.any(String),
      },
    ]);
    expect(run.sync(disconnected, T0 + 60 * SECOND)).toEqual([]);
    expect(run.sync(disconnected, T0 + 90 * SECOND)).toEqual([]);
  });

  it('names a lock without a name by its id', () => {
    const run = policyRun();
    const unnamed = makeLock({ id: 48213, name: '  ', connected: false });
    run.sync(unnamed, T0);
    expect(run.sync(unnamed, T0 + 30 * SECOND)).toEqual([
      expect.objectContaining({ title: 'Lock 48213 is disconnected' }),
    ]);
  });

  it('a lock without a bridge (connected null) never counts as disconnected', () => {
    const run = policyRun();
    const bridgeless = makeLock({ connected: null });
    for (let i = 0; i < 5; i += 1) expect(run.sync(bridgeless, T0 + i * MINUTE)).toEqual([]);
  });

  it('a connected sync in between resets the count', () => {
    const run = policyRun();
    expect(run.sync(disconnected, T0)).toEqual([]);
    expect(run.sync(connected, T0 + 1 * MINUTE)).toEqual([]);
    expect(run.sync(disconnected, T0 + 2 * MINUTE)).toEqual([]);
    expect(kindsOf(run.sync(disconnected, T0 + 3 * MINUTE))).toEqual(['disconnected']);
  });

  it('a failed poll neither advances nor resets the count', () => {
    const advancing = policyRun();
    expect(advancing.sync(disconnected, T0)).toEqual([]);
    for (const reason of ['unreachable', 'rate-limited', 'key-rejected'] as const) {
      expect(kindsOf(advancing.fail(reason, T0 + MINUTE))).not.toContain('disconnected');
    }
    expect(kindsOf(advancing.sync(disconnected, T0 + 2 * MINUTE))).toEqual(['disconnected']);
  });

  it('a new disconnection after reconnecting alerts again', () => {
    const run = policyRun();
    run.sync(disconnected, T0);
    run.sync(disconnected, T0 + MINUTE);
    run.sync(connected, T0 + 2 * MINUTE);
    expect(run.sync(disconnected, T0 + 3 * MINUTE)).toEqual([]);
    expect(kindsOf(run.sync(disconnected, T0 + 4 * MINUTE))).toEqual(['disconnected']);
  });

  it('is confirmed only by a second sync at least 20 s after the first (bridge reports come seconds apart)', () => {
    const run = policyRun();
    expect(run.sync(disconnected, T0)).toEqual([]);
    expect(run.sync(disconnected, T0 + 5 * SECOND)).toEqual([]);
    expect(run.sync(disconnected, T0 + 19_999)).toEqual([]);
    expect(kindsOf(run.sync(disconnected, T0 + 20_000))).toEqual(['disconnected']);
  });

  it('counts the first disconnected sync on a clock that starts at 0', () => {
    const run = policyRun();
    expect(run.sync(disconnected, 0)).toEqual([]);
    expect(kindsOf(run.sync(disconnected, 20_000))).toEqual(['disconnected']);
  });
});

describe('behind an offline bridge', () => {
  /** A sync in which the locks `behind` are known to sit behind an offline bridge. */
  function syncBehind(
    run: ReturnType<typeof policyRun>,
    locks: MonitoredLock[],
    at: number,
    behind: number[],
  ): Alert[] {
    return run.poll({ kind: 'synced', locks, behindOfflineBridge: new Set(behind) }, at);
  }

  it('a lock gets no "disconnected" of its own, while a lock of another bridge does', () => {
    const run = policyRun();
    const locks = [
      makeLock({ id: 1, connected: false }),
      makeLock({ id: 2, name: 'Garage', connected: false }),
    ];
    syncBehind(run, locks, T0, [1]);
    expect(syncBehind(run, locks, T0 + MINUTE, [1])).toEqual([
      expect.objectContaining({ kind: 'disconnected', lockId: 2 }),
    ]);
  });

  it('its other alerts still come', () => {
    const run = policyRun();
    expect(kindsOf(syncBehind(run, [makeLock({ id: 1, battery: 5 })], T0, [1]))).toEqual([
      'battery-low',
    ]);
  });

  it('its episode is confirmed silently: nothing later while it stays disconnected, nor when it reconnects', () => {
    const run = policyRun();
    const off = makeLock({ id: 1, connected: false });
    syncBehind(run, [off], T0, [1]);
    syncBehind(run, [off], T0 + MINUTE, [1]);
    expect(syncBehind(run, [off], T0 + 2 * MINUTE, [])).toEqual([]);
    expect(syncBehind(run, [makeLock({ id: 1 })], T0 + 3 * MINUTE, [])).toEqual([]);
  });
});

describe('reconnected', () => {
  it('follows a delivered disconnected alert, once', () => {
    const run = policyRun();
    run.sync(disconnected, T0);
    run.sync(disconnected, T0 + MINUTE);
    expect(run.sync(connected, T0 + 2 * MINUTE)).toEqual([
      {
        kind: 'reconnected',
        lockId: 1,
        title: 'Front door is connected again',
        body: expect.any(String),
      },
    ]);
    expect(run.sync(connected, T0 + 3 * MINUTE)).toEqual([]);
  });

  it('does not follow a single disconnected sync (never confirmed)', () => {
    const run = policyRun();
    run.sync(disconnected, T0);
    expect(run.sync(connected, T0 + MINUTE)).toEqual([]);
  });

  it('does not follow a disconnection whose alert was snoozed, nor does that alert come later', () => {
    const run = policyRun(settingsWith({ snoozeUntil: T0 + 90 * SECOND }));
    expect(run.sync(disconnected, T0)).toEqual([]);
    expect(run.sync(disconnected, T0 + MINUTE)).toEqual([]);
    expect(run.sync(disconnected, T0 + 2 * MINUTE)).toEqual([]);
    expect(run.sync(connected, T0 + 3 * MINUTE)).toEqual([]);
  });

  it('does not follow a disconnection whose alert was switched off', () => {
    const run = policyRun(settingsWith({ enabled: { ...allOn, disconnected: false } }));
    run.sync(disconnected, T0);
    expect(run.sync(disconnected, T0 + MINUTE)).toEqual([]);
    expect(run.sync(connected, T0 + 2 * MINUTE)).toEqual([]);
  });

  it('is not sent when the lock loses its bridge instead (connected null), and that ends the episode', () => {
    const run = policyRun();
    run.sync(disconnected, T0);
    run.sync(disconnected, T0 + MINUTE);
    expect(run.sync(makeLock({ connected: null }), T0 + 2 * MINUTE)).toEqual([]);
    expect(run.sync(connected, T0 + 3 * MINUTE)).toEqual([]);
  });

  it('can be switched off on its own', () => {
    const run = policyRun(settingsWith({ enabled: { ...allOn, reconnected: false } }));
    run.sync(disconnected, T0);
    expect(kindsOf(run.sync(disconnected, T0 + MINUTE))).toEqual(['disconnected']);
    expect(run.sync(connected, T0 + 2 * MINUTE)).toEqual([]);
  });
});

describe('battery-low', () => {
  const garage = (battery: number | null, charging: boolean | null = false) =>
    makeLock({ id: 7, name: 'Garage', battery, charging });

  it('alerts with the lock name and level', () => {
    expect(policyRun().sync(garage(18), T0)).toEqual([
      {
        kind: 'battery-low',
        lockId: 7,
        title: 'Garage battery is low: 18 %',
        body: expect.any(String),
      },
    ]);
  });

  it('alerts at the threshold and not one above it', () => {
    expect(kindsOf(policyRun().sync(garage(20), T0))).toEqual(['battery-low']);
    expect(policyRun().sync(garage(21), T0)).toEqual([]);
  });

  it('uses the threshold from the settings', () => {
    const run = policyRun(settingsWith({ lowBatteryPercent: 40 }));
    expect(kindsOf(run.sync(garage(40), T0))).toEqual(['battery-low']);
  });

  it('alerts once per episode while the level keeps falling', () => {
    const run = policyRun();
    expect(run.sync(garage(18), T0)).toHaveLength(1);
    for (const level of [17, 16, 20, 12, 5, 0])
      expect(run.sync(garage(level), T0 + level)).toEqual([]);
  });

  it('re-arms at threshold + 5', () => {
    const run = policyRun();
    run.sync(garage(18), T0);
    run.sync(garage(25), T0 + MINUTE);
    expect(kindsOf(run.sync(garage(18), T0 + 2 * MINUTE))).toEqual(['battery-low']);
  });

  it('does not re-arm at threshold + 4', () => {
    const run = policyRun();
    run.sync(garage(18), T0);
    run.sync(garage(24), T0 + MINUTE);
    expect(run.sync(garage(18), T0 + 2 * MINUTE)).toEqual([]);
  });

  it('re-arms when charging starts, and a charging lock does not alert', () => {
    const run = policyRun();
    run.sync(garage(18), T0);
    expect(run.sync(garage(18, true), T0 + MINUTE)).toEqual([]);
    expect(kindsOf(run.sync(garage(18, false), T0 + 2 * MINUTE))).toEqual(['battery-low']);
  });

  it('treats charging null as not charging', () => {
    expect(kindsOf(policyRun().sync(garage(10, null), T0))).toEqual(['battery-low']);
  });

  it('an unknown level (null) never alerts and never re-arms', () => {
    const run = policyRun();
    expect(run.sync(garage(null), T0)).toEqual([]);
    expect(run.sync(garage(18), T0 + MINUTE)).toHaveLength(1);
    expect(run.sync(garage(null), T0 + 2 * MINUTE)).toEqual([]);
    expect(run.sync(garage(18), T0 + 3 * MINUTE)).toEqual([]);
  });
});

describe('locks that vanish', () => {
  it('their memory is dropped', () => {
    const run = policyRun();
    run.sync([makeLock({ id: 1 }), makeLock({ id: 2, connected: false })], T0);
    expect(Object.keys(run.memory.locks).sort()).toEqual(['1', '2']);
    run.sync([makeLock({ id: 1 })], T0 + MINUTE);
    expect(Object.keys(run.memory.locks)).toEqual(['1']);
  });

  it('a lock that comes back starts afresh', () => {
    const run = policyRun();
    const low = makeLock({ id: 2, battery: 10 });
    expect(run.sync([low], T0)).toHaveLength(1);
    run.sync([makeLock({ id: 1 })], T0 + MINUTE);
    expect(kindsOf(run.sync([low], T0 + 2 * MINUTE))).toEqual(['battery-low']);

    const off = makeLock({ id: 3, connected: false });
    run.sync([off], T0 + 3 * MINUTE);
    run.sync([], T0 + 4 * MINUTE);
    expect(run.sync([off], T0 + 5 * MINUTE)).toEqual([]);
    expect(kindsOf(run.sync([off], T0 + 6 * MINUTE))).toEqual(['disconnected']);
  });
});

/** One way to make each kind due at `at`, for the snooze and switch tests. */

describe('unlocked and jammed', () => {
  const earlier = '2025-11-03T07:00:00.000Z';
  const later = '2025-11-03T07:59:00.000Z';

  it('raises "unlocked" when a sync shows a new change that left the lock unlocked, not on the first sync', () => {
    const run = policyRun();
    expect(
      kindsOf(run.sync(makeLock({ state: 'unlocked', lastChanged: earlier }), T0)),
    ).not.toContain('unlocked');
    expect(
      kindsOf(run.sync(makeLock({ state: 'unlocked', lastChanged: earlier }), T0 + MINUTE)),
    ).not.toContain('unlocked');
    expect(
      run
        .sync(makeLock({ state: 'pulled', lastChanged: later }), T0 + 2 * MINUTE)
        .filter((alert) => alert.kind === 'unlocked'),
    ).toEqual([
      {
        kind: 'unlocked',
        lockId: 1,
        title: 'Front door was unlocked',
        body: 'The latch was pulled.',
      },
    ]);
    expect(
      kindsOf(run.sync(makeLock({ state: 'locked', lastChanged: T0.toString() }), T0 + 3 * MINUTE)),
    ).not.toContain('unlocked');
  });

  it('raises "unlocked" only for the chosen locks when some are chosen', () => {
    const run = policyRun(settingsWith({ unlockedLockSerials: ['SN-2'] }));
    const lock = (id: number, lastChanged: string) =>
      makeLock({ id, serial: `SN-${id}`, state: 'unlocked', lastChanged });
    run.sync([lock(1, earlier), lock(2, earlier)], T0);
    const alerts = run.sync([lock(1, later), lock(2, later)], T0 + MINUTE);
    expect(
      alerts.filter((alert) => alert.kind === 'unlocked').map((alert) => alert.lockId),
    ).toEqual([2]);
  });

  it('raises "jammed" once when a lock stops half-way with a failed operation, again after it recovers', () => {
    const run = policyRun();
    const jammed = makeLock({ state: 'semi-locked', lastOperationFailed: true });
    expect(kindsOf(run.sync(jammed, T0))).toContain('jammed');
    expect(kindsOf(run.sync(jammed, T0 + MINUTE))).not.toContain('jammed');
    // Half-locked by hand is not a jam.
    expect(kindsOf(run.sync(makeLock({ state: 'semi-locked' }), T0 + 2 * MINUTE))).not.toContain(
      'jammed',
    );
    expect(kindsOf(run.sync(jammed, T0 + 3 * MINUTE))).toContain('jammed');
  });

  it('a sync without a state (disconnected) in between raises neither again for the same change or jam', () => {
    const run = policyRun();
    const unlocked = makeLock({ state: 'unlocked', lastChanged: later });
    run.sync(makeLock({ state: 'locked', lastChanged: earlier }), T0);
    expect(kindsOf(run.sync(unlocked, T0 + MINUTE))).toContain('unlocked');
    run.sync(disconnected, T0 + 2 * MINUTE);
    expect(kindsOf(run.sync(unlocked, T0 + 3 * MINUTE))).not.toContain('unlocked');

    const jammed = makeLock({ state: 'semi-locked', lastOperationFailed: true });
    expect(kindsOf(run.sync(jammed, T0 + 4 * MINUTE))).toContain('jammed');
    run.sync(disconnected, T0 + 5 * MINUTE);
    expect(kindsOf(run.sync(jammed, T0 + 6 * MINUTE))).not.toContain('jammed');
  });
});
