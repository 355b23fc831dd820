/**
 * `npm run test:mutation [part ...] [--force] [--concurrency N]`: runs Stryker over each part of
 * the scope (mutation-parts.ts), one after the other, incrementally, then prints each part's
 * score and the score of them all, and fails when that total is below the break level of
 * stryker.config.mjs. The level applies to the whole scope, as issue 14 sets it, so a part's own
 * run does not break.
 */
import { parseArgs } from 'node:util';
import { Stryker } from '@stryker-mutator/core';
import strykerConfig from '../../stryker.config.mjs';
import { MUTATION_PARTS } from './mutation-parts.ts';
import type { MutationPart } from './mutation-parts.ts';
import { tallyMutants } from './mutation-score.ts';
import type { MutantStatus, MutationTally } from './mutation-score.ts';
import { patchStrykerPlanner } from './patch-stryker-planner.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { force: { type: 'boolean', default: false }, concurrency: { type: 'string' } },
});

const unknown = positionals.filter((name) => !MUTATION_PARTS.some((part) => part.name === name));
if (unknown.length > 0) {
  console.error(
    `mutation: no part named ${unknown.join(', ')}; the parts are ${MUTATION_PARTS.map((part) => part.name).join(', ')}`,
  );
  process.exit(2);
}
const parts =
  positionals.length === 0
    ? MUTATION_PARTS
    : MUTATION_PARTS.filter((part) => positionals.includes(part.name));

patchStrykerPlanner();

// Stryker merges each run's options into the config module's object in place, and every run
// shares that object: the levels are copied before the first run, and no run passes a `null`
// (Stryker's merge crashes on a `null` it finds there in the next run).
const { high, low, break: breakLevel } = strykerConfig.thresholds;

interface PartResult {
  readonly part: MutationPart;
  readonly tally: MutationTally;
  readonly statuses: readonly MutantStatus[];
  readonly seconds: number;
}

async function runPart(part: MutationPart): Promise<PartResult> {
  const started = performance.now();
  const results = await new Stryker({
    mutate: [...part.mutate],
    testFiles: [...part.testFiles],
    incrementalFile: `reports/stryker-incremental-${part.name}.json`,
    htmlReporter: { fileName: `reports/mutation/${part.name}.html` },
    reporters: ['clear-text', 'progress', 'html'],
    // Zero: a part's own score never breaks; the level applies to the whole scope, below.
    thresholds: { high, low, break: 0 },
    force: values.force,
    ...(values.concurrency === undefined ? {} : { concurrency: Number(values.concurrency) }),
  }).runMutationTest();
  const statuses = results.map((result) => result.status);
  return {
    part,
    statuses,
    tally: tallyMutants(statuses),
    seconds: (performance.now() - started) / 1000,
  };
}

const finished: PartResult[] = [];
for (const part of parts) {
  finished.push(await runPart(part));
}

const percent = (score: number | null): string =>
  score === null ? 'n/a' : `${score.toFixed(2)} %`;
const COLUMNS = ['part', 'mutants', 'killed', 'timeout', 'survived', 'no cov', 'score', 'time'];
const line = (cells: readonly (string | number)[]): string =>
  cells
    .map((cell, column) =>
      column === 0 ? String(cell).padEnd(16) : String(cell).padStart(COLUMNS[column]!.length + 4),
    )
    .join('');
const row = (name: string, tally: MutationTally, seconds: number): string =>
  line([
    name,
    tally.mutants,
    tally.killed,
    tally.timeout,
    tally.survived,
    tally.noCoverage,
    percent(tally.score),
    `${Math.round(seconds)} s`,
  ]);

console.log(line(COLUMNS));
for (const { part, tally, seconds } of finished) console.log(row(part.name, tally, seconds));
const total = tallyMutants(finished.flatMap((result) => result.statuses));
const totalSeconds = finished.reduce((sum, result) => sum + result.seconds, 0);
console.log(row('all', total, totalSeconds));

if (total.score !== null && total.score < breakLevel) {
  console.error(
    `mutation: the score of the scope, ${percent(total.score)}, is below the break level of ${breakLevel} %`,
  );
  process.exitCode = 1;
}
