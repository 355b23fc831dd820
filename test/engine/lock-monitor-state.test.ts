/**
 * What the engine keeps and raises from successful syncs: lock values, alerts, history.
 */
import { describe, expect, it } from 'vitest';
import { SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import { startHarness } from './monitor-harness.ts';

const { frontDoor, garage } = SAMPLE_LOCK_IDS;

describe('state and alerts', () => {
  it('a state change in the simulator shows in the next snapshot', async () => {
    const h = await startHarness();
    await h.advance(0);
    h.simulator.updateLock(frontDoor, { state: 'unlocked', battery: 40 });
    await h.advance(30_000);
    const front = h.lastSnapshot().locks.find((lock) => lock.id === frontDoor)!;
    expect(front).toMatchObject({ state: 'unlocked', battery: 40, stale: false });
    expect(h.lastSnapshot().tray).toBe('unlocked');
  });

  it('a disconnected lock raises one alert after the second sync that sees it', async () => {
    const h = await startHarness();
    await h.advance(0);
    h.simulator.updateLock(garage, { connected: false });
    await h.advance(30_000);
    expect(h.alerts()).toEqual([]);
    await h.advance(30_000);
    expect(h.alerts().map((alert) => [alert.kind, alert.lockId])).toEqual([
      ['disconnected', garage],
    ]);
    await h.advance(5 * 60_000);
    expect(h.alerts().length).toBe(1);
    const garageLock = h.lastSnapshot().locks.find((lock) => lock.id === garage)!;
    expect(garageLock).toMatchObject({ connected: false, state: 'unlocked' });
    expect(garageLock.disconnectedSince).toBe(h.syncRequests()[1]!.at);
  });

  it('alerts produced by one sync arrive together', async () => {
    const h = await startHarness();
    await h.advance(0);
    h.simulator.updateLock(frontDoor, { battery: 10 });
    h.simulator.updateLock(garage, { battery: 12 });
    await h.advance(30_000);
    const alertEvents = h.events.filter((event) => event.type === 'alerts');
    expect(alertEvents.length).toBe(1);
    expect(
      alertEvents[0]!.type === 'alerts' && alertEvents[0]!.alerts.map((alert) => alert.kind),
    ).toEqual(['battery-low', 'battery-low']);
  });
});

describe('without a bridge', () => {
  it('says live mode is off, with no message and no bridge-only flag', async () => {
    const h = await startHarness();
    await h.advance(0);
    expect(h.lastSnapshot().live).toEqual({ mode: 'off', bridgeOnly: false, message: '' });
  });
});

describe('history', () => {
  it('records what the syncs reported, only on change', async () => {
    const h = await startHarness();
    await h.advance(0);
    await h.advance(5 * 60_000);
    h.simulator.updateLock(frontDoor, { state: 'unlocked' });
    await h.advance(30_000);
    const samples = h.monitor.history.samplesOf(frontDoor);
    expect(samples.map((sample) => sample.state)).toEqual(['locked', 'unlocked']);
    expect(samples[1]!.at).toBe(h.syncRequests().at(-1)!.at);
  });
});
