/**
 * The CLI's persistent instance id: where it is kept on each system, kept across runs, a
 * damaged file replaced, and a run that cannot save it still gets an id.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { instanceFilePath, persistentInstanceId } from '../../main/cli/instance-id.ts';

describe('instanceFilePath', () => {
  it('uses XDG_STATE_HOME, else ~/.local/state, on Linux and macOS', () => {
    expect(instanceFilePath({ XDG_STATE_HOME: '/s', HOME: '/h' }, 'linux')).toBe(
      join('/s', 'tedee-tray', 'cli-instance-id'),
    );
    expect(instanceFilePath({ HOME: '/h' }, 'darwin')).toBe(
      join('/h', '.local', 'state', 'tedee-tray', 'cli-instance-id'),
    );
  });

  it('falls back to the home folder when the environment names none', () => {
    expect(instanceFilePath({}, 'linux')).toBe(
      join(homedir(), '.local', 'state', 'tedee-tray', 'cli-instance-id'),
    );
    expect(instanceFilePath({}, 'win32')).toBe(
      join(homedir(), 'AppData', 'Local', 'tedee-tray', 'cli-instance-id'),
    );
  });

  it('uses LOCALAPPDATA, else the profile, on Windows', () => {
    expect(instanceFilePath({ LOCALAPPDATA: 'C:/L' }, 'win32')).toBe(
      join('C:/L', 'tedee-tray', 'cli-instance-id'),
    );
    expect(instanceFilePath({ USERPROFILE: 'C:/U' }, 'win32')).toBe(
      join('C:/U', 'AppData', 'Local', 'tedee-tray', 'cli-instance-id'),
    );
  });
});

describe('persistentInstanceId', () => {
  it('makes an id once and keeps it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tedee-instance-')), 'sub', 'id');
    const first = await persistentInstanceId(file);
    expect(first).toMatch(/^[0-9a-f]{12}$/);
    expect(readFileSync(file, 'utf8')).toBe(`${first}\n`);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await persistentInstanceId(file)).toBe(first);
  });

  it('replaces a damaged file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tedee-instance-')), 'id');
    writeFileSync(file, '../../etc/passwd\n');
    const id = await persistentInstanceId(file);
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(readFileSync(file, 'utf8')).toBe(`${id}\n`);
  });

  it('still gives an id when it cannot be saved', async () => {
    const blocker = join(mkdtempSync(join(tmpdir(), 'tedee-instance-')), 'a-file');
    writeFileSync(blocker, '');
    expect(await persistentInstanceId(join(blocker, 'id'))).toMatch(/^[0-9a-f]{12}$/);
  });
});
