/**
 * The whole CLI behind the entry point: parse, connect (to Tedee or the demo), run the
 * command, clean up. Takes argv, the environment and the writers, so tests can run it
 * in-process; main/cli.ts only wires it to the real process.
 */
import type { BridgeConnection } from '../engine/bridge-connection.ts';
import { DEFAULT_LAN_POLL_SECONDS } from '../engine/bridge-connection.ts';
import type { Clock } from '../engine/clock.ts';
import { originOf } from '../tedee/api-address.ts';
import { TedeeClient } from '../tedee/client.ts';
import { parseArguments } from './arguments.ts';
import type {
  ActivityCommand,
  BridgeOptions,
  Connection,
  StatusCommand,
  WatchCommand,
} from './cli-command.ts';
import type { CliIo } from './cli-io.ts';
import { startDemoConnection } from './demo-connection.ts';
import { EXIT_CODES } from './exit-codes.ts';
import type { ExitCode } from './exit-codes.ts';
import { helpText } from './help-text.ts';
import { instanceFilePath, persistentInstanceId } from './instance-id.ts';
import { runActivity } from './run-activity.ts';
import { runOperation } from './run-operation.ts';
import { runStatus } from './run-status.ts';
import { runWatch } from './run-watch.ts';

export interface CliRun {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  io: CliIo;
  /** Aborted by SIGINT or SIGTERM. */
  signal: AbortSignal;
  /** Simulated time for tests of lock operations; the system's clock otherwise. */
  clock?: Clock;
}

export async function runCli({ argv, env, io, signal, clock }: CliRun): Promise<ExitCode> {
  const parsed = parseArguments(argv, env);
  if (!parsed.ok) {
    io.err(parsed.message);
    return EXIT_CODES.usage;
  }
  const { command } = parsed;
  if (command.name === 'help') {
    io.out(helpText());
    return EXIT_CODES.ok;
  }
  const api = await connect(command.connection);
  if (command.connection.kind === 'demo' && command.name === 'watch') {
    io.err('Demo mode: three simulated locks; nothing is sent to Tedee. Stop with Ctrl+C.');
  }
  try {
    const bridge =
      command.name !== 'activity' && command.bridge
        ? await bridgeConnectionOf(command.bridge, env)
        : null;
    if (command.name === 'operate') {
      const { operation, lockId } = command;
      return await runOperation({
        api: api.api,
        bridge,
        operation,
        lockId,
        io,
        signal,
        ...(clock ? { clock } : {}),
      });
    }
    return await run(command, api.api, bridge, io, signal);
  } finally {
    await api.close();
  }
}

function run(
  command: StatusCommand | WatchCommand | ActivityCommand,
  api: TedeeClient | null,
  bridge: BridgeConnection | null,
  io: CliIo,
  signal: AbortSignal,
): Promise<ExitCode> {
  if (command.name === 'status') return runStatus({ api, bridge, json: command.json, io, signal });
  if (command.name === 'activity') {
    // Parsed without --bridge, the command always has a key (or the demo's); never bridge-only.
    if (api === null) return Promise.resolve(EXIT_CODES.usage);
    const { lockId, limit, json } = command;
    return runActivity({ api, lockId, limit, json, io, signal });
  }
  return runWatch({
    api,
    bridge,
    intervalSeconds: command.intervalSeconds,
    lowBatteryPercent: command.lowBatteryPercent,
    selection: command.selection,
    io,
    signal,
  });
}

async function bridgeConnectionOf(
  options: BridgeOptions,
  env: CliRun['env'],
): Promise<BridgeConnection> {
  return {
    address: options.address,
    // The token and the address come together, from the same environment and command line.
    token: options.token.reveal(),
    authMode: options.authMode,
    callbackHost: options.callbackHost,
    callbackPort: options.callbackPort,
    lanPollSeconds: DEFAULT_LAN_POLL_SECONDS,
    instanceId: options.instance ?? (await persistentInstanceId(instanceFilePath(env))),
  };
}

async function connect(
  connection: Connection,
): Promise<{ api: TedeeClient | null; close(): Promise<void> }> {
  if (connection.kind === 'none') return { api: null, close: async () => {} };
  if (connection.kind === 'demo') return startDemoConnection();
  const api = new TedeeClient({
    personalKey: connection.personalKey.reveal(),
    apiUrl: connection.apiUrl,
    // The key and the address come together, from the same command line or environment.
    keyOrigin: originOf(connection.apiUrl),
  });
  return { api, close: async () => {} };
}
