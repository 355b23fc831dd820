/**
 * The CLI with `--bridge`, in-process through runCli, against the bridge simulator (and the
 * cloud simulator) on loopback, in real time: flags and their usage errors, bridge-only
 * status and watch, snapshot lines from callbacks, the token never printed, and the callback
 * deleted when the watch is interrupted.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/run-cli.ts';
import { BridgeSimulator } from '../../main/demo/bridge-simulator.ts';
import type { BridgeSimulatorOptions } from '../../main/demo/bridge-simulator.ts';
import { SAMPLE_LOCK_IDS, sampleLocks } from '../../main/demo/sample-locks.ts';
import { TedeeSimulator } from '../../main/demo/tedee-simulator.ts';
import { LOCK_KEYS } from './lock-contract.ts';

const KEY = 'pak-bridge-cli.c2VjcmV0.k3y';
const TOKEN = 'Br1dgeT0kenCli42';
const { frontDoor, garage } = SAMPLE_LOCK_IDS;

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function startBridge(options: Partial<BridgeSimulatorOptions> = {}) {
  const bridge = await BridgeSimulator.start({ token: TOKEN, locks: sampleLocks(), ...options });
  closers.push(() => bridge.close());
  return bridge;
}

async function startCloud() {
  const cloud = await TedeeSimulator.start({ keys: [KEY], locks: sampleLocks() });
  closers.push(() => cloud.close());
  return cloud;
}

const stateHome = () => mkdtempSync(join(tmpdir(), 'tedee-cli-state-'));

function run(argv: string[], env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const shutdown = new AbortController();
  const code = runCli({
    argv,
    env: { TEDEE_BRIDGE_TOKEN: TOKEN, XDG_STATE_HOME: stateHome(), ...env },
    io: { out: (line) => out.push(line), err: (line) => err.push(line) },
    signal: shutdown.signal,
  });
  return { code, out, err, interrupt: () => shutdown.abort() };
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

type Line = {
  type: string;
  status?: string;
  message?: string;
  locks?: Array<Record<string, unknown>>;
};
const parsed = (lines: string[]): Line[] => lines.map((line) => JSON.parse(line) as Line);

describe('usage errors (exit 2)', () => {
  it.each([
    ['https://192.168.1.20', 'no TLS on a bridge'],
    ['http://8.8.8.8', 'a public address'],
    ['http://bridge.local', 'a host name'],
    ['ftp://192.168.1.20', 'another scheme'],
    ['http://192.168.1.20/v1.0', 'a path'],
  ])('refuses --bridge %s (%s) without echoing it', async (address) => {
    const cli = run(['status', '--bridge', address]);
    expect(await cli.code).toBe(2);
    expect(cli.err).toHaveLength(1);
    expect(cli.err[0]).toMatch(/^--bridge: Give http:\/\/ and the bridge's IP address/);
    expect(cli.err[0]).not.toContain(address);
  });

  it('needs TEDEE_BRIDGE_TOKEN with --bridge', async () => {
    const cli = run(['watch', '--bridge', 'http://192.168.1.20'], { TEDEE_BRIDGE_TOKEN: '' });
    expect(await cli.code).toBe(2);
    expect(cli.err).toEqual([
      "Set TEDEE_BRIDGE_TOKEN to the bridge's API token (Tedee app: Bridge → Settings → API).",
    ]);
  });

  it('refuses the bridge flags without --bridge, and with --demo', async () => {
    for (const argv of [
      ['watch', '--callback-port', '9000'],
      ['watch', '--instance', 'a'],
      ['status', '--bridge-auth', 'plain'],
      ['watch', '--callback-host', '192.168.1.21'],
    ]) {
      const cli = run(argv, { TEDEE_PERSONAL_KEY: KEY });
      expect(await cli.code, argv.join(' ')).toBe(2);
      expect(cli.err[0]).toMatch(/goes with --bridge URL/);
    }
    const demo = run(['watch', '--demo', '--bridge', 'http://127.0.0.1:9']);
    expect(await demo.code).toBe(2);
    expect(demo.err).toEqual(['--demo runs its own simulated Tedee; leave out --bridge.']);
  });

  it.each([
    [['--bridge-auth', 'secret'], /^--bridge-auth: Give encrypted or plain/],
    [['--callback-port', '70000'], /^--callback-port: Give a port from 1 to 65535\./],
    [['--callback-port', '0'], /^--callback-port: Give a port from 1 to 65535\./],
    [['--callback-host', 'my-laptop'], /^--callback-host: Give one of this computer's IP/],
    [['--instance', 'has space'], /^--instance: Give 1 to 32 letters/],
  ])('checks %j', async (flags, message) => {
    const cli = run(['watch', '--bridge', 'http://127.0.0.1:9', ...flags]);
    expect(await cli.code).toBe(2);
    expect(cli.err[0]).toMatch(message);
  });

  it('the callback flags belong to watch only', async () => {
    const cli = run(['status', '--bridge', 'http://127.0.0.1:9', '--callback-port', '9000']);
    expect(await cli.code).toBe(2);
    expect(cli.err).toEqual(['--callback-port is not an option of status (see --help).']);
  });

  it('points a token given as a flag to the environment variables', async () => {
    const cli = run(['watch', '--bridge-token', TOKEN]);
    expect(await cli.code).toBe(2);
    expect(cli.err[0]).toMatch(/TEDEE_BRIDGE_TOKEN/);
    expect(cli.err[0]).not.toContain(TOKEN);
  });
});

describe('status --bridge', () => {
  it('bridge-only: prints every lock from the bridge, source bridge, with jammed', async () => {
    const bridge = await startBridge();
    bridge.updateLock(garage, { jammed: true });
    const cli = run(['status', '--json', '--bridge', bridge.baseUrl]);
    expect(await cli.code).toBe(0);
    expect(cli.err).toEqual([]);
    const { locks } = JSON.parse(cli.out[0]!) as { locks: Array<Record<string, unknown>> };
    for (const lock of locks) expect(Object.keys(lock)).toEqual(LOCK_KEYS);
    expect(locks.map((lock) => [lock.name, lock.source, lock.jammed])).toEqual([
      ['Front door', 'bridge', false],
      ['Garage', 'bridge', true],
      ['Back door', 'bridge', false],
    ]);
    // One look: no callback registered.
    expect(bridge.requests().map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /v1.0/lock',
    ]);
  });

  it('bridge-only: prints the table, and exits 130 when interrupted before the bridge answers', async () => {
    const bridge = await startBridge();
    const table = run(['status', '--bridge', bridge.baseUrl]);
    expect(await table.code).toBe(0);
    expect(table.out[0]).toMatch(/^NAME\s+STATE\s+DOOR/);
    expect(table.out[0]).toContain('Front door');

    await bridge.setReachability('silent');
    const cli = run(['status', '--bridge', bridge.baseUrl]);
    await until(() => bridge.requests().length === 2);
    cli.interrupt();
    expect(await cli.code).toBe(130);
    expect(cli.out).toEqual([]);
  });

  it('plain tokens with --bridge-auth plain', async () => {
    const bridge = await startBridge({ auth: 'plain' });
    const refused = run(['status', '--json', '--bridge', bridge.baseUrl]);
    expect(await refused.code).toBe(3);
    const cli = run(['status', '--json', '--bridge', bridge.baseUrl, '--bridge-auth', 'plain']);
    expect(await cli.code).toBe(0);
  });

  it('bridge-only: exits 3 when the token is rejected, with the clock diagnosis', async () => {
    const bridge = await startBridge({ now: () => Date.now() - 90_000 });
    const cli = run(['status', '--bridge', bridge.baseUrl]);
    expect(await cli.code).toBe(3);
    expect(cli.out).toEqual([]);
    expect(cli.err).toEqual([
      expect.stringMatching(/clock is 9[01] s off \(ahead of the bridge's\)/),
    ]);
    expect(cli.err.join('\n')).not.toContain(TOKEN);
  });

  it('bridge-only: exits 4 when the bridge cannot be reached', async () => {
    const bridge = await startBridge();
    await bridge.setReachability('refusing');
    const cli = run(['status', '--bridge', bridge.baseUrl]);
    expect(await cli.code).toBe(4);
    expect(cli.err).toEqual([expect.stringMatching(/refused the connection/)]);
  });

  it('with a key: the bridge values win for its locks; a failing bridge leaves the cloud', async () => {
    const cloud = await startCloud();
    const bridge = await startBridge();
    bridge.updateLock(frontDoor, { state: 'unlocked' });
    const env = { TEDEE_PERSONAL_KEY: KEY };
    const cli = run(
      ['status', '--json', '--api-url', cloud.baseUrl, '--bridge', bridge.baseUrl],
      env,
    );
    expect(await cli.code).toBe(0);
    const { locks } = JSON.parse(cli.out[0]!) as { locks: Array<Record<string, unknown>> };
    expect(locks[0]).toMatchObject({ name: 'Front door', state: 'unlocked', source: 'bridge' });

    await bridge.setReachability('refusing');
    const fallback = run(
      ['status', '--json', '--api-url', cloud.baseUrl, '--bridge', bridge.baseUrl],
      env,
    );
    expect(await fallback.code).toBe(0);
    expect(fallback.err).toEqual([expect.stringMatching(/Showing what the cloud says\.$/)]);
    const cloudView = JSON.parse(fallback.out[0]!) as { locks: Array<Record<string, unknown>> };
    expect(cloudView.locks[0]).toMatchObject({ state: 'locked', source: 'cloud' });
  });
});

describe('watch --bridge', () => {
  it('bridge-only: live by callbacks, a snapshot line within 1 s of a change, the callback deleted on Ctrl+C', async () => {
    const bridge = await startBridge();
    const cli = run(['watch', '--bridge', bridge.baseUrl, '--callback-host', '127.0.0.1']);
    await until(() => bridge.callbacks().length === 1 && cli.out.length >= 2);
    await until(() =>
      parsed(cli.out).some((line) =>
        line.message?.includes('Live: the bridge reports every change.'),
      ),
    );
    const status = parsed(cli.out)
      .filter((line) => line.type === 'status')
      .at(-1)!;
    expect(status).toMatchObject({ status: 'ok' });
    expect(status.message).toMatch(
      /^Watching 3 locks\. Live: the bridge reports every change\. Bridge only/,
    );

    const before = cli.out.length;
    const changedAt = Date.now();
    bridge.updateLock(frontDoor, { state: 'unlocked' });
    await until(() =>
      parsed(cli.out.slice(before)).some(
        (line) => line.type === 'snapshot' && line.locks?.[0]?.state === 'unlocked',
      ),
    );
    expect(Date.now() - changedAt).toBeLessThan(1000);
    const snapshot = parsed(cli.out.slice(before)).find((line) => line.type === 'snapshot')!;
    expect(snapshot.locks![0]).toMatchObject({ source: 'bridge', state: 'unlocked' });
    expect(Object.keys(snapshot.locks![0]!)).toEqual(LOCK_KEYS);

    const stoppedAt = Date.now();
    cli.interrupt();
    expect(await cli.code).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(5000);
    expect(bridge.callbacks()).toEqual([]);
    expect([...cli.out, ...cli.err].join('\n')).not.toContain(TOKEN);
  }, 20_000);

  it('bridge-only: exits 3 when the bridge rejects the token', async () => {
    const bridge = await startBridge();
    const cli = run(['watch', '--bridge', bridge.baseUrl], { TEDEE_BRIDGE_TOKEN: 'wrong-token' });
    expect(await cli.code).toBe(3);
    const last = parsed(cli.out).at(-1)!;
    expect(last).toMatchObject({ type: 'status', status: 'auth-error' });
  }, 20_000);

  it('keeps its instance id in the state folder, or takes --instance', async () => {
    const bridge = await startBridge();
    const home = stateHome();
    const first = run(['watch', '--bridge', bridge.baseUrl, '--callback-host', '127.0.0.1'], {
      XDG_STATE_HOME: home,
    });
    // Interrupted before its POST /callback is answered, a watch has to find its callback by
    // listing them first, and under load that no longer fits in the 2 s it may take to stop.
    await until(() => parsed(first.out).some((line) => line.message?.includes('Live:')));
    expect(bridge.callbacks()).toHaveLength(1);
    const saved = readFileSync(join(home, 'tedee-tray', 'cli-instance-id'), 'utf8').trim();
    expect(saved).toMatch(/^[0-9a-f]{12}$/);
    expect(new URL(bridge.callbacks()[0]!.url).pathname.split('/')[1]).toBe(saved);
    first.interrupt();
    expect(await first.code).toBe(0);

    const named = run(
      [
        'watch',
        '--bridge',
        bridge.baseUrl,
        '--callback-host',
        '127.0.0.1',
        '--instance',
        'garage-pi',
      ],
      { XDG_STATE_HOME: home },
    );
    await until(() => bridge.callbacks().some((callback) => callback.url.includes('/garage-pi/')));
    expect(bridge.callbacks()).toHaveLength(1);
    named.interrupt();
    expect(await named.code).toBe(0);
  }, 20_000);

  it('with a key: live with the cloud behind it, a status line saying which', async () => {
    const cloud = await startCloud();
    const bridge = await startBridge();
    const cli = run(
      [
        'watch',
        '--api-url',
        cloud.baseUrl,
        '--bridge',
        bridge.baseUrl,
        '--callback-host',
        '127.0.0.1',
      ],
      { TEDEE_PERSONAL_KEY: KEY },
    );
    await until(() =>
      parsed(cli.out).some(
        (line) => line.message === 'Watching 3 locks. Live: the bridge reports every change.',
      ),
    );
    const statuses = parsed(cli.out).filter((line) => line.type === 'status');
    expect(statuses.every((line) => line.status === 'ok' || line.status === 'starting')).toBe(true);
    cli.interrupt();
    expect(await cli.code).toBe(0);
    expect(bridge.callbacks()).toEqual([]);
  }, 20_000);
});
