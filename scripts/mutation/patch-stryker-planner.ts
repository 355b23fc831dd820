/**
 * Makes Stryker switch static mutants on before the tests import their module.
 *
 * Stryker 10.1.1 plans every mutant that has a test filter (which `coverageAnalysis: 'perTest'`
 * gives almost all of them) for activation at run time, after the test file has imported the
 * code. A static mutant (a constant, a table, a regular expression: code that runs at import)
 * is then never active, and is reported as survived although a test fails on the same edit made
 * by hand (stryker-js issues #6144 and #6209). The planner already knows which mutants can be
 * switched at run time (`canHotSwap`); the fix proposed upstream (stryker-js pull request #6145)
 * uses that for the activation too. `npm run test:mutation` makes that one-line change in
 * node_modules before every run, and stops with a message when the line is neither the buggy nor
 * the fixed one, so a Stryker upgrade is looked at instead of silently left unpatched.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const BUGGY_LINE = "mutantActivation: testFilter ? 'runtime' : 'static',";
const FIXED_LINE = "mutantActivation: canHotSwap ? 'runtime' : 'static',";

/** Applies the fix once; throws when Stryker's planner no longer has the line it fixes. */
export function patchStrykerPlanner(): void {
  const require = createRequire(import.meta.url);
  const corePackage = require.resolve('@stryker-mutator/core/package.json');
  const planner = join(dirname(corePackage), 'dist/src/mutants/mutant-test-planner.js');
  const source = readFileSync(planner, 'utf8');
  if (source.includes(FIXED_LINE)) return;
  if (!source.includes(BUGGY_LINE)) {
    throw new Error(
      `${planner} has neither the known bug nor its fix; ` +
        'check whether this Stryker version still needs the patch (stryker-js #6144).',
    );
  }
  writeFileSync(planner, source.replace(BUGGY_LINE, FIXED_LINE));
  console.log(
    'mutation: patched Stryker so static mutants are switched on before their module loads',
  );
}
