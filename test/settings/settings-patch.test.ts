/**
 * The change the window sends: derived from the settings schema, so every setting can be sent
 * alone with its own rules, nothing else can be sent, and leaving a setting out leaves it alone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultAppSettings } from '../../main/settings/app-settings.ts';
import {
  mergeSettingsPatch,
  settingsPatchBetween,
  settingsPatchSchema,
} from '../../main/settings/settings-patch.ts';
import { isRecord } from '../../main/settings/settings-tree.ts';
import { validSettings } from './valid-settings-arbitrary.ts';

const { schemaVersion: _version, selection: _selection, ...patchable } = defaultAppSettings;

/** Every setting a patch may name, by its path, with its default: found from the data. */
function leavesOf(value: unknown, path: string[] = []): Array<[string[], unknown]> {
  if (!isRecord(value)) return [[path, value]];
  return Object.entries(value).flatMap(([key, inner]) => leavesOf(inner, [...path, key]));
}

/** `{ a: { b: value } }` for the path ['a', 'b']. */
function nested(path: string[], value: unknown): unknown {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}

const leaves = leavesOf(patchable);
const groups = [
  [],
  ['poll'],
  ['alerts'],
  ['alerts', 'enabled'],
  ['window'],
  ['bridge'],
  ['operations'],
];

describe('the settings patch schema', () => {
  it('knows every setting of the stored shape', () => {
    expect(leaves.map(([path]) => path.join('.'))).toEqual([
      'poll.intervalSeconds',
      'poll.budgetPerHour',
      'alerts.enabled.disconnected',
      'alerts.enabled.reconnected',
      'alerts.enabled.battery-low',
      'alerts.enabled.left-unlocked',
      'alerts.enabled.door-open',
      'alerts.enabled.api-unreachable',
      'alerts.enabled.key-rejected',
      'alerts.enabled.bridge-offline',
      'alerts.enabled.door-sensor-battery-low',
      'alerts.enabled.key-expiring',
      'alerts.enabled.unlocked',
      'alerts.enabled.jammed',
      'alerts.enabled.incorrect-pin',
      'alerts.lowBatteryPercent',
      'alerts.leftUnlockedMinutes',
      'alerts.doorOpenMinutes',
      'alerts.unlockedLockSerials',
      'alerts.snoozeUntil',
      'startAtLogin',
      'apiUrl',
      'keyExpiresOn',
      'window.compactAbove',
      'bridge.enabled',
      'bridge.address',
      'bridge.authMode',
      'bridge.callbackHost',
      'bridge.callbackPort',
      'bridge.lanPollSeconds',
      'operations.allowUnlock',
    ]);
  });

  it.each(leaves.map(([path, value]) => [path.join('.'), path, value] as const))(
    'takes %s alone, and fills in nothing beside it',
    (_name, path, value) => {
      expect(settingsPatchSchema.parse(nested(path, value))).toEqual(nested(path, value));
    },
  );

  it('takes the whole patchable settings unchanged, and an empty patch as empty', () => {
    expect(settingsPatchSchema.parse(patchable)).toEqual(patchable);
    expect(settingsPatchSchema.parse({})).toEqual({});
    expect(settingsPatchSchema.parse({ poll: {} })).toEqual({ poll: {} });
  });

  it.each(groups.map((path) => [path.join('.') || '(top)', path] as const))(
    'refuses a key that is not a setting in %s',
    (_name, path) => {
      const result = settingsPatchSchema.safeParse(nested(path, { jitter: 3 }));
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', path });
    },
  );

  it('refuses the version and the lock selection, which are not the window’s to set this way', () => {
    expect(settingsPatchSchema.safeParse({ schemaVersion: 1 }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ selection: 'all' }).success).toBe(false);
  });

  it('keeps each setting’s own rules and limits', () => {
    const refused = [
      { poll: { intervalSeconds: 19 } },
      { poll: { intervalSeconds: 'often' } },
      { alerts: { lowBatteryPercent: 200 } },
      { alerts: { snoozeUntil: -1 } },
      { alerts: { enabled: { 'door-open': 'yes' } } },
      { apiUrl: `https://example.com/${'a'.repeat(481)}` },
      { apiUrl: 'ftp://example.com' },
      { startAtLogin: 'yes' },
      { poll: 'fast' },
    ];
    for (const patch of refused) expect(settingsPatchSchema.safeParse(patch).success).toBe(false);
    const longest = `https://example.com/${'a'.repeat(480)}`;
    expect(longest).toHaveLength(500);
    expect(settingsPatchSchema.parse({ apiUrl: longest })).toEqual({ apiUrl: longest });
  });
});

describe('merging a patch and finding one', () => {
  it('merges groups key by key and replaces the settings it names', () => {
    expect(
      mergeSettingsPatch(defaultAppSettings, {
        poll: { budgetPerHour: 200 },
        alerts: { enabled: { 'door-open': true }, snoozeUntil: 5 },
      }),
    ).toEqual({
      ...defaultAppSettings,
      poll: { ...defaultAppSettings.poll, budgetPerHour: 200 },
      alerts: {
        ...defaultAppSettings.alerts,
        enabled: { ...defaultAppSettings.alerts.enabled, 'door-open': true },
        snoozeUntil: 5,
      },
    });
  });

  it('sends nothing for settings that did not change', () => {
    expect(settingsPatchBetween(defaultAppSettings, structuredClone(defaultAppSettings))).toEqual(
      {},
    );
  });

  it('sees a list of serials as unchanged only when it holds the same serials, in the same order', () => {
    const watching = mergeSettingsPatch(defaultAppSettings, {
      alerts: { unlockedLockSerials: ['10000001-000001', '10000001-000002'] },
    }) as typeof defaultAppSettings;
    const same = structuredClone(watching);
    expect(settingsPatchBetween(watching, same)).toEqual({});
    const reordered = structuredClone(watching);
    reordered.alerts.unlockedLockSerials = ['10000001-000002', '10000001-000001'];
    expect(settingsPatchBetween(watching, reordered)).toEqual({
      alerts: { unlockedLockSerials: ['10000001-000002', '10000001-000001'] },
    });
    const oneReplaced = structuredClone(watching);
    oneReplaced.alerts.unlockedLockSerials = ['10000001-000001', '10000001-000003'];
    expect(settingsPatchBetween(watching, oneReplaced)).toEqual({
      alerts: { unlockedLockSerials: ['10000001-000001', '10000001-000003'] },
    });
  });

  it('finds the smallest patch between any two settings, which merges back to the second', () => {
    fc.assert(
      fc.property(validSettings, validSettings, (current, next) => {
        const { schemaVersion: _v, selection: _s, ...nextPatchable } = next;
        const patch = settingsPatchBetween(current, nextPatchable);
        expect(settingsPatchSchema.safeParse(patch).success).toBe(true);
        expect(mergeSettingsPatch(current, patch)).toEqual({ ...current, ...nextPatchable });
        for (const [path, value] of leavesOf(patch)) {
          const before = path.reduce<unknown>((inner, key) => (inner as never)[key], current);
          expect(value).not.toEqual(before);
        }
      }),
    );
  });
});
