/**
 * The e2e tests run what `npm run build` produces (dist/main, the preload bundle, the
 * renderer), so CI, which runs `npm test` on a fresh clone, gets a build here first. A build
 * newer than every source it is made from is reused: the check costs milliseconds, a build
 * a few seconds.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');

/** What the build reads: the sources it compiles and bundles, and how it does it. */
const INPUTS = [
  'main',
  'preload',
  'renderer',
  'scripts/build.ts',
  'scripts/build-renderer.ts',
  'tsconfig.json',
  'tsconfig.build.json',
  'package-lock.json',
];

/** What the e2e harness loads; the build writes all of them on every run. */
const OUTPUTS = [
  'dist/main/index.js',
  'dist/preload/index.cjs',
  'dist/renderer/index.html',
  'dist/renderer/app.js',
  'dist/renderer/style.css',
  'dist/main/assets/tray/locked.png',
];

function newestMtime(path: string): number {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 0; // an input that is not there cannot be newer than the build
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function oldestOutputMtime(): number | null {
  try {
    return Math.min(...OUTPUTS.map((output) => statSync(join(root, output)).mtimeMs));
  } catch {
    return null; // something is missing: build
  }
}

export function buildIsFresh(): boolean {
  const oldestOutput = oldestOutputMtime();
  if (oldestOutput === null) return false;
  return INPUTS.every((input) => newestMtime(join(root, input)) <= oldestOutput);
}

export default function setup(): void {
  if (buildIsFresh()) return;
  execFileSync(process.execPath, ['scripts/build.ts'], { cwd: root, stdio: 'inherit' });
}
