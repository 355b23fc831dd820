/**
 * The bridge settings (live mode): read from the file one by one like every setting, changed by
 * the window with their own rules and messages, and never turned on without an address.
 */
import { describe, expect, it } from 'vitest';
import { defaultAppSettings } from '../../main/settings/app-settings.ts';
import { readSettings } from '../../main/settings/read-settings.ts';
import { applySettingsUpdate } from '../../main/settings/settings-update.ts';

const configured = {
  enabled: true,
  address: 'http://192.168.1.20',
  authMode: 'encrypted',
  callbackHost: null,
  callbackPort: null,
  lanPollSeconds: 3,
} as const;

describe('the bridge settings by default', () => {
  it('are off, without an address, encrypted, automatic callbacks, LAN polling every 3 s', () => {
    expect(defaultAppSettings.bridge).toEqual({
      enabled: false,
      address: '',
      authMode: 'encrypted',
      callbackHost: null,
      callbackPort: null,
      lanPollSeconds: 3,
    });
  });
});

describe('a bridge settings change from the window', () => {
  it('turns live mode on with an address, trimmed, and keeps the other settings', () => {
    const next = applySettingsUpdate(defaultAppSettings, {
      bridge: { enabled: true, address: '  http://192.168.1.20:8080 ' },
    });
    expect(next.bridge).toEqual({
      ...defaultAppSettings.bridge,
      enabled: true,
      address: 'http://192.168.1.20:8080',
    });
    expect(next.poll).toEqual(defaultAppSettings.poll);
  });

  it('refuses live mode without an address, saying what is missing', () => {
    expect(() => applySettingsUpdate(defaultAppSettings, { bridge: { enabled: true } })).toThrow(
      "Enter the bridge's address to turn live mode on.",
    );
  });

  it.each([
    [
      'https://192.168.1.20',
      'The bridge address must start with http:// (the bridge has no HTTPS).',
    ],
    ['http://8.8.8.8', '8.8.8.8 is not on the local network'],
    ['http://bridge.local', 'The bridge address must be an IP address'],
    ['http://192.168.1.20/v1.0', 'without a path'],
    ['http://user:pw@192.168.1.20', 'must not contain a user name or password'],
    ['192.168.1.20', 'is not a URL such as http://192.168.1.20'],
    [`http://192.168.1.20/${'a'.repeat(81)}`, 'The bridge address must be at most 100 characters.'],
  ])('refuses the address %s with its reason', (address, reason) => {
    expect(() => applySettingsUpdate(defaultAppSettings, { bridge: { address } })).toThrow(reason);
  });

  it.each([
    'http://10.0.0.7',
    'http://172.16.4.2:81',
    'http://169.254.10.1',
    'http://127.0.0.1:8080',
    'http://[fd00::20]',
    'http://[fe80::1]',
  ])('accepts the local address %s', (address) => {
    expect(applySettingsUpdate(defaultAppSettings, { bridge: { address } }).bridge.address).toBe(
      address,
    );
  });

  it('takes a callback host on the local network, and null for automatic', () => {
    const withHost = applySettingsUpdate(defaultAppSettings, {
      bridge: { callbackHost: ' 192.168.1.30 ' },
    });
    expect(withHost.bridge.callbackHost).toBe('192.168.1.30');
    for (const host of ['169.254.10.20', '127.0.0.1', 'fe80::1'])
      expect(
        applySettingsUpdate(defaultAppSettings, { bridge: { callbackHost: host } }).bridge
          .callbackHost,
      ).toBe(host);
    expect(
      applySettingsUpdate(withHost, { bridge: { callbackHost: null } }).bridge.callbackHost,
    ).toBeNull();
    for (const host of ['8.8.8.8', 'my-laptop', 'http://192.168.1.30'])
      expect(() =>
        applySettingsUpdate(defaultAppSettings, { bridge: { callbackHost: host } }),
      ).toThrow("The callback address must be one of this computer's IP addresses");
  });

  it('takes a callback port from 1024 to 65535, and null for a random one', () => {
    for (const port of [1024, 47_100, 65_535, null])
      expect(
        applySettingsUpdate(defaultAppSettings, { bridge: { callbackPort: port } }).bridge
          .callbackPort,
      ).toBe(port);
    for (const port of [0, 80, 1023, 65_536])
      expect(() =>
        applySettingsUpdate(defaultAppSettings, { bridge: { callbackPort: port } }),
      ).toThrow('The callback port must be from 1024 to 65535.');
    expect(() =>
      applySettingsUpdate(defaultAppSettings, { bridge: { callbackPort: 4000.5 } }),
    ).toThrow('The callback port must be a whole number.');
  });

  it('takes LAN polling from 1 to 60 s', () => {
    for (const seconds of [1, 60])
      expect(
        applySettingsUpdate(defaultAppSettings, { bridge: { lanPollSeconds: seconds } }).bridge
          .lanPollSeconds,
      ).toBe(seconds);
    for (const seconds of [0, 61])
      expect(() =>
        applySettingsUpdate(defaultAppSettings, { bridge: { lanPollSeconds: seconds } }),
      ).toThrow('Poll the bridge every 1 to 60 seconds.');
    expect(() =>
      applySettingsUpdate(defaultAppSettings, { bridge: { lanPollSeconds: 2.5 } }),
    ).toThrow('Poll the bridge every whole number of seconds.');
  });

  it('takes only the two token modes', () => {
    expect(
      applySettingsUpdate(defaultAppSettings, { bridge: { authMode: 'plain' } }).bridge.authMode,
    ).toBe('plain');
    expect(() =>
      applySettingsUpdate(defaultAppSettings, { bridge: { authMode: 'hashed' } } as never),
    ).toThrow();
  });
});

describe('the bridge settings read from the file', () => {
  it('keeps a good bridge section as it is', () => {
    const result = readSettings({ ...defaultAppSettings, bridge: configured });
    expect(result.settings.bridge).toEqual(configured);
    expect(result.resetFields).toEqual([]);
  });

  it('resets only a bad value and keeps the rest of the section', () => {
    const result = readSettings({
      ...defaultAppSettings,
      bridge: { ...configured, callbackPort: 22, lanPollSeconds: 5 },
    });
    expect(result.settings.bridge).toEqual({ ...configured, lanPollSeconds: 5 });
    expect(result.resetFields).toEqual(['bridge.callbackPort']);
  });

  it('turns live mode off as a whole when the address it needs is not usable', () => {
    const result = readSettings({
      ...defaultAppSettings,
      bridge: { ...configured, address: 'http://203.0.113.9' },
    });
    expect(result.settings.bridge).toEqual(defaultAppSettings.bridge);
    expect(result.resetFields).toEqual(['bridge']);
  });
});
