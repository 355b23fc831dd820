import { defineConfig } from 'vitest/config';

/** Lines that must run in `npm test`, per folder (README "Coverage"). */
const CORE = { lines: 95 };
const EDGE = { lines: 90 };

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Simulator tests use real loopback sockets; a generous timeout keeps a slow CI machine green.
    testTimeout: 20_000,
    // The e2e tests (test/e2e) run the built app; this builds dist/ when it is missing or stale.
    globalSetup: ['test/e2e/global-setup.ts'],
    // On with `--coverage` (npm test). Code runs in four places, all read as V8 coverage:
    coverage: {
      provider: 'v8',
      include: [
        // the test workers, which import the sources;
        'main/**/*.ts',
        'preload/**/*.ts',
        'renderer/**/*.ts',
        // the e2e tests' main process, the built dist/main (mapped back by tsc's source maps);
        'dist/main/**/*.js',
        // the scripts Chromium ran in the window tests (test/support/browser-coverage.ts);
        'coverage/browser-scripts/**/*.{js,cjs}',
      ],
      // and the CLI processes the tests spawn (test/cli/cli-process.ts passes NODE_V8_COVERAGE on).
      autoAttachSubprocess: true,
      // Built files map back to the sources above; only those belong in the report.
      excludeAfterRemap: true,
      reporter: [['text', { skipFull: true }], 'html', 'json-summary'],
      thresholds: {
        'main/tedee/**': CORE,
        'main/engine/**': CORE,
        'main/settings/**': CORE,
        'main/shell/**': CORE,
        'main/bridge/**': CORE,
        'main/cli/**': EDGE,
        'main/app/**': EDGE,
        'preload/**': EDGE,
        'renderer/**': EDGE,
      },
    },
  },
});
