import { globSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import strykerConfig from '../../stryker.config.mjs';
import { MUTATION_PARTS } from '../../scripts/mutation/mutation-parts.ts';

const files = (patterns: readonly string[]): string[] => globSync([...patterns]).sort();

describe('the parts of the mutation-testing scope', () => {
  it('mutate every file of the scope in stryker.config.mjs, each in one part only', () => {
    const inParts = MUTATION_PARTS.flatMap((part) => files(part.mutate));
    expect(inParts.sort()).toEqual(files(strykerConfig.mutate));
  });

  it('each have a name of their own and tests that exist', () => {
    const names = MUTATION_PARTS.map((part) => part.name);
    expect(new Set(names).size).toBe(names.length);
    for (const part of MUTATION_PARTS) {
      for (const pattern of part.testFiles) {
        expect(files([pattern]), `${part.name}: ${pattern}`).not.toEqual([]);
      }
    }
  });
});
