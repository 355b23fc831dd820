import { describe, expect, it } from 'vitest';
import { tallyMutants } from '../../scripts/mutation/mutation-score.ts';

describe('tallyMutants', () => {
  it('counts killed and timed-out mutants as detected, survivors and uncovered ones as not', () => {
    const tally = tallyMutants([
      'Killed',
      'Killed',
      'Killed',
      'Timeout',
      'Survived',
      'NoCoverage',
      'Killed',
      'Killed',
    ]);
    expect(tally).toEqual({
      mutants: 8,
      killed: 5,
      timeout: 1,
      survived: 1,
      noCoverage: 1,
      score: 75,
    });
  });

  it('leaves mutants that did not compile, crashed or were ignored out of the score', () => {
    const tally = tallyMutants(['Killed', 'Survived', 'CompileError', 'RuntimeError', 'Ignored']);
    expect(tally.mutants).toBe(5);
    expect(tally.score).toBe(50);
  });

  it('has no score when no mutant counts', () => {
    expect(tallyMutants([]).score).toBeNull();
    expect(tallyMutants(['Ignored', 'CompileError']).score).toBeNull();
  });
});
