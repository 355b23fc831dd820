/** What reaches the user: switches, snooze, several alerts from one poll, merging, saved memory. */
import { describe, expect, it } from 'vitest';
import {
  alertMemoryFromJSON,
  emptyAlertMemory,
  evaluateAlerts,
  mergeAlerts,
} from '../../main/engine/alert-policy.ts';
import type { Alert, AlertMemory, PollOutcome } from '../../main/engine/alert-policy.ts';
import { ALERT_KINDS, defaultAlertSettings } from '../../main/engine/monitor-settings.ts';
import type { AlertKind } from '../../main/engine/monitor-settings.ts';
import type { MonitoredLock } from '../../main/engine/monitor-snapshot.ts';
import {
  MINUTE,
  T0,
  allOn,
  settingsWith,
  policyRun,
  kindsOf,
  connected,
  disconnected,
} from './alert-policy-run.ts';
import { DAY, details, healthRun, sensor } from './health-alert-run.ts';
import { makeLock } from './lock-factory.ts';

const triggers: Record<
  Exclude<AlertKind, 'incorrect-pin'>,
  (run: ReturnType<typeof policyRun>, at: number) => Alert[]
> = {
  disconnected: (run, at) => [
    ...run.sync(disconnected, at),
    ...run.sync(disconnected, at + MINUTE),
  ],
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
  'api-unreachable': (run, at) => [
    ...run.fail('unreachable', at),
    ...run.fail('unreachable', at + 6 * MINUTE),
  ],
  'key-rejected': (run, at) => run.fail('key-rejected', at),
  'bridge-offline': (run, at) => healthRun(run.settings).poll({ details: details(false) }, at),
  'door-sensor-battery-low': (run, at) =>
    healthRun(run.settings).poll({ doorSensors: [sensor(5)] }, at),
  'key-expiring': (run, at) =>
    healthRun(run.settings).poll({ keyExpiry: { at: at + 3 * DAY, source: 'entered' } }, at),
  unlocked: (run, at) => [
    ...run.sync(makeLock({ state: 'locked', lastChanged: '2025-11-03T07:00:00.000Z' }), at),
    ...run.sync(
      makeLock({ state: 'unlocked', lastChanged: '2025-11-03T08:00:00.000Z' }),
      at + MINUTE,
    ),
  ],
  jammed: (run, at) => run.sync(makeLock({ state: 'semi-locked', lastOperationFailed: true }), at),
};

/** 'incorrect-pin' comes from the activity log alone (test/engine/activity-alerts.test.ts). */
const POLICY_KINDS = ALERT_KINDS.filter((kind) => kind !== 'incorrect-pin');

describe('switches', () => {
  it.each(POLICY_KINDS)('%s is raised when on and silent when off', (kind) => {
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
  it.each(POLICY_KINDS)('silences %s while snoozeUntil is in the future', (kind) => {
    const run = policyRun(settingsWith({ snoozeUntil: T0 + 24 * 60 * MINUTE }));
    expect(triggers[kind](run, T0)).toEqual([]);
  });

  it('ends at snoozeUntil (snoozed only while snoozeUntil > now)', () => {
    expect(
      policyRun(settingsWith({ snoozeUntil: T0 + 1 })).sync(makeLock({ battery: 5 }), T0),
    ).toEqual([]);
    expect(
      policyRun(settingsWith({ snoozeUntil: T0 })).sync(makeLock({ battery: 5 }), T0),
    ).toHaveLength(1);
    expect(
      policyRun(settingsWith({ snoozeUntil: null })).sync(makeLock({ battery: 5 }), T0),
    ).toHaveLength(1);
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
    expect(run.sync([makeLock({ id: 1 }), troubled[1] ?? makeLock()], T0 + 64 * MINUTE)).toEqual(
      [],
    );
  });

  it('an episode that began before the snooze ended but becomes due after it does alert', () => {
    const run = policyRun(settingsWith({ snoozeUntil: T0 + MINUTE }));
    run.sync(makeLock({ state: 'unlocked' }), T0);
    expect(kindsOf(run.sync(makeLock({ state: 'unlocked' }), T0 + 11 * MINUTE))).toEqual([
      'left-unlocked',
    ]);
  });
});

describe('what the user reads', () => {
  const textOf = (alerts: readonly Alert[], kind: AlertKind) =>
    alerts.filter((alert) => alert.kind === kind).map(({ title, body }) => ({ title, body }));

  it.each([
    [
      'disconnected',
      'Front door is disconnected',
      'The lock has lost its bridge connection, so its state cannot be checked or changed remotely.',
    ],
    [
      'reconnected',
      'Front door is connected again',
      'The lock is reachable through its bridge again.',
    ],
    [
      'battery-low',
      'Front door battery is low: 5 %',
      'Charge the lock soon; it is at or below your 20 % warning level.',
    ],
    ['left-unlocked', 'Front door has been unlocked for 11 minutes', 'It is still unlocked.'],
    [
      'door-open',
      'Front door door has been open for 6 minutes',
      'The door sensor still reports the door open.',
    ],
    [
      'api-unreachable',
      'Tedee cannot be reached',
      'No sync has succeeded for 6 minutes; the lock states shown may be out of date.',
    ],
    [
      'key-rejected',
      'Tedee rejected the access key',
      'Lock states are no longer updated. Enter a valid personal access key in the settings.',
    ],
    ['unlocked', 'Front door was unlocked', 'The lock reports it is unlocked.'],
    [
      'jammed',
      'Front door is jammed',
      'The lock stopped half-way: check the door and the bolt, then lock it again.',
    ],
  ] as const)('%s: "%s"', (kind, title, body) => {
    expect(textOf(triggers[kind](policyRun(), T0), kind)).toEqual([{ title, body }]);
  });

  it('a Lock GO, which takes replaceable batteries, is told to have them replaced', () => {
    const alerts = policyRun().sync(makeLock({ model: 'lock-go', battery: 15 }), T0);
    expect(textOf(alerts, 'battery-low')).toEqual([
      {
        title: 'Front door battery is low: 15 %',
        body: 'Replace its batteries soon; it is at or below your 20 % warning level.',
      },
    ]);
  });
});

describe('a bridge observation (some locks, no sync)', () => {
  const observe = (run: ReturnType<typeof policyRun>, locks: MonitoredLock[], at: number) =>
    run.poll({ kind: 'observed', locks }, at);

  it('raises the alerts of the locks it shows', () => {
    const run = policyRun();
    const off = makeLock({ id: 2, connected: false });
    expect(observe(run, [off], T0)).toEqual([]);
    expect(kindsOf(observe(run, [off], T0 + 30_000))).toEqual(['disconnected']);
    expect(kindsOf(observe(run, [makeLock({ id: 2 })], T0 + MINUTE))).toEqual(['reconnected']);
  });

  it('continues the episodes of the locks the last sync saw', () => {
    const run = policyRun();
    run.sync(makeLock({ id: 1, connected: false }), T0);
    expect(kindsOf(observe(run, [makeLock({ id: 1, connected: false })], T0 + MINUTE))).toEqual([
      'disconnected',
    ]);
  });

  it('keeps the memory of the locks it does not show, and the outage in progress', () => {
    const run = policyRun();
    run.sync([makeLock({ id: 1, connected: false }), makeLock({ id: 2 })], T0);
    run.fail('unreachable', T0 + MINUTE);
    expect(observe(run, [makeLock({ id: 2 })], T0 + 2 * MINUTE)).toEqual([]);
    expect(kindsOf(run.fail('unreachable', T0 + 7 * MINUTE))).toEqual(['api-unreachable']);
    expect(kindsOf(run.sync(makeLock({ id: 1, connected: false }), T0 + 8 * MINUTE))).toEqual([
      'disconnected',
    ]);
  });
});

describe('several alerts in one poll', () => {
  it('are returned together, per lock in sync order and per lock in ALERT_KINDS order', () => {
    const run = policyRun();
    run.sync([makeLock({ id: 1, connected: false })], T0);
    const front = makeLock({ id: 1, name: 'Front door', connected: false, battery: 10 });
    const garage = makeLock({ id: 2, name: 'Garage', battery: 18 });
    expect(
      run.sync([front, garage], T0 + MINUTE).map((alert) => [alert.kind, alert.lockId]),
    ).toEqual([
      ['disconnected', 1],
      ['battery-low', 1],
      ['battery-low', 2],
    ]);
  });
});

describe('mergeAlerts', () => {
  const alert = (title: string, body = `${title} body`): Alert => ({
    kind: 'battery-low',
    lockId: 1,
    title,
    body,
  });

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
    expect(
      mergeAlerts([
        alert('A is disconnected'),
        alert('B battery is low: 5 %'),
        alert('Tedee cannot be reached'),
      ]),
    ).toEqual({
      title: '3 lock alerts',
      body: 'A is disconnected\nB battery is low: 5 %\nTedee cannot be reached',
    });
  });
});

describe('memory', () => {
  function busyMemory(): AlertMemory {
    const run = policyRun();
    run.fail('key-rejected', T0);
    run.sync(
      [
        makeLock({ id: 1, connected: false, state: 'unlocked', door: 'open', battery: 5 }),
        makeLock({ id: 2 }),
      ],
      T0 + MINUTE,
    );
    run.fail('unreachable', T0 + 2 * MINUTE);
    return run.memory;
  }

  it('is plain JSON data that behaves the same after a round trip', () => {
    const memory = busyMemory();
    const copy: unknown = JSON.parse(JSON.stringify(memory));
    expect(copy).toEqual(memory);
    const lock = makeLock({ id: 1, connected: false, state: 'unlocked', door: 'open', battery: 5 });
    const poll: PollOutcome = { kind: 'synced', locks: [lock] };
    expect(
      evaluateAlerts(alertMemoryFromJSON(copy), poll, settingsWith(), T0 + 20 * MINUTE),
    ).toEqual(evaluateAlerts(memory, poll, settingsWith(), T0 + 20 * MINUTE));
  });

  it('reading corrupt saved memory starts afresh instead of throwing', () => {
    for (const junk of [
      null,
      42,
      'x',
      {},
      { locks: [] },
      { ...busyMemory(), unreachable: 'soon' },
    ]) {
      expect(alertMemoryFromJSON(junk)).toEqual(emptyAlertMemory());
    }
  });

  it('is not modified in place', () => {
    const memory = busyMemory();
    const before = structuredClone(memory);
    evaluateAlerts(
      memory,
      { kind: 'synced', locks: [makeLock({ id: 1, connected: false })] },
      settingsWith(),
      T0 + 9 * MINUTE,
    );
    evaluateAlerts(
      memory,
      { kind: 'failed', reason: 'unreachable' },
      settingsWith(),
      T0 + 9 * MINUTE,
    );
    evaluateAlerts(memory, { kind: 'synced', locks: [] }, settingsWith(), T0 + 9 * MINUTE);
    expect(memory).toEqual(before);
  });
});
