/**
 * The installation's bridge instance id: made once, kept in the user-data folder, read back by
 * the next start (so its leftover callback is recognised), and made again when damaged.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../main/app/ports.ts';
import { isValidInstanceId } from '../../main/bridge/callback-url.ts';
import { INSTANCE_ID_FILE_NAME, instanceIdFile } from '../../main/shell/instance-id-file.ts';

let directory = '';
let warnings: string[] = [];
const logger: Logger = {
  info: () => undefined,
  warn: (message) => warnings.push(message),
  error: () => undefined,
};
const file = () => join(directory, INSTANCE_ID_FILE_NAME);

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'tedee-instance-'));
  warnings = [];
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe('the bridge instance id', () => {
  it('is made on first use, written for the user only, and the same at the next start', () => {
    const id = instanceIdFile(directory, logger)();
    expect(isValidInstanceId(id)).toBe(true);
    expect(readFileSync(file(), 'utf8')).toBe(id);
    if (process.platform !== 'win32') expect(statSync(file()).mode & 0o777).toBe(0o600);
    expect(instanceIdFile(directory, logger)()).toBe(id);
    expect(warnings).toEqual([]);
  });

  it('is read once and remembered, even if the file changes meanwhile', () => {
    const read = instanceIdFile(directory, logger);
    const id = read();
    writeFileSync(file(), 'someoneelse1');
    expect(read()).toBe(id);
  });

  it('is made again, with a warning, when the file holds something that is not an id', () => {
    writeFileSync(file(), '../../etc/passwd');
    const id = instanceIdFile(directory, logger)();
    expect(isValidInstanceId(id)).toBe(true);
    expect(id).not.toBe('../../etc/passwd');
    expect(readFileSync(file(), 'utf8')).toBe(id);
    expect(warnings).toEqual(['The bridge instance id file is damaged; a new id is made.']);
  });

  it('still gives an id, said in the log, when the file can be neither read nor written', () => {
    // A folder where the file should be: reading fails, and so does renaming a file over it.
    mkdirSync(file());
    const id = instanceIdFile(directory, logger)();
    expect(isValidInstanceId(id)).toBe(true);
    expect(warnings).toEqual([
      expect.stringMatching(/^The bridge instance id could not be read: /),
      expect.stringMatching(/^The bridge instance id could not be saved: /),
    ]);
  });
});
