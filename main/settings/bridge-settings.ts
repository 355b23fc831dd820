/**
 * The Tedee Bridge settings (live mode, issue 8): whether the app talks to the bridge's local
 * API, where the bridge is, how the token is sent, and where the bridge calls back. The token
 * itself is not a setting: it is kept encrypted like the Personal Access Key (key-vault.ts).
 *
 * Pure (zod and the bridge address rules only): the window checks what the user types with the
 * same schema, so its messages are the ones main would answer.
 */
import { z } from 'zod';
import { addressScope, parseBridgeAddress } from '../bridge/bridge-address.ts';

export const BRIDGE_AUTH_MODES = ['encrypted', 'plain'] as const;

/** Below 1024 a port needs administrator rights on macOS and Linux. */
export const CALLBACK_PORT_RANGE = { min: 1024, max: 65_535 } as const;
/**
 * The engine's limits (main/engine/bridge-connection.ts) written again: that module names the
 * token mode of main/bridge, which needs Node, and this one is bundled into the window.
 */
export const LAN_POLL_SECONDS_RANGE = { min: 1, max: 60 } as const;
export const DEFAULT_LAN_POLL_SECONDS = 3;

const MAX_ADDRESS_LENGTH = 100;

/** '' while no bridge is set up; otherwise what parseBridgeAddress accepts, as the user typed it. */
export const bridgeAddressSchema = z
  .string()
  .max(MAX_ADDRESS_LENGTH, `The bridge address must be at most ${MAX_ADDRESS_LENGTH} characters.`)
  .trim()
  .superRefine((text, context) => {
    if (text === '') return;
    const parsed = parseBridgeAddress(text);
    if (!parsed.ok) context.addIssue({ code: 'custom', message: sentence(parsed.reason) });
  });

/**
 * This computer's address that the bridge calls, when the automatic choice (the address the
 * system uses toward the bridge) is wrong. An IP address on the local network: the callback
 * carries its secrets over plain http.
 */
export const callbackHostSchema = z
  .string()
  .trim()
  .refine(
    (host) => ['private', 'link-local', 'loopback'].includes(addressScope(host)),
    "The callback address must be one of this computer's IP addresses on the local network, such as 192.168.1.30.",
  )
  .nullable();

export const callbackPortSchema = z
  .number()
  .int('The callback port must be a whole number.')
  .min(
    CALLBACK_PORT_RANGE.min,
    `The callback port must be from ${CALLBACK_PORT_RANGE.min} to ${CALLBACK_PORT_RANGE.max}.`,
  )
  .max(
    CALLBACK_PORT_RANGE.max,
    `The callback port must be from ${CALLBACK_PORT_RANGE.min} to ${CALLBACK_PORT_RANGE.max}.`,
  )
  .nullable();

export const lanPollSecondsSchema = z
  .number()
  .int('Poll the bridge every whole number of seconds.')
  .min(
    LAN_POLL_SECONDS_RANGE.min,
    `Poll the bridge every ${LAN_POLL_SECONDS_RANGE.min} to ${LAN_POLL_SECONDS_RANGE.max} seconds.`,
  )
  .max(
    LAN_POLL_SECONDS_RANGE.max,
    `Poll the bridge every ${LAN_POLL_SECONDS_RANGE.min} to ${LAN_POLL_SECONDS_RANGE.max} seconds.`,
  );

export const bridgeSettingsSchema = z
  .object({
    enabled: z.boolean(),
    address: bridgeAddressSchema,
    authMode: z.enum(BRIDGE_AUTH_MODES),
    /** null: the local address toward the bridge, found when live mode starts. */
    callbackHost: callbackHostSchema,
    /** null: a free port chosen by the system at every start. */
    callbackPort: callbackPortSchema,
    /** How often the bridge is asked when its callbacks cannot reach this computer. */
    lanPollSeconds: lanPollSecondsSchema,
  })
  .superRefine(({ enabled, address }, context) => {
    if (enabled && address === '')
      context.addIssue({
        code: 'custom',
        path: ['address'],
        message: "Enter the bridge's address to turn live mode on.",
      });
  });
export type BridgeSettings = z.infer<typeof bridgeSettingsSchema>;

export const defaultBridgeSettings: BridgeSettings = {
  enabled: false,
  address: '',
  authMode: 'encrypted',
  callbackHost: null,
  callbackPort: null,
  lanPollSeconds: DEFAULT_LAN_POLL_SECONDS,
};

/** parseBridgeAddress's reasons are clauses; as a message they become a sentence. */
function sentence(reason: string): string {
  return `${reason.charAt(0).toUpperCase()}${reason.slice(1)}.`;
}
