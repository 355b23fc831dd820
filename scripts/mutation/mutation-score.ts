/**
 * The mutation score of one or more Stryker runs, counted as Stryker counts it: a mutant that a
 * test killed or that made the tests time out is detected; one that survived or that no test ran
 * is not; mutants that did not compile, crashed the runner or were ignored do not count.
 */

/** The statuses of Stryker's MutantResult (@stryker-mutator/api/core), as its JSON report writes them. */
export type MutantStatus =
  | 'Killed'
  | 'Timeout'
  | 'Survived'
  | 'NoCoverage'
  | 'CompileError'
  | 'RuntimeError'
  | 'Ignored'
  | 'Pending';

export interface MutationTally {
  readonly mutants: number;
  readonly killed: number;
  readonly timeout: number;
  readonly survived: number;
  readonly noCoverage: number;
  /** Detected out of detected + undetected, in percent; null when no mutant counts. */
  readonly score: number | null;
}

export function tallyMutants(statuses: Iterable<MutantStatus>): MutationTally {
  let mutants = 0;
  const count: Partial<Record<MutantStatus, number>> = {};
  for (const status of statuses) {
    mutants += 1;
    count[status] = (count[status] ?? 0) + 1;
  }
  const killed = count.Killed ?? 0;
  const timeout = count.Timeout ?? 0;
  const survived = count.Survived ?? 0;
  const noCoverage = count.NoCoverage ?? 0;
  const detected = killed + timeout;
  const counted = detected + survived + noCoverage;
  return {
    mutants,
    killed,
    timeout,
    survived,
    noCoverage,
    score: counted === 0 ? null : (100 * detected) / counted,
  };
}
