import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alertMemoryFromJSON,
  emptyAlertMemory,
  evaluateAlerts,
  mergeAlerts,
} from '../../main/engine/alert-policy.ts';
import type { Alert, AlertMemory, PollFailureReason, PollOutcome } from '../../main/engine/alert-policy.ts';
import { ALERT_KINDS, defaultAlertSettings } from '../../main/engine/monitor-settings.ts';
import type { AlertKind, AlertSettings } from '../../main/engine/monitor-settings.ts';
import type { MonitoredLock } from '../../main/engine/monitor-snapshot.ts';
import { LOCK_STATES } from '../../main/tedee/lock-enums.ts';
import { makeLock } from './lock-factory.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const T0 = Date.UTC(2025, 10, 3, 8, 0, 0);

const allOn = Object.fromEntries(ALERT_KINDS.map((kind) => [kind, true])) as Record<AlertKind, boolean>;

/** Default settings with every kind switched on (left-unlocked and door-open are off by default). */
function settingsWith(overrides: Partial<AlertSettings> = {}): AlertSettings {
  return { ...defaultAlertSettings, enabled: { ...allOn }, ...overrides };
}

/** Feeds polls through the policy one after another, like the app does. */
function policyRun(initialSettings: AlertSettings = settingsWith()) {
  let memory: AlertMemory = emptyAlertMemory();
  const run = {
    settings: initialSettings,
    get memory(): AlertMemory {
      return memory;
    },
    poll(outcome: PollOutcome, at: number): Alert[] {
      const result = evaluateAlerts(memory, outcome, run.settings, at);
      memory = result.memory;
      return result.alerts;
    },
    sync(locks: MonitoredLock | readonly MonitoredLock[], at: number): Alert[] {
      return run.poll({ kind: 'synced', locks: Array.isArray(locks) ? locks : [locks] }, at);
    },
    fail(reason: PollFailureReason, at: number): Alert[] {
      return run.poll({ kind: 'failed', reason }, at);
    },
  };
  return run;
}

function kindsOf(alerts: readonly Alert[]): AlertKind[] {
  return alerts.map((alert) => alert.kind);
}

const connected = makeLock({ connected: true });
const disconnected = makeLock({ connected: false, state: null, door: null, battery: null, charging: null });

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
});

describe('reconnected', () => {
  it('follows a delivered disconnected alert, once', () => {
    const run = policyRun();
    run.sync(disconnected, T0);
    run.sync(disconnected, T0 + MINUTE);
    expect(run.sync(connected, T0 + 2 * MINUTE)).toEqual([
      { kind: 'reconnected', lockId: 1, title: 'Front door is connected again', body: expect.any(String) },
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
      { kind: 'battery-low', lockId: 7, title: 'Garage battery is low: 18 %', body: expect.any(String) },
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
    for (const level of [17, 16, 20, 12, 5, 0]) expect(run.sync(garage(level), T0 + level)).toEqual([]);
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

describe('left-unlocked', () => {
  const limit = defaultAlertSettings.leftUnlockedMinutes * MINUTE;
  const withState = (state: MonitoredLock['state']) => makeLock({ state });

  it('alerts once the lock has been unlocked for longer than the limit, measured from the first sync', () => {
    const run = policyRun();
    expect(run.sync(withState('unlocked'), T0)).toEqual([]);
    expect(run.sync(withState('unlocked'), T0 + limit)).toEqual([]);
    expect(run.sync(withState('unlocked'), T0 + limit + 1)).toEqual([
      {
        kind: 'left-unlocked',
        lockId: 1,
        title: 'Front door has been unlocked for 10 minutes',
        body: expect.any(String),
      },
    ]);
    expect(run.sync(withState('unlocked'), T0 + 2 * limit)).toEqual([]);
    expect(run.sync(withState('unlocked'), T0 + 20 * limit)).toEqual([]);
  });

  it('counts pulled as unlocked', () => {
    const run = policyRun();
    run.sync(withState('pulled'), T0);
    expect(kindsOf(run.sync(withState('unlocked'), T0 + limit + 1))).toEqual(['left-unlocked']);
  });

  it.each(['semi-locked', 'uncalibrated', 'calibrating', 'unknown', 'updating', 'locking', 'unlocking'] as const)(
    'never treats %s as left unlocked',
    (state) => {
      const run = policyRun();
      run.sync(withState(state), T0);
      expect(run.sync(withState(state), T0 + 10 * limit)).toEqual([]);
    },
  );

  it('any other state ends the episode and restarts the clock', () => {
    const run = policyRun();
    run.sync(withState('unlocked'), T0);
    run.sync(withState('locking'), T0 + 5 * MINUTE);
    run.sync(withState('unlocked'), T0 + 6 * MINUTE);
    expect(run.sync(withState('unlocked'), T0 + 6 * MINUTE + limit)).toEqual([]);
    expect(kindsOf(run.sync(withState('unlocked'), T0 + 6 * MINUTE + limit + 1))).toEqual(['left-unlocked']);
  });

  it('alerts again in a new episode', () => {
    const run = policyRun();
    run.sync(withState('unlocked'), T0);
    run.sync(withState('unlocked'), T0 + limit + 1);
    run.sync(withState('locked'), T0 + limit + 2);
    run.sync(withState('unlocked'), T0 + limit + 3);
    expect(kindsOf(run.sync(withState('unlocked'), T0 + 2 * limit + 4))).toEqual(['left-unlocked']);
  });

  it('a sync without a state neither ends nor completes the episode', () => {
    const run = policyRun();
    run.sync(withState('unlocked'), T0);
    expect(run.sync(withState(null), T0 + limit + 1)).toEqual([]);
    expect(kindsOf(run.sync(withState('unlocked'), T0 + limit + 2))).toEqual(['left-unlocked']);
  });

  it('does not alert on a failed poll, only on the next sync that sees it', () => {
    const run = policyRun();
    run.sync(withState('unlocked'), T0);
    expect(run.fail('unreachable', T0 + limit + 1)).toEqual([]);
    expect(kindsOf(run.sync(withState('unlocked'), T0 + limit + 2))).toEqual(['left-unlocked']);
  });

  it('uses the limit from the settings', () => {
    const run = policyRun(settingsWith({ leftUnlockedMinutes: 1 }));
    run.sync(withState('unlocked'), T0);
    expect(kindsOf(run.sync(withState('unlocked'), T0 + MINUTE + 1))).toEqual(['left-unlocked']);
  });
});

describe('door-open', () => {
  const limit = defaultAlertSettings.doorOpenMinutes * MINUTE;
  const withDoor = (door: MonitoredLock['door']) => makeLock({ door });

  it('alerts once the door has been open for longer than the limit, once', () => {
    const run = policyRun();
    expect(run.sync(withDoor('open'), T0)).toEqual([]);
    expect(run.sync(withDoor('open'), T0 + limit)).toEqual([]);
    expect(run.sync(withDoor('open'), T0 + limit + 1)).toEqual([
      { kind: 'door-open', lockId: 1, title: 'Front door door has been open for 5 minutes', body: expect.any(String) },
    ]);
    expect(run.sync(withDoor('open'), T0 + 10 * limit)).toEqual([]);
  });

  it('a closed door ends the episode', () => {
    const run = policyRun();
    run.sync(withDoor('open'), T0);
    run.sync(withDoor('closed'), T0 + MINUTE);
    run.sync(withDoor('open'), T0 + 2 * MINUTE);
    expect(run.sync(withDoor('open'), T0 + limit + 1)).toEqual([]);
    expect(kindsOf(run.sync(withDoor('open'), T0 + 2 * MINUTE + limit + 1))).toEqual(['door-open']);
  });

  it('a sync without door data neither ends nor completes the episode', () => {
    const run = policyRun();
    run.sync(withDoor('open'), T0);
    expect(run.sync(withDoor(null), T0 + limit + 1)).toEqual([]);
    expect(kindsOf(run.sync(withDoor('open'), T0 + limit + 2))).toEqual(['door-open']);
  });
});

describe('api-unreachable', () => {
  const OUTAGE = 5 * MINUTE;

  it('alerts once failures have lasted more than 5 minutes since the first, then not again', () => {
    const run = policyRun();
    expect(run.fail('unreachable', T0)).toEqual([]);
    expect(run.fail('unreachable', T0 + OUTAGE)).toEqual([]);
    expect(run.fail('unreachable', T0 + OUTAGE + 1)).toEqual([
      { kind: 'api-unreachable', lockId: null, title: 'Tedee cannot be reached', body: expect.any(String) },
    ]);
    expect(run.fail('unreachable', T0 + 2 * OUTAGE)).toEqual([]);
    expect(run.fail('unreachable', T0 + 100 * OUTAGE)).toEqual([]);
  });

  it('a successful sync ends the outage', () => {
    const run = policyRun();
    run.fail('unreachable', T0);
    run.sync(connected, T0 + 3 * MINUTE);
    run.fail('unreachable', T0 + 4 * MINUTE);
    expect(run.fail('unreachable', T0 + OUTAGE + 1)).toEqual([]);
    expect(kindsOf(run.fail('unreachable', T0 + 4 * MINUTE + OUTAGE + 1))).toEqual(['api-unreachable']);
    run.sync(connected, T0 + 20 * MINUTE);
    run.fail('unreachable', T0 + 21 * MINUTE);
    expect(kindsOf(run.fail('unreachable', T0 + 21 * MINUTE + OUTAGE + 1))).toEqual(['api-unreachable']);
  });

  it('rate-limited does not start an outage', () => {
    const run = policyRun();
    run.fail('rate-limited', T0);
    run.fail('unreachable', T0 + MINUTE);
    expect(run.fail('unreachable', T0 + OUTAGE + 1)).toEqual([]);
    expect(kindsOf(run.fail('unreachable', T0 + MINUTE + OUTAGE + 1))).toEqual(['api-unreachable']);
  });

  it('rate-limited does not end an outage', () => {
    const run = policyRun();
    run.fail('unreachable', T0);
    expect(run.fail('rate-limited', T0 + 3 * MINUTE)).toEqual([]);
    expect(run.fail('rate-limited', T0 + OUTAGE + 1)).toEqual([]);
    expect(kindsOf(run.fail('unreachable', T0 + OUTAGE + 2))).toEqual(['api-unreachable']);
  });

  it('a key-rejected reply ends an outage (Tedee answered)', () => {
    const run = policyRun();
    run.fail('unreachable', T0);
    run.fail('key-rejected', T0 + MINUTE);
    run.fail('unreachable', T0 + 2 * MINUTE);
    expect(run.fail('unreachable', T0 + OUTAGE + 1)).toEqual([]);
    expect(kindsOf(run.fail('unreachable', T0 + 2 * MINUTE + OUTAGE + 1))).toEqual(['api-unreachable']);
  });
});

describe('key-rejected', () => {
  it('alerts on the first rejection, then not until a successful sync', () => {
    const run = policyRun();
    expect(run.fail('key-rejected', T0)).toEqual([
      { kind: 'key-rejected', lockId: null, title: 'Tedee rejected the access key', body: expect.any(String) },
    ]);
    expect(run.fail('key-rejected', T0 + MINUTE)).toEqual([]);
    run.fail('unreachable', T0 + 2 * MINUTE);
    run.fail('rate-limited', T0 + 3 * MINUTE);
    expect(run.fail('key-rejected', T0 + 4 * MINUTE)).toEqual([]);
    run.sync(connected, T0 + 5 * MINUTE);
    expect(kindsOf(run.fail('key-rejected', T0 + 6 * MINUTE))).toEqual(['key-rejected']);
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
const triggers: Record<AlertKind, (run: ReturnType<typeof policyRun>, at: number) => Alert[]> = {
  disconnected: (run, at) => [...run.sync(disconnected, at), ...run.sync(disconnected, at + MINUTE)],
  reconnected: (run, at) => [
    ...run.sync(disconnected, at),
    ...run.sync(disconnected, at + MINUTE),
    ...run.sync(connected, at + 2 * MINUTE),
  ],
  'battery-low': (run, at) => run.sync(makeLock({ battery: 5 }), at),
  'left-unlocked': (run, at) => [
    ...run.sync(makeLock({ state: 'unlocked' }), at),
    ...run.sync(makeLock({ state: 'unlocked' }), at + 11 * MINUTE),
  ],
  'door-open': (run, at) => [
    ...run.sync(makeLock({ door: 'open' }), at),
    ...run.sync(makeLock({ door: 'open' }), at + 6 * MINUTE),
  ],
  'api-unreachable': (run, at) => [...run.fail('unreachable', at), ...run.fail('unreachable', at + 6 * MINUTE)],
  'key-rejected': (run, at) => run.fail('key-rejected', at),
};

describe('switches', () => {
  it.each(ALERT_KINDS)('%s is raised when on and silent when off', (kind) => {
    expect(kindsOf(triggers[kind](policyRun(), T0))).toContain(kind);
    const off = policyRun(settingsWith({ enabled: { ...allOn, [kind]: false } }));
    expect(kindsOf(triggers[kind](off, T0))).not.toContain(kind);
  });

  it('switching one kind off leaves the others in the same poll', () => {
    const run = policyRun(settingsWith({ enabled: { ...allOn, 'battery-low': false } }));
    const lock = makeLock({ connected: false, battery: 5 });
    run.sync(lock, T0);
    expect(kindsOf(run.sync(lock, T0 + MINUTE))).toEqual(['disconnected']);
  });

  it('an episode that became due while switched off stays silent when switched on again', () => {
    const run = policyRun(settingsWith({ enabled: { ...allOn, 'battery-low': false } }));
    run.sync(makeLock({ battery: 5 }), T0);
    run.settings = settingsWith();
    expect(run.sync(makeLock({ battery: 5 }), T0 + MINUTE)).toEqual([]);
  });

  it('left-unlocked and door-open are off in the default settings', () => {
    const run = policyRun(defaultAlertSettings);
    const lock = makeLock({ state: 'unlocked', door: 'open' });
    run.sync(lock, T0);
    expect(run.sync(lock, T0 + 60 * MINUTE)).toEqual([]);
  });
});

describe('snooze', () => {
  it.each(ALERT_KINDS)('silences %s while snoozeUntil is in the future', (kind) => {
    const run = policyRun(settingsWith({ snoozeUntil: T0 + 24 * 60 * MINUTE }));
    expect(triggers[kind](run, T0)).toEqual([]);
  });

  it('ends at snoozeUntil (snoozed only while snoozeUntil > now)', () => {
    expect(policyRun(settingsWith({ snoozeUntil: T0 + 1 })).sync(makeLock({ battery: 5 }), T0)).toEqual([]);
    expect(policyRun(settingsWith({ snoozeUntil: T0 })).sync(makeLock({ battery: 5 }), T0)).toHaveLength(1);
    expect(policyRun(settingsWith({ snoozeUntil: null })).sync(makeLock({ battery: 5 }), T0)).toHaveLength(1);
  });

  it('an episode that became due during the snooze does not alert after it ends', () => {
    const run = policyRun(settingsWith({ snoozeUntil: T0 + 30 * MINUTE }));
    const lock = makeLock({ battery: 5, state: 'unlocked' });
    run.sync(lock, T0);
    run.sync(lock, T0 + 11 * MINUTE);
    expect(run.sync(lock, T0 + 31 * MINUTE)).toEqual([]);
    expect(run.sync(lock, T0 + 90 * MINUTE)).toEqual([]);
  });

  it('no flood when the snooze ends: nothing that was silenced is replayed', () => {
    const run = policyRun(settingsWith({ snoozeUntil: T0 + 60 * MINUTE }));
    const troubled = [
      makeLock({ id: 1, connected: false }),
      makeLock({ id: 2, battery: 5, state: 'unlocked', door: 'open' }),
    ];
    expect(run.sync(troubled, T0)).toEqual([]);
    expect(run.sync(troubled, T0 + 11 * MINUTE)).toEqual([]);
    expect(run.fail('key-rejected', T0 + 12 * MINUTE)).toEqual([]);
    expect(run.fail('unreachable', T0 + 13 * MINUTE)).toEqual([]);
    expect(run.fail('unreachable', T0 + 19 * MINUTE)).toEqual([]);

    expect(run.fail('unreachable', T0 + 61 * MINUTE)).toEqual([]);
    expect(run.fail('key-rejected', T0 + 62 * MINUTE)).toEqual([]);
    expect(run.sync(troubled, T0 + 63 * MINUTE)).toEqual([]);
    expect(run.sync([makeLock({ id: 1 }), troubled[1] ?? makeLock()], T0 + 64 * MINUTE)).toEqual([]);
  });

  it('an episode that began before the snooze ended but becomes due after it does alert', () => {
    const run = policyRun(settingsWith({ snoozeUntil: T0 + MINUTE }));
    run.sync(makeLock({ state: 'unlocked' }), T0);
    expect(kindsOf(run.sync(makeLock({ state: 'unlocked' }), T0 + 11 * MINUTE))).toEqual(['left-unlocked']);
  });
});

describe('several alerts in one poll', () => {
  it('are returned together, per lock in sync order and per lock in ALERT_KINDS order', () => {
    const run = policyRun();
    run.sync([makeLock({ id: 1, connected: false })], T0);
    const front = makeLock({ id: 1, name: 'Front door', connected: false, battery: 10 });
    const garage = makeLock({ id: 2, name: 'Garage', battery: 18 });
    expect(run.sync([front, garage], T0 + MINUTE).map((alert) => [alert.kind, alert.lockId])).toEqual([
      ['disconnected', 1],
      ['battery-low', 1],
      ['battery-low', 2],
    ]);
  });
});

describe('mergeAlerts', () => {
  const alert = (title: string, body = `${title} body`): Alert => ({ kind: 'battery-low', lockId: 1, title, body });

  it('gives nothing for no alerts', () => {
    expect(mergeAlerts([])).toBeNull();
  });

  it('keeps a single alert as it is', () => {
    expect(mergeAlerts([alert('Garage battery is low: 18 %', 'Charge it')])).toEqual({
      title: 'Garage battery is low: 18 %',
      body: 'Charge it',
    });
  });

  it('lists several alerts one per line under a count', () => {
    expect(mergeAlerts([alert('A is disconnected'), alert('B battery is low: 5 %'), alert('Tedee cannot be reached')])).toEqual({
      title: '3 lock alerts',
      body: 'A is disconnected\nB battery is low: 5 %\nTedee cannot be reached',
    });
  });
});

describe('memory', () => {
  function busyMemory(): AlertMemory {
    const run = policyRun();
    run.fail('key-rejected', T0);
    run.sync([makeLock({ id: 1, connected: false, state: 'unlocked', door: 'open', battery: 5 }), makeLock({ id: 2 })], T0 + MINUTE);
    run.fail('unreachable', T0 + 2 * MINUTE);
    return run.memory;
  }

  it('is plain JSON data that behaves the same after a round trip', () => {
    const memory = busyMemory();
    const copy: unknown = JSON.parse(JSON.stringify(memory));
    expect(copy).toEqual(memory);
    const lock = makeLock({ id: 1, connected: false, state: 'unlocked', door: 'open', battery: 5 });
    const poll: PollOutcome = { kind: 'synced', locks: [lock] };
    expect(evaluateAlerts(alertMemoryFromJSON(copy), poll, settingsWith(), T0 + 20 * MINUTE)).toEqual(
      evaluateAlerts(memory, poll, settingsWith(), T0 + 20 * MINUTE),
    );
  });

  it('reading corrupt saved memory starts afresh instead of throwing', () => {
    for (const junk of [null, 42, 'x', {}, { locks: [] }, { ...busyMemory(), unreachable: 'soon' }]) {
      expect(alertMemoryFromJSON(junk)).toEqual(emptyAlertMemory());
    }
  });

  it('is not modified in place', () => {
    const memory = busyMemory();
    const before = structuredClone(memory);
    evaluateAlerts(memory, { kind: 'synced', locks: [makeLock({ id: 1, connected: false })] }, settingsWith(), T0 + 9 * MINUTE);
    evaluateAlerts(memory, { kind: 'failed', reason: 'unreachable' }, settingsWith(), T0 + 9 * MINUTE);
    evaluateAlerts(memory, { kind: 'synced', locks: [] }, settingsWith(), T0 + 9 * MINUTE);
    expect(memory).toEqual(before);
  });
});

describe('episodes (property)', () => {
  const THRESHOLD = 20;
  const LIMIT_MINUTES = 3;

  // Few distinct values, so that episodes start and end often within a short run.
  const arbitraryLiveLock = (id: number) =>
    fc
      .record({
        connected: fc.constantFrom(true, false, false, null),
        state: fc.constantFrom(...LOCK_STATES, 'unlocked', 'pulled', null),
        door: fc.constantFrom('open', 'open', 'closed', 'not-paired', null),
        battery: fc.constantFrom(null, 5, 18, 20, 21, 24, 25, 60),
        charging: fc.constantFrom(true, false, false, null),
      })
      .map((live) => makeLock({ id, name: `Lock ${id}`, ...live }));

  const arbitraryPoll: fc.Arbitrary<PollOutcome> = fc.oneof(
    fc.record({
      kind: fc.constant('synced' as const),
      locks: fc
        .tuple(fc.option(arbitraryLiveLock(1), { nil: null }), fc.option(arbitraryLiveLock(2), { freq: 8, nil: null }))
        .map((locks) => locks.filter((lock): lock is MonitoredLock => lock !== null)),
    }),
    fc.record({
      kind: fc.constant('failed' as const),
      reason: fc.constantFrom('unreachable', 'unreachable', 'key-rejected', 'rate-limited'),
    }),
  );

  const arbitraryRun = fc.record({
    steps: fc.array(fc.record({ gap: fc.integer({ min: 0, max: 2 * MINUTE }), poll: arbitraryPoll }), { maxLength: 80 }),
    snoozeUntil: fc.option(fc.integer({ min: T0, max: T0 + 60 * MINUTE }), { nil: null }),
    enabled: fc
      .tuple(...ALERT_KINDS.map(() => fc.constantFrom(true, true, true, false)))
      .map((flags) => Object.fromEntries(ALERT_KINDS.map((kind, i) => [kind, flags[i] ?? true])) as Record<AlertKind, boolean>),
  });

  it('an alert is never repeated within one episode, and only raised while its condition holds', () => {
    fc.assert(
      fc.property(arbitraryRun, ({ steps, snoozeUntil, enabled }) => {
        const settings = settingsWith({
          lowBatteryPercent: THRESHOLD,
          leftUnlockedMinutes: LIMIT_MINUTES,
          doorOpenMinutes: LIMIT_MINUTES,
          snoozeUntil,
          enabled,
        });
        let memory = emptyAlertMemory();
        let now = T0;
        /** Keys "kind:lockId" whose episode has ended since their last alert (absent = armed). */
        const spent = new Set<string>();
        for (const { gap, poll } of steps) {
          now += gap;
          const result = evaluateAlerts(memory, poll, settings, now);
          memory = result.memory;

          for (const alert of result.alerts) {
            const key = `${alert.kind}:${alert.lockId}`;
            expect(spent.has(key), `${key} repeated within its episode`).toBe(false);
            spent.add(key);
            expect(settings.enabled[alert.kind]).toBe(true);
            expect(snoozeUntil !== null && snoozeUntil > now).toBe(false);
            if (alert.lockId !== null) {
              expect(poll.kind).toBe('synced');
              const lock = poll.kind === 'synced' ? poll.locks.find((l) => l.id === alert.lockId) : undefined;
              expect(lock).toBeDefined();
              if (lock) expect(conditionHolds(alert.kind, lock)).toBe(true);
            }
            if (alert.kind === 'disconnected') spent.delete(`reconnected:${alert.lockId}`);
          }

          // What ends each episode, read from the input alone.
          if (poll.kind === 'failed') {
            if (poll.reason === 'key-rejected') spent.delete('api-unreachable:null');
            continue;
          }
          spent.delete('api-unreachable:null');
          spent.delete('key-rejected:null');
          for (const id of [1, 2]) {
            const lock = poll.locks.find((l) => l.id === id);
            const ends: Record<Exclude<AlertKind, 'reconnected' | 'api-unreachable' | 'key-rejected'>, boolean> = {
              disconnected: !lock || lock.connected !== false,
              'battery-low':
                !lock || (lock.battery !== null && (lock.charging === true || lock.battery >= THRESHOLD + 5)),
              'left-unlocked': !lock || (lock.state !== null && lock.state !== 'unlocked' && lock.state !== 'pulled'),
              'door-open': !lock || (lock.door !== null && lock.door !== 'open'),
            };
            for (const [kind, ended] of Object.entries(ends)) if (ended) spent.delete(`${kind}:${id}`);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  function conditionHolds(kind: AlertKind, lock: MonitoredLock): boolean {
    switch (kind) {
      case 'disconnected':
        return lock.connected === false;
      case 'reconnected':
        return lock.connected === true;
      case 'battery-low':
        return lock.battery !== null && lock.battery <= THRESHOLD && lock.charging !== true;
      case 'left-unlocked':
        return lock.state === 'unlocked' || lock.state === 'pulled';
      case 'door-open':
        return lock.door === 'open';
      case 'api-unreachable':
      case 'key-rejected':
        return false;
    }
  }
});
