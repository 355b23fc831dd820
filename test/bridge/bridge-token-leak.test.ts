/**
 * The bridge token never appears in an error (message, stack, inspection with hidden
 * properties, JSON), in the client object, or in the receiver's log lines.
 */
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { BridgeError } from '../../main/bridge/bridge-errors.ts';
import { localAddressTowardBridge } from '../../main/bridge/local-address.ts';
import { BRIDGE_FAULTS } from '../../main/demo/bridge-simulator.ts';
import type { Fault } from '../../main/demo/faults.ts';
import { TOKEN, closeBridges, startBridge } from './bridge-harness.ts';

afterEach(closeBridges);

function everythingShownOf(value: unknown): string {
  const stack = value instanceof Error ? value.stack : '';
  return `${inspect(value, { depth: 10, showHidden: true })} ${JSON.stringify(value)} ${stack} ${String(value)}`;
}

describe('the bridge token never leaks', () => {
  it.each(['encrypted', 'plain'] as const)('from any failure in %s mode', async (auth) => {
    const { simulator, client } = await startBridge({ simulator: { auth } });
    const bridge = client({ auth, timeoutMs: 200 });
    const faults: Fault[] = [
      { kind: 'status', status: 401 },
      BRIDGE_FAULTS.lockDisconnected,
      BRIDGE_FAULTS.bluetooth,
      { kind: 'status', status: 500 },
      { kind: 'reset' },
      { kind: 'malformed-json' },
      { kind: 'html', status: 200 },
      { kind: 'delay', ms: 1_000 },
    ];
    const failures: unknown[] = [];
    for (const fault of faults) {
      simulator.queueFault(fault, fault.kind === 'status' && fault.status === 401 ? 2 : 1);
      failures.push(await bridge.getLock(1).catch((error: unknown) => error));
    }
    simulator.queueFault(BRIDGE_FAULTS.busy, 3);
    failures.push(await bridge.listCallbacks().catch((error: unknown) => error));
    failures.push(await bridge.getLock(404_404).catch((error: unknown) => error));
    failures.push(
      await client({ auth, token: `${TOKEN}-wrong` })
        .getBridge()
        .catch((error: unknown) => error),
    );
    await simulator.setReachability('refusing');
    failures.push(await bridge.getBridge().catch((error: unknown) => error));
    failures.push(
      await localAddressTowardBridge({ bridgeHost: '127.0.0.1', bridgePort: simulator.port }).catch(
        (error: unknown) => error,
      ),
    );

    expect(failures).toHaveLength(13);
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(BridgeError);
      expect(everythingShownOf(failure)).not.toContain(TOKEN);
    }
  });

  it('from the client object, inspected or serialised', async () => {
    const { client } = await startBridge();
    for (const auth of ['encrypted', 'plain'] as const) {
      const bridge = client({ auth });
      expect(everythingShownOf(bridge)).not.toContain(TOKEN);
    }
  });
});
