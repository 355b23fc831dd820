/**
 * Atomic file replacement: the order of the system calls is what makes a write survive a power
 * cut (data flushed before the rename, the folder flushed after it), so the calls are recorded
 * through a pass-through mock of node:fs and checked in order.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type * as NodeFs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => [] as string[]);

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof NodeFs>();
  const paths = new Map<number, string>();
  return {
    ...fs,
    openSync: (path: string, flags: string, mode?: number) => {
      const descriptor = fs.openSync(path, flags, mode);
      paths.set(descriptor, path);
      calls.push(`open ${path}`);
      return descriptor;
    },
    fsyncSync: (descriptor: number) => {
      calls.push(`fsync ${paths.get(descriptor)}`);
      fs.fsyncSync(descriptor);
    },
    renameSync: (from: string, to: string) => {
      calls.push(`rename ${from} -> ${to}`);
      fs.renameSync(from, to);
    },
  };
});

const { temporaryFileOf, writeFileAtomically } = await import('../../main/shell/atomic-file.ts');

let directory = '';
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'tedee-atomic-'));
  calls.length = 0;
});
afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('writeFileAtomically', () => {
  it('flushes the data before the rename and the folder after it', () => {
    const file = join(directory, 'settings.json');
    const temporary = temporaryFileOf(file);
    writeFileAtomically(file, '{"a":1}', 'linux');
    expect(calls).toEqual([
      `open ${temporary}`,
      `fsync ${temporary}`,
      `rename ${temporary} -> ${file}`,
      `open ${directory}`,
      `fsync ${directory}`,
    ]);
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}');
    expect(readdirSync(directory)).toEqual(['settings.json']);
  });

  it('on Windows flushes the data but opens no folder (Windows cannot)', () => {
    const file = join(directory, 'settings.json');
    const temporary = temporaryFileOf(file);
    writeFileAtomically(file, 'x', 'win32');
    expect(calls).toEqual([
      `open ${temporary}`,
      `fsync ${temporary}`,
      `rename ${temporary} -> ${file}`,
    ]);
  });

  it('leaves the file readable by the user only, also over a stale temporary file and an old file', () => {
    const file = join(directory, 'key.bin');
    writeFileSync(file, 'old', { mode: 0o644 });
    writeFileSync(temporaryFileOf(file), 'stale', { mode: 0o666 });
    writeFileAtomically(file, 'new');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('new');
  });
});
