/**
 * lock, unlock and pull through runCli, in process, against the simulator: every exit code of
 * the three commands. Time runs 20 times faster (the simulator shares the clock), so Tedee's
 * 20 s sync guard and the 60 s limit cost a second or three.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/run-cli.ts';
import { sampleLocks, SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import { TedeeSimulator } from '../../main/demo/tedee-simulator.ts';
import { apiPaths } from '../../main/tedee/api-paths.ts';
import { ScaledClock } from '../support/scaled-clock.ts';

const KEY = 'pak-operate.c2VjcmV0.k3y';
const OPERATE = ['Device.Read', 'Lock.Operate'];
const { frontDoor, garage } = SAMPLE_LOCK_IDS;

const simulators: TedeeSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((simulator) => simulator.close()));
});

async function setUp(scopes = OPERATE) {
  const clock = new ScaledClock(20);
  const simulator = await TedeeSimulator.start({
    keys: [{ key: KEY, scopes }],
    locks: sampleLocks(),
    now: () => clock.now(),
  });
  simulators.push(simulator);
  const run = async (argv: string[], signal = new AbortController().signal) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli({
      argv: [...argv, '--api-url', simulator.baseUrl],
      env: { TEDEE_PERSONAL_KEY: KEY },
      io: { out: (line) => out.push(line), err: (line) => err.push(line) },
      signal,
      clock,
    });
    return { code, out, err };
  };
  return { simulator, run };
}

describe('runCli lock', () => {
  it('locks, waits until a sync shows it locked, and exits 0', async () => {
    const { simulator, run } = await setUp();
    expect(await run(['lock', String(garage)])).toEqual({
      code: 0,
      out: ['Garage is locked.'],
      err: [],
    });
    expect(simulator.lock(garage)?.state).toBe('locked');
  });

  it('asks Tedee for the lock and the operation only: no bridges, door sensors, key or activity log', async () => {
    const { simulator, run } = await setUp([...OPERATE, 'Account.Read', 'DeviceActivity.Read']);
    expect((await run(['lock', String(garage)])).code).toBe(0);
    const paths = new Set(simulator.requests().map((request) => request.path));
    expect([...paths].filter((path) => !path.includes('/operation')).sort()).toEqual(
      [apiPaths.lockList, apiPaths.syncSingle(garage)].sort(),
    );
  });

  it('exits 0 with a message, sending nothing, when the lock is already locked', async () => {
    const { simulator, run } = await setUp();
    expect(await run(['lock', String(frontDoor)])).toEqual({
      code: 0,
      out: ['Front door is already locked; nothing was sent.'],
      err: [],
    });
    expect(simulator.requests().filter((request) => request.method === 'POST')).toEqual([]);
  });

  it('exits 3 naming Lock.Operate when the key lacks it', async () => {
    const { run } = await setUp(['Device.Read']);
    const result = await run(['lock', String(garage)]);
    expect(result.code).toBe(3);
    expect(result.err).toEqual([
      'Locking Garage failed: no permission: the Personal Access Key needs the Lock.Operate scope.',
    ]);
  });

  it('exits 5 with the reason when the lock jams', async () => {
    const { simulator, run } = await setUp();
    simulator.jamNextOperation(garage);
    const result = await run(['lock', String(garage)]);
    expect(result.code).toBe(5);
    expect(result.err).toEqual([
      'Locking Garage failed: failed (code 2); the next sync shows it partly locked.',
    ]);
  });

  it('exits 5 for a lock the account does not have', async () => {
    const { run } = await setUp();
    expect(await run(['lock', '4242'])).toEqual({
      code: 5,
      out: [],
      err: ['Tedee lists no lock with id 4242 in this account (see status).'],
    });
  });

  it('exits 4 when Tedee cannot be reached', async () => {
    const { simulator, run } = await setUp();
    await simulator.close();
    const result = await run(['lock', String(garage)]);
    expect(result.code).toBe(4);
    expect(result.out).toEqual([]);
    expect(result.err).toHaveLength(1);
  });
});

describe('runCli lock interrupted (Ctrl+C)', () => {
  it('exits 130 without asking Tedee when interrupted before it starts', async () => {
    const { simulator, run } = await setUp();
    const stop = new AbortController();
    stop.abort();
    expect(await run(['lock', String(garage)], stop.signal)).toEqual({
      code: 130,
      out: [],
      err: [],
    });
    expect(simulator.requests()).toEqual([]);
  });

  it('exits 130 while the lock is moving, printing no outcome', async () => {
    const { simulator, run } = await setUp();
    const stop = new AbortController();
    const locking = run(['lock', String(garage)], stop.signal);
    while (!simulator.requests().some((request) => request.method === 'POST'))
      await new Promise((resolve) => setTimeout(resolve, 5));
    stop.abort();
    expect(await locking).toEqual({ code: 130, out: [], err: [] });
  });
});

describe('runCli unlock and pull', () => {
  it('refuse to run without --yes: exit 2, naming --yes, nothing sent', async () => {
    const { simulator, run } = await setUp();
    for (const command of ['unlock', 'pull']) {
      const result = await run([command, String(frontDoor)]);
      expect(result.code).toBe(2);
      expect(result.err).toEqual([
        `${command} opens the door: add --yes to confirm that you mean it (nothing was sent).`,
      ]);
    }
    expect(simulator.requests()).toEqual([]);
  });

  it('unlock --yes unlocks, pull --yes pulls the latch of an unlocked lock', async () => {
    const { simulator, run } = await setUp();
    expect(await run(['unlock', String(frontDoor), '--yes'])).toEqual({
      code: 0,
      out: ['Front door is unlocked.'],
      err: [],
    });
    expect(await run(['pull', String(garage), '--yes'])).toMatchObject({
      code: 0,
      out: ['Garage had its latch pulled.'],
    });
    expect(
      simulator
        .requests()
        .filter((request) => request.method === 'POST')
        .map((request) => request.path.split('/').at(-1)),
    ).toEqual(['unlock', 'pull']);
  });

  it('lock takes no --yes, and every command needs a lock id', async () => {
    const { run } = await setUp();
    expect((await run(['lock', String(garage), '--yes'])).err).toEqual([
      '--yes is not an option of lock (see --help).',
    ]);
    expect(await run(['lock'])).toMatchObject({
      code: 2,
      err: ["lock needs the lock's id, e.g. lock 48213 (see status)."],
    });
  });
});
