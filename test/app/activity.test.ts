/**
 * The activity log in the tray app: kept on disk, handed to the window a page at a time, new
 * entries pushed only for open Histories, and an unlock notification replaced by its named
 * version where the platform can.
 */
import { describe, expect, it } from 'vitest';
import { SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import {
  defaultAlertSettings,
  HEALTH_READS_PER_HOUR,
  OPERATION_RESERVE_PER_HOUR,
} from '../../main/engine/monitor-settings.ts';
import { GOOD_KEY, startApp } from './app-harness.ts';

const { frontDoor, garage } = SAMPLE_LOCK_IDS;
const MINUTE = 60_000;
const ANNA = { userId: 20417, name: 'Anna' };

describe('the activity log in the app', () => {
  it('hands the window a lock’s entries a page at a time, newest first, with who and how', async () => {
    const h = await startApp({ storedKey: GOOD_KEY });
    const at = h.clock.now();
    for (let i = 0; i < 5; i += 1)
      h.simulator.logActivity(frontDoor, {
        event: i === 4 ? 61 : 36,
        author: i === 4 ? ANNA : undefined,
        at: at - (5 - i) * MINUTE,
      });
    await h.app.start();
    await h.advance(0);
    const first = await h.app.handle('getActivity', { lockId: frontDoor, afterId: null, limit: 2 });
    expect(first.more).toBe(true);
    expect(first.entries.map((entry) => entry.text)).toEqual([
      'Unlocked by Anna with the keypad',
      'Locked automatically',
    ]);
    const rest = await h.app.handle('getActivity', {
      lockId: frontDoor,
      afterId: first.entries[1]?.id ?? null,
      limit: 10,
    });
    expect(rest.entries).toHaveLength(3);
    expect(rest.more).toBe(false);
    const lock = h.lastState().locks.find(({ id }) => id === frontDoor);
    expect(lock?.activityCount).toBe(5);
    expect(h.lastState().activity).toEqual({ status: 'available', retryAt: null });
    expect(h.lastState().budget.activityPerHour).toBe(
      350 - OPERATION_RESERVE_PER_HOUR - 121 - HEALTH_READS_PER_HOUR,
    );
  });

  it('pushes new entries only for the locks whose History is open', async () => {
    const h = await startApp({ storedKey: GOOD_KEY });
    await h.app.start();
    await h.advance(MINUTE);
    await h.app.handle('watchActivity', { lockIds: [garage] });
    h.simulator.changeLock(frontDoor, { state: 'unlocked' }, { event: 33 });
    const garageEntry = h.simulator.changeLock(garage, { state: 'locked' }, { event: 34 });
    await h.advance(2 * MINUTE);
    expect(h.recorded.activityUpdates).toEqual([
      {
        lockId: garage,
        entries: [
          expect.objectContaining({ id: garageEntry, text: 'Locked with the button on the lock' }),
        ],
      },
    ]);
    await h.app.handle('watchActivity', { lockIds: [] });
    h.simulator.changeLock(garage, { state: 'unlocked' }, { event: 35 });
    await h.advance(2 * MINUTE);
    expect(h.recorded.activityUpdates).toHaveLength(1);
  });

  it('keeps the log on disk and takes nothing twice after a restart', async () => {
    const first = await startApp({ storedKey: GOOD_KEY });
    await first.app.start();
    await first.advance(MINUTE);
    const entry = first.simulator.changeLock(
      frontDoor,
      { state: 'unlocked' },
      { event: 61, author: ANNA },
    );
    await first.advance(2 * MINUTE);
    await first.app.shutdown();
    const saved = first.recorded.activitySaves.at(-1);
    expect(JSON.stringify(saved)).toContain(`"id":${entry}`);

    const second = await startApp({ storedKey: GOOD_KEY, savedActivity: saved });
    await second.app.start();
    const page = await second.app.handle('getActivity', {
      lockId: frontDoor,
      afterId: null,
      limit: 10,
    });
    expect(page.entries.map((e) => e.id)).toEqual([entry]);
  });

  it('replaces the unnamed "unlocked" notification with who and how once the log says it', async () => {
    const h = await startApp({
      storedKey: GOOD_KEY,
      settings: {
        alerts: {
          ...defaultAlertSettings,
          enabled: { ...defaultAlertSettings.enabled, unlocked: true },
        },
      },
    });
    await h.app.start();
    await h.advance(MINUTE);
    h.simulator.changeLock(frontDoor, { state: 'unlocked' }, { event: 61, author: ANNA });
    await h.advance(2 * MINUTE);
    const unlocked = h.recorded.notifications.find(
      (n) => n.text.title === 'Front door was unlocked',
    );
    expect(unlocked?.tag).toBeDefined();
    expect(h.recorded.replacements).toEqual([
      {
        tag: unlocked?.tag,
        text: {
          title: 'Front door: Unlocked by Anna with the keypad',
          body: 'The lock reports it is unlocked.',
        },
        lockId: frontDoor,
      },
    ]);
  });
});
