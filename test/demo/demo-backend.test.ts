/**
 * Demo mode's backend: the cloud simulator and a simulated bridge with the same demo locks and
 * one story told by both, so the app's demo runs in live mode with the cloud behind it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BridgeClient } from '../../main/bridge/bridge-client.ts';
import { startDemoBackend } from '../../main/demo/demo-backend.ts';
import type { DemoBackend } from '../../main/demo/demo-backend.ts';
import { DEMO_LOCK_IDS } from '../../main/demo/demo-script.ts';
import { originOf } from '../../main/tedee/api-address.ts';
import { TedeeClient } from '../../main/tedee/client.ts';
import { ManualClock } from '../support/manual-clock.ts';

let backend: DemoBackend | null = null;
afterEach(async () => {
  await backend?.stop();
  backend = null;
});

async function start() {
  const clock = new ManualClock();
  backend = await startDemoBackend(clock);
  const cloud = new TedeeClient({
    personalKey: backend.key,
    apiUrl: backend.apiUrl,
    keyOrigin: originOf(backend.apiUrl),
    now: () => clock.now(),
  });
  const bridge = new BridgeClient({
    bridgeUrl: backend.bridge.address,
    token: backend.bridge.token,
    clock,
  });
  return { clock, cloud, bridge };
}

const frontDoorOf = <T extends { id: number }>(locks: readonly T[]) =>
  locks.find((lock) => lock.id === DEMO_LOCK_IDS.frontDoor);

describe('the demo backend', () => {
  it('serves the same demo locks from the cloud and from a bridge on loopback', async () => {
    const { cloud, bridge } = await start();
    expect(backend?.bridge.address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const cloudSerials = (await cloud.listLocks()).map((lock) => lock.serial ?? '').sort();
    const bridgeSerials = (await bridge.listLocks()).map((lock) => lock.serial).sort();
    expect(bridgeSerials).toEqual(cloudSerials);
    expect(bridgeSerials).toHaveLength(3);
  });

  it('plays the story on both: the front door unlocks at 40 s in the cloud and at the bridge', async () => {
    const { clock, cloud, bridge } = await start();
    expect(frontDoorOf(await bridge.listLocks())?.status.state).toBe('locked');
    await clock.advanceBy(40_000);
    expect(frontDoorOf(await bridge.listLocks())?.status.state).toBe('unlocked');
    const synced = await cloud.syncLocks([DEMO_LOCK_IDS.frontDoor]);
    expect(frontDoorOf(synced)?.state).toBe('unlocked');
  });

  it('stops both simulators', async () => {
    const { bridge } = await start();
    await backend?.stop();
    backend = null;
    await expect(bridge.getBridge()).rejects.toThrow(/bridge/i);
  });
});
