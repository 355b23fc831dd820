/**
 * `watch --bridge` as a child process, as scripts run it: one callback registered at start,
 * a snapshot line for a change at the door, and on SIGINT or SIGTERM the callback deleted
 * and the process gone within 5 s with exit 0. The bridge token never reaches stdout or stderr.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BridgeSimulator } from '../../main/demo/bridge-simulator.ts';
import { SAMPLE_LOCK_IDS, sampleLocks } from '../../main/demo/sample-locks.ts';
import { RunningCli } from './cli-process.ts';

const TOKEN = 'Br1dge-T0ken-in-a-child-process';

interface Line {
  type: string;
  status?: string;
  message?: string;
  locks?: Array<{ id: number; state: string | null; source: string }>;
}

const bridges: BridgeSimulator[] = [];
afterEach(async () => {
  await Promise.all(bridges.splice(0).map((bridge) => bridge.close()));
});

describe('watch --bridge in a child process', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'follows callbacks, then on %s deletes its callback and exits 0 within 5 s',
    async (signal) => {
      const bridge = await BridgeSimulator.start({ token: TOKEN, locks: sampleLocks() });
      bridges.push(bridge);
      const cli = new RunningCli(
        ['watch', '--bridge', bridge.baseUrl, '--callback-host', '127.0.0.1'],
        {
          env: {
            TEDEE_PERSONAL_KEY: undefined,
            TEDEE_BRIDGE_TOKEN: TOKEN,
            XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'tedee-cli-state-')),
          },
          timeoutMs: 30_000,
        },
      );
      await cli.waitForLine<Line>((line) =>
        Boolean(line.message?.includes('Live: the bridge reports every change.')),
      );
      expect(bridge.callbacks()).toHaveLength(1);
      bridge.updateLock(SAMPLE_LOCK_IDS.garage, { state: 'locked' });
      const snapshot = await cli.waitForLine<Line>(
        (line) =>
          line.type === 'snapshot' &&
          Boolean(
            line.locks?.some(
              (lock) => lock.id === SAMPLE_LOCK_IDS.garage && lock.state === 'locked',
            ),
          ),
      );
      expect(snapshot.locks?.every((lock) => lock.source === 'bridge')).toBe(true);

      const signalledAt = Date.now();
      cli.kill(signal);
      const result = await cli.result;
      expect(Date.now() - signalledAt).toBeLessThan(5000);
      expect(result.code).toBe(0);
      expect(bridge.callbacks()).toEqual([]);
      expect(result.stdout).not.toContain(TOKEN);
      expect(result.stderr).not.toContain(TOKEN);
    },
    40_000,
  );
});
