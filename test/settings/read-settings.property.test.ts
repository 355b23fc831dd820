import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALERT_KINDS } from '../../main/engine/monitor-settings.ts';
import { appSettingsSchema } from '../../main/settings/app-settings.ts';
import { readSettings } from '../../main/settings/read-settings.ts';
import { validSettings } from './valid-settings-arbitrary.ts';

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
    const fields = [
      'poll',
      'alerts',
      'selection',
      'startAtLogin',
      'apiUrl',
      'keyExpiresOn',
    ] as const;
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
