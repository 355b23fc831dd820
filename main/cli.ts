/**
 * Entry point of the headless CLI (`npm run --silent cli -- status|watch ...`): wires the real
 * process (argv, environment, stdout, stderr, signals) to runCli and exits with its code.
 * Everything else lives in main/cli/.
 */
import { PROGRAM_NAME } from './cli/cli-io.ts';
import { EXIT_CODES } from './cli/exit-codes.ts';
import type { ExitCode } from './cli/exit-codes.ts';
import { runCli } from './cli/run-cli.ts';

const shutdown = new AbortController();
let signalsReceived = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    signalsReceived += 1;
    // A second signal means the clean stop takes too long for whoever is waiting.
    if (signalsReceived > 1) process.exit(EXIT_CODES.interrupted);
    shutdown.abort();
  });
}

// A reader that went away (`watch | head -n 3`) ends the run like Ctrl+C instead of crashing.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  shutdown.abort();
});

const io = {
  out: (line: string) => void process.stdout.write(`${line}\n`),
  err: (line: string) => void process.stderr.write(`${PROGRAM_NAME}: ${line}\n`),
};

let code: ExitCode;
try {
  code = await runCli({
    argv: process.argv.slice(2),
    env: process.env,
    io,
    signal: shutdown.signal,
  });
} catch (error) {
  // Only a bug gets here; the key is cut out in case some library put it into a message.
  const key = process.env.TEDEE_PERSONAL_KEY?.trim();
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  io.err(`unexpected error: ${key ? message.replaceAll(key, '[hidden]') : message}`);
  code = EXIT_CODES.internal;
}
// Exit once stdout has taken everything: a pipe may still be draining.
process.stdout.write('', () => process.exit(code));
