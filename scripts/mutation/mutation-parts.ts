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

/** `main/<folder>/<name>.ts` for each name. */
const sources = (folder: string, ...names: string[]): string[] =>
  names.map((name) => `main/${folder}/${name}.ts`);
/** `test/<folder>/<name>.test.ts` for each name. */
const tests = (folder: string, ...names: string[]): string[] =>
  names.map((name) => `test/${folder}/${name}.test.ts`);

export const MUTATION_PARTS: readonly MutationPart[] = [
  {
    name: 'engine-a-small',
    mutate: sources(
      'engine',
      'sync-guard',
      'sliding-window-limit',
      'backoff',
      'clock',
      'live-status',
      'bridge-connection',
      'monitor-snapshot',
    ),
    testFiles: tests(
      'engine',
      'request-gates',
      'lock-monitor-failures',
      'clock',
      'lock-monitor-state',
    ),
  },
  {
    name: 'engine-a-gates',
    mutate: sources('engine', 'monitor-phase', 'request-gates'),
    testFiles: tests('engine', 'monitor-phase', 'request-gates'),
  },
  {
    name: 'engine-a-locks',
    mutate: sources('engine', 'monitored-locks'),
    testFiles: tests('engine', 'monitored-locks'),
  },
  {
    name: 'engine-a-settings',
    mutate: sources('engine', 'monitor-settings'),
    testFiles: tests('engine', 'monitor-settings'),
  },
  {
    name: 'engine-a-poll-unit',
    mutate: sources('engine', 'poll-cycle'),
    testFiles: tests('engine', 'poll-cycle'),
  },
  {
    name: 'engine-a-monitor',
    mutate: sources('engine', 'lock-monitor'),
    testFiles: tests(
      'engine',
      'lock-monitor-polling',
      'lock-monitor-failures',
      'lock-monitor-state',
      'lock-monitor-holds',
      'tedee-limits',
    ),
  },
  {
    name: 'engine-b-alert',
    mutate: sources('engine', 'alert-policy'),
    testFiles: tests(
      'engine',
      'alert-policy-delivery',
      'alert-policy-durations',
      'alert-policy-locks',
      'alert-policy.property',
      'activity-alerts',
    ),
  },
  {
    name: 'engine-b-tray',
    mutate: sources('engine', 'tray-status', 'problems-first'),
    testFiles: [
      ...tests('engine', 'tray-status', 'problems-first'),
      'test/app/tray-presentation.test.ts',
    ],
  },
  {
    name: 'engine-b-health',
    mutate: sources('engine', 'health-alerts', 'health-reads', 'key-expiry'),
    testFiles: tests(
      'engine',
      'health-alerts',
      'health-reads',
      'key-expiry',
      'alert-policy-delivery',
    ),
  },
  {
    name: 'engine-b-ops',
    mutate: sources(
      'engine',
      'lock-operations',
      'operation-outcome',
      'operation-path',
      'cloud-operation-path',
      'bridge-operation-path',
    ),
    testFiles: [
      ...tests(
        'engine',
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
    mutate: sources('engine', 'lock-history', 'activity-store', 'activity-alerts', 'activity-feed'),
    testFiles: tests(
      'engine',
      'lock-history',
      'activity-store',
      'activity-alerts',
      'activity-feed-steps',
      'activity-feed',
    ),
  },
  {
    name: 'bridge-a',
    mutate: sources(
      'bridge',
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
    testFiles: tests(
      'bridge',
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
    mutate: sources(
      'bridge',
      'bridge-client',
      'bridge-model',
      'bridge-normalise',
      'bridge-wire-schemas',
      'bridge-paths',
    ),
    testFiles: tests('bridge', 'bridge-client', 'bridge-operations', 'bridge-token-leak'),
  },
  {
    name: 'bridge-c',
    mutate: sources('bridge', 'callback-receiver', 'bridge-events'),
    testFiles: tests('bridge', 'callback-receiver', 'bridge-events'),
  },
  {
    name: 'bridge-d',
    mutate: sources('bridge', 'callback-registration'),
    testFiles: tests('bridge', 'callback-registration'),
  },
  {
    name: 'bridge-e',
    mutate: sources('bridge', 'live-bridge'),
    testFiles: tests('bridge', 'live-bridge'),
  },
  {
    name: 'tedee-model',
    mutate: sources(
      'tedee',
      'lock-enums',
      'normalise',
      'iso-time',
      'wire-schemas',
      'lock-model',
      'operation-model',
      'activity-model',
    ),
    testFiles: tests('tedee', 'lock-enums', 'normalise', 'client-parsing', 'client-requests'),
  },
  {
    name: 'tedee-client',
    mutate: sources(
      'tedee',
      'client',
      'activity-wire',
      'health-model',
      'health-wire-schemas',
      'own-key-expiry',
    ),
    testFiles: ['test/tedee/client-*.test.ts', 'test/tedee/health-client.test.ts'],
  },
  {
    name: 'tedee-base',
    mutate: sources(
      'tedee',
      'errors',
      'api-address',
      'api-paths',
      'capped-body',
      'timed-fetch',
      'retry-after',
      'personal-key-text',
      'activity-events',
    ),
    testFiles: tests(
      'tedee',
      'errors',
      'api-address',
      'api-paths',
      'capped-body',
      'timed-fetch',
      'retry-after',
      'personal-key-text',
      'activity-events',
      'client-requests',
    ),
  },
  {
    name: 'settings',
    mutate: ['main/settings/*.ts'],
    testFiles: ['test/settings/*.test.ts'],
  },
  {
    name: 'cli-parse',
    mutate: sources('cli', 'arguments', 'option-values', 'environment-secret'),
    testFiles: tests('cli', 'arguments'),
  },
  {
    name: 'cli-format',
    mutate: sources('cli', 'lines', 'lock-json', 'table', 'instance-id'),
    testFiles: tests('cli', 'lines', 'lock-json', 'table', 'instance-id'),
  },
  {
    name: 'cli-codes',
    mutate: sources('cli', 'exit-codes', 'help-text'),
    testFiles: tests('cli', 'run-cli'),
  },
  {
    name: 'cli-run',
    mutate: sources(
      'cli',
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
    testFiles: tests(
      'cli',
      'run-cli',
      'run-cli-bridge',
      'run-cli-operations',
      'run-cli-operations-bridge',
      'activity-command',
    ),
  },
  {
    name: 'cli-watch',
    mutate: sources('cli', 'run-watch'),
    testFiles: tests('cli', 'run-cli', 'run-cli-bridge', 'activity-command'),
  },
  {
    name: 'shell',
    mutate: sources('shell', 'ipc', 'app-protocol', 'main-window'),
    testFiles: tests('shell', 'ipc', 'ipc-operations', 'app-protocol', 'main-window'),
  },
  {
    name: 'shell-vault-log',
    mutate: sources('shell', 'key-vault', 'rotating-log'),
    testFiles: tests('shell', 'key-vault', 'rotating-log'),
  },
];
