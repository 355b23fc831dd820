/**
 * The tests Stryker runs against each mutant (stryker.config.mjs). Only tests that load the
 * mutated sources in Vitest's own process can see a mutant, so the e2e tests (the built app),
 * the window tests (Chromium), the linter and packaging checks, and the CLI tests that spawn
 * `node main/cli.ts` are left out: they would pass on every mutant and cost time. The CLI
 * is covered in-process through runCli (test/cli/run-cli-*.test.ts).
 *
 * Isolation stays on. `isolate: false` (one worker and one module cache for all the files of a
 * run) cuts a plain `vitest run` of these tests from 44 s to 16 s of user CPU, but Stryker starts
 * a new worker for every mutant and runs few files in it: on main/settings/settings-patch.ts
 * (31 mutants) it used 32.0 s of user CPU against 32.8 s isolated, and vi.mock needs isolated
 * files.
 */
import { defineConfig } from 'vitest/config';
import baseConfig from './vitest.config.ts';

export default defineConfig({
  ...baseConfig,
  test: {
    ...baseConfig.test,
    exclude: [
      'test/e2e/**',
      'test/renderer/**',
      'test/electron/**',
      'test/lint/**',
      'test/packaging/**',
      'test/assets/**',
      'test/cli/cli-*.test.ts',
    ],
    // The e2e global setup builds dist/, which no test here reads.
    globalSetup: [],
  },
});
