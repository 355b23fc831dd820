/** What the activity log adds to alerts: who and how, and the wrong PINs only it can tell. */
import { describe, expect, it } from 'vitest';
import { SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import { awaitsName, incorrectPinAlerts, namedAlert } from '../../main/engine/activity-alerts.ts';
import type { Alert } from '../../main/engine/alert-policy.ts';
import type { Activity } from '../../main/tedee/activity-model.ts';
import { allOn, settingsWith, T0 } from './alert-policy-run.ts';
import { startHarness } from './monitor-harness.ts';

const MINUTE = 60_000;
const { frontDoor, garage } = SAMPLE_LOCK_IDS;

function activity(event: number, user: string | null = null, id = event): Activity {
  return { id, lockId: 1, event, user, source: 'device', date: new Date(T0).toISOString() };
}

const unlockedAlert: Alert = {
  kind: 'unlocked',
  lockId: 1,
  title: 'Front door was unlocked',
  body: 'The lock reports it is unlocked.',
};

describe('incorrectPinAlerts', () => {
  it('raises one alert per wrong or out-of-hours PIN, and nothing for other entries', () => {
    const alerts = incorrectPinAlerts(
      'Front door',
      1,
      [activity(62), activity(61, 'Anna'), activity(75, 'Bea')],
      settingsWith(),
      T0,
    );
    expect(alerts).toEqual([
      {
        kind: 'incorrect-pin',
        lockId: 1,
        title: 'Front door: Incorrect PIN entered',
        body: 'Someone typed a wrong PIN on the keypad.',
      },
      {
        kind: 'incorrect-pin',
        lockId: 1,
        title: 'Front door: PIN used outside its allowed hours by Bea',
        body: 'A PIN was used outside the hours it is allowed.',
      },
    ]);
  });

  it('is silent when switched off or snoozed', () => {
    const entries = [activity(62)];
    const off = settingsWith({ enabled: { ...allOn, 'incorrect-pin': false } });
    expect(incorrectPinAlerts('Front door', 1, entries, off, T0)).toEqual([]);
    const snoozed = settingsWith({ snoozeUntil: T0 + MINUTE });
    expect(incorrectPinAlerts('Front door', 1, entries, snoozed, T0)).toEqual([]);
    expect(incorrectPinAlerts('Front door', 1, entries, snoozed, T0 + MINUTE)).toHaveLength(1);
  });
});

describe('namedAlert', () => {
  it('names an unlock by the newest unlocking entry, keeping the kind, lock and body', () => {
    const named = namedAlert(
      { alert: unlockedAlert, at: T0 },
      'Front door',
      [activity(61, 'Anna', 1), activity(36, null, 2), activity(33, 'Alex', 3)],
      T0 + MINUTE,
    );
    expect(named).toEqual({
      ...unlockedAlert,
      title: 'Front door: Unlocked by Alex from the Tedee app',
    });
  });

  it('names a jam by the jam entry', () => {
    const jammed: Alert = { ...unlockedAlert, kind: 'jammed', title: 'Front door is jammed' };
    expect(namedAlert({ alert: jammed, at: T0 }, 'Front door', [activity(40)], T0)?.title).toBe(
      'Front door: Jammed',
    );
  });

  it('names an unlock by a pulled latch, and a jam by a half-locked turn', () => {
    expect(
      namedAlert({ alert: unlockedAlert, at: T0 }, 'Front door', [activity(51, 'Anna')], T0)?.title,
    ).toBe('Front door: Latch pulled by Anna from the Tedee app');
    const jammed: Alert = { ...unlockedAlert, kind: 'jammed', title: 'Front door is jammed' };
    expect(namedAlert({ alert: jammed, at: T0 }, 'Front door', [activity(47)], T0)?.title).toBe(
      'Front door: Turned half-locked by hand',
    );
  });

  it('still names an alert exactly ten minutes old', () => {
    expect(
      namedAlert({ alert: unlockedAlert, at: T0 }, 'Front door', [activity(33)], T0 + 10 * MINUTE),
    ).not.toBeNull();
  });

  it('names only unlocked and jammed alerts', () => {
    const battery: Alert = { ...unlockedAlert, kind: 'battery-low', title: 'Front door battery' };
    expect(namedAlert({ alert: battery, at: T0 }, 'Front door', [activity(33)], T0)).toBeNull();
  });

  it('gives nothing without a fitting entry, or once the alert is too old to replace', () => {
    expect(
      namedAlert({ alert: unlockedAlert, at: T0 }, 'Front door', [activity(32)], T0),
    ).toBeNull();
    expect(
      namedAlert({ alert: unlockedAlert, at: T0 }, 'Front door', [activity(61)], T0 + 11 * MINUTE),
    ).toBeNull();
  });
});

describe('awaitsName', () => {
  it('is true for an unlocked or jammed alert about a lock, and false otherwise', () => {
    expect(awaitsName(unlockedAlert)).toBe(true);
    expect(awaitsName({ ...unlockedAlert, kind: 'jammed' })).toBe(true);
    expect(awaitsName({ ...unlockedAlert, kind: 'battery-low' })).toBe(false);
    expect(awaitsName({ ...unlockedAlert, lockId: null })).toBe(false);
  });
});

describe('in the running engine', () => {
  it('raises "unlocked" from the sync at once, then its named copy once the log says who', async () => {
    const h = await startHarness({
      alerts: { enabled: { ...allOn } },
      // Activity comes at most every minute per lock; the sync every 20 s.
      poll: { intervalSeconds: 20, budgetPerHour: 350 },
    });
    await h.advance(MINUTE);
    h.simulator.changeLock(
      frontDoor,
      { state: 'unlocked' },
      { event: 61, author: { userId: 1, name: 'Anna' } },
    );
    await h.advance(20_000);
    const kinds = h.events.flatMap((event) =>
      event.type === 'alerts' ? event.alerts.map((alert) => alert.kind) : [event.type],
    );
    const unlockedAt = kinds.indexOf('unlocked');
    const namedAt = kinds.indexOf('alert-named');
    expect(unlockedAt).toBeGreaterThanOrEqual(0);
    expect(namedAt).toBeGreaterThan(unlockedAt);
    const named = h.events.find((event) => event.type === 'alert-named');
    expect(named).toMatchObject({
      alert: {
        kind: 'unlocked',
        lockId: frontDoor,
        title: 'Front door: Unlocked by Anna with the keypad',
      },
    });
  });

  it('raises "incorrect-pin" from the activity log, merged per fetch', async () => {
    const h = await startHarness();
    await h.advance(MINUTE);
    h.simulator.changeLock(garage, { state: 'locked' }, { event: 62 });
    h.simulator.logActivity(garage, { event: 62 });
    await h.advance(MINUTE);
    const batches = h.events.flatMap((event) =>
      event.type === 'alerts' && event.alerts.some((alert) => alert.kind === 'incorrect-pin')
        ? [event.alerts]
        : [],
    );
    expect(batches).toHaveLength(1);
    expect(batches[0]?.map((alert) => [alert.kind, alert.lockId, alert.title])).toEqual([
      ['incorrect-pin', garage, 'Garage: Incorrect PIN entered'],
      ['incorrect-pin', garage, 'Garage: Incorrect PIN entered'],
    ]);
  });
});
