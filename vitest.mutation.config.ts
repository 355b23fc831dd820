/**
 * The tests Stryker runs against each mutant (stryker.config.mjs). Only tests that load the
 * mutated sources in Vitest's own process can see a mutant, so the e2e tests (the built app),
 * the window tests (Chromium), the linter and packaging checks, and the CLI tests that spawn
 * `node main/cli.ts` are left out: they would pass on every mutant and cost time. The CLI
 * is covered in-process through runCli (test/cli/run-cli-*.test.ts).
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
