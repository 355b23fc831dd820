import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import type * as NodeFs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LOG_FILE_NAME, createRotatingLog, redactSecrets } from '../../main/shell/rotating-log.ts';

/** Set to make renaming the live log fail as on Windows while another program has it open. */
const renaming = vi.hoisted(() => ({ liveLogInUse: false }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof NodeFs>();
  const renameSync: typeof fs.renameSync = (from, to) => {
    if (renaming.liveLogInUse && String(from).endsWith('.log')) {
      throw Object.assign(
        new Error(`EPERM: operation not permitted, rename '${String(from)}' -> '${String(to)}'`),
        { code: 'EPERM', errno: -4048, syscall: 'rename' },
      );
    }
    fs.renameSync(from, to);
  };
  return { ...fs, renameSync };
});

let directory = '';
const at = new Date('2025-11-03T08:15:30.123Z');
const now = () => at;
const logFile = (suffix = '') => join(directory, `${LOG_FILE_NAME}${suffix}`);
const lines = (suffix = '') =>
  readFileSync(logFile(suffix), 'utf8')
    .split('\n')
    .filter((line) => line !== '');

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'tedee-log-'));
});

afterEach(() => {
  renaming.liveLogInUse = false;
  vi.restoreAllMocks();
  rmSync(directory, { recursive: true, force: true });
});

describe('rotating log: writing', () => {
  it('appends one `ISO level message` line per call, synchronously', () => {
    const log = createRotatingLog({ directory, now });
    log.info('started');
    log.warn('lock 12 disconnected');
    log.error('sync failed');
    expect(lines()).toEqual([
      '2025-11-03T08:15:30.123Z info started',
      '2025-11-03T08:15:30.123Z warn lock 12 disconnected',
      '2025-11-03T08:15:30.123Z error sync failed',
    ]);
  });

  it('keeps a multi-line message on one line, so it cannot forge another entry', () => {
    createRotatingLog({ directory, now }).error(
      'failed\n2025-01-01T00:00:00.000Z info all good\r\nend',
    );
    expect(lines()).toEqual([
      '2025-11-03T08:15:30.123Z error failed\\n2025-01-01T00:00:00.000Z info all good\\nend',
    ]);
  });

  it('creates its folder and writes a file only the user can read', () => {
    const nested = join(directory, 'logs');
    createRotatingLog({ directory: nested, now }).info('x');
    expect(existsSync(join(nested, LOG_FILE_NAME))).toBe(true);
    if (process.platform !== 'win32')
      expect(statSync(join(nested, LOG_FILE_NAME)).mode & 0o777).toBe(0o600);
  });

  it('never throws when the log cannot be written, and reports that once', () => {
    const blocker = join(directory, 'blocker');
    writeFileSync(blocker, 'a file where the log folder should be');
    const errors: unknown[] = [];
    const log = createRotatingLog({
      directory: blocker,
      now,
      onWriteError: (error) => errors.push(error),
    });
    expect(() => {
      log.info('one');
      log.error('two');
    }).not.toThrow();
    expect(errors).toHaveLength(1);
  });
});

describe('rotating log: defaults', () => {
  it('stamps each line with the time it is written', () => {
    const before = Date.now();
    createRotatingLog({ directory }).info('started');
    const after = Date.now();
    const [stamp, ...rest] = lines()[0]!.split(' ');
    expect(rest).toEqual(['info', 'started']);
    expect(Date.parse(stamp!)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(stamp!)).toBeLessThanOrEqual(after);
  });

  it('says on stderr, once, that the log cannot be written', () => {
    const blocker = join(directory, 'blocker');
    writeFileSync(blocker, 'a file where the log folder should be');
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((text) => {
      written.push(String(text));
      return true;
    });
    const log = createRotatingLog({ directory: blocker, now });
    log.info('one');
    log.info('two');
    expect(written).toEqual([expect.stringMatching(/^tedee-tray: cannot write the log: Error: /)]);
  });
});

describe('rotating log: rotation', () => {
  const line = (n: number) => `message ${String(n).padStart(5, '0')} ${'x'.repeat(60)}`;
  const lineBytes = `${at.toISOString()} info ${line(0)}\n`.length;

  it('rotates at 1 MB by default: the full file becomes .1 and a new one starts', () => {
    const log = createRotatingLog({ directory, now });
    const perFile = Math.floor((1024 * 1024) / lineBytes);
    for (let n = 0; n < perFile + 1; n += 1) log.info(line(n));
    expect(statSync(logFile('.1')).size).toBe(perFile * lineBytes);
    expect(statSync(logFile('.1')).size).toBeLessThanOrEqual(1024 * 1024);
    expect(lines()).toEqual([`${at.toISOString()} info ${line(perFile)}`]);
  });

  it('keeps three files, newest first, and drops the oldest', () => {
    const log = createRotatingLog({ directory, now, maxBytes: lineBytes * 2 });
    for (let n = 0; n < 9; n += 1) log.info(line(n));
    expect(readdirSync(directory).sort()).toEqual([
      LOG_FILE_NAME,
      `${LOG_FILE_NAME}.1`,
      `${LOG_FILE_NAME}.2`,
    ]);
    const messages = (suffix = '') => lines(suffix).map((text) => text.split(' ')[3]);
    expect(messages()).toEqual(['00008']);
    expect(messages('.1')).toEqual(['00006', '00007']);
    expect(messages('.2')).toEqual(['00004', '00005']);
  });

  it('writes a line longer than the limit into an empty log without rotating it away', () => {
    writeFileSync(logFile(), '');
    createRotatingLog({ directory, now, maxBytes: 10 }).info(line(1));
    expect(readdirSync(directory)).toEqual([LOG_FILE_NAME]);
    expect(lines()).toHaveLength(1);
  });

  it('reports a rotation that fails (the file in use on Windows) once, and grows no further', () => {
    const errors: unknown[] = [];
    const log = createRotatingLog({
      directory,
      now,
      maxBytes: lineBytes * 2,
      onWriteError: (error) => errors.push(error),
    });
    log.info(line(1));
    log.info(line(2));
    renaming.liveLogInUse = true;
    log.info(line(3));
    log.info(line(4));
    expect(errors).toEqual([expect.objectContaining({ code: 'EPERM' })]);
    expect(statSync(logFile()).size).toBe(lineBytes * 2);
  });

  it('picks up the size of a log left by an earlier run', () => {
    writeFileSync(logFile(), 'x'.repeat(lineBytes * 2 - 1));
    createRotatingLog({ directory, now, maxBytes: lineBytes * 2 }).info(line(1));
    expect(statSync(logFile('.1')).size).toBe(lineBytes * 2 - 1);
    expect(lines()).toHaveLength(1);
  });
});

describe('redaction', () => {
  const KEY = 'Q9ZK4W7M2XPLR8TB';
  const secrets = () => [KEY];

  it('hides the current key wherever it appears in a logged line', () => {
    const log = createRotatingLog({ directory, now, secrets });
    log.error(
      `request failed for https://api.tedee.com/x?k=${KEY}&y=1 (key ${KEY}:suffix, prefix${KEY})`,
    );
    const text = readFileSync(logFile(), 'utf8');
    expect(text).not.toContain(KEY);
    expect(text).toContain('k=[redacted]&y=1 (key [redacted]:suffix, prefix[redacted])');
  });

  it('asks for the secrets on every message, so a key entered later is hidden too', () => {
    let current: string[] = [];
    const log = createRotatingLog({ directory, now, secrets: () => current });
    current = ['LATERKEY123456'];
    log.info('saved LATERKEY123456');
    expect(lines()).toEqual(['2025-11-03T08:15:30.123Z info saved [redacted]']);
  });

  it('hides a known key in its URL-encoded form', () => {
    expect(redactSecrets('x=ab%2Bcd%2F12', () => ['ab+cd/12'])).toBe('x=[redacted]');
    // and still in its plain form, which URL-encoding changes
    expect(redactSecrets('key ab+cd/12 here', () => ['ab+cd/12'])).toBe('key [redacted] here');
  });

  it('hides any PersonalKey credential, known or not', () => {
    expect(redactSecrets('header PersonalKey abc.DEF-123_x rejected', () => [])).toBe(
      'header PersonalKey [redacted] rejected',
    );
    expect(redactSecrets('personalkey\tabc', () => [])).toBe('personalkey [redacted]');
    expect(redactSecrets('?auth=PersonalKey%20abc123&next=1', () => [])).toBe(
      '?auth=PersonalKey [redacted]&next=1',
    );
  });

  it('hides Authorization header values in header lines, objects and JSON', () => {
    const none = () => [];
    expect(redactSecrets('Authorization: Bearer eyJhbGci.payload.sig', none)).toBe(
      'Authorization: [redacted]',
    );
    expect(
      redactSecrets("Headers { authorization: 'PersonalKey abc' , accept: 'json' }", none),
    ).toBe("Headers { authorization: '[redacted]' , accept: 'json' }");
    expect(
      redactSecrets('{"Authorization":"PersonalKey a\\"b","Accept":"application/json"}', none),
    ).toBe('{"Authorization":"[redacted]","Accept":"application/json"}');
    expect(redactSecrets('{ "Authorization" : "PersonalKey abc" }', none)).toBe(
      '{ "Authorization" : "[redacted]" }',
    );
    expect(redactSecrets('authorization=Basic dXNlcjpwYXNz, next', none)).toBe(
      'authorization=[redacted], next',
    );
    expect(redactSecrets('Authorization: Bearer abc def', none)).toBe(
      'Authorization: [redacted] def',
    );
  });

  it.each([
    ['shorter first', ['abc', 'abcdef']],
    ['longer first', ['abcdef', 'abc']],
  ])(
    'hides the longest of two secrets that share a start whole, whichever order they come in (%s)',
    (_order, keys) => {
      // Replacing `abc` first would leave `[redacted]def`: part of the longer secret in the log.
      expect(redactSecrets('old abc, new abcdef.', () => keys)).toBe(
        'old [redacted], new [redacted].',
      );
    },
  );

  it('leaves text without secrets as it is', () => {
    const text = 'Lock 12 (Front door) locked, battery 80 %, 3 requests this hour';
    expect(redactSecrets(text, () => [KEY, ''])).toBe(text);
  });

  it('never lets a key through, wherever it is embedded, and is idempotent', () => {
    const keyArbitrary = fc.stringMatching(/^[A-Z0-9]{8,40}$/);
    fc.assert(
      fc.property(
        keyArbitrary,
        fc.array(fc.string(), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (key, parts, asHeader) => {
          const text =
            parts.join(asHeader ? `\nAuthorization: PersonalKey ${key}\n` : key) +
            ' authorization: a b c';
          const once = redactSecrets(text, () => [key]);
          expect(once).not.toContain(key);
          expect(redactSecrets(once, () => [key])).toBe(once);
        },
      ),
    );
  });
});
