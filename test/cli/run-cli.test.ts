/**
 * The CLI in-process through runCli, with the simulator on loopback: every exit code scripts
 * rely on, written out as numbers. The child-process tests (cli-*.test.ts) show the same
 * contract from outside; these run in the test's own process, where a mutation tool sees them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_LOCK_IDS, sampleLocks } from '../../main/demo/sample-locks.ts';
import { TedeeSimulator } from '../../main/demo/tedee-simulator.ts';
import type { TedeeSimulatorOptions } from '../../main/demo/tedee-simulator.ts';
import { EXIT_CODES, exitCodeForStatus } from '../../main/cli/exit-codes.ts';
import { runCli } from '../../main/cli/run-cli.ts';
import { runStatus } from '../../main/cli/run-status.ts';
import { originOf } from '../../main/tedee/api-address.ts';
import { TedeeClient } from '../../main/tedee/client.ts';
import type { AppStatusKind } from '../../main/engine/monitor-snapshot.ts';
import { ascending } from '../support/ascending.ts';

interface LockLine {
  id: number;
}

const KEY = 'pak-in-process.c2VjcmV0.k3y';

const simulators: TedeeSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((simulator) => simulator.close()));
});

async function startSimulator(options: Partial<TedeeSimulatorOptions> = {}) {
  const simulator = await TedeeSimulator.start({ keys: [KEY], locks: sampleLocks(), ...options });
  simulators.push(simulator);
  return simulator;
}

/** Runs the CLI as main/cli.ts does, collecting what it writes. */
function run(argv: string[], env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const shutdown = new AbortController();
  const code = runCli({
    argv,
    env: { TEDEE_PERSONAL_KEY: KEY, ...env },
    io: { out: (line) => out.push(line), err: (line) => err.push(line) },
    signal: shutdown.signal,
  });
  return { code, out, err, interrupt: () => shutdown.abort() };
}

function delay<Value>(ms: number, value: Value): Promise<Value> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('exit codes', () => {
  it('are the numbers the contract names', () => {
    expect(EXIT_CODES).toEqual({
      ok: 0,
      internal: 1,
      usage: 2,
      keyRejected: 3,
      apiFailed: 4,
      operationFailed: 5,
      interrupted: 130,
    });
  });

  it.each([
    ['auth-error', 3],
    ['forbidden', 3],
    ['offline', 4],
    ['rate-limited', 4],
    ['starting', null],
    ['ok', null],
    ['paused', null],
  ] as const)('status %s exits %s', (kind: AppStatusKind, code) => {
    expect(exitCodeForStatus(kind)).toBe(code);
  });
});

describe('runCli status', () => {
  it('exits 0 and prints one JSON line of every lock', async () => {
    const simulator = await startSimulator();
    const cli = run(['status', '--json', '--api-url', simulator.baseUrl]);
    expect(await cli.code).toBe(0);
    expect(cli.err).toEqual([]);
    expect(cli.out).toHaveLength(1);
    const printed = JSON.parse(cli.out[0]!) as { locks: Array<{ name: string; state: string }> };
    expect(printed.locks.map(({ name, state }) => [name, state])).toEqual([
      ['Front door', 'locked'],
      ['Garage', 'unlocked'],
      ['Back door', 'locked'],
    ]);
  });

  it('exits 0 with a table, taking the address from TEDEE_API_URL', async () => {
    const simulator = await startSimulator();
    const cli = run(['status'], { TEDEE_API_URL: simulator.baseUrl });
    expect(await cli.code).toBe(0);
    expect(cli.out[0]).toMatch(/^NAME\s+STATE\s+DOOR/);
    expect(cli.out[0]!.split('\n')).toHaveLength(4);
  });

  it('exits 2 with one line on stderr for a usage error', async () => {
    const cli = run(['status', '--interval', '30']);
    expect(await cli.code).toBe(2);
    expect(cli.out).toEqual([]);
    expect(cli.err).toHaveLength(1);
  });

  it('exits 2 without a key, and 0 for --help', async () => {
    expect(await run(['status'], { TEDEE_PERSONAL_KEY: undefined }).code).toBe(2);
    const help = run(['--help']);
    expect(await help.code).toBe(0);
    expect(help.out.join('\n')).toContain('status');
    expect(help.out.join('\n')).toMatch(/activity \[--lock ID\] \[--limit N\] \[--json\]/);
    expect(help.out.join('\n')).toContain('DeviceActivity.Read');
  });

  it('exits 3 when the key is rejected', async () => {
    const simulator = await startSimulator();
    simulator.revokeKey(KEY);
    const cli = run(['status', '--api-url', simulator.baseUrl]);
    expect(await cli.code).toBe(3);
    expect(cli.out).toEqual([]);
    expect(cli.err).toEqual([expect.stringMatching(/HTTP 401/)]);
  });

  it('exits 4 when Tedee fails', async () => {
    const simulator = await startSimulator();
    simulator.queueFault({ kind: 'status', status: 503 });
    const cli = run(['status', '--api-url', simulator.baseUrl]);
    expect(await cli.code).toBe(4);
    expect(cli.out).toEqual([]);
    expect(cli.err).toEqual([expect.stringMatching(/HTTP 503/)]);
  });

  it('exits 130 when interrupted (Ctrl+C) before Tedee answers, printing nothing', async () => {
    const simulator = await startSimulator();
    simulator.queueFault({ kind: 'delay', ms: 30_000 });
    const cli = run(['status', '--json', '--api-url', simulator.baseUrl]);
    // The delay fault is taken when the request arrives: from then on the request hangs.
    await until(() => simulator.pendingFaults === 0);
    cli.interrupt();
    expect(await cli.code).toBe(130);
    expect(cli.out).toEqual([]);
    expect(cli.err).toEqual([]);
  });

  it('exits 130 without asking Tedee when interrupted before it starts', async () => {
    const simulator = await startSimulator();
    const cli = run(['status', '--api-url', simulator.baseUrl]);
    cli.interrupt();
    expect(await cli.code).toBe(130);
    expect(simulator.requests()).toEqual([]);
  });

  it('exits 0 with no locks for an account without any', async () => {
    const simulator = await startSimulator({ locks: [] });
    const cli = run(['status', '--json', '--api-url', simulator.baseUrl]);
    expect(await cli.code).toBe(0);
    expect(cli.out).toEqual(['{"locks":[]}']);
  });

  it('does not stop at a 404: the engine fetches the lock list again, then syncs', async () => {
    const simulator = await startSimulator();
    // Tedee answers 404 for a lock that left the account; here it comes for the lock list.
    simulator.queueFault({ kind: 'status', status: 404 });
    const cli = run(['status', '--json', '--api-url', simulator.baseUrl]);
    expect(await cli.code).toBe(0);
    expect(simulator.requests().map((request) => [request.path, request.status])).toEqual([
      ['/api/v37/my/lock', 404],
      ['/api/v37/my/lock', 200],
      ['/api/v37/my/lock/sync', 200],
    ]);
    expect((JSON.parse(cli.out[0]!) as { locks: unknown[] }).locks).toHaveLength(3);
  });

  it('runs the demo without a key, and without the watch note', async () => {
    const cli = run(['status', '--demo', '--json'], { TEDEE_PERSONAL_KEY: undefined });
    expect(await cli.code).toBe(0);
    expect(cli.err).toEqual([]);
    expect((JSON.parse(cli.out[0]!) as { locks: unknown[] }).locks).toHaveLength(3);
  });
});

describe('runStatus', () => {
  it('prints the table in the time zone it is given', async () => {
    const simulator = await startSimulator();
    const tableIn = async (timeZone: string) => {
      const out: string[] = [];
      const code = await runStatus({
        api: new TedeeClient({
          personalKey: KEY,
          apiUrl: simulator.baseUrl,
          keyOrigin: originOf(simulator.baseUrl),
        }),
        json: false,
        io: { out: (line) => out.push(line), err: () => {} },
        signal: new AbortController().signal,
        timeZone,
      });
      expect(code).toBe(0);
      return out.join('\n');
    };
    const changedAt = new Date(simulator.locks()[0]!.lastStateChangedAt);
    const inTokyo = new Date(changedAt.getTime() + 9 * 3_600_000); // UTC+9, no summer time
    const minute = (time: Date) => time.toISOString().slice(0, 16).replace('T', ' ');
    expect(await tableIn('UTC')).toContain(minute(changedAt));
    expect(await tableIn('Asia/Tokyo')).toContain(minute(inTokyo));
  });
});

describe('runCli watch', () => {
  it('writes status and snapshot lines until interrupted, then exits 0', async () => {
    const simulator = await startSimulator();
    const cli = run(['watch', '--api-url', simulator.baseUrl]);
    await until(() => cli.out.some((line) => line.includes('"type":"snapshot"')));
    cli.interrupt();
    expect(await cli.code).toBe(0);
    const lines = cli.out.map((line) => JSON.parse(line) as { type: string; status?: string });
    expect(lines.map((line) => line.status ?? line.type)).toEqual(['starting', 'ok', 'snapshot']);
  });

  it('exits 3 by itself when the key is rejected', async () => {
    const simulator = await startSimulator();
    simulator.revokeKey(KEY);
    const cli = run(['watch', '--api-url', simulator.baseUrl]);
    expect(await cli.code).toBe(3);
  });

  it('warns once about --locks ids the account does not have', async () => {
    // With the activity scope, so that its own warning cannot join in on a slow machine.
    const simulator = await startSimulator({
      keys: [{ key: KEY, scopes: ['Device.Read', 'DeviceActivity.Read'] }],
    });
    const cli = run(['watch', '--locks', '48213,999', '--api-url', simulator.baseUrl]);
    await until(() => cli.err.length > 0);
    cli.interrupt();
    expect(await cli.code).toBe(0);
    expect(cli.err).toEqual(['Not in this Tedee account, so not watched: lock 999.']);
  });

  it('writes alert lines for an offline bridge, a low door sensor and a key about to expire', async () => {
    const simulator = await startSimulator({
      keys: [
        { key: KEY, scopes: ['Device.Read', 'Account.Read'], validTo: Date.now() + 5 * 86_400_000 },
      ],
      bridges: [{ id: 47090, name: 'Hall bridge', connected: false }],
      doorSensors: [{ id: 901, lockId: 48213, battery: 10 }],
    });
    const cli = run(['watch', '--api-url', simulator.baseUrl]);
    await until(() => cli.out.filter((line) => line.includes('"type":"alert"')).length >= 3);
    cli.interrupt();
    expect(await cli.code).toBe(0);
    const lines = cli.out.map(
      (line) => JSON.parse(line) as { type: string; kind?: string; lockId?: number | null },
    );
    expect(
      lines.filter((line) => line.type === 'alert').map(({ kind, lockId }) => ({ kind, lockId })),
    ).toEqual([
      { kind: 'bridge-offline', lockId: null },
      { kind: 'door-sensor-battery-low', lockId: 48213 },
      { kind: 'key-expiring', lockId: null },
    ]);
    expect(cli.out.join('\n')).not.toContain(KEY);
  });

  it('watches only --locks, in one sync, and alerts at the --low-battery level', async () => {
    const simulator = await startSimulator();
    const { frontDoor, garage } = SAMPLE_LOCK_IDS;
    const cli = run([
      'watch',
      '--locks',
      `${garage},${frontDoor}`,
      '--low-battery',
      '60',
      '--api-url',
      simulator.baseUrl,
    ]);
    // The garage is at 54 %: below 60, not charging; the front door (76 %) is not.
    await until(() => cli.out.some((line) => line.includes('"type":"alert"')));
    cli.interrupt();
    expect(await cli.code).toBe(0);
    const lines = cli.out.map(
      (line) =>
        JSON.parse(line) as { type: string; kind?: string; lockId?: number; locks?: LockLine[] },
    );
    const snapshot = lines.find((line) => line.type === 'snapshot');
    expect(snapshot?.locks?.map((lock) => lock.id)).toEqual([frontDoor, garage]);
    expect(
      lines.filter((line) => line.type === 'alert').map(({ kind, lockId }) => [kind, lockId]),
    ).toEqual([['battery-low', garage]]);
    const syncs = simulator.requests().filter((request) => request.path.endsWith('/sync'));
    expect(syncs.map((request) => request.lockIds.toSorted(ascending))).toEqual([
      [frontDoor, garage].toSorted(ascending),
    ]);
  });

  it('keeps watching while Tedee fails, saying so once', async () => {
    const simulator = await startSimulator();
    simulator.queueFault({ kind: 'status', status: 503 });
    const cli = run(['watch', '--api-url', simulator.baseUrl]);
    await until(() => cli.out.some((line) => line.includes('"status":"offline"')));
    // Still running: only the signal ends a watch that Tedee fails.
    const settled = await Promise.race([cli.code, delay(300, 'running')]);
    expect(settled).toBe('running');
    cli.interrupt();
    expect(await cli.code).toBe(0);
    const lines = cli.out.map((line) => JSON.parse(line) as { type: string; status?: string });
    expect(lines.map((line) => [line.type, line.status])).toEqual([
      ['status', 'starting'],
      ['status', 'offline'],
    ]);
  });

  it('keeps running when no --locks id is in the account, saying which are missing', async () => {
    const simulator = await startSimulator();
    const cli = run(['watch', '--locks', '998,999', '--api-url', simulator.baseUrl]);
    await until(() => cli.err.length > 0);
    const settled = await Promise.race([cli.code, delay(300, 'running')]);
    expect(settled).toBe('running');
    cli.interrupt();
    expect(await cli.code).toBe(0);
    expect(cli.err).toEqual(['Not in this Tedee account, so not watched: locks 998, 999.']);
    expect(JSON.parse(cli.out.at(-1)!)).toMatchObject({
      type: 'status',
      status: 'ok',
      message: 'No lock is selected for monitoring.',
    });
  });

  it('exits 0 without polling when interrupted before it starts', async () => {
    const simulator = await startSimulator();
    const cli = run(['watch', '--api-url', simulator.baseUrl]);
    cli.interrupt();
    expect(await cli.code).toBe(0);
    expect(simulator.requests()).toEqual([]);
  });

  it('says on stderr that the demo sends nothing to Tedee', async () => {
    const cli = run(['watch', '--demo'], { TEDEE_PERSONAL_KEY: undefined });
    await until(() => cli.out.length > 0);
    cli.interrupt();
    expect(await cli.code).toBe(0);
    expect(cli.err).toEqual([
      'Demo mode: three simulated locks; nothing is sent to Tedee. Stop with Ctrl+C.',
    ]);
  });
});
