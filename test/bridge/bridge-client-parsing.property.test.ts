/**
 * Whatever JSON the bridge sends with a 200, every call gives a value in the app's model or a
 * BridgeBadResponseError: never another error, never a crash, never a value out of range.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeClient } from '../../main/bridge/bridge-client.ts';
import { BridgeBadResponseError } from '../../main/bridge/bridge-errors.ts';
import type { BridgeLock } from '../../main/bridge/bridge-model.ts';
import type { BridgeSimulator } from '../../main/demo/bridge-simulator.ts';
import { DOOR_STATES, LOCK_MODELS, LOCK_STATES } from '../../main/tedee/lock-enums.ts';
import { closeBridges, startBridge } from './bridge-harness.ts';

let simulator: BridgeSimulator;
let client: BridgeClient;

beforeAll(async () => {
  const bridge = await startBridge();
  simulator = bridge.simulator;
  client = bridge.client();
});
afterAll(closeBridges);

const flagish = fc.oneof(fc.constantFrom(0, 1), fc.integer(), fc.boolean(), fc.string());
const intish = fc.oneof(
  fc.integer({ min: -5, max: 300 }),
  fc.double(),
  fc.string(),
  fc.constant(null),
);

/** Objects close to a real lock, so parsing gets past the first field often enough. */
const lockLike = fc.record(
  {
    id: fc.oneof(fc.integer(), fc.string()),
    name: fc.oneof(fc.string(), fc.integer()),
    type: intish,
    serialNumber: fc.string(),
    isConnected: flagish,
    state: intish,
    jammed: flagish,
    doorState: intish,
    batteryLevel: intish,
    isCharging: flagish,
    extra: fc.anything(),
  },
  { requiredKeys: [] },
);

const body = fc.oneof(
  fc.jsonValue(),
  lockLike,
  fc.array(lockLike, { maxLength: 3 }),
  fc.record(
    {
      name: fc.string(),
      serialNumber: fc.string(),
      currentTime: fc.string(),
      isConnected: flagish,
    },
    { requiredKeys: [] },
  ),
  fc.array(
    fc.record(
      { id: intish, url: fc.oneof(fc.string(), fc.integer()), headers: fc.anything() },
      { requiredKeys: [] },
    ),
  ),
  fc.record({ id: intish }, { requiredKeys: [] }),
);

const calls: Record<string, (bridge: BridgeClient) => Promise<unknown>> = {
  getBridge: (bridge) => bridge.getBridge(),
  listLocks: (bridge) => bridge.listLocks(),
  getLock: (bridge) => bridge.getLock(1),
  listCallbacks: (bridge) => bridge.listCallbacks(),
  addCallback: (bridge) => bridge.addCallback({ url: 'http://127.0.0.1:1/x', headers: {} }),
};

function expectSaneLock(lock: BridgeLock): void {
  expect(Number.isInteger(lock.id)).toBe(true);
  expect(LOCK_MODELS).toContain(lock.model);
  expect(LOCK_STATES).toContain(lock.status.state);
  if (lock.status.door !== null) expect(DOOR_STATES).toContain(lock.status.door);
  if (lock.status.battery !== null) {
    expect(lock.status.battery).toBeGreaterThanOrEqual(0);
    expect(lock.status.battery).toBeLessThanOrEqual(100);
  }
  for (const flag of [lock.status.connected, lock.status.charging, lock.status.jammed])
    expect(typeof flag).toBe('boolean');
}

describe('arbitrary JSON bodies', () => {
  it('give a value or a bad-response error, nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom(...Object.keys(calls)), async (json, name) => {
        simulator.queueFault({ kind: 'status', status: 200, body: { json } });
        const outcome = await calls[name]!(client).then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        );
        if ('error' in outcome) {
          expect(outcome.error).toBeInstanceOf(BridgeBadResponseError);
          return;
        }
        if (name === 'listLocks')
          for (const lock of outcome.value as BridgeLock[]) expectSaneLock(lock);
        if (name === 'getLock') expectSaneLock(outcome.value as BridgeLock);
        if (name === 'addCallback') expect(Number.isInteger(outcome.value)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('arbitrary text gives a bad-response error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1 }).filter((text) => !isJson(text)),
        async (text) => {
          simulator.queueFault({ kind: 'status', status: 200, body: { text } });
          await expect(client.listLocks()).rejects.toBeInstanceOf(BridgeBadResponseError);
        },
      ),
      { numRuns: 50 },
    );
  });
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
