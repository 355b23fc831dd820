/**
 * The activity log on the command line, in process: watch's activity lines (on simulated time)
 * and the one-shot `activity` command through runCli.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_LOCK_IDS, sampleLocks } from '../../main/demo/sample-locks.ts';
import { TedeeSimulator } from '../../main/demo/tedee-simulator.ts';
import type { AccessKeyConfig } from '../../main/demo/tedee-simulator.ts';
import { runActivity } from '../../main/cli/run-activity.ts';
import type { ActivityReader } from '../../main/cli/run-activity.ts';
import { runCli } from '../../main/cli/run-cli.ts';
import { runWatch } from '../../main/cli/run-watch.ts';
import type { TedeeApi } from '../../main/engine/lock-monitor.ts';
import { originOf } from '../../main/tedee/api-address.ts';
import { TedeeClient } from '../../main/tedee/client.ts';
import { ManualClock } from '../support/manual-clock.ts';

const KEY = 'pak-activity.c2VjcmV0';
const FULL = ['Device.Read', 'DeviceActivity.Read'];
const { frontDoor, garage } = SAMPLE_LOCK_IDS;
const ANNA = { userId: 20417, name: 'Anna' };
const MINUTE = 60_000;

const simulators: TedeeSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((simulator) => simulator.close()));
});

async function startSimulator(keys: AccessKeyConfig[], now?: () => number) {
  const simulator = await TedeeSimulator.start({
    keys,
    locks: sampleLocks(),
    ...(now ? { now } : {}),
  });
  simulators.push(simulator);
  return simulator;
}

function collect() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) },
  };
}

/** A watch on simulated time; `step` moves it on and lets every request finish. */
async function watchOnManualTime(scopes: readonly string[]) {
  const clock = new ManualClock();
  const simulator = await startSimulator([{ key: KEY, scopes }], () => clock.now());
  const api = new TedeeClient({
    personalKey: KEY,
    apiUrl: simulator.baseUrl,
    keyOrigin: originOf(simulator.baseUrl),
    now: () => clock.now(),
  });
  // Counts the requests in flight, so that simulated time moves on only once they are answered.
  let inFlight = 0;
  const counted = <T>(request: Promise<T>): Promise<T> => {
    inFlight += 1;
    return request.finally(() => {
      inFlight -= 1;
    });
  };
  const watched: TedeeApi = {
    listLocks: (signal) => counted(api.listLocks(signal)),
    syncLock: (id, signal) => counted(api.syncLock(id, signal)),
    syncLocks: (ids, signal) => counted(api.syncLocks(ids, signal)),
    listActivity: (id, page, signal) => counted(api.listActivity(id, page, signal)),
    deviceDetails: (signal) => counted(api.deviceDetails(signal)),
    doorSensors: (signal) => counted(api.doorSensors(signal)),
    personalKeyValidTo: (signal) => counted(api.personalKeyValidTo(signal)),
  };
  const { out, err, io } = collect();
  const stop = new AbortController();
  const code = runWatch({
    api: watched,
    bridge: null,
    intervalSeconds: 30,
    lowBatteryPercent: 20,
    selection: 'all',
    io,
    signal: stop.signal,
    clock,
  });
  // Real loopback requests settle between simulated steps, however busy the machine is.
  const settle = async () => {
    do {
      await new Promise((resolve) => setImmediate(resolve));
      while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 1));
      await new Promise((resolve) => setImmediate(resolve));
    } while (inFlight > 0);
  };
  const step = (ms: number) => clock.advanceBy(ms, settle);
  return { clock, simulator, out, err, step, stop: async () => (stop.abort(), code) };
}

const lines = (out: readonly string[]) =>
  out.map((line) => JSON.parse(line) as Record<string, unknown>);

describe('watch: activity lines', () => {
  it('writes each entry newer than the start once, after the snapshot of the sync that led to it', async () => {
    const w = await watchOnManualTime(FULL);
    w.simulator.logActivity(frontDoor, { event: 62, at: w.clock.now() - MINUTE });
    await w.step(0);
    await w.step(MINUTE);
    expect(lines(w.out).filter((line) => line.type === 'activity')).toEqual([]);

    const entry = w.simulator.changeLock(
      frontDoor,
      { state: 'unlocked' },
      { event: 61, author: ANNA },
    );
    const at = w.clock.now();
    await w.step(30_000);
    await w.step(5 * MINUTE);
    expect(await w.stop()).toBe(0);

    const activity = w.out.filter((line) => line.includes('"type":"activity"'));
    expect(activity).toHaveLength(1);
    const date = new Date(at).toISOString();
    expect(activity[0]).toMatch(
      new RegExp(
        `^\\{"type":"activity","at":"[^"]+Z","lockId":${frontDoor},"id":${entry},"event":61,"text":"Unlocked by Anna with the keypad","user":"Anna","source":"device","date":"${date.replace(/[.]/g, '\\.')}"\\}$`,
      ),
    );
    const index = w.out.indexOf(activity[0] ?? '');
    expect(w.out[index - 1]).toContain('"type":"snapshot"');
  });

  it('without the scope, says so once on stderr and changes nothing else', async () => {
    const w = await watchOnManualTime(['Device.Read']);
    await w.step(0);
    w.simulator.changeLock(garage, { state: 'locked' }, { event: 34 });
    await w.step(20 * MINUTE);
    expect(await w.stop()).toBe(0);
    expect(w.err).toEqual([
      'The key lacks the DeviceActivity.Read scope, so no activity lines are written; everything else goes on. Create a key with it at https://portal.tedee.com/personal-access-keys.',
    ]);
    const statuses = lines(w.out).filter((line) => line.type === 'status');
    expect(statuses.map((line) => line.status)).toEqual(['starting', 'ok']);
    expect(lines(w.out).filter((line) => line.type === 'snapshot').length).toBeGreaterThan(35);
  });
});

describe('the activity command', () => {
  function run(argv: string[]) {
    const { out, err, io } = collect();
    const code = runCli({
      argv,
      env: { TEDEE_PERSONAL_KEY: KEY },
      io,
      signal: new AbortController().signal,
    });
    return { code, out, err };
  }

  async function loggedSimulator(scopes = FULL) {
    const simulator = await startSimulator([{ key: KEY, scopes }]);
    const now = Date.now();
    simulator.logActivity(frontDoor, { event: 33, author: ANNA, source: 1, at: now - 3 * MINUTE });
    simulator.logActivity(garage, { event: 36, at: now - 2 * MINUTE });
    simulator.logActivity(frontDoor, { event: 300, at: now - MINUTE });
    return simulator;
  }

  it('prints {"activities":[...]} newest first across locks, keys in contract order', async () => {
    const simulator = await loggedSimulator();
    const cli = run(['activity', '--json', '--api-url', simulator.baseUrl]);
    expect(await cli.code).toBe(0);
    expect(cli.out).toHaveLength(1);
    const { activities } = JSON.parse(cli.out[0] ?? '') as {
      activities: Record<string, unknown>[];
    };
    expect(activities.map((entry) => [entry.lockId, entry.event, entry.text])).toEqual([
      [frontDoor, 300, 'Event 300'],
      [garage, 36, 'Locked automatically'],
      [frontDoor, 33, 'Unlocked by Anna from the Tedee app'],
    ]);
    expect(Object.keys(activities[2] ?? {})).toEqual([
      'lockId',
      'id',
      'event',
      'text',
      'user',
      'source',
      'date',
    ]);
    expect(activities[2]).toMatchObject({ user: 'Anna', source: 'mobile' });
    expect(cli.err).toEqual([
      'Tedee reported activity event 300, which this version does not know; it is shown as "Event 300".',
    ]);
  });

  it('prints a table for one lock with --lock, at most --limit entries', async () => {
    const simulator = await loggedSimulator();
    const cli = run([
      'activity',
      '--lock',
      String(frontDoor),
      '--limit',
      '1',
      '--api-url',
      simulator.baseUrl,
    ]);
    expect(await cli.code).toBe(0);
    const [header, ...rows] = (cli.out[0] ?? '').split('\n');
    expect(header).toMatch(/^TIME\s+LOCK\s+WHAT$/);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d\s+Front door\s+Event 300$/);
    expect(simulator.activityQueries()).toMatchObject([{ lockId: frontDoor, elements: 1 }]);
  });

  it('exits 3 naming DeviceActivity.Read when the key lacks it', async () => {
    const simulator = await loggedSimulator(['Device.Read']);
    const cli = run(['activity', '--api-url', simulator.baseUrl]);
    expect(await cli.code).toBe(3);
    expect(cli.out).toEqual([]);
    expect(cli.err).toHaveLength(1);
    expect(cli.err[0]).toContain('DeviceActivity.Read');
    expect(cli.err[0]).not.toContain(KEY);
  });

  it('exits 2 for a lock the account does not have, and for a limit Tedee would not serve', async () => {
    const simulator = await loggedSimulator();
    const unknown = run(['activity', '--lock', '999', '--api-url', simulator.baseUrl]);
    expect(await unknown.code).toBe(2);
    expect(unknown.err).toEqual(['Lock 999 is not in this Tedee account.']);
    for (const limit of ['0', '201', 'ten']) {
      const cli = run(['activity', '--limit', limit, '--api-url', simulator.baseUrl]);
      expect(await cli.code).toBe(2);
      expect(cli.err).toEqual(['--limit: Give a whole number of entries from 1 to 200.']);
    }
    const watchFlag = run(['activity', '--interval', '30']);
    expect(await watchFlag.code).toBe(2);
  });

  function runActivityOf(
    api: ActivityReader,
    options: { signal?: AbortSignal; json?: boolean } = {},
  ) {
    const { io, out, err } = collect();
    const code = runActivity({
      api,
      lockId: null,
      limit: 5,
      json: options.json ?? false,
      io,
      signal: options.signal ?? new AbortController().signal,
      timeZone: 'UTC',
    });
    return { code, out, err };
  }

  const clientOf = (simulator: TedeeSimulator) =>
    new TedeeClient({
      personalKey: KEY,
      apiUrl: simulator.baseUrl,
      keyOrigin: originOf(simulator.baseUrl),
    });

  it('exits 3 when Tedee rejects the key', async () => {
    const simulator = await loggedSimulator();
    simulator.revokeKey(KEY);
    const cli = run(['activity', '--api-url', simulator.baseUrl]);
    expect(await cli.code).toBe(3);
    expect(cli.out).toEqual([]);
    expect(cli.err).toEqual([expect.stringMatching(/HTTP 401/)]);
  });

  it('exits 130, printing nothing, when interrupted before Tedee answers', async () => {
    const simulator = await loggedSimulator();
    simulator.queueFault({ kind: 'delay', ms: 30_000 });
    const stop = new AbortController();
    const activity = runActivityOf(clientOf(simulator), { signal: stop.signal });
    while (simulator.pendingFaults > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    stop.abort();
    expect(await activity.code).toBe(130);
    expect([...activity.out, ...activity.err]).toEqual([]);
  });

  it('says "No activity." for an account without locks, and lists same-time entries newest id first', async () => {
    const empty = await startSimulator([{ key: KEY, scopes: FULL }]);
    for (const id of Object.values(SAMPLE_LOCK_IDS)) empty.removeLock(id);
    const none = runActivityOf(clientOf(empty));
    expect(await none.code).toBe(0);
    expect(none.out).toEqual(['No activity.']);

    const simulator = await startSimulator([{ key: KEY, scopes: FULL }]);
    const at = Date.now() - MINUTE;
    // Tedee lists the front door first, so its older entry comes first unless sorted by id.
    const first = simulator.logActivity(frontDoor, { event: 36, at });
    const second = simulator.logActivity(garage, { event: 36, at });
    const json = runActivityOf(clientOf(simulator), { json: true });
    expect(await json.code).toBe(0);
    const { activities } = JSON.parse(json.out[0] ?? '') as { activities: Array<{ id: number }> };
    expect(activities.map((entry) => entry.id)).toEqual([second, first]);
  });

  it('prints the table in the time zone it is given', async () => {
    const simulator = await startSimulator([{ key: KEY, scopes: FULL }]);
    const at = Date.UTC(2025, 10, 3, 8, 5);
    simulator.logActivity(garage, { event: 36, at });
    const { io, out } = collect();
    const code = await runActivity({
      api: clientOf(simulator),
      lockId: garage,
      limit: 5,
      json: false,
      io,
      signal: new AbortController().signal,
      timeZone: 'Asia/Tokyo',
    });
    expect(code).toBe(0);
    expect(out[0]?.split('\n')[1]).toMatch(/^2025-11-03 17:05 /);
  });

  it('says an unexpected failure once on stderr and lets it through', async () => {
    const failure = new TypeError('not a Tedee error');
    const broken: ActivityReader = {
      listLocks: () => Promise.reject(failure),
      listActivity: () => Promise.resolve([]),
    };
    const activity = runActivityOf(broken);
    await expect(activity.code).rejects.toBe(failure);
    expect(activity.err).toEqual(['Unexpected error while asking Tedee.']);
  });

  it('exits 4 when Tedee fails', async () => {
    const simulator = await loggedSimulator();
    simulator.queueFault({ kind: 'status', status: 503 });
    const { io, err } = collect();
    const api = new TedeeClient({
      personalKey: KEY,
      apiUrl: simulator.baseUrl,
      keyOrigin: originOf(simulator.baseUrl),
    });
    const code = await runActivity({
      api,
      lockId: null,
      limit: 5,
      json: true,
      io,
      signal: new AbortController().signal,
    });
    expect(code).toBe(4);
    expect(err).toHaveLength(1);
  });
});
