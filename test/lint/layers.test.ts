/**
 * The layer rule (scripts/lint/layers-plugin.js, table in .oxlintrc.json) run by oxlint on a
 * scratch copy of the project's layout: each import a layer forbids is reported, and the
 * imports it allows are not.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const OXLINT = join(process.cwd(), 'node_modules', '.bin', 'oxlint');

let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'tedee-tray-layers-'));
  // The scratch folder has no tsconfig or node_modules for the type-aware rules; the layer
  // rule needs neither.
  const config = readFileSync('.oxlintrc.json', 'utf8');
  if (!config.includes('"typeAware": true')) throw new Error('.oxlintrc.json changed shape');
  writeFileSync(
    join(scratch, '.oxlintrc.json'),
    config.replace('"typeAware": true', '"typeAware": false'),
  );
  cpSync('scripts/lint', join(scratch, 'scripts/lint'), { recursive: true });
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Lints one file with the given source; answers the layer messages oxlint printed. */
async function layerProblems(file: string, source: string): Promise<string[]> {
  const path = join(scratch, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, source);
  const { stdout } = await run(OXLINT, ['-f', 'unix', file], {
    cwd: scratch,
  }).catch((error: { stdout: string }) => error);
  rmSync(path);
  return stdout.split('\n').filter((line) => line.includes('tedee-tray(layers)'));
}

describe('layers', () => {
  it.each([
    ['main/engine/probe.ts', "import { app } from 'electron';"],
    ['main/tedee/probe.ts', "import { tray } from '../shell/tray.ts';"],
    ['main/cli/probe.ts', "import { x } from '../../main/app/tedee-tray-app.ts';"],
    ['main/settings/probe.ts', "import type { X } from '../../preload/contract.ts';"],
    ['main/demo/probe.ts', "export { start } from '../index.ts';"],
    ['main/app/probe.ts', "import { BrowserWindow } from 'electron';"],
    ['main/app/probe.ts', "import { createTray } from '../shell/tray.ts';"],
    ['preload/index.ts', "import { readFileSync } from 'node:fs';"],
    [
      'preload/index.ts',
      "import { applySettingsUpdate } from '../main/settings/settings-update.ts';",
    ],
    ['renderer/probe.ts', "import { readFile } from 'node:fs/promises';"],
    ['renderer/probe.ts', "import { createClient } from '../main/tedee/client.ts';"],
    ['renderer/probe.ts', "const fs = await import('fs');"],
    ['main/engine/monitor-settings.ts', "import { join } from 'node:path';"],
    ['main/settings/settings-patch.ts', "import { join } from 'node:path';"],
    ['main/settings/settings-tree.ts', "import { join } from 'node:path';"],
    [
      'renderer/probe.ts',
      "import { applySettingsUpdate } from '../main/settings/settings-update.ts';",
    ],
  ])('%s may not say %s', async (file, source) => {
    const problems = await layerProblems(file, source);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`${file} may not import`);
  });

  it.each([
    ['main/engine/probe.ts', "import { z } from 'zod';\nimport { x } from '../tedee/client.ts';"],
    ['main/app/probe.ts', "import type { X } from '../../preload/contract.ts';"],
    ['main/shell/probe.ts', "import { app } from 'electron';"],
    [
      'preload/index.ts',
      "import { contextBridge } from 'electron';\nimport { API_GLOBAL } from './contract.ts';",
    ],
    [
      'renderer/probe.ts',
      "import { LOCK_STATES } from '../main/tedee/lock-enums.ts';\nimport { el } from './dom.ts';",
    ],
    [
      'preload/contract.ts',
      "import { settingsPatchSchema } from '../main/settings/settings-patch.ts';",
    ],
    [
      'renderer/probe.ts',
      "import { settingsPatchBetween } from '../main/settings/settings-patch.ts';",
    ],
  ])('%s may say %s', async (file, source) => {
    expect(await layerProblems(file, source)).toEqual([]);
  });
});
