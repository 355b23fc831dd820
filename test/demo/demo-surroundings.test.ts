/**
 * Demo mode shows a firmware update and a door sensor, and its key reads the activity log and
 * moves the locks (the CLI's lock --demo, the window's Lock button), through the real client.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoConnection } from '../../main/cli/demo-connection.ts';
import type { DemoConnection } from '../../main/cli/demo-connection.ts';
import { DEMO_LOCK_IDS } from '../../main/demo/demo-script.ts';

let demo: DemoConnection | undefined;
afterEach(async () => {
  await demo?.close();
  demo = undefined;
});

describe('the demo account', () => {
  it('offers one lock an update and has a door sensor with a known battery', async () => {
    demo = await startDemoConnection();
    const details = await demo.api.deviceDetails();
    expect(details.locks.filter((lock) => lock.updateAvailable).map((lock) => lock.id)).toEqual([
      DEMO_LOCK_IDS.garage,
    ]);
    expect(details.bridges.map((bridge) => bridge.connected)).toEqual([true]);
    expect(await demo.api.doorSensors()).toEqual([
      { id: 61901, name: 'Front door sensor', lockId: DEMO_LOCK_IDS.frontDoor, battery: 64 },
    ]);
  });
});

describe('the demo key', () => {
  it('reads the activity log and may lock and unlock (Lock.Operate)', async () => {
    demo = await startDemoConnection();
    expect(
      (await demo.api.listActivity(DEMO_LOCK_IDS.frontDoor, { elements: 5 })).length,
    ).toBeGreaterThan(0);
    // Without the scope the simulator answers 403, which the client throws as ForbiddenError.
    await expect(demo.api.startOperation(DEMO_LOCK_IDS.frontDoor, 'unlock')).resolves.toMatch(
      /^\d+$/,
    );
  });
});
