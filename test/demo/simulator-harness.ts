/**
 * Shared set-up for the simulator tests: a fake clock, a tracked simulator that afterEach
 * closes, a GET over real loopback HTTP, and the zod schemas the client parses with.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { personalKeyAuthorization } from '../../main/tedee/api-paths.ts';
import {
  envelopeSchema,
  wireLockSchema,
  wireLockSyncSchema,
} from '../../main/tedee/wire-schemas.ts';
import { sampleLocks } from '../../main/demo/sample-locks.ts';
import { TedeeSimulator } from '../../main/demo/tedee-simulator.ts';
import type { TedeeSimulatorOptions } from '../../main/demo/tedee-simulator.ts';

export const KEY = 'pak-test.c2ltdWxhdG9y';

export const schemas = {
  lockList: envelopeSchema(wireLockSchema.array()),
  lock: envelopeSchema(wireLockSchema),
  syncAll: envelopeSchema(wireLockSyncSchema.array()),
  syncSingle: envelopeSchema(wireLockSyncSchema),
  /** A failure envelope: `result` must be absent, not merely null. */
  error: envelopeSchema(z.never()).extend({
    success: z.literal(false),
    statusCode: z.number().int(),
  }),
};

/** 2025-11-03 08:00:00 UTC: a whole hour, so the hourly window starts exactly here. */
export const HOUR_START = Date.UTC(2025, 10, 3, 8, 0, 0);

export interface FakeClock {
  now: () => number;
  advance: (ms: number) => void;
  set: (ms: number) => void;
}

export function fakeClock(start = HOUR_START): FakeClock {
  let time = start;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
    set: (ms) => {
      time = ms;
    },
  };
}

const running: TedeeSimulator[] = [];

/** Starts a simulator with the sample locks, one key and a fake clock, unless told otherwise. */
export async function startSimulator(options: Partial<TedeeSimulatorOptions> = {}) {
  const clock = fakeClock();
  const simulator = await TedeeSimulator.start({
    keys: [KEY],
    locks: sampleLocks(),
    now: clock.now,
    ...options,
  });
  running.push(simulator);
  return { simulator, clock };
}

export async function closeSimulators(): Promise<void> {
  await Promise.all(running.splice(0).map((simulator) => simulator.close()));
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: () => unknown;
}

export async function request(
  simulator: TedeeSimulator,
  path: string,
  init: { key?: string | null; method?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const key = init.key === undefined ? KEY : init.key;
  const response = await fetch(simulator.baseUrl + path, {
    method: init.method ?? 'GET',
    headers: {
      ...(key === null ? {} : { Authorization: personalKeyAuthorization(key) }),
      ...init.headers,
    },
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

/** The documentation samples in test/fixtures/tedee. */
export function docFixture(name: string): unknown {
  return JSON.parse(
    readFileSync(new URL(`../fixtures/tedee/${name}.json`, import.meta.url), 'utf8'),
  );
}
