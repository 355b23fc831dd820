/**
 * The Node version a newcomer needs: the scripts run .ts files with Node's type stripping, which
 * is on by default only from Node 22.18 (and 23.6); on 22.12–22.17 `npm start` fails with
 * ERR_UNKNOWN_FILE_EXTENSION. package.json says so, .npmrc makes npm refuse an older Node at
 * install time with a message naming the version, and .nvmrc and CI pick a Node that fits.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(import.meta.dirname, '../..');
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

/** The first version with type stripping on by default, in the 22 line. */
const TYPE_STRIPPING = [22, 18] as const;

function minimumNode(): [number, number] {
  const manifest = JSON.parse(read('package.json')) as { engines?: { node?: string } };
  const match = /^>=\s*(\d+)\.(\d+)(?:\.\d+)?$/.exec(manifest.engines?.node ?? '');
  if (!match) throw new Error(`engines.node is not ">=major.minor": ${manifest.engines?.node}`);
  return [Number(match[1]), Number(match[2])];
}

describe('the Node version', () => {
  it('package.json asks for a Node that runs .ts files without a flag (22.18 or newer)', () => {
    const [major, minor] = minimumNode();
    expect(
      major > TYPE_STRIPPING[0] || (major === TYPE_STRIPPING[0] && minor >= TYPE_STRIPPING[1]),
    ).toBe(true);
  });

  it('.npmrc makes npm refuse an older Node at install time (engine-strict)', () => {
    const settings = read('.npmrc')
      .split(/\r?\n/)
      .map((line) => line.replace(/[#;].*$/, '').trim())
      .filter((line) => line !== '');
    expect(settings).toContain('engine-strict=true');
  });

  it('.nvmrc names a Node that fits', () => {
    const [major] = minimumNode();
    expect(Number(read('.nvmrc').trim())).toBeGreaterThan(major);
  });

  it('.ci/run installs Node 24 below the same version', () => {
    const [major, minor] = minimumNode();
    expect(read('.ci/run')).toContain(
      `major > ${major} || (major === ${major} && minor >= ${minor})`,
    );
  });
});
