/**
 * A start-up that fails, with the real main process: the user is told in a dialog, the log
 * says why, and the process exits with 1 rather than staying invisible with the
 * single-instance lock. Unhandled rejections and uncaught exceptions reach the log, redacted.
 * No window and no simulator are needed: the tray fails before either matters.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOG_FILE_NAME } from '../../main/shell/rotating-log.ts';
import { createFakeElectron } from './fake-electron/fake-electron.ts';
import type { FakeElectron } from './fake-electron/fake-electron.ts';
import { AddedProcessListeners } from './harness/process-listeners.ts';
import { waitFor } from './harness/wait-for.ts';

const MAIN_ENTRY = join(import.meta.dirname, '../../dist/main/index.js');
/** Shaped like Tedee's credentials, so the log and the dialog must redact it. */
const LEAKED = 'PersonalKey pak-e2e-STARTUP-5b1d7a20';
const TRAY_FAILURE = `The tray could not be created (${LEAKED})`;

let root = '';
let fake: FakeElectron;
const mainListeners = new AddedProcessListeners();

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tedee-e2e-startup-'));
  fake = createFakeElectron({
    paths: {
      userData: join(root, 'userData'),
      logs: join(root, 'logs'),
      exe: join(root, 'tedee-tray'),
      temp: tmpdir(),
    },
    version: '0.0.0-test',
  });
  class FailingTray {
    constructor() {
      throw new Error(TRAY_FAILURE);
    }
  }
  const exports = { ...fake.module.default, Tray: FailingTray };
  vi.doMock('electron', () => ({ ...exports, default: exports }));
  await import(pathToFileURL(MAIN_ENTRY).href);
  mainListeners.seal();
  fake.app.makeReady();
  await waitFor('main to exit', () => fake.app.exitCode !== null);
}, 30_000);

afterAll(() => {
  mainListeners.remove();
  rmSync(root, { recursive: true, force: true });
});

const log = (): string => readFileSync(join(root, 'userData', 'logs', LOG_FILE_NAME), 'utf8');

describe('a start-up that fails', () => {
  it('tells the user why in a dialog, without the secret, after ready', () => {
    const shown = fake.log.named('dialog.showErrorBox');
    expect(shown).toHaveLength(1);
    expect(shown[0]?.afterReady).toBe(true);
    const [title, content] = (shown[0]?.args ?? []) as [string, string];
    expect(title).toBe('Tedee Tray could not start');
    expect(content).toContain('The tray could not be created (PersonalKey [redacted])');
    expect(content).toContain(join(root, 'userData', 'logs'));
    expect(content).not.toContain(LEAKED);
  });

  it('writes the reason to the log, redacted', () => {
    expect(log()).toMatch(
      / error Start-up failed: Error: The tray could not be created \(PersonalKey \[redacted\]\)/,
    );
    expect(log()).not.toContain(LEAKED);
  });

  it('exits with 1, which releases the single-instance lock, instead of quitting through before-quit', () => {
    expect(fake.app.exitCode).toBe(1);
    expect(fake.log.named('app.quit')).toEqual([]);
  });
});

describe('failures outside any request', () => {
  it('logs an unhandled rejection and an uncaught exception, redacted', () => {
    expect(mainListeners.added.get('unhandledRejection')).toHaveLength(1);
    expect(mainListeners.added.get('uncaughtExceptionMonitor')).toHaveLength(1);
    mainListeners.added.get('unhandledRejection')?.[0]?.(new Error(`rejected with ${LEAKED}`));
    mainListeners.added.get('uncaughtExceptionMonitor')?.[0]?.(
      new TypeError(`thrown with ${LEAKED}`),
      'uncaughtException',
    );
    expect(log()).toMatch(
      / error Unhandled rejection: Error: rejected with PersonalKey \[redacted\]/,
    );
    expect(log()).toMatch(
      / error Uncaught exception \(uncaughtException\): TypeError: thrown with PersonalKey \[redacted\]/,
    );
    expect(log()).not.toContain(LEAKED);
  });
});
