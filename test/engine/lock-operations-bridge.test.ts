import { afterEach, describe, expect, it } from 'vitest';
import { BridgeOperationPath } from '../../main/engine/bridge-operation-path.ts';
import { LockOperations } from '../../main/engine/lock-operations.ts';
import type { OperationMonitor } from '../../main/engine/lock-operations.ts';
import type { MonitoredLock, MonitorSnapshot } from '../../main/engine/monitor-snapshot.ts';
import type { OperationPath } from '../../main/engine/operation-path.ts';
import { SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import { closeBridges, startBridge } from '../bridge/bridge-harness.ts';
import { ManualClock } from '../support/manual-clock.ts';

afterEach(closeBridges);

const { garage, frontDoor } = SAMPLE_LOCK_IDS;

/** The monitor as operations see it: the locks of its last snapshot, and no syncs. */
function monitorWith(locks: Array<Pick<MonitoredLock, 'id' | 'name' | 'state'>>) {
  const asked = { syncs: 0 };
  const monitor: OperationMonitor = {
    subscribe: () => () => {},
    snapshot: () => ({ locks: locks as MonitoredLock[] }) as MonitorSnapshot,
    syncForOperation: () => {
      asked.syncs += 1;
      return null;
    },
  };
  return { monitor, asked };
}

describe('choosing the path', () => {
  it('moves a lock that is live through the bridge, without the cloud and without a sync', async () => {
    // The bridge and its client keep their own self-running clock (request spacing); the
    // operation's waits and its 60 s limit run on a clock the test moves a second at a time.
    const { simulator, client } = await startBridge();
    const clock = new ManualClock();
    const cloudCalls: number[] = [];
    const cloud: OperationPath = {
      route: 'cloud',
      run: async (lockId) => {
        cloudCalls.push(lockId);
        return { kind: 'accepted' };
      },
    };
    const { monitor, asked } = monitorWith([
      { id: garage, name: 'Garage', state: 'unlocked' },
      { id: frontDoor, name: 'Front door', state: 'locked' },
    ]);
    const operations = new LockOperations({
      monitor,
      clock,
      paths: () => ({
        cloud,
        bridge: new BridgeOperationPath(client(), clock),
        isLive: (lockId) => lockId === garage,
      }),
    });
    const startedAt = clock.now();
    const answer = operations.start(garage, 'lock', 'notification');
    expect(operations.running()[0]?.route).toBe('bridge');
    if (answer.kind !== 'started') throw new Error('expected a start');
    while (operations.running().length > 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await clock.advanceBy(1_000);
    }
    const finished = await answer.done;
    expect(finished.outcome).toEqual({ ok: true, message: 'Garage is locked.' });
    expect(finished.finishedAt - startedAt).toBeLessThan(10_000);
    expect(simulator.locks().find((lock) => lock.id === garage)?.state).toBe('locked');
    expect(cloudCalls).toEqual([]);
    expect(asked.syncs).toBe(0);

    // A lock the bridge does not serve live goes through the cloud.
    operations.start(frontDoor, 'unlock', 'window');
    expect(operations.running()[0]?.route).toBe('cloud');
    expect(cloudCalls).toEqual([frontDoor]);
  });

  it('says so when there is no path at all (no key, no bridge)', async () => {
    const clock = new ManualClock();
    const { monitor } = monitorWith([{ id: garage, name: 'Garage', state: 'unlocked' }]);
    const operations = new LockOperations({
      monitor,
      clock,
      paths: () => ({ cloud: null, bridge: null, isLive: () => false }),
    });
    expect(operations.start(garage, 'lock', 'tray')).toEqual({
      kind: 'unavailable',
      message: 'No Tedee key is set, so no lock can be moved.',
    });
  });
});
