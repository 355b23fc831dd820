/**
 * `npm run test:electron`: the end-to-end tests in a real Electron (test/electron/*.spec.ts),
 * on machines where the Electron binary is installed. Where npm installed the electron package
 * without its binary (ELECTRON_SKIP_BINARY_DOWNLOAD), it says so in one line and succeeds, so
 * the same command can run everywhere. Otherwise it builds the app and runs the specs with
 * their own vitest config; `npm test` never runs them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.join(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

const NOT_INSTALLED =
  'test:electron: the Electron binary is not installed (npm install without ELECTRON_SKIP_BINARY_DOWNLOAD fetches it); no Electron tests were run.';

/**
 * Whether require('electron') can answer without side effects. The electron package's index.js
 * starts a download when its binary is missing, so the files it reads are looked at first.
 */
function binaryIsInPlace(): boolean {
  // electron's index.js takes this variable's folder as it is, without downloading anything.
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return true;
  let packageDir: string;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return false;
  }
  // path.txt is written by electron's install script once the binary is unpacked into dist/.
  const pathFile = path.join(packageDir, 'path.txt');
  return (
    existsSync(pathFile) &&
    existsSync(path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8')))
  );
}

/** The Electron executable, or null when it is not installed. */
function electronExecutable(): string | null {
  if (!binaryIsInPlace()) return null;
  try {
    const executable: unknown = require('electron');
    return typeof executable === 'string' && existsSync(executable) ? executable : null;
  } catch {
    return null;
  }
}

/** Runs a command in the project folder, showing its output; its exit status (1 if it could not start). */
function run(command: string, args: readonly string[]): number {
  // npm is npm.cmd on Windows, which only a shell can start.
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.error)
    console.error(`test:electron: could not run ${command}: ${result.error.message}`);
  return result.status ?? 1;
}

/** A program's path when it is on PATH. */
function onPath(program: string): string | null {
  for (const folder of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(folder, program);
    if (folder && existsSync(candidate)) return candidate;
  }
  return null;
}

/** The vitest command for the Electron specs; on a Linux machine without a display, inside a virtual one. */
function vitestCommand(): [string, string[]] {
  const vitest = path.join(path.dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
  const args = [vitest, 'run', '--config', 'test/electron/vitest.config.ts'];
  const headlessLinux =
    process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  const xvfbRun = headlessLinux ? onPath('xvfb-run') : null;
  // Electron needs a display even for tests; without xvfb-run Playwright reports the missing X server itself.
  return xvfbRun
    ? [xvfbRun, ['--auto-servernum', process.execPath, ...args]]
    : [process.execPath, args];
}

if (electronExecutable() === null) {
  console.log(NOT_INSTALLED);
  process.exit(0);
}
const built = run('npm', ['run', 'build']);
if (built !== 0) process.exit(built);
const [command, args] = vitestCommand();
process.exit(run(command, args));
