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

const engine = (...names: string[]): string[] => names.map((name) => `main/engine/${name}.ts`);
const engineTests = (...names: string[]): string[] =>
  names.map((name) => `test/engine/${name}.test.ts`);
const cli = (...names: string[]): string[] => names.map((name) => `main/cli/${name}.ts`);
const cliTests = (...names: string[]): string[] => names.map((name) => `test/cli/${name}.test.ts`);
const bridge = (...names: string[]): string[] => names.map((name) => `main/bridge/${name}.ts`);
const bridgeTests = (...names: string[]): string[] =>
  names.map((name) => `test/bridge/${name}.test.ts`);
const shell = (...names: string[]): string[] => names.map((name) => `main/shell/${name}.ts`);
const shellTests = (...names: string[]): string[] =>
  names.map((name) => `test/shell/${name}.test.ts`);

export const MUTATION_PARTS: readonly MutationPart[] = [
  {
    name: 'engine-a-small',
    mutate: engine(
      'sync-guard',
      'sliding-window-limit',
      'backoff',
      'clock',
      'live-status',
      'bridge-connection',
      'monitor-snapshot',
    ),
    testFiles: engineTests('request-gates', 'lock-monitor-failures', 'clock', 'lock-monitor-state'),
  },
  {
    name: 'engine-a-gates',
    mutate: engine('monitor-phase', 'request-gates'),
    testFiles: engineTests('monitor-phase', 'request-gates'),
  },
  {
    name: 'engine-a-locks',
    mutate: engine('monitored-locks'),
    testFiles: engineTests('monitored-locks'),
  },
  {
    name: 'engine-a-settings',
    mutate: engine('monitor-settings'),
    testFiles: engineTests('monitor-settings'),
  },
  {
    name: 'engine-a-poll-unit',
    mutate: engine('poll-cycle'),
    testFiles: engineTests('poll-cycle'),
  },
  {
    name: 'engine-a-monitor',
    mutate: engine('lock-monitor'),
    testFiles: engineTests(
      'lock-monitor-polling',
      'lock-monitor-failures',
      'lock-monitor-state',
      'lock-monitor-holds',
      'tedee-limits',
    ),
  },
  {
    name: 'engine-b-alert',
    mutate: engine('alert-policy'),
    testFiles: engineTests(
      'alert-policy-delivery',
      'alert-policy-durations',
      'alert-policy-locks',
      'alert-policy.property',
      'activity-alerts',
    ),
  },
  {
    name: 'engine-b-tray',
    mutate: engine('tray-status', 'problems-first'),
    testFiles: [
      ...engineTests('tray-status', 'problems-first'),
      'test/app/tray-presentation.test.ts',
    ],
  },
  {
    name: 'engine-b-health',
    mutate: engine('health-alerts', 'health-reads', 'key-expiry'),
    testFiles: engineTests('health-alerts', 'health-reads', 'key-expiry', 'alert-policy-delivery'),
  },
  {
    name: 'engine-b-ops',
    mutate: engine(
      'lock-operations',
      'operation-outcome',
      'operation-path',
      'cloud-operation-path',
      'bridge-operation-path',
    ),
    testFiles: [
      ...engineTests(
        'lock-operations-steps',
        'operation-paths',
        'lock-operations',
        'lock-operations-bridge',
      ),
      'test/bridge/bridge-operations.test.ts',
      'test/app/lock-operations-app.test.ts',
    ],
  },
  {
    name: 'engine-b-activity',
    mutate: engine('lock-history', 'activity-store', 'activity-alerts', 'activity-feed'),
    testFiles: engineTests(
      'lock-history',
      'activity-store',
      'activity-alerts',
      'activity-feed-steps',
      'activity-feed',
    ),
  },
  {
    name: 'bridge-a',
    mutate: bridge(
      'bridge-token',
      'callback-url',
      'same-secret',
      'bridge-address',
      'bridge-errors',
      'local-address',
      'read-body',
      'clock-sleep',
      'bridge-request-guard',
    ),
    testFiles: bridgeTests(
      'bridge-token',
      'callback-url',
      'bridge-address',
      'bridge-errors',
      'local-address',
      'callback-receiver',
      'bridge-request-guard.property',
      'clock-sleep',
      'read-body',
    ),
  },
  {
    name: 'bridge-b',
    mutate: bridge(
      'bridge-client',
      'bridge-model',
      'bridge-normalise',
      'bridge-wire-schemas',
      'bridge-paths',
    ),
    testFiles: bridgeTests('bridge-client', 'bridge-operations', 'bridge-token-leak'),
  },
  {
    name: 'bridge-c',
    mutate: bridge('callback-receiver', 'bridge-events'),
    testFiles: bridgeTests('callback-receiver', 'bridge-events'),
  },
  {
    name: 'bridge-d',
    mutate: bridge('callback-registration'),
    testFiles: bridgeTests('callback-registration'),
  },
  {
    name: 'bridge-e',
    mutate: bridge('live-bridge'),
    testFiles: bridgeTests('live-bridge'),
  },
  {
    name: 'tedee-model',
    mutate: [
      'lock-enums',
      'normalise',
      'iso-time',
      'wire-schemas',
      'lock-model',
      'operation-model',
      'activity-model',
    ].map((name) => `main/tedee/${name}.ts`),
    testFiles: ['lock-enums', 'normalise', 'client-parsing', 'client-requests'].map(
      (name) => `test/tedee/${name}.test.ts`,
    ),
  },
  {
    name: 'tedee-client',
    mutate: [
      'client',
      'activity-wire',
      'health-model',
      'health-wire-schemas',
      'own-key-expiry',
    ].map((name) => `main/tedee/${name}.ts`),
    testFiles: ['test/tedee/client-*.test.ts', 'test/tedee/health-client.test.ts'],
  },
  {
    name: 'tedee-base',
    mutate: [
      'errors',
      'api-address',
      'api-paths',
      'capped-body',
      'timed-fetch',
      'retry-after',
      'personal-key-text',
      'activity-events',
    ].map((name) => `main/tedee/${name}.ts`),
    testFiles: [
      'errors',
      'api-address',
      'api-paths',
      'capped-body',
      'timed-fetch',
      'retry-after',
      'personal-key-text',
      'activity-events',
      'client-requests',
    ].map((name) => `test/tedee/${name}.test.ts`),
  },
  {
    name: 'settings',
    mutate: ['main/settings/*.ts'],
    testFiles: ['test/settings/*.test.ts'],
  },
  {
    name: 'cli-parse',
    mutate: cli('arguments', 'option-values', 'environment-secret'),
    testFiles: cliTests('arguments'),
  },
  {
    name: 'cli-format',
    mutate: cli('lines', 'lock-json', 'table', 'instance-id'),
    testFiles: cliTests('lines', 'lock-json', 'table', 'instance-id'),
  },
  {
    name: 'cli-codes',
    mutate: cli('exit-codes', 'help-text'),
    testFiles: cliTests('run-cli'),
  },
  {
    name: 'cli-run',
    mutate: cli(
      'run-cli',
      'cli-command',
      'cli-io',
      'run-operation',
      'run-status',
      'run-activity',
      'bridge-reading',
      'demo-connection',
      'activity-json',
    ),
    testFiles: cliTests(
      'run-cli',
      'run-cli-bridge',
      'run-cli-operations',
      'run-cli-operations-bridge',
      'activity-command',
    ),
  },
  {
    name: 'cli-watch',
    mutate: cli('run-watch'),
    testFiles: cliTests('run-cli', 'run-cli-bridge', 'activity-command'),
  },
  {
    name: 'shell',
    mutate: shell('ipc', 'app-protocol', 'main-window'),
    testFiles: shellTests('ipc', 'ipc-operations', 'app-protocol', 'main-window'),
  },
  {
    name: 'shell-vault-log',
    mutate: shell('key-vault', 'rotating-log'),
    testFiles: shellTests('key-vault', 'rotating-log'),
  },
];
