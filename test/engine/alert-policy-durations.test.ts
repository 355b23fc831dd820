/** Alerts that need a condition to last: left unlocked, door open, Tedee unreachable, key rejected. */
import { describe, expect, it } from 'vitest';
import { defaultAlertSettings } from '../../main/engine/monitor-settings.ts';
import type { MonitoredLock } from '../../main/engine/monitor-snapshot.ts';
import { MINUTE, T0, settingsWith, policyRun, kindsOf, connected } from './alert-policy-run.ts';
import { makeLock } from './lock-factory.ts';

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

  it('says "1 minute", not "1 minutes", for a limit of one minute', () => {
    const run = policyRun(settingsWith({ leftUnlockedMinutes: 1 }));
    run.sync(withState('unlocked'), T0);
    expect(run.sync(withState('unlocked'), T0 + MINUTE + 1)).toEqual([
      expect.objectContaining({ title: 'Front door has been unlocked for 1 minute' }),
    ]);
  });

  it('counts pulled as unlocked', () => {
    const run = policyRun();
    run.sync(withState('pulled'), T0);
    expect(kindsOf(run.sync(withState('unlocked'), T0 + limit + 1))).toEqual(['left-unlocked']);
  });

  it.each([
    'semi-locked',
    'uncalibrated',
    'calibrating',
    'unknown',
    'updating',
    'locking',
    'unlocking',
  ] as const)('never treats %s as left unlocked', (state) => {
    const run = policyRun();
    run.sync(withState(state), T0);
    expect(run.sync(withState(state), T0 + 10 * limit)).toEqual([]);
  });

  it('any other state ends the episode and restarts the clock', () => {
    const run = policyRun();
    run.sync(withState('unlocked'), T0);
    run.sync(withState('locking'), T0 + 5 * MINUTE);
    run.sync(withState('unlocked'), T0 + 6 * MINUTE);
    expect(run.sync(withState('unlocked'), T0 + 6 * MINUTE + limit)).toEqual([]);
    expect(kindsOf(run.sync(withState('unlocked'), T0 + 6 * MINUTE + limit + 1))).toEqual([
      'left-unlocked',
    ]);
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
      {
        kind: 'door-open',
        lockId: 1,
        title: 'Front door door has been open for 5 minutes',
        body: expect.any(String),
      },
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
      {
        kind: 'api-unreachable',
        lockId: null,
        title: 'Tedee cannot be reached',
        // Measured from the first failure.
        body: 'No sync has succeeded for 5 minutes; the lock states shown may be out of date.',
      },
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
    expect(kindsOf(run.fail('unreachable', T0 + 4 * MINUTE + OUTAGE + 1))).toEqual([
      'api-unreachable',
    ]);
    run.sync(connected, T0 + 20 * MINUTE);
    run.fail('unreachable', T0 + 21 * MINUTE);
    expect(kindsOf(run.fail('unreachable', T0 + 21 * MINUTE + OUTAGE + 1))).toEqual([
      'api-unreachable',
    ]);
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
    expect(kindsOf(run.fail('unreachable', T0 + 2 * MINUTE + OUTAGE + 1))).toEqual([
      'api-unreachable',
    ]);
  });
});

describe('key-rejected', () => {
  it('alerts on the first rejection, then not until a successful sync', () => {
    const run = policyRun();
    expect(run.fail('key-rejected', T0)).toEqual([
      {
        kind: 'key-rejected',
        lockId: null,
        title: 'Tedee rejected the access key',
        body: expect.any(String),
      },
    ]);
    expect(run.fail('key-rejected', T0 + MINUTE)).toEqual([]);
    run.fail('unreachable', T0 + 2 * MINUTE);
    run.fail('rate-limited', T0 + 3 * MINUTE);
    expect(run.fail('key-rejected', T0 + 4 * MINUTE)).toEqual([]);
    run.sync(connected, T0 + 5 * MINUTE);
    expect(kindsOf(run.fail('key-rejected', T0 + 6 * MINUTE))).toEqual(['key-rejected']);
  });
});
