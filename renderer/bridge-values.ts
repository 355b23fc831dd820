/**
 * The Bridge section's fields as typed, checked with main's own bridge schemas (so the messages
 * are the ones main would answer) and turned into the change main expects: only the bridge
 * settings that differ, in their stored shape. An empty callback address or port means
 * "automatic" (null).
 */
import type { SettingsUpdate, WindowState } from '../preload/contract.ts';
import {
  bridgeAddressSchema,
  bridgeSettingsSchema,
  callbackHostSchema,
  callbackPortSchema,
  lanPollSecondsSchema,
} from '../main/settings/bridge-settings.ts';
import type { BridgeSettings } from '../main/settings/bridge-settings.ts';
import { settingsPatchBetween } from '../main/settings/settings-patch.ts';
import { wholeNumber } from './settings-values.ts';

type AppSettings = WindowState['settings'];

export interface BridgeDraft {
  enabled: boolean;
  address: string;
  authMode: BridgeSettings['authMode'];
  callbackHost: string;
  callbackPort: string;
  lanPollSeconds: string;
}

export type BridgeField = 'address' | 'callbackHost' | 'callbackPort' | 'lanPollSeconds';
export type BridgeDraftErrors = Partial<Record<BridgeField, string>>;
export type BridgeDraftCheck =
  { ok: true; update: SettingsUpdate } | { ok: false; errors: BridgeDraftErrors };

export function bridgeDraftOf(settings: BridgeSettings): BridgeDraft {
  return {
    enabled: settings.enabled,
    address: settings.address,
    authMode: settings.authMode,
    callbackHost: settings.callbackHost ?? '',
    callbackPort: settings.callbackPort === null ? '' : String(settings.callbackPort),
    lanPollSeconds: String(settings.lanPollSeconds),
  };
}

export function checkBridgeDraft(draft: BridgeDraft, current: AppSettings): BridgeDraftCheck {
  const errors: BridgeDraftErrors = {};
  const address = bridgeAddressSchema.safeParse(draft.address);
  if (!address.success) errors.address = firstMessage(address.error);

  const hostText = draft.callbackHost.trim();
  const host = callbackHostSchema.safeParse(hostText === '' ? null : hostText);
  if (!host.success) errors.callbackHost = firstMessage(host.error);

  const portText = draft.callbackPort.trim();
  const portNumber = portText === '' ? null : wholeNumber(portText);
  const port = callbackPortSchema.safeParse(portNumber);
  if (portText !== '' && portNumber === null)
    errors.callbackPort = 'Enter the callback port as a whole number, or leave it empty.';
  else if (!port.success) errors.callbackPort = firstMessage(port.error);

  const seconds = wholeNumber(draft.lanPollSeconds);
  const lanPoll = lanPollSecondsSchema.safeParse(seconds);
  if (seconds === null) errors.lanPollSeconds = 'Enter the polling interval in whole seconds.';
  else if (!lanPoll.success) errors.lanPollSeconds = firstMessage(lanPoll.error);

  if (!address.success || !host.success || !port.success || !lanPoll.success)
    return { ok: false, errors };
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  // The rule across fields (live mode needs an address) belongs to the address field.
  const bridge = bridgeSettingsSchema.safeParse({
    enabled: draft.enabled,
    address: address.data,
    authMode: draft.authMode,
    callbackHost: host.data,
    callbackPort: port.data,
    lanPollSeconds: lanPoll.data,
  });
  if (!bridge.success) return { ok: false, errors: { address: firstMessage(bridge.error) } };
  const { schemaVersion: _version, selection: _selection, ...patchable } = current;
  return { ok: true, update: settingsPatchBetween(current, { ...patchable, bridge: bridge.data }) };
}

function firstMessage(error: { issues: ReadonlyArray<{ message: string }> }): string {
  return error.issues[0]?.message ?? 'Not a valid value.';
}
