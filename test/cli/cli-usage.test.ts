/**
 * Usage errors as a script sees them: exit 2, nothing on stdout, exactly one line on stderr,
 * and never the key, even when it was typed into the command line.
 */
import { describe, expect, it } from 'vitest';
import { CLI_KEY, runCli } from './cli-process.ts';

const USAGE_ERRORS: Array<[string, string[], Record<string, string | undefined>?]> = [
  ['an unknown command', ['lock']],
  ['no command', []],
  ['an unknown flag', ['status', '--verbose']],
  ['a key given as a flag', ['status', '--key', CLI_KEY]],
  ['a key given as a flag with =', ['watch', `--personal-key=${CLI_KEY}`]],
  ['a key given as the command', [CLI_KEY]],
  ['an interval below 20', ['watch', '--interval', '10']],
  ['an interval that is not a number', ['watch', '--interval', 'soon']],
  ['a threshold below 5', ['watch', '--low-battery', '4']],
  ['a threshold above 95', ['watch', '--low-battery', '96']],
  ['malformed --locks', ['watch', '--locks', '48213,,x']],
  ['no key and no --demo', ['status'], { TEDEE_PERSONAL_KEY: undefined }],
  ['no key for watch either', ['watch'], { TEDEE_PERSONAL_KEY: '' }],
  ['plain http to another computer', ['status', '--api-url', 'http://tedee-proxy.example']],
  [
    'plain http to another computer from the environment',
    ['watch'],
    {
      TEDEE_API_URL: 'http://192.168.1.20:8080',
    },
  ],
  ['a key with a zero-width space', ['status'], { TEDEE_PERSONAL_KEY: 'pak-cli.Zm9y\u200BLXRl' }],
];

describe('usage errors', () => {
  it.each(USAGE_ERRORS)('exits 2 with one line on stderr for %s', async (_, args, env) => {
    const { code, stdout, stderr } = await runCli(args, env === undefined ? {} : { env });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^tedee-tray: [^\n]+\n$/);
  });

  it('says what the interval must be', async () => {
    const { stderr } = await runCli(['watch', '--interval', '10']);
    expect(stderr).toMatch(/at least 20 seconds/);
  });

  it('says why plain http to another computer is refused', async () => {
    const { stderr } = await runCli(['status', '--api-url', 'http://tedee-proxy.example']);
    expect(stderr).toMatch(/^tedee-tray: --api-url: http:\/\/ is allowed only for this computer/);
  });

  it('points a key typed on the command line to TEDEE_PERSONAL_KEY without repeating it', async () => {
    const { stderr } = await runCli(['status', '--key', CLI_KEY]);
    expect(stderr).toMatch(/TEDEE_PERSONAL_KEY/);
    expect(stderr).not.toContain(CLI_KEY);
  });

  it('prints help on stdout and exits 0', async () => {
    const { code, stdout, stderr } = await runCli(['--help'], {
      env: { TEDEE_PERSONAL_KEY: undefined },
    });
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toMatch(/^Watch Tedee smart locks/);
    expect(stdout).toMatch(/TEDEE_PERSONAL_KEY/);
  });
});
