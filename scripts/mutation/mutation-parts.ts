/**
 * The mutation-testing scope (issue 14), in parts. Each part runs its mutants only against the
 * tests that exercise them: Stryker's initial run over every in-process test, with per-test
 * coverage, takes longer than its five-minute limit here, and each mutant then runs every test
 * that touched it. A part's score is a lower bound (a test outside the part could still kill one
 * of its survivors). Each part keeps its own incremental file, committed to git, so a re-run
 * only tests the mutants whose code or covering tests changed.
 */
export interface MutationPart {
  /** Names the part's incremental file and report: reports/stryker-incremental-<name>.json. */
  readonly name: string;
  /** Files to mutate. */
  readonly mutate: readonly string[];
  /** The tests that may kill them. */
  readonly testFiles: readonly string[];
}

export const MUTATION_PARTS: readonly MutationPart[] = [];
