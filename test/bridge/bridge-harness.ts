/**
 * Shared set-up for the bridge tests: a bridge simulator on loopback with the sample locks,
 * a self-running simulated clock shared by the simulator and the client (so waits cost no real
 * time and the request log shows exact times), and the documentation fixtures.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { BridgeClient } from '../../main/bridge/bridge-client.ts';
import type { BridgeClientOptions } from '../../main/bridge/bridge-client.ts';
import { BridgeError } from '../../main/bridge/bridge-errors.ts';
import { BridgeSimulator } from '../../main/demo/bridge-simulator.ts';
import type { BridgeSimulatorOptions } from '../../main/demo/bridge-simulator.ts';
import { sampleLocks } from '../../main/demo/sample-locks.ts';
import { AutoClock } from '../support/auto-clock.ts';

export const TOKEN = 'Zq7VtB2xKp9LmWc4';
/** A whole second, so the Date header (whole seconds) carries the clock exactly. */
export const START = Date.UTC(2026, 10, 25, 8, 0, 0);

const running: BridgeSimulator[] = [];

export interface BridgeSetUp {
  /** Our clock minus the bridge's: positive when our computer is ahead. */
  clockOffsetMs?: number;
  simulator?: Partial<BridgeSimulatorOptions>;
}

export async function startBridge(setUp: BridgeSetUp = {}) {
  const clock = new AutoClock(START);
  const offset = setUp.clockOffsetMs ?? 0;
  const simulator = await BridgeSimulator.start({
    token: TOKEN,
    locks: sampleLocks(),
    now: () => clock.now() - offset,
    ...setUp.simulator,
  });
  running.push(simulator);
  const client = (options: Partial<BridgeClientOptions> = {}) =>
    new BridgeClient({ bridgeUrl: simulator.baseUrl, token: TOKEN, clock, ...options });
  return { simulator, clock, client };
}

export async function closeBridges(): Promise<void> {
  await Promise.all(running.splice(0).map((simulator) => simulator.close()));
}

export async function failureOf(call: Promise<unknown>): Promise<BridgeError> {
  const error = await call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(BridgeError);
  return error as BridgeError;
}

/** The documentation samples in test/fixtures/tedee-bridge. */
export function bridgeFixture(name: string): unknown {
  return JSON.parse(
    readFileSync(new URL(`../fixtures/tedee-bridge/${name}.json`, import.meta.url), 'utf8'),
  );
}
