/**
 * The app's log file: one line per message (`ISO-time level message`), appended synchronously
 * so the last lines before a crash are on disk, and rotated at 1 MB into `.1` and `.2`.
 * Writes are small and rare (state changes, errors), so blocking for them is cheap.
 *
 * Every message is redacted first: a log is what users attach to bug reports, and the
 * Personal Access Key opens their doors.
 */
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../app/ports.ts';

export const LOG_FILE_NAME = 'tedee-tray.log';
export const REDACTED = '[redacted]';

const MEGABYTE = 1024 * 1024;

type Level = 'info' | 'warn' | 'error';

/** One credential: up to whitespace, a quote or a separator (`&` of a query too); brackets included, so an earlier `[redacted]` is taken whole. */
const TOKEN = '[^\\s"\'`,;&(){}<>]+';
/** `"Authorization": "…"` or `authorization: '…'` in dumped objects and JSON: the whole quoted value. */
const QUOTED_AUTHORIZATION = /(\bauthorization["']?\s*[:=]\s*)(["'`])(?:\\.|(?!\2)[^\\\r\n])*\2/gi;
/** `Authorization: Bearer abc` in a raw header line: an optional scheme word and the credentials. */
const BARE_AUTHORIZATION = new RegExp(
  `(\\bauthorization\\s*[:=]\\s*)(?!["'\`\\s])(?:[A-Za-z][\\w-]*[ \\t]+)?${TOKEN}`,
  'gi',
);
/** `PersonalKey <token>`: Tedee's authorization scheme, wherever it appears (errors, URLs, dumps). */
const PERSONAL_KEY = new RegExp(`\\b(PersonalKey)(?:\\s+|%20|\\+)${TOKEN}`, 'gi');

/**
 * Replaces the known secrets (and their URL-encoded forms) and anything shaped like Tedee
 * credentials with `[redacted]`. Longest first, so a secret containing another goes whole.
 */
export function redactSecrets(text: string, secrets: () => readonly string[]): string {
  const known = new Set<string>();
  for (const secret of secrets()) {
    if (secret === '') continue;
    known.add(secret);
    known.add(encodeURIComponent(secret));
  }
  let redacted = text;
  for (const secret of [...known].sort((a, b) => b.length - a.length)) {
    redacted = redacted.replaceAll(secret, REDACTED);
  }
  return redacted
    .replace(QUOTED_AUTHORIZATION, `$1$2${REDACTED}$2`)
    .replace(BARE_AUTHORIZATION, `$1${REDACTED}`)
    .replace(PERSONAL_KEY, `$1 ${REDACTED}`);
}

export interface RotatingLogOptions {
  directory: string;
  /** The secrets to hide, asked on every message (the key can change while the app runs). */
  secrets?: () => readonly string[];
  now?: () => Date;
  /** Rotate before a write would take the file past this size. */
  maxBytes?: number;
  /** Files kept in all, the current one included. */
  files?: number;
  /** Where a failure to write the log itself is reported, once. */
  onWriteError?: (error: unknown) => void;
}

/** Line breaks become `\n` so one message is one line and a message cannot forge another entry. */
function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '\\n');
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

export class RotatingLog implements Logger {
  readonly #directory: string;
  readonly #file: string;
  readonly #secrets: () => readonly string[];
  readonly #now: () => Date;
  readonly #maxBytes: number;
  readonly #files: number;
  readonly #onWriteError: (error: unknown) => void;
  #reportedWriteError = false;

  constructor(options: RotatingLogOptions) {
    this.#directory = options.directory;
    this.#file = join(options.directory, LOG_FILE_NAME);
    this.#secrets = options.secrets ?? (() => []);
    this.#now = options.now ?? (() => new Date());
    this.#maxBytes = options.maxBytes ?? MEGABYTE;
    this.#files = Math.max(1, options.files ?? 3);
    this.#onWriteError =
      options.onWriteError ??
      ((error) => process.stderr.write(`tedee-tray: cannot write the log: ${String(error)}\n`));
  }

  info(message: string): void {
    this.#write('info', message);
  }

  warn(message: string): void {
    this.#write('warn', message);
  }

  error(message: string): void {
    this.#write('error', message);
  }

  #write(level: Level, message: string): void {
    const line = `${this.#now().toISOString()} ${level} ${oneLine(redactSecrets(message, this.#secrets))}\n`;
    // A broken log (full disk, read-only folder) must never take the app down with it.
    try {
      mkdirSync(this.#directory, { recursive: true });
      // Size from the file, not a counter: it survives restarts and another instance's writes.
      const size = sizeOf(this.#file);
      if (size > 0 && size + Buffer.byteLength(line) > this.#maxBytes) this.#rotate();
      appendFileSync(this.#file, line, { mode: 0o600 });
    } catch (error) {
      if (this.#reportedWriteError) return;
      this.#reportedWriteError = true;
      this.#onWriteError(error);
    }
  }

  /** log → log.1 → log.2 …; the oldest is dropped first, so no rename has to replace a file. */
  #rotate(): void {
    const numbered = (index: number): string =>
      index === 0 ? this.#file : `${this.#file}.${index}`;
    rmSync(numbered(this.#files - 1), { force: true });
    for (let index = this.#files - 2; index >= 0; index -= 1) {
      try {
        renameSync(numbered(index), numbered(index + 1));
      } catch (error) {
        if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error;
      }
    }
  }
}

export function createRotatingLog(options: RotatingLogOptions): Logger {
  return new RotatingLog(options);
}
