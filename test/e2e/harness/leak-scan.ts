/**
 * Looks for secrets (Personal Access Keys, bridge tokens) in everything the app put out during a
 * test file: every call main made
 * into Electron (tray, menus, notifications, states sent to the window, window options, IPC
 * registrations), every IPC answer the page received, the page's console, problems, DOM and
 * form fields, main's console, and every file the app wrote (log, settings, key file).
 * Left out on purpose: what the page sent (setKey and setBridgeToken carry the secret in) and
 * the plaintext given to safeStorage.encryptStringAsync (the one place a secret must go).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { LOG_FILE_NAME } from '../../../main/shell/rotating-log.ts';
import type { E2eApp } from './e2e-app.ts';

interface Output {
  where: string;
  text: string;
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

async function outputsOf(app: E2eApp): Promise<Output[]> {
  const { fake, host, dirs } = app;
  const records = host.records;
  const pages = await host.openPages();
  const pageTexts = await Promise.all(pages.map((page) => page.content()));
  const fieldValues = await Promise.all(
    pages.map((page) =>
      page.evaluate<string>(
        '[...document.querySelectorAll("input, textarea")].map((field) => field.value).join("\\n")',
      ),
    ),
  );
  return [
    ...fake.log.calls.map((call, index) => ({
      where: `call #${index} ${call.api}`,
      text: JSON.stringify(call.args),
    })),
    ...records.results.map((entry) => ({
      where: `IPC result of ${entry.channel}`,
      text: JSON.stringify(entry.result),
    })),
    ...records.console.map((line) => ({ where: 'page console', text: line })),
    ...records.problems.map((line) => ({ where: 'page problem', text: line })),
    ...fake.problems.map((line) => ({ where: 'fake electron problem', text: line })),
    ...app.mainConsole().map((line) => ({ where: 'main console', text: line })),
    ...pageTexts.map((text) => ({ where: 'page DOM', text })),
    ...fieldValues.map((text) => ({ where: 'page form fields', text })),
    ...filesUnder(dirs.root).map((file) => ({
      where: `file ${relative(dirs.root, file)}`,
      text: readFileSync(file, 'latin1'),
    })),
  ];
}

/** Where each secret turned up, e.g. "key #1 in file logs/tedee-tray.log"; empty when nowhere. */
export async function findSecrets(app: E2eApp, secrets: readonly string[]): Promise<string[]> {
  const outputs = await outputsOf(app);
  // A scan that found no log would pass for the wrong reason.
  if (
    !outputs.some(
      (output) => output.where.startsWith('file ') && basename(output.where) === LOG_FILE_NAME,
    )
  ) {
    throw new Error(`the app wrote no ${LOG_FILE_NAME}: the scan would miss the log`);
  }
  return outputs.flatMap((output) =>
    secrets.flatMap((secret, index) =>
      output.text.includes(secret) ? [`key #${index + 1} in ${output.where}`] : [],
    ),
  );
}
