/**
 * lock, unlock and pull with `--bridge`, in process through runCli, against the bridge
 * simulator (and the cloud simulator) on loopback: through the bridge when it lists the lock,
 * through the cloud when it cannot be read, the bridge alone without a key, and every exit
 * code of that path (0, 2, 3, 4, 5).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/run-cli.ts';
import { BRIDGE_FAULTS, BridgeSimulator } from '../../main/demo/bridge-simulator.ts';
import { SAMPLE_LOCK_IDS, sampleLocks } from '../../main/demo/sample-locks.ts';
import { TedeeSimulator } from '../../main/demo/tedee-simulator.ts';
import type { Clock } from '../../main/engine/clock.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScaledClock } from '../support/scaled-clock.ts';

const KEY = 'pak-operate-bridge.c2VjcmV0.k3y';
const TOKEN = 'Br1dgeOperate77';
const { frontDoor, garage } = SAMPLE_LOCK_IDS;

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function startBridge() {
  const bridge = await BridgeSimulator.start({ token: TOKEN, locks: sampleLocks() });
  closers.push(() => bridge.close());
  return bridge;
}

async function startCloud(clock?: Clock) {
  const cloud = await TedeeSimulator.start({
    keys: [{ key: KEY, scopes: ['Device.Read', 'Lock.Operate'] }],
    locks: sampleLocks(),
    ...(clock ? { now: () => clock.now() } : {}),
  });
  closers.push(() => cloud.close());
  return cloud;
}

async function run(
  argv: string[],
  env: Record<string, string | undefined> = {},
  clock?: Clock,
): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli({
    argv,
    env: {
      TEDEE_BRIDGE_TOKEN: TOKEN,
      XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'tedee-cli-state-')),
      ...env,
    },
    io: { out: (line) => out.push(line), err: (line) => err.push(line) },
    signal: new AbortController().signal,
    ...(clock ? { clock } : {}),
  });
  return { code, out, err };
}

const posts = (bridge: BridgeSimulator) =>
  bridge.requests().flatMap((request) => (request.method === 'POST' ? [request.path] : []));
const cloudOperations = (cloud: TedeeSimulator) =>
  cloud
    .requests()
    .filter((request) => request.method === 'POST' && request.path.includes('/operation/'));

describe('lock --bridge', () => {
  it('bridge-only: locks through the bridge and exits 0 once the bridge reports it locked', async () => {
    const bridge = await startBridge();
    expect(await run(['lock', String(garage), '--bridge', bridge.baseUrl])).toEqual({
      code: 0,
      out: ['Garage is locked.'],
      err: [],
    });
    expect(posts(bridge)).toEqual([`/v1.0/lock/${garage}/lock`]);
    expect(bridge.locks().find((lock) => lock.id === garage)?.state).toBe('locked');
    expect(bridge.shortestRequestGap()).toBeGreaterThanOrEqual(1_000);
    // One look and the operation: no callback is registered for it.
    expect(bridge.callbacks()).toEqual([]);
  }, 20_000);

  it('with a key: through the bridge for a lock it lists, nothing sent to the cloud', async () => {
    const [bridge, cloud] = await Promise.all([startBridge(), startCloud()]);
    const result = await run(
      [
        'unlock',
        String(frontDoor),
        '--yes',
        '--bridge',
        bridge.baseUrl,
        '--api-url',
        cloud.baseUrl,
      ],
      { TEDEE_PERSONAL_KEY: KEY },
    );
    expect(result).toEqual({ code: 0, out: ['Front door is unlocked.'], err: [] });
    expect(posts(bridge)).toEqual([`/v1.0/lock/${frontDoor}/unlock`]);
    expect(cloudOperations(cloud)).toEqual([]);
  }, 20_000);

  it('with a key: through the cloud when the bridge cannot be reached', async () => {
    const clock = new ScaledClock(20);
    const [bridge, cloud] = await Promise.all([startBridge(), startCloud(clock)]);
    const address = bridge.baseUrl;
    await bridge.close();
    const result = await run(
      ['lock', String(garage), '--bridge', address, '--api-url', cloud.baseUrl],
      { TEDEE_PERSONAL_KEY: KEY },
      clock,
    );
    expect(result.code).toBe(0);
    expect(result.out).toEqual(['Garage is locked.']);
    expect(result.err).toEqual([expect.stringMatching(/Moving the lock through the cloud\.$/)]);
    expect(cloudOperations(cloud)).toHaveLength(1);
  }, 20_000);

  it('exits 0 with a message, sending nothing, when the bridge says the lock is already locked', async () => {
    const bridge = await startBridge();
    expect(await run(['lock', String(frontDoor), '--bridge', bridge.baseUrl])).toEqual({
      code: 0,
      out: ['Front door is already locked; nothing was sent.'],
      err: [],
    });
    expect(posts(bridge)).toEqual([]);
  });
});

describe('exit codes of the bridge path', () => {
  it('2: unlock without --yes, and the callback flags of watch', async () => {
    const bridge = await startBridge();
    const noYes = await run(['unlock', String(garage), '--bridge', bridge.baseUrl]);
    expect(noYes.code).toBe(2);
    expect(noYes.err).toEqual([expect.stringContaining('--yes')]);
    const callbackFlag = await run([
      'lock',
      String(garage),
      '--bridge',
      bridge.baseUrl,
      '--callback-port',
      '47100',
    ]);
    expect(callbackFlag).toMatchObject({
      code: 2,
      err: ['--callback-port is not an option of lock (see --help).'],
    });
    expect(bridge.requests()).toEqual([]);
  });

  it('3: bridge-only with a token the bridge rejects', async () => {
    const bridge = await startBridge();
    const result = await run(['lock', String(garage), '--bridge', bridge.baseUrl], {
      TEDEE_BRIDGE_TOKEN: 'NotTheToken123',
    });
    expect(result.code).toBe(3);
    expect(result.err.join('\n')).not.toContain('NotTheToken123');
    expect(posts(bridge)).toEqual([]);
  });

  it('4: bridge-only with a bridge that cannot be reached', async () => {
    const bridge = await startBridge();
    const address = bridge.baseUrl;
    await bridge.close();
    const result = await run(['lock', String(garage), '--bridge', address]);
    expect(result.code).toBe(4);
    expect(result.err).toHaveLength(1);
  });

  it('5: a disconnected lock (405), named', async () => {
    const bridge = await startBridge();
    bridge.updateLock(garage, { connected: false });
    expect(await run(['lock', String(garage), '--bridge', bridge.baseUrl])).toEqual({
      code: 5,
      out: [],
      err: ['Locking Garage failed: the lock is disconnected from the bridge.'],
    });
  });

  it('5: a Bluetooth error (406), named with its code', async () => {
    const bridge = await startBridge();
    const result = run(['lock', String(garage), '--bridge', bridge.baseUrl]);
    // After the first look: the operation's POST is the next request, a second later.
    while (bridge.requests().length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    bridge.queueFault(BRIDGE_FAULTS.bluetooth);
    expect(await result).toEqual({
      code: 5,
      out: [],
      err: ['Locking Garage failed: the lock reported a Bluetooth error (code 2).'],
    });
  });

  it('5: a lock that jams, from the bridge’s flag', async () => {
    const bridge = await startBridge();
    bridge.jamNextOperation(garage);
    expect(await run(['lock', String(garage), '--bridge', bridge.baseUrl])).toEqual({
      code: 5,
      out: [],
      err: ['Locking Garage failed: the lock is jammed.'],
    });
  }, 20_000);

  it('5: a lock the bridge does not list', async () => {
    const bridge = await startBridge();
    expect(await run(['lock', '4242', '--bridge', bridge.baseUrl])).toEqual({
      code: 5,
      out: [],
      err: ['The bridge lists no lock with id 4242 (see status).'],
    });
  });
});
