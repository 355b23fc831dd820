import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALERT_KINDS, projectedRequestsPerHour } from '../../main/engine/monitor-settings.ts';
import { appSettingsSchema } from '../../main/settings/app-settings.ts';
import type { AppSettings } from '../../main/settings/app-settings.ts';
import { readSettings } from '../../main/settings/read-settings.ts';

const pollArbitrary = fc.integer({ min: 20, max: 3600 }).chain((intervalSeconds) =>
  fc.record({
    intervalSeconds: fc.constant(intervalSeconds),
    budgetPerHour: fc.integer({ min: projectedRequestsPerHour(intervalSeconds), max: 700 }),
  }),
);

const enabledArbitrary = fc.record(
  Object.fromEntries(ALERT_KINDS.map((kind) => [kind, fc.boolean()])) as Record<
    (typeof ALERT_KINDS)[number],
    fc.Arbitrary<boolean>
  >,
);

const validSettings: fc.Arbitrary<AppSettings> = fc.record({
  schemaVersion: fc.constant(1 as const),
  poll: pollArbitrary,
  alerts: fc.record({
    enabled: enabledArbitrary,
    lowBatteryPercent: fc.integer({ min: 5, max: 95 }),
    leftUnlockedMinutes: fc.integer({ min: 1, max: 1440 }),
    doorOpenMinutes: fc.integer({ min: 1, max: 1440 }),
    snoozeUntil: fc.option(fc.integer({ min: 0, max: 4_102_444_800_000 }), { nil: null }),
  }),
  selection: fc.oneof(
    fc.constant('all' as const),
    fc.record({
      serials: fc.array(fc.string({ minLength: 1, maxLength: 100 }), { maxLength: 20 }),
    }),
  ),
  startAtLogin: fc.boolean(),
  apiUrl: fc.constantFrom(
    'https://api.tedee.com',
    'https://proxy.example.com/tedee',
    'http://127.0.0.1:8123',
    'http://localhost:9000',
  ),
});

/** Either a good value or any JSON in its place, at every level: the shape a hand-edited file has. */
function sometimesBroken<T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: good },
    { weight: 1, arbitrary: fc.jsonValue() },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

const damagedSettings: fc.Arbitrary<unknown> = fc.record({
  schemaVersion: sometimesBroken(fc.constantFrom(0, 1, 2)),
  poll: sometimesBroken(
    fc.record({
      intervalSeconds: sometimesBroken(fc.integer({ min: 0, max: 200 })),
      budgetPerHour: sometimesBroken(fc.integer({ min: 0, max: 800 })),
    }),
  ),
  alerts: sometimesBroken(
    fc.record({
      enabled: sometimesBroken(
        fc.record(
          Object.fromEntries(ALERT_KINDS.map((kind) => [kind, sometimesBroken(fc.boolean())])),
        ),
      ),
      lowBatteryPercent: sometimesBroken(fc.integer({ min: 0, max: 100 })),
      snoozeUntil: sometimesBroken(fc.option(fc.integer(), { nil: null })),
    }),
  ),
  selection: sometimesBroken(
    fc.oneof(fc.constant('all'), fc.record({ serials: fc.array(fc.string()) })),
  ),
  startAtLogin: sometimesBroken(fc.boolean()),
  apiUrl: sometimesBroken(fc.webUrl()),
  intervalSeconds: sometimesBroken(fc.integer({ min: 0, max: 200 })),
  selectedSerials: sometimesBroken(fc.array(fc.string())),
});

describe('readSettings properties', () => {
  it('gives settings the schema accepts for any JSON value, without throwing', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        expect(appSettingsSchema.safeParse(readSettings(raw).settings).success).toBe(true);
      }),
    );
  });

  it('gives settings the schema accepts for damaged settings files of every shape', () => {
    fc.assert(
      fc.property(damagedSettings, (raw) => {
        const { settings, resetFields } = readSettings(raw);
        expect(appSettingsSchema.safeParse(settings).success).toBe(true);
        expect(new Set(resetFields).size).toBe(resetFields.length);
      }),
    );
  });

  it('returns valid settings unchanged, reporting nothing', () => {
    fc.assert(
      fc.property(validSettings, (settings) => {
        expect(readSettings(structuredClone(settings))).toEqual({
          settings,
          resetFields: [],
          futureVersion: null,
        });
      }),
    );
  });

  it('keeps every other top-level field when one of them is replaced by junk', () => {
    const fields = ['poll', 'alerts', 'selection', 'startAtLogin', 'apiUrl'] as const;
    fc.assert(
      fc.property(
        validSettings,
        fc.constantFrom(...fields),
        fc.jsonValue(),
        (settings, field, junk) => {
          const { settings: read } = readSettings({ ...structuredClone(settings), [field]: junk });
          for (const other of fields.filter((name) => name !== field))
            expect(read[other]).toEqual(settings[other]);
        },
      ),
    );
  });
});
