/**
 * Argument parsing: every usage error, the defaults, where the API address and the key come
 * from, and that no message repeats what the user typed.
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseArguments } from '../../main/cli/arguments.ts';
import type { CliCommand, WatchCommand } from '../../main/cli/cli-command.ts';
import { EnvironmentSecret, KEY_VARIABLE } from '../../main/cli/environment-secret.ts';

const KEY = 'pak-unit.Zm9yLXRoZS1hcmd1bWVudHM';
const ENV = { TEDEE_PERSONAL_KEY: KEY };

function command(argv: string[], env: Record<string, string | undefined> = ENV): CliCommand {
  const outcome = parseArguments(argv, env);
  if (!outcome.ok) throw new Error(`expected a command, got usage error: ${outcome.message}`);
  return outcome.command;
}

function usageError(argv: string[], env: Record<string, string | undefined> = ENV): string {
  const outcome = parseArguments(argv, env);
  if (outcome.ok) throw new Error(`expected a usage error for ${argv.join(' ')}`);
  return outcome.message;
}

function watch(argv: string[], env?: Record<string, string | undefined>): WatchCommand {
  const parsed = command(['watch', ...argv], env);
  if (parsed.name !== 'watch') throw new Error('expected watch');
  return parsed;
}

describe('commands', () => {
  it('reads status with its defaults', () => {
    const parsed = command(['status']);
    expect(parsed).toMatchObject({
      name: 'status',
      json: false,
      connection: { kind: 'tedee', apiUrl: 'https://api.tedee.com' },
    });
    expect(command(['status', '--json'])).toMatchObject({ name: 'status', json: true });
  });

  it('reads watch with the engine defaults', () => {
    expect(watch([])).toMatchObject({
      intervalSeconds: 30,
      lowBatteryPercent: 20,
      selection: 'all',
    });
  });

  it('reads every watch flag, in either --flag value or --flag=value form', () => {
    expect(watch(['--interval', '45', '--locks', '48213,48377', '--low-battery=35'])).toMatchObject(
      {
        intervalSeconds: 45,
        lowBatteryPercent: 35,
        selection: { ids: [48213, 48377] },
      },
    );
    expect(watch(['--interval=20']).intervalSeconds).toBe(20);
    expect(watch(['--locks', '7, 8,7']).selection).toEqual({ ids: [7, 8] });
    expect(watch(['--low-battery', '5']).lowBatteryPercent).toBe(5);
    expect(watch(['--low-battery', '95']).lowBatteryPercent).toBe(95);
  });

  it('reads the bridge flags and TEDEE_BRIDGE_TOKEN, hidden from any printout', () => {
    const token = 'Zq7VtB2xKp9LmWc4';
    const parsed = watch(
      [
        '--bridge',
        'http://192.168.1.20',
        '--bridge-auth=plain',
        '--callback-host',
        '192.168.1.21',
        '--callback-port',
        '8765',
        '--instance',
        'garage-pi',
      ],
      { TEDEE_BRIDGE_TOKEN: ` ${token}\n` },
    );
    expect(parsed.connection).toEqual({ kind: 'none' });
    expect(parsed.bridge).toMatchObject({
      address: 'http://192.168.1.20',
      authMode: 'plain',
      callbackHost: '192.168.1.21',
      callbackPort: 8765,
      instance: 'garage-pi',
    });
    expect(parsed.bridge?.token.reveal()).toBe(token);
    expect(JSON.stringify(parsed)).not.toContain(token);
    expect(inspect(parsed, { depth: 5 })).not.toContain(token);

    const withKey = watch(['--bridge', 'http://[fe80::1]:8080'], {
      ...ENV,
      TEDEE_BRIDGE_TOKEN: token,
    });
    expect(withKey.connection.kind).toBe('tedee');
    expect(withKey.bridge).toMatchObject({
      address: 'http://[fe80::1]:8080',
      authMode: 'encrypted',
      callbackHost: null,
      callbackPort: null,
      instance: null,
    });
    expect(
      usageError(['watch', '--bridge', 'http://10.0.0.2'], { TEDEE_BRIDGE_TOKEN: 'a b' }),
    ).toBe('TEDEE_BRIDGE_TOKEN contains a space; copy the token again.');
  });

  it('takes the command after the flags too', () => {
    expect(command(['--json', 'status'])).toMatchObject({ name: 'status', json: true });
  });

  it('shows help for --help, -h and help, even next to mistakes and without a key', () => {
    for (const argv of [
      ['--help'],
      ['-h'],
      ['help'],
      ['status', '--help'],
      ['watch', '--interval', '3', '-h'],
      ['--bogus', '--help'],
    ]) {
      expect(command(argv, {}), argv.join(' ')).toEqual({ name: 'help' });
    }
  });
});

describe('usage errors', () => {
  it('needs a command, and a known one', () => {
    expect(usageError([])).toBe(
      'Give a command: status, watch, activity, lock, unlock or pull (see --help).',
    );
    expect(usageError(['unlatch'])).toBe(
      'Unknown command "unlatch": use status, watch, activity, lock, unlock or pull (see --help).',
    );
    expect(usageError(['status', 'extra'])).toBe(
      'Give one command and then only options (see --help).',
    );
    expect(usageError(['status', '--', 'extra'])).toBe(
      'Give one command and then only options (see --help).',
    );
  });

  it('rejects unknown flags, long and short', () => {
    expect(usageError(['status', '--verbose'])).toBe('--verbose is not an option (see --help).');
    expect(usageError(['status', '-v'])).toBe('-v is not an option (see --help).');
  });

  it('rejects a flag of the other command', () => {
    expect(usageError(['status', '--interval', '30'])).toBe(
      '--interval is not an option of status (see --help).',
    );
    expect(usageError(['watch', '--json'])).toBe('--json is not an option of watch (see --help).');
  });

  it('rejects a key on the command line in any spelling, pointing to the environment variable', () => {
    for (const argv of [
      ['status', '--key', KEY],
      ['status', `--key=${KEY}`],
      ['watch', '--personal-key', KEY],
      ['status', '--token', KEY],
      ['status', '--pak', KEY],
    ]) {
      const message = usageError(argv);
      expect(message, argv.join(' ')).toMatch(/TEDEE_PERSONAL_KEY/);
      expect(message).not.toContain(KEY);
    }
  });

  it('never repeats a value, even as an unknown command or flag', () => {
    expect(usageError([KEY], {})).toBe(
      'Unknown command: use status, watch, activity, lock, unlock or pull (see --help).',
    );
    expect(usageError([KEY, 'status'])).not.toContain(KEY);
    expect(usageError(['status', KEY])).not.toContain(KEY);
    expect(usageError(['status', '--Zm9y.dGhl'])).toBe('That is not an option (see --help).');
    expect(usageError(['watch', '--interval', KEY])).not.toContain(KEY);
    expect(usageError(['watch', '--locks', KEY])).not.toContain(KEY);
    expect(usageError(['watch', '--api-url', KEY])).not.toContain(KEY);
  });

  it('wants a value for value flags and none for switches', () => {
    expect(usageError(['watch', '--interval'])).toBe('--interval needs a value.');
    expect(usageError(['watch', '--interval', '--locks', '1'])).toBe('--interval needs a value.');
    expect(usageError(['status', '--json=yes'])).toBe('--json takes no value.');
  });

  it('rejects an interval below 20 s with the engine message, and one that is not a number', () => {
    expect(usageError(['watch', '--interval', '10'])).toBe(
      '--interval: The interval must be at least 20 seconds: Tedee allows one sync per lock every 20 seconds.',
    );
    expect(usageError(['watch', '--interval=-30'])).toMatch(/at least 20 seconds/);
    expect(usageError(['watch', '--interval', '19'])).toMatch(/at least 20 seconds/);
    for (const text of ['abc', '', '0x20', '1e2', '30s']) {
      expect(usageError(['watch', `--interval=${text}`]), text).toBe(
        '--interval: Give a number of seconds, at least 20.',
      );
    }
    expect(usageError(['watch', '--interval', '20.5'])).toBe(
      '--interval: The interval must be a whole number of seconds.',
    );
    expect(usageError(['watch', '--interval', '1000000'])).toMatch(/at most 86400 seconds/);
  });

  it('reads an interval and a threshold with blanks around them, and names a fraction as such', () => {
    expect(watch(['--interval', ' 45 ', '--low-battery', ' 35 '])).toMatchObject({
      intervalSeconds: 45,
      lowBatteryPercent: 35,
    });
    expect(usageError(['watch', '--interval', '20.55'])).toBe(
      '--interval: The interval must be a whole number of seconds.',
    );
  });

  it('rejects a low-battery threshold outside 5..95 with the engine message', () => {
    for (const text of ['4', '96', '0', '100']) {
      expect(usageError(['watch', '--low-battery', text]), text).toBe(
        '--low-battery: The low-battery threshold must be a whole number between 5 and 95 %.',
      );
    }
    expect(usageError(['watch', '--low-battery=20.5'])).toBe(
      '--low-battery: The low-battery threshold must be a whole number between 5 and 95 %.',
    );
    for (const text of ['abc', '']) {
      expect(usageError(['watch', `--low-battery=${text}`]), text).toBe(
        '--low-battery: Give a whole number of percent.',
      );
    }
  });

  it('rejects a malformed --locks', () => {
    for (const text of [
      '',
      'abc',
      '1,,2',
      '1,',
      ',1',
      '1;2',
      '0',
      '-1',
      '1.5',
      '12345678901234567',
    ]) {
      expect(usageError(['watch', `--locks=${text}`]), text).toMatch(
        /^--locks: Give lock ids separated by commas/,
      );
    }
  });

  it('needs a key unless --demo, and does not accept a blank or broken one', () => {
    expect(usageError(['status'], {})).toBe(
      'Set TEDEE_PERSONAL_KEY to a Tedee Personal Access Key, or try --demo.',
    );
    expect(usageError(['watch'], { TEDEE_PERSONAL_KEY: '   ' })).toMatch(/Set TEDEE_PERSONAL_KEY/);
    expect(usageError(['status'], { TEDEE_PERSONAL_KEY: 'two words' })).toBe(
      'TEDEE_PERSONAL_KEY contains a space; copy the key again.',
    );
    // Both passed before and then failed as "cannot reach Tedee": fetch cannot send them.
    expect(usageError(['status'], { TEDEE_PERSONAL_KEY: 'pak-unit.Zm9y\u200BLXRo' })).toMatch(
      /^TEDEE_PERSONAL_KEY contains an invisible character/,
    );
    expect(usageError(['status'], { TEDEE_PERSONAL_KEY: 'pak-unit.Zm9y\u2026' })).toMatch(
      /^TEDEE_PERSONAL_KEY contains a character a Tedee key never has/,
    );
    expect(command(['status', '--demo'], {})).toEqual({
      name: 'status',
      json: false,
      connection: { kind: 'demo' },
      bridge: null,
    });
    expect(watch(['--demo'], {}).connection).toEqual({ kind: 'demo' });
  });

  it('checks flags before the key, so the more specific mistake is reported', () => {
    expect(usageError(['watch', '--interval', '10'], {})).toMatch(/at least 20 seconds/);
  });
});

describe('where the API address and the key come from', () => {
  const tedee = (parsed: CliCommand) => {
    if (parsed.name === 'help' || parsed.connection.kind !== 'tedee')
      throw new Error('expected a Tedee connection');
    return parsed.connection;
  };

  it('uses --api-url over TEDEE_API_URL over the default', () => {
    expect(tedee(command(['status'])).apiUrl).toBe('https://api.tedee.com');
    expect(tedee(command(['status'], { ...ENV, TEDEE_API_URL: 'http://127.0.0.1:9' })).apiUrl).toBe(
      'http://127.0.0.1:9',
    );
    expect(
      tedee(
        command(['status', '--api-url', 'https://flag.example'], {
          ...ENV,
          TEDEE_API_URL: 'http://127.0.0.1:9',
        }),
      ).apiUrl,
    ).toBe('https://flag.example');
    expect(tedee(command(['watch', '--api-url=https://x.example/prefix'])).apiUrl).toBe(
      'https://x.example/prefix',
    );
    expect(tedee(command(['status'], { ...ENV, TEDEE_API_URL: '' })).apiUrl).toBe(
      'https://api.tedee.com',
    );
  });

  it('rejects an address that is not http(s), naming where it came from', () => {
    expect(usageError(['status', '--api-url', 'ftp://x'])).toMatch(/^--api-url: /);
    expect(usageError(['status', '--api-url', 'not a url'])).toMatch(/^--api-url: /);
    expect(usageError(['status'], { ...ENV, TEDEE_API_URL: 'nonsense' })).toMatch(
      /^TEDEE_API_URL: /,
    );
    // A valid flag makes a broken environment variable irrelevant.
    expect(
      command(['status', '--api-url', 'https://ok.example'], { ...ENV, TEDEE_API_URL: 'nonsense' })
        .name,
    ).toBe('status');
  });

  it('takes plain http only to this computer, as the app does', () => {
    for (const loopback of [
      'http://localhost:8080',
      'http://127.0.0.1:9',
      'http://127.45.3.2',
      'http://[::1]:3000/api',
    ]) {
      expect(tedee(command(['status', '--api-url', loopback])).apiUrl, loopback).toBe(loopback);
    }
    for (const remote of [
      'http://x.example/prefix',
      'http://192.168.1.20:8080',
      'http://127.0.0.1.example',
      'http://[::2]',
      'http://localhost.example',
    ]) {
      expect(usageError(['status', '--api-url', remote]), remote).toBe(
        '--api-url: http:// is allowed only for this computer (localhost, 127.x.x.x, [::1]); use https://.',
      );
    }
    expect(usageError(['status'], { ...ENV, TEDEE_API_URL: 'http://api.tedee.com' })).toMatch(
      /^TEDEE_API_URL: http:\/\/ is allowed only for this computer/,
    );
  });

  it('does not combine --demo with --api-url', () => {
    expect(usageError(['status', '--demo', '--api-url', 'https://x.example'])).toMatch(
      /--demo.*--api-url/,
    );
  });

  it('reads the key from TEDEE_PERSONAL_KEY only, trimmed, and keeps it out of any printout', () => {
    const connection = tedee(command(['status'], { TEDEE_PERSONAL_KEY: `  ${KEY}\n` }));
    expect(connection.personalKey.reveal()).toBe(KEY);
    expect(JSON.stringify(connection)).not.toContain(KEY);
    expect(inspect(connection, { depth: 5 })).not.toContain(KEY);
    expect(String(connection.personalKey)).not.toContain(KEY);
    expect(EnvironmentSecret.fromEnvironment(undefined, KEY_VARIABLE)).toBeNull();
  });

  it('shows a placeholder that names the secret wherever it is printed', () => {
    const key = tedee(command(['status'])).personalKey;
    expect(String(key)).toBe('[key hidden]');
    expect(JSON.stringify({ key })).toBe('{"key":"[key hidden]"}');
    expect(inspect({ key })).toBe('{ key: [key hidden] }');
    const token = watch(['--bridge', 'http://192.168.1.20'], {
      TEDEE_BRIDGE_TOKEN: 'Zq7VtB2xKp9LmWc4',
    }).bridge?.token;
    expect(String(token)).toBe('[token hidden]');
    expect(inspect(token)).toBe('[token hidden]');
  });

  it('reads an address of blanks in TEDEE_API_URL as none, and trims a pasted one', () => {
    expect(tedee(command(['status'], { ...ENV, TEDEE_API_URL: '  ' })).apiUrl).toBe(
      'https://api.tedee.com',
    );
    // A copy from a web page may bring no-break spaces along.
    expect(tedee(command(['status', '--api-url', '\u00a0https://x.example\u00a0'])).apiUrl).toBe(
      'https://x.example',
    );
  });

  it('refuses an address with a query or a fragment, and one of another scheme, saying so', () => {
    for (const url of ['https://x.example/?a=1', 'https://x.example/#top']) {
      expect(usageError(['status', '--api-url', url]), url).toBe(
        '--api-url: Give the address without ? or # parts.',
      );
    }
    for (const url of ['ftp://x.example', 'not a url']) {
      expect(usageError(['status', '--api-url', url]), url).toBe(
        '--api-url: Give an http:// or https:// address, e.g. https://api.tedee.com.',
      );
    }
  });
});

describe('lock, unlock and pull', () => {
  it('read the lock id, with --yes for unlock and pull', () => {
    expect(command(['lock', '48213'])).toEqual({
      name: 'operate',
      operation: 'lock',
      lockId: 48213,
      connection: expect.objectContaining({ kind: 'tedee' }),
      bridge: null,
    });
    expect(command(['unlock', '48213', '--yes'])).toMatchObject({
      operation: 'unlock',
      lockId: 48213,
    });
    expect(command(['--yes', 'pull', '7'])).toMatchObject({ operation: 'pull', lockId: 7 });
  });

  it('refuse unlock and pull without --yes', () => {
    expect(usageError(['unlock', '48213'])).toBe(
      'unlock opens the door: add --yes to confirm that you mean it (nothing was sent).',
    );
    expect(usageError(['pull', '48213'])).toBe(
      'pull opens the door: add --yes to confirm that you mean it (nothing was sent).',
    );
  });

  it('need one lock id of digits, without repeating anything else', () => {
    for (const target of [[], ['abc'], ['12x'], ['x12'], ['1234567890123456']]) {
      expect(usageError(['lock', ...target]), target.join(' ')).toBe(
        "lock needs the lock's id, e.g. lock 48213 (see status).",
      );
    }
    expect(usageError(['lock', '1', '2'])).toBe(
      'Give one command and then only options (see --help).',
    );
    expect(usageError(['status', '5'])).toBe(
      'Give one command and then only options (see --help).',
    );
  });

  it('go through the bridge alone without a key, and need the key otherwise', () => {
    const bridgeOnly = command(['lock', '48213', '--bridge', 'http://192.168.1.20'], {
      TEDEE_BRIDGE_TOKEN: 'Zq7VtB2xKp9LmWc4',
    });
    expect(bridgeOnly).toMatchObject({
      connection: { kind: 'none' },
      bridge: { address: 'http://192.168.1.20' },
    });
    expect(usageError(['lock', '48213', '--bridge', 'http://8.8.8.8'])).toMatch(/^--bridge: /);
    expect(usageError(['lock', '48213'], {})).toBe(
      'Set TEDEE_PERSONAL_KEY to a Tedee Personal Access Key, or try --demo.',
    );
  });
});

describe('activity', () => {
  it('reads every lock, 20 entries each, as a table by default', () => {
    expect(command(['activity'])).toEqual({
      name: 'activity',
      lockId: null,
      limit: 20,
      json: false,
      connection: expect.objectContaining({ kind: 'tedee' }),
    });
  });

  it('reads --lock, --limit, --json and the common flags', () => {
    expect(
      command([
        'activity',
        '--lock',
        ' 48213 ',
        '--limit',
        '50',
        '--json',
        '--api-url',
        'https://x.example',
      ]),
    ).toMatchObject({
      lockId: 48213,
      limit: 50,
      json: true,
      connection: { kind: 'tedee', apiUrl: 'https://x.example' },
    });
    expect(command(['activity', '--demo'], {})).toMatchObject({ connection: { kind: 'demo' } });
    for (const [limit, value] of [
      ['1', 1],
      ['200', 200],
      [' 5 ', 5],
    ] as const) {
      expect(command(['activity', '--limit', limit]), limit).toMatchObject({ limit: value });
    }
  });

  it('refuses a lock id that is not one, and a limit outside 1 to 200', () => {
    for (const lock of ['0', 'abc', '12x', 'x12', '1234567890123456']) {
      expect(usageError(['activity', '--lock', lock]), lock).toBe(
        '--lock: Give one lock id, e.g. --lock 48213.',
      );
    }
    for (const limit of ['0', '201', '1000', '5x', 'x5', '2.5']) {
      expect(usageError(['activity', '--limit', limit]), limit).toBe(
        '--limit: Give a whole number of entries from 1 to 200.',
      );
    }
  });

  it('needs a key, and takes no bridge: the activity log is in the cloud only', () => {
    expect(usageError(['activity'], {})).toBe(
      'Set TEDEE_PERSONAL_KEY to a Tedee Personal Access Key, or try --demo.',
    );
    expect(usageError(['activity', '--bridge', 'http://192.168.1.20'])).toBe(
      '--bridge is not an option of activity (see --help).',
    );
  });
});

describe('the bridge flags', () => {
  const TOKEN_ENV = { TEDEE_BRIDGE_TOKEN: 'Zq7VtB2xKp9LmWc4' };
  const bridged = (flags: string[]) =>
    watch(['--bridge', 'http://192.168.1.20', ...flags], TOKEN_ENV).bridge;
  const bridgeError = (flags: string[]) =>
    usageError(['watch', '--bridge', 'http://192.168.1.20', ...flags], TOKEN_ENV);

  it('each go with --bridge only', () => {
    for (const [flag, value] of [
      ['--bridge-auth', 'plain'],
      ['--callback-host', '192.168.1.21'],
      ['--callback-port', '8765'],
      ['--instance', 'garage-pi'],
    ] as const) {
      expect(usageError(['watch', flag, value]), flag).toBe(
        `${flag} goes with --bridge URL (see --help).`,
      );
    }
  });

  it('do not combine with --demo, and need TEDEE_BRIDGE_TOKEN', () => {
    expect(usageError(['status', '--demo', '--bridge', 'http://192.168.1.20'], TOKEN_ENV)).toBe(
      '--demo runs its own simulated Tedee; leave out --bridge.',
    );
    expect(usageError(['watch', '--bridge', 'http://192.168.1.20'])).toBe(
      "Set TEDEE_BRIDGE_TOKEN to the bridge's API token (Tedee app: Bridge → Settings → API).",
    );
  });

  it('give status the bridge alone without a key, and refuse an address off the local network', () => {
    expect(command(['status', '--bridge', 'http://192.168.1.20'], TOKEN_ENV)).toMatchObject({
      connection: { kind: 'none' },
      bridge: { address: 'http://192.168.1.20' },
    });
    expect(usageError(['status', '--bridge', 'http://8.8.8.8'], TOKEN_ENV)).toBe(
      "--bridge: Give http:// and the bridge's IP address on the local network (private, link-local or loopback), e.g. http://192.168.1.20 or http://127.0.0.1:8080.",
    );
  });

  it('take encrypted or plain tokens', () => {
    expect(bridged(['--bridge-auth', 'encrypted'])?.authMode).toBe('encrypted');
    expect(bridged(['--bridge-auth', 'plain'])?.authMode).toBe('plain');
    expect(bridgeError(['--bridge-auth', 'fancy'])).toBe(
      '--bridge-auth: Give encrypted or plain (the "Encrypted token" switch in the Tedee app).',
    );
  });

  it('take an IP address of this computer for the callback, brackets and blanks removed', () => {
    expect(bridged(['--callback-host', '[fe80::1]'])?.callbackHost).toBe('fe80::1');
    expect(bridged(['--callback-host', ' 192.168.1.21 '])?.callbackHost).toBe('192.168.1.21');
    for (const host of ['nas.local', '192.168.1.[21]', '[192.168.1.2]1']) {
      expect(bridgeError(['--callback-host', host]), host).toBe(
        "--callback-host: Give one of this computer's IP addresses, e.g. 192.168.1.21.",
      );
    }
  });

  it('take a callback port from 1 to 65535', () => {
    for (const [port, value] of [
      ['1', 1],
      ['65535', 65_535],
      [' 8080 ', 8080],
    ] as const) {
      expect(bridged(['--callback-port', port])?.callbackPort, port).toBe(value);
    }
    for (const port of ['0', '65536', 'http', '+80', '80.5']) {
      expect(bridgeError(['--callback-port', port]), port).toBe(
        '--callback-port: Give a port from 1 to 65535.',
      );
    }
  });

  it('take an instance name of letters, digits, - and _', () => {
    expect(bridgeError(['--instance', 'garage pi!'])).toBe(
      '--instance: Give 1 to 32 letters, digits, - or _.',
    );
  });
});
