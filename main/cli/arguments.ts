/**
 * argv and the environment → a checked command, or the one-line usage error to print.
 *
 * node:util parseArgs runs non-strict and its tokens are checked here instead, so that every
 * mistake gets a message in the CLI's words and no message ever repeats a value the user
 * typed: a key pasted after a made-up `--key` flag must not come back on the terminal.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_API_URL } from '../tedee/api-paths.ts';
import { defaultAlertSettings, defaultPollSettings } from '../engine/monitor-settings.ts';
import type { BridgeOptions, CliCommand, Connection, ParseOutcome } from './cli-command.ts';
import { BRIDGE_TOKEN_VARIABLE, EnvironmentSecret, KEY_VARIABLE } from './environment-secret.ts';
import {
  checkActivityLimit,
  checkApiUrl,
  checkBridgeAddress,
  checkBridgeAuth,
  checkCallbackHost,
  checkCallbackPort,
  checkInstance,
  checkInterval,
  checkLockId,
  checkLockIds,
  checkLowBattery,
  DEFAULT_ACTIVITY_LIMIT,
} from './option-values.ts';
import type { Checked } from './option-values.ts';
import { LOCK_OPERATIONS } from '../tedee/operation-model.ts';
import type { LockOperation } from '../tedee/operation-model.ts';

export const API_URL_VARIABLE = 'TEDEE_API_URL';

type CommandName = 'status' | 'watch' | 'activity' | LockOperation;
const EVERY_COMMAND: readonly CommandName[] = ['status', 'watch', 'activity', ...LOCK_OPERATIONS];
/** activity reads the cloud's activity log, which the bridge does not keep. */
const BRIDGE_COMMANDS: readonly CommandName[] = ['status', 'watch', ...LOCK_OPERATIONS];
const COMMANDS: readonly string[] = EVERY_COMMAND;

interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** The commands that take it; the common flags list both. */
  for: readonly CommandName[];
}

const OPTIONS = {
  json: { type: 'boolean', for: ['status', 'activity'] },
  interval: { type: 'string', for: ['watch'] },
  locks: { type: 'string', for: ['watch'] },
  'low-battery': { type: 'string', for: ['watch'] },
  lock: { type: 'string', for: ['activity'] },
  limit: { type: 'string', for: ['activity'] },
  /** The consent to open a door from the command line; the app's switch does not apply here. */
  yes: { type: 'boolean', for: ['unlock', 'pull'] },
  'api-url': { type: 'string', for: EVERY_COMMAND },
  bridge: { type: 'string', for: BRIDGE_COMMANDS },
  'bridge-auth': { type: 'string', for: BRIDGE_COMMANDS },
  'callback-host': { type: 'string', for: ['watch'] },
  'callback-port': { type: 'string', for: ['watch'] },
  instance: { type: 'string', for: ['watch'] },
  demo: { type: 'boolean', for: EVERY_COMMAND },
  help: { type: 'boolean', short: 'h', for: EVERY_COMMAND },
} as const satisfies Record<string, OptionSpec>;
type OptionName = keyof typeof OPTIONS;

type Environment = Readonly<Record<string, string | undefined>>;

export function parseArguments(argv: readonly string[], env: Environment): ParseOutcome {
  const { tokens } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  // --help wins over everything else, as people reach for it exactly when something is wrong.
  if (tokens.some((token) => token.kind === 'option' && token.name === 'help'))
    return ok({ name: 'help' });

  let command: string | undefined;
  /** The word after lock, unlock or pull: the lock's id. */
  let target: string | undefined;
  const values = new Map<OptionName, string | true>();
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') {
      // Not echoed: the command itself is not checked yet and could be anything.
      if (command === undefined) command = token.value;
      else if (target === undefined && isOperation(command)) target = token.value;
      else return usage('Give one command and then only options (see --help).');
      continue;
    }
    if (!isOptionName(token.name)) return usage(unknownOptionMessage(token.rawName, token.name));
    const spec: OptionSpec = OPTIONS[token.name];
    if (spec.type === 'boolean') {
      if (token.value !== undefined) return usage(`${token.rawName} takes no value.`);
      values.set(token.name, true);
    } else {
      // Non-strict parseArgs takes the next word even when it is another flag.
      if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-'))) {
        return usage(`${token.rawName} needs a value.`);
      }
      values.set(token.name, token.value);
    }
  }

  if (command === undefined)
    return usage('Give a command: status, watch, activity, lock, unlock or pull (see --help).');
  if (command === 'help') return ok({ name: 'help' });
  if (!isCommandName(command)) return usage(unknownCommandMessage(command));
  for (const name of values.keys()) {
    const spec: OptionSpec = OPTIONS[name];
    if (!spec.for.includes(command))
      return usage(`--${name} is not an option of ${command} (see --help).`);
  }

  // The flags are checked before the key: a mistake in them is the more specific message.
  if (isOperation(command)) return operateCommand(command, target, values, env);
  if (command === 'status') {
    const bridge = bridgeOf(values, env);
    if (!bridge.ok) return usage(bridge.message);
    const connection = connectionOf(values, env, bridge.value !== null);
    if (!connection.ok) return usage(connection.message);
    return ok({
      name: 'status',
      json: values.has('json'),
      connection: connection.value,
      bridge: bridge.value,
    });
  }
  if (command === 'activity') return activityCommand(values, env);

  const interval = optional(
    values.get('interval'),
    checkInterval,
    defaultPollSettings.intervalSeconds,
  );
  if (!interval.ok) return usage(interval.message);
  const lowBattery = optional(
    values.get('low-battery'),
    checkLowBattery,
    defaultAlertSettings.lowBatteryPercent,
  );
  if (!lowBattery.ok) return usage(lowBattery.message);
  const selection = optional(values.get('locks'), checkLockIds, 'all');
  if (!selection.ok) return usage(selection.message);
  const bridge = bridgeOf(values, env);
  if (!bridge.ok) return usage(bridge.message);
  const connection = connectionOf(values, env, bridge.value !== null);
  if (!connection.ok) return usage(connection.message);
  return ok({
    name: 'watch',
    intervalSeconds: interval.value,
    lowBatteryPercent: lowBattery.value,
    selection: selection.value,
    connection: connection.value,
    bridge: bridge.value,
  });
}

const BRIDGE_COMPANIONS = ['bridge-auth', 'callback-host', 'callback-port', 'instance'] as const;

/** `--bridge URL` with its companions and TEDEE_BRIDGE_TOKEN, or null without --bridge. */
function bridgeOf(
  values: ReadonlyMap<OptionName, string | true>,
  env: Environment,
): Checked<BridgeOptions | null> {
  const addressText = values.get('bridge');
  if (typeof addressText !== 'string') {
    const stray = BRIDGE_COMPANIONS.find((name) => values.has(name));
    return stray
      ? { ok: false, message: `--${stray} goes with --bridge URL (see --help).` }
      : { ok: true, value: null };
  }
  if (values.has('demo'))
    return { ok: false, message: '--demo runs its own simulated Tedee; leave out --bridge.' };
  const address = checkBridgeAddress(addressText);
  if (!address.ok) return address;
  const authMode = optional(values.get('bridge-auth'), checkBridgeAuth, 'encrypted' as const);
  if (!authMode.ok) return authMode;
  const callbackHost = optional(values.get('callback-host'), checkCallbackHost, null);
  if (!callbackHost.ok) return callbackHost;
  const callbackPort = optional(values.get('callback-port'), checkCallbackPort, null);
  if (!callbackPort.ok) return callbackPort;
  const instance = optional(values.get('instance'), checkInstance, null);
  if (!instance.ok) return instance;

  const token = EnvironmentSecret.fromEnvironment(
    env[BRIDGE_TOKEN_VARIABLE.name],
    BRIDGE_TOKEN_VARIABLE,
  );
  if (token === null) {
    return {
      ok: false,
      message: `Set ${BRIDGE_TOKEN_VARIABLE.name} to the bridge's API token (Tedee app: Bridge → Settings → API).`,
    };
  }
  if (!(token instanceof EnvironmentSecret)) return { ok: false, message: token.problem };
  return {
    ok: true,
    value: {
      address: address.value,
      token,
      authMode: authMode.value,
      callbackHost: callbackHost.value,
      callbackPort: callbackPort.value,
      instance: instance.value,
    },
  };
}

function activityCommand(
  values: ReadonlyMap<OptionName, string | true>,
  env: Environment,
): ParseOutcome {
  const lockFlag = values.get('lock');
  const lockId =
    typeof lockFlag === 'string' ? checkLockId(lockFlag) : { ok: true as const, value: null };
  if (!lockId.ok) return usage(lockId.message);
  const limit = optional(values.get('limit'), checkActivityLimit, DEFAULT_ACTIVITY_LIMIT);
  if (!limit.ok) return usage(limit.message);
  const connection = connectionOf(values, env, false);
  if (!connection.ok) return usage(connection.message);
  return ok({
    name: 'activity',
    lockId: lockId.value,
    limit: limit.value,
    json: values.has('json'),
    connection: connection.value,
  });
}

function operateCommand(
  operation: LockOperation,
  target: string | undefined,
  values: ReadonlyMap<OptionName, string | true>,
  env: Environment,
): ParseOutcome {
  // Not echoed: a stray word could be a pasted secret.
  if (target === undefined || !/^\d{1,15}$/.test(target))
    return usage(`${operation} needs the lock's id, e.g. ${operation} 48213 (see status).`);
  if (operation !== 'lock' && !values.has('yes'))
    return usage(
      `${operation} opens the door: add --yes to confirm that you mean it (nothing was sent).`,
    );
  const bridge = bridgeOf(values, env);
  if (!bridge.ok) return usage(bridge.message);
  const connection = connectionOf(values, env, bridge.value !== null);
  if (!connection.ok) return usage(connection.message);
  return ok({
    name: 'operate',
    operation,
    lockId: Number(target),
    connection: connection.value,
    bridge: bridge.value,
  });
}

function isOperation(command: string): command is LockOperation {
  return (LOCK_OPERATIONS as readonly string[]).includes(command);
}

/**
 * The flag beats the environment, which beats Tedee's address; --demo needs neither nor a key.
 * With a bridge, no key means bridge-only.
 */
function connectionOf(
  values: ReadonlyMap<OptionName, string | true>,
  env: Environment,
  withBridge: boolean,
): Checked<Connection> {
  const apiUrlFlag = values.get('api-url');
  if (values.has('demo')) {
    if (apiUrlFlag !== undefined)
      return { ok: false, message: '--demo runs its own simulated Tedee; leave out --api-url.' };
    return { ok: true, value: { kind: 'demo' } };
  }
  const envUrl = nonEmpty(env[API_URL_VARIABLE]);
  const apiUrl =
    typeof apiUrlFlag === 'string'
      ? checkApiUrl(apiUrlFlag, '--api-url')
      : envUrl !== undefined
        ? checkApiUrl(envUrl, API_URL_VARIABLE)
        : { ok: true as const, value: DEFAULT_API_URL };
  if (!apiUrl.ok) return apiUrl;

  const key = EnvironmentSecret.fromEnvironment(env[KEY_VARIABLE.name], KEY_VARIABLE);
  if (key === null) {
    if (withBridge) return { ok: true, value: { kind: 'none' } };
    return {
      ok: false,
      message: `Set ${KEY_VARIABLE.name} to a Tedee Personal Access Key, or try --demo.`,
    };
  }
  if (!(key instanceof EnvironmentSecret)) return { ok: false, message: key.problem };
  return { ok: true, value: { kind: 'tedee', apiUrl: apiUrl.value, personalKey: key } };
}

function optional<Value>(
  text: string | true | undefined,
  check: (text: string) => Checked<Value>,
  fallback: Value,
): Checked<Value> {
  return typeof text === 'string' ? check(text) : { ok: true, value: fallback };
}

function unknownOptionMessage(rawName: string, name: string): string {
  if (/key|token|pak|secret|passw/i.test(name)) {
    return `The key is never given on the command line (it would show in the process list and shell history): set ${KEY_VARIABLE.name}, or ${BRIDGE_TOKEN_VARIABLE.name} for a bridge.`;
  }
  return `${printable(rawName) ?? 'That'} is not an option (see --help).`;
}

function unknownCommandMessage(command: string): string {
  const name = printable(command);
  return name
    ? `Unknown command "${name}": use status, watch, activity, lock, unlock or pull (see --help).`
    : 'Unknown command: use status, watch, activity, lock, unlock or pull (see --help).';
}

/** Echoes a word only when it plainly is one; anything else could be a pasted secret. */
function printable(text: string): string | null {
  return /^-{0,2}[a-z][a-z-]{0,23}$/i.test(text) ? text : null;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function isOptionName(name: string): name is OptionName {
  return Object.hasOwn(OPTIONS, name);
}

function isCommandName(name: string): name is CommandName {
  return COMMANDS.includes(name);
}

function ok(command: CliCommand): ParseOutcome {
  return { ok: true, command };
}

function usage(message: string): ParseOutcome {
  return { ok: false, message };
}
