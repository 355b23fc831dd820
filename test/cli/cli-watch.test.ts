/**
 * `watch` as a child process: NDJSON only on stdout, a status line first, snapshots after
 * syncs, alerts, a clean stop on SIGTERM and SIGINT, and exit 3 when the key is rejected.
 * One test waits for a real 20 s interval, because that is the only way to see a second sync.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_LOCK_IDS } from '../../main/demo/demo-script.ts';
import { SAMPLE_LOCK_IDS, sampleLocks } from '../../main/demo/sample-locks.ts';
import { TedeeSimulator } from '../../main/demo/tedee-simulator.ts';
import { CLI_KEY, RunningCli } from './cli-process.ts';
import type { CliResult } from './cli-process.ts';
import { ascending } from '../support/ascending.ts';

interface LockLine {
  id: number;
  state: string | null;
  battery: number | null;
}
type Line =
  | { type: 'status'; at: string; status: string; retryAt: string | null; message: string }
  | { type: 'snapshot'; at: string; locks: LockLine[] }
  | { type: 'alert'; at: string; kind: string; lockId: number | null; title: string; body: string };

const simulators: TedeeSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((simulator) => simulator.close()));
});

async function startSimulator(): Promise<TedeeSimulator> {
  const simulator = await TedeeSimulator.start({ keys: [CLI_KEY], locks: sampleLocks() });
  simulators.push(simulator);
  return simulator;
}

/** Every stdout line is one JSON object of a known type with ISO times; returns them parsed. */
function parseLines(result: CliResult): Line[] {
  expect(result.stdout === '' || result.stdout.endsWith('\n')).toBe(true);
  const lines = result.stdout.split('\n').filter((line) => line !== '');
  return lines.map((text) => {
    const line = JSON.parse(text) as Line;
    expect(['status', 'snapshot', 'alert']).toContain(line.type);
    expect(new Date(line.at).toISOString()).toBe(line.at);
    return line;
  });
}

const isSnapshot = (line: Line): line is Extract<Line, { type: 'snapshot' }> =>
  line.type === 'snapshot';

describe('watch', () => {
  it('starts with a status line, shows a change made in Tedee in a later snapshot, and exits 0 on SIGTERM', async () => {
    const simulator = await startSimulator();
    const cli = new RunningCli(['watch', '--interval', '20', '--api-url', simulator.baseUrl], {
      timeoutMs: 45_000,
    });
    await cli.waitForLine<Line>(isSnapshot);
    simulator.updateLock(SAMPLE_LOCK_IDS.frontDoor, { state: 'unlocked' });
    const showsUnlocked = (line: Line) =>
      isSnapshot(line) &&
      line.locks.some((lock) => lock.id === SAMPLE_LOCK_IDS.frontDoor && lock.state === 'unlocked');
    await cli.waitForLine<Line>(showsUnlocked, 30_000);
    cli.kill('SIGTERM');
    const result = await cli.result;
    expect([result.code, result.signal]).toEqual([0, null]);

    const lines = parseLines(result);
    expect(lines[0]).toMatchObject({ type: 'status', status: 'starting', retryAt: null });
    expect(Object.keys(lines[0]!)).toEqual(['type', 'at', 'status', 'retryAt', 'message']);
    expect(lines[1]).toMatchObject({ type: 'status', status: 'ok' });
    const snapshots = lines.filter(isSnapshot);
    expect(snapshots.length).toBeGreaterThanOrEqual(2);
    expect(snapshots[0]!.locks.find((lock) => lock.id === SAMPLE_LOCK_IDS.frontDoor)?.state).toBe(
      'locked',
    );
    expect(snapshots.findIndex(showsUnlocked)).toBeGreaterThan(0);
    // The status did not change after the first sync, so it was not repeated.
    expect(lines.filter((line) => line.type === 'status')).toHaveLength(2);
    // 20 s apart at least: the second sync waited for the interval.
    const gap = Date.parse(snapshots[1]!.at) - Date.parse(snapshots[0]!.at);
    expect(gap).toBeGreaterThanOrEqual(20_000);
  }, 50_000);

  it('watches only --locks, alerts at the --low-battery level, and exits 0 on SIGINT', async () => {
    const simulator = await startSimulator();
    const { garage, frontDoor } = SAMPLE_LOCK_IDS;
    const cli = new RunningCli([
      'watch',
      '--locks',
      `${garage},${frontDoor}`,
      '--low-battery',
      '60',
      '--api-url',
      simulator.baseUrl,
    ]);
    // The garage is at 54 %: below 60, not charging.
    await cli.waitForLine<Line>((line) => line.type === 'alert');
    cli.kill('SIGINT');
    const result = await cli.result;
    expect([result.code, result.signal]).toEqual([0, null]);

    const lines = parseLines(result);
    const snapshot = lines.find(isSnapshot);
    expect(snapshot?.locks.map((lock) => lock.id)).toEqual([frontDoor, garage]);
    const alerts = lines.filter((line) => line.type === 'alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      type: 'alert',
      kind: 'battery-low',
      lockId: garage,
      title: 'Garage battery is low: 54 %',
    });
    expect(Object.keys(alerts[0]!)).toEqual(['type', 'at', 'kind', 'lockId', 'title', 'body']);
    expect(lines.indexOf(alerts[0]!)).toBeGreaterThan(lines.indexOf(snapshot!));
    // Two locks: one batched sync for exactly them, never the whole account.
    const syncs = simulator.requests().filter((request) => request.path.endsWith('/sync'));
    expect(syncs.map((request) => request.lockIds.toSorted(ascending))).toEqual([
      [frontDoor, garage].toSorted(ascending),
    ]);
  });

  it('prints the status line and exits 3 when the key is rejected', async () => {
    const simulator = await startSimulator();
    simulator.revokeKey(CLI_KEY);
    const result = await new RunningCli(['watch', '--api-url', simulator.baseUrl]).result;
    expect(result.code).toBe(3);
    const lines = parseLines(result);
    expect(lines.map((line) => line.type === 'status' && line.status)).toContain('auth-error');
    const rejected = lines.find((line) => line.type === 'status' && line.status === 'auth-error');
    expect(rejected).toMatchObject({ retryAt: null, message: expect.stringMatching(/HTTP 401/) });
    expect(lines[0]).toMatchObject({ type: 'status', status: 'starting' });
    expect(lines.some(isSnapshot)).toBe(false);
  });

  it('keeps watching while Tedee fails, saying so once', async () => {
    const simulator = await startSimulator();
    simulator.queueFault({ kind: 'status', status: 503 });
    const cli = new RunningCli(['watch', '--api-url', simulator.baseUrl]);
    await cli.waitForLine<Line>((line) => line.type === 'status' && line.status === 'offline');
    cli.kill('SIGTERM');
    const result = await cli.result;
    expect(result.code).toBe(0);
    expect(parseLines(result).map((line) => line.type)).toEqual(['status', 'status']);
  });

  it('warns about --locks ids the account lacks, and keeps running when none is left', async () => {
    const simulator = await startSimulator();
    const cli = new RunningCli(['watch', '--locks', '999', '--api-url', simulator.baseUrl]);
    await cli.waitForLine<Line>((line) => line.type === 'status' && line.status === 'ok');
    // Nothing is left to poll; the watch must still wait for its signal rather than end.
    await new Promise((resolve) => setTimeout(resolve, 500));
    cli.kill('SIGTERM');
    const result = await cli.result;
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'tedee-tray: Not in this Tedee account, so not watched: lock 999.\n',
    );
    expect(parseLines(result).at(-1)).toMatchObject({
      type: 'status',
      status: 'ok',
      message: 'No lock is selected for monitoring.',
    });
  });

  it('runs the demo without a key, writing its note to stderr only', async () => {
    const cli = new RunningCli(['watch', '--demo'], { env: { TEDEE_PERSONAL_KEY: undefined } });
    const snapshot = await cli.waitForLine<Line>(isSnapshot);
    cli.kill('SIGTERM');
    const result = await cli.result;
    expect(result.code).toBe(0);
    expect(isSnapshot(snapshot) && snapshot.locks.map((lock) => lock.id)).toEqual(
      Object.values(DEMO_LOCK_IDS),
    );
    expect(result.stderr).toMatch(/Demo mode/);
    parseLines(result);
  });
});
