// @ts-check
/**
 * Mutation testing: Stryker changes the code in small ways and checks that some test fails.
 * Survivors that cannot be killed are listed in stryker-equivalent.md. `npm run test:mutation`
 * runs the scope below in parts (scripts/mutation/mutation-parts.ts), each against its own tests
 * and with its own incremental file; those options override the ones here.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: [
    'main/engine/**/*.ts',
    'main/tedee/**/*.ts',
    'main/settings/**/*.ts',
    'main/cli/**/*.ts',
    'main/shell/{ipc,main-window,app-protocol,key-vault,rotating-log}.ts',
    'main/bridge/**/*.ts',
  ],
  coverageAnalysis: 'perTest',
  // Static mutants (code that runs when a module is imported: limits, defaults, schemas) run
  // every test that imports their file, and take most of the time (Stryker's estimate for
  // main/settings: 55 of 239 mutants, 80 % of the time). They stay in: those constants are what
  // the tests must pin (20 000 ms, 350/h, the default settings).
  ignoreStatic: false,
  // No type checker: @stryker-mutator/typescript-checker needs TypeScript's JavaScript API,
  // which TypeScript 7 no longer ships. Mutants that would not compile fail a test instead.
  checkers: [],
  // Stryker rewrites the tsconfig it copies into its sandbox with TypeScript's JavaScript API
  // (ts.parseConfigFileTextToJson), which TypeScript 7 lacks. Our tsconfig has no `extends` or
  // `references` to rewrite, so a name that matches no file skips that step.
  tsconfigFile: 'no-tsconfig-rewrite-needed.json',
  // Only mutants whose code or tests changed since the last run are tested again.
  incremental: true,
  // The initial run of every in-process test with per-test coverage (a plain `stryker run`)
  // took over Stryker's default five minutes here.
  dryRunTimeoutMinutes: 30,
  incrementalFile: 'reports/stryker-incremental.json',
  // Two cores, shared with other work.
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: 90 },
  ignorePatterns: ['dist', 'release', 'coverage', 'bench-results', 'test-results', '.ci/node'],
};
