import type { PartialStrykerOptions } from '@stryker-mutator/api/core';

/** The types of stryker.config.mjs, for the mutation scripts and tests that read it. */
declare const config: PartialStrykerOptions & {
  mutate: string[];
  thresholds: { high: number; low: number; break: number };
};
export default config;
