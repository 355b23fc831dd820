/**
 * The lock history file: what is saved comes back, and a missing or damaged file is no
 * history rather than an error.
 */
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../main/app/ports.ts';
import { LockHistory } from '../../main/engine/lock-history.ts';
import { ActivityStore } from '../../main/engine/activity-store.ts';
import {
  ACTIVITY_FILE_NAME,
  createActivityFile,
  createHistoryFile,
  HISTORY_FILE_NAME,
} from '../../main/shell/history-file.ts';

const T0 = Date.UTC(2026, 10, 25, 8, 0, 0);

let directory = '';
let warnings: string[] = [];
const logger: Logger = {
  info: () => undefined,
  warn: (message) => warnings.push(message),
  error: () => undefined,
};
const historyFile = () => join(directory, HISTORY_FILE_NAME);

function someHistory(): LockHistory {
  const history = new LockHistory();
  history.record(1, { at: T0, state: 'locked', battery: 80, connected: true });
  history.record(1, { at: T0 + 60_000, state: 'unlocked', battery: 79, connected: true });
  history.record(2, { at: T0, state: null, battery: null, connected: false });
  return history;
}

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'tedee-history-'));
  warnings = [];
});

afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('history file', () => {
  it('gives back what was saved, to a new instance as after a restart', () => {
    const history = someHistory();
    createHistoryFile(directory, logger).save(history.toJSON());
    const loaded = createHistoryFile(directory, logger).load();
    expect(loaded).toEqual(history.toJSON());
    expect(LockHistory.fromJSON(loaded).samplesOf(1)).toEqual(history.samplesOf(1));
    expect(warnings).toEqual([]);
  });

  it('is null, and says nothing, when no history was saved yet', () => {
    expect(createHistoryFile(directory, logger).load()).toBeNull();
    expect(warnings).toEqual([]);
  });

  it('is null with a warning when the file is not JSON, and the next save replaces it', () => {
    writeFileSync(historyFile(), '{"version":1,"locks":[{"id":1,');
    const store = createHistoryFile(directory, logger);
    expect(store.load()).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/lock history file is damaged; it starts empty/);
    store.save(someHistory().toJSON());
    expect(store.load()).toEqual(someHistory().toJSON());
  });

  it('is null with a warning, never an exception, when the file cannot be read', () => {
    mkdirSync(historyFile());
    expect(createHistoryFile(directory, logger).load()).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/lock history could not be read/);
  });

  it('writes through a temporary file that does not stay behind, readable by the user only', () => {
    // A crash during an earlier write left its temporary file.
    writeFileSync(`${historyFile()}.tmp`, 'half a hist');
    const store = createHistoryFile(directory, logger);
    store.save({ version: 1, locks: [] });
    store.save(someHistory().toJSON());
    expect(readdirSync(directory)).toEqual([HISTORY_FILE_NAME]);
    expect(JSON.parse(readFileSync(historyFile(), 'utf8'))).toEqual(someHistory().toJSON());
    if (process.platform !== 'win32') expect(statSync(historyFile()).mode & 0o777).toBe(0o600);
  });

  it('creates its folder when it is not there yet', () => {
    const folder = join(directory, 'userData');
    createHistoryFile(folder, logger).save({ version: 1, locks: [] });
    expect(createHistoryFile(folder, logger).load()).toEqual({ version: 1, locks: [] });
  });
});

describe('the activity file', () => {
  it('keeps the activity log in its own file, 0600, and gives it back after a restart', () => {
    const store = new ActivityStore();
    store.merge(48213, [
      {
        id: 1,
        lockId: 48213,
        event: 61,
        user: 'Anna',
        source: 'device',
        date: new Date(T0).toISOString(),
      },
    ]);
    createActivityFile(directory, logger).save(store.toJSON());
    const file = join(directory, ACTIVITY_FILE_NAME);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(directory)).not.toContain(HISTORY_FILE_NAME);
    const restored = ActivityStore.fromJSON(createActivityFile(directory, logger).load());
    expect(restored.toJSON()).toEqual(store.toJSON());
  });

  it('names the activity log when its file is damaged', () => {
    writeFileSync(join(directory, ACTIVITY_FILE_NAME), '{"version":1,');
    expect(createActivityFile(directory, logger).load()).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^The activity log file is damaged; it starts empty\./);
  });
});
