/**
 * Runs the real CLI as a child process (`node main/cli.ts ...` from the repository root), the
 * way scripts use it, with a distinctive key in its environment. Every run checks that the key
 * appears in neither stdout nor stderr.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, expect } from 'vitest';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Distinctive, so that finding it in any output cannot be a coincidence. */
export const CLI_KEY = 'pak-cli.U2VjcmV0LW5ldmVyLXByaW50ZWQ.q7Zx93';

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /**
   * Added to a clean environment holding PATH, TZ=UTC, TEDEE_PERSONAL_KEY=CLI_KEY and, under
   * coverage, NODE_V8_COVERAGE; undefined removes.
   */
  env?: Record<string, string | undefined>;
  /** Kills the run if it has not ended by then, so a hang fails the test instead of stalling it. */
  timeoutMs?: number;
  /** Runs this program instead of `node main/cli.ts` (for the npm script). */
  command?: { file: string; args: string[] };
}

const running = new Set<ChildProcess>();
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

export class RunningCli {
  readonly result: Promise<CliResult>;
  readonly #child: ChildProcess;
  #stdout = '';
  #stderr = '';
  readonly #waiters = new Set<() => void>();

  constructor(args: readonly string[], options: CliOptions = {}) {
    const env = cleanEnv({
      PATH: process.env.PATH,
      TZ: 'UTC',
      TEDEE_PERSONAL_KEY: CLI_KEY,
      // Set by vitest under --coverage: the CLI then writes its V8 coverage where vitest reads it.
      NODE_V8_COVERAGE: process.env.NODE_V8_COVERAGE,
      ...options.env,
    });
    const { file, args: prefix } = options.command ?? {
      file: process.execPath,
      args: ['main/cli.ts'],
    };
    const child = spawn(file, [...prefix, ...args], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    running.add(child);
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      this.#stdout += chunk;
      for (const wake of this.#waiters) wake();
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.#stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15_000);
    const ended = new Promise<CliResult>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        running.delete(child);
        for (const wake of this.#waiters) wake();
        resolve({ code, signal, stdout: this.#stdout, stderr: this.#stderr });
      });
    });
    // Checked in the promise chain, so a leak fails the awaiting test at once.
    this.result = ended.then((result) => {
      expect(result.stdout, 'the key on stdout').not.toContain(CLI_KEY);
      expect(result.stderr, 'the key on stderr').not.toContain(CLI_KEY);
      return result;
    });
  }

  /** Complete stdout lines so far. */
  get lines(): string[] {
    const complete = this.#stdout.slice(0, this.#stdout.lastIndexOf('\n') + 1);
    return complete.split('\n').filter((line) => line !== '');
  }

  get stderr(): string {
    return this.#stderr;
  }

  /** Resolves with the first stdout line (parsed as JSON) that matches, failing after `timeoutMs`. */
  waitForLine<Line>(matches: (line: Line) => boolean, timeoutMs = 10_000): Promise<Line> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.lines.map((line) => JSON.parse(line) as Line).find(matches);
        if (found !== undefined) finish(() => resolve(found));
        else if (this.#child.exitCode !== null || this.#child.signalCode !== null) {
          finish(() =>
            reject(
              new Error(
                `the CLI ended without that line; stdout:\n${this.#stdout}\nstderr:\n${this.#stderr}`,
              ),
            ),
          );
        }
      };
      const timer = setTimeout(
        () =>
          finish(() =>
            reject(
              new Error(
                `no such line within ${timeoutMs} ms; stdout:\n${this.#stdout}\nstderr:\n${this.#stderr}`,
              ),
            ),
          ),
        timeoutMs,
      );
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        settle();
      };
      this.#waiters.add(check);
      check();
    });
  }

  kill(signal: NodeJS.Signals): void {
    this.#child.kill(signal);
  }
}

export function runCli(args: readonly string[], options?: CliOptions): Promise<CliResult> {
  return new RunningCli(args, options).result;
}

/** A port on 127.0.0.1 that nothing listens on: taken from the OS, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return address.port;
}

function cleanEnv(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
