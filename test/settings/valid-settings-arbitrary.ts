/** Any settings the schema accepts, for property tests of reading and changing them. */
import fc from 'fast-check';
import {
  ALERT_KINDS,
  OPERATION_RESERVE_PER_HOUR,
  projectedRequestsPerHour,
} from '../../main/engine/monitor-settings.ts';
import type { AppSettings } from '../../main/settings/app-settings.ts';

const pollArbitrary = fc.integer({ min: 20, max: 3600 }).chain((intervalSeconds) =>
  fc.record({
    intervalSeconds: fc.constant(intervalSeconds),
    budgetPerHour: fc.integer({
      min: projectedRequestsPerHour(intervalSeconds) + OPERATION_RESERVE_PER_HOUR,
      max: 700,
    }),
  }),
);

const enabledArbitrary = fc.record(
  Object.fromEntries(ALERT_KINDS.map((kind) => [kind, fc.boolean()])) as Record<
    (typeof ALERT_KINDS)[number],
    fc.Arbitrary<boolean>
  >,
);

export const validSettings: fc.Arbitrary<AppSettings> = fc.record({
  schemaVersion: fc.constant(1 as const),
  poll: pollArbitrary,
  alerts: fc.record({
    enabled: enabledArbitrary,
    lowBatteryPercent: fc.integer({ min: 5, max: 95 }),
    leftUnlockedMinutes: fc.integer({ min: 1, max: 1440 }),
    doorOpenMinutes: fc.integer({ min: 1, max: 1440 }),
    unlockedLockSerials: fc.option(
      fc.array(fc.string({ minLength: 1, maxLength: 100 }), { maxLength: 20 }),
      { nil: null },
    ),
    snoozeUntil: fc.option(fc.integer({ min: 0, max: 4_102_444_800_000 }), { nil: null }),
  }),
  selection: fc.oneof(
    fc.constant('all' as const),
    fc.record({
      serials: fc.array(fc.string({ minLength: 1, maxLength: 100 }), { maxLength: 20 }),
    }),
  ),
  startAtLogin: fc.boolean(),
  keyExpiresOn: fc.option(
    fc
      .date({
        min: new Date('2020-01-01T00:00:00Z'),
        max: new Date('2100-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((date) => date.toISOString().slice(0, 10)),
    { nil: null },
  ),
  apiUrl: fc.constantFrom(
    'https://api.tedee.com',
    'https://proxy.example.com/tedee',
    'http://127.0.0.1:8123',
    'http://localhost:9000',
  ),
  window: fc.record({ compactAbove: fc.integer({ min: 0, max: 1000 }) }),
  bridge: fc
    .record({
      enabled: fc.boolean(),
      address: fc.constantFrom(
        '',
        'http://192.168.1.20',
        'http://10.0.0.7:8080',
        'http://[fe80::1]',
      ),
      authMode: fc.constantFrom('encrypted' as const, 'plain' as const),
      callbackHost: fc.constantFrom(null, '192.168.1.30', '127.0.0.1', 'fd00::5'),
      callbackPort: fc.option(fc.integer({ min: 1024, max: 65_535 }), { nil: null }),
      lanPollSeconds: fc.integer({ min: 1, max: 60 }),
    })
    // Live mode needs an address; the schema refuses it on without one.
    .map((bridge) => ({ ...bridge, enabled: bridge.enabled && bridge.address !== '' })),
  operations: fc.record({ allowUnlock: fc.boolean() }),
});
