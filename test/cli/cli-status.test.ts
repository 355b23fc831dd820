/**
 * `status` as a child process against a simulator started here: the JSON and the table,
 * and the exit codes for a rejected key and a failing or unreachable API.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sampleLocks } from '../../main/demo/sample-locks.ts';
import { TedeeSimulator } from '../../main/demo/tedee-simulator.ts';
import type { TedeeSimulatorOptions } from '../../main/demo/tedee-simulator.ts';
import { CLI_KEY, closedPort, runCli } from './cli-process.ts';
import { LOCK_KEYS } from './lock-contract.ts';

const simulators: TedeeSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((simulator) => simulator.close()));
});

async function startSimulator(
  options: Partial<TedeeSimulatorOptions> = {},
): Promise<TedeeSimulator> {
  const simulator = await TedeeSimulator.start({
    keys: [CLI_KEY],
    locks: sampleLocks(),
    ...options,
  });
  simulators.push(simulator);
  return simulator;
}

describe('status', () => {
  it('prints exactly one JSON object with the locks as the simulator has them', async () => {
    const simulator = await startSimulator();
    simulator.updateLock(48377, { connected: false });
    const { code, stdout, stderr } = await runCli([
      'status',
      '--json',
      '--api-url',
      simulator.baseUrl,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.endsWith('\n')).toBe(true);
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
    const printed = JSON.parse(stdout) as { locks: Array<Record<string, unknown>> };
    expect(Object.keys(printed)).toEqual(['locks']);
    for (const lock of printed.locks) expect(Object.keys(lock)).toEqual(LOCK_KEYS);

    const expected = simulator.locks().map((lock) =>
      lock.connected === false
        ? // Tedee sends no state for a disconnected lock; the lock list had none either.
          {
            id: lock.id,
            serial: lock.serialNumber,
            name: lock.name,
            connected: false,
            state: null,
            door: null,
            battery: null,
            charging: null,
            lastChanged: null,
            source: 'cloud',
            jammed: null,
          }
        : {
            id: lock.id,
            serial: lock.serialNumber,
            name: lock.name,
            connected: lock.connected,
            state: lock.state,
            door: lock.door,
            battery: lock.battery,
            charging: lock.charging,
            lastChanged: new Date(lock.lastStateChangedAt).toISOString(),
            source: 'cloud',
            jammed: lock.stateChangeResult !== 0,
          },
    );
    expect(printed.locks).toEqual(expected);
    // One lock list and one batched sync, as the contract says.
    expect(simulator.requests().map((request) => request.path)).toEqual([
      '/api/v37/my/lock',
      '/api/v37/my/lock/sync',
    ]);
  });

  it('prints a readable table', async () => {
    const simulator = await startSimulator();
    const { code, stdout, stderr } = await runCli(['status'], {
      env: { TEDEE_API_URL: simulator.baseUrl },
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const [header, ...rows] = stdout.trimEnd().split('\n');
    expect(header).toMatch(/^NAME\s+STATE\s+DOOR\s+BATTERY\s+CHARGING\s+CONNECTED\s+LAST CHANGE$/);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(
      /^Front door\s+locked\s+closed\s+76 %\s+no\s+yes\s+\d{4}-\d\d-\d\d \d\d:\d\d$/,
    );
    expect(rows[1]).toMatch(/^Garage\s+unlocked\s+no sensor\s+54 %\s+no\s+yes\s/);
    expect(rows[2]).toMatch(/^Back door\s+locked\s+no sensor\s+41 %\s+yes\s+yes\s/);
  });

  it('takes --api-url over TEDEE_API_URL', async () => {
    const simulator = await startSimulator();
    const unreachable = `http://127.0.0.1:${await closedPort()}`;
    const { code } = await runCli(['status', '--json', '--api-url', simulator.baseUrl], {
      env: { TEDEE_API_URL: unreachable },
    });
    expect(code).toBe(0);
  });

  it('exits 3 with one line on stderr when the key is revoked', async () => {
    const simulator = await startSimulator();
    simulator.revokeKey(CLI_KEY);
    const { code, stdout, stderr } = await runCli([
      'status',
      '--json',
      '--api-url',
      simulator.baseUrl,
    ]);
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^tedee-tray: Tedee rejected the Personal Access Key \(HTTP 401\)[^\n]*\n$/,
    );
  });

  it('exits 3 when the key lacks the scope to read locks (403)', async () => {
    const simulator = await startSimulator({
      keys: [{ key: CLI_KEY, scopes: ['DeviceActivity.Read'] }],
    });
    const { code, stdout, stderr } = await runCli(['status', '--api-url', simulator.baseUrl]);
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/HTTP 403/);
  });

  it('exits 4 when the API is unreachable', async () => {
    const { code, stdout, stderr } = await runCli([
      'status',
      '--json',
      '--api-url',
      `http://127.0.0.1:${await closedPort()}`,
    ]);
    expect(code).toBe(4);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^tedee-tray: 127\.0\.0\.1:\d+ refused the connection\.\n$/);
  });

  it('exits 4 when the API keeps answering 503', async () => {
    const simulator = await startSimulator();
    simulator.queueFault({ kind: 'status', status: 503 }, 5);
    const { code, stdout, stderr } = await runCli(['status', '--api-url', simulator.baseUrl]);
    expect(code).toBe(4);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^tedee-tray: The Tedee service failed \(HTTP 503\)[^\n]*\n$/);
  });

  it('exits 4 on 429 and on an unreadable answer', async () => {
    const simulator = await startSimulator();
    simulator.queueFault({ kind: 'status', status: 429, headers: { 'Retry-After': '60' } });
    const limited = await runCli(['status', '--api-url', simulator.baseUrl]);
    expect([limited.code, limited.stdout]).toEqual([4, '']);
    expect(limited.stderr).toMatch(/HTTP 429/);

    simulator.queueFault({ kind: 'malformed-json' });
    const unreadable = await runCli(['status', '--api-url', simulator.baseUrl]);
    expect([unreadable.code, unreadable.stdout]).toEqual([4, '']);
    expect(unreadable.stderr).toMatch(/cannot read/);
  });

  it('works with --demo and no key at all', async () => {
    const { code, stdout, stderr } = await runCli(['status', '--demo', '--json'], {
      env: { TEDEE_PERSONAL_KEY: undefined },
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as { locks: Array<{ name: string; connected: boolean }> };
    expect(printed.locks.map((lock) => [lock.name, lock.connected])).toEqual([
      ['Front door', true],
      ['Garage', true],
      ['Back door', true],
    ]);
  });

  it('runs as the npm script the contract names', async () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const { code, stdout } = await runCli(['status', '--demo', '--json'], {
      command: { file: npm, args: ['run', '--silent', 'cli', '--'] },
      env: { TEDEE_PERSONAL_KEY: undefined, HOME: process.env.HOME },
    });
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { locks: unknown[] }).locks).toHaveLength(3);
  });
});
