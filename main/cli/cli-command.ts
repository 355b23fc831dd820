/**
 * What the command line asked for, fully checked: the run functions receive only this and
 * never look at argv or the environment themselves.
 */
import type { BridgeAuthMode } from '../bridge/bridge-token.ts';
import type { LockSelection } from '../engine/monitored-locks.ts';
import type { LockOperation } from '../tedee/operation-model.ts';
import type { EnvironmentSecret } from './environment-secret.ts';

export type Connection =
  /** The built-in simulator with the scripted demo locks; no key, no network. */
  | { kind: 'demo' }
  | { kind: 'tedee'; apiUrl: string; personalKey: EnvironmentSecret }
  /** `--bridge` without a Personal Access Key: the bridge alone (bridge-only mode). */
  | { kind: 'none' };

/** `--bridge` and its companions; the token comes only from TEDEE_BRIDGE_TOKEN. */
export interface BridgeOptions {
  /** `http://IP[:PORT]`, checked by parseBridgeAddress. */
  address: string;
  token: EnvironmentSecret;
  authMode: BridgeAuthMode;
  callbackHost: string | null;
  callbackPort: number | null;
  /** `--instance NAME`; null: the per-user id kept in the CLI's state file. */
  instance: string | null;
}

export interface StatusCommand {
  name: 'status';
  json: boolean;
  connection: Connection;
  bridge: BridgeOptions | null;
}

export interface WatchCommand {
  name: 'watch';
  intervalSeconds: number;
  lowBatteryPercent: number;
  selection: LockSelection;
  connection: Connection;
  bridge: BridgeOptions | null;
}

export interface ActivityCommand {
  name: 'activity';
  /** One lock, or every lock of the account (null). */
  lockId: number | null;
  /** Entries per lock, newest first. */
  limit: number;
  json: boolean;
  connection: Connection;
}

/** `lock ID`, `unlock ID --yes`, `pull ID --yes`: one operation, waited for to its end. */
export interface OperateCommand {
  name: 'operate';
  operation: LockOperation;
  lockId: number;
  connection: Connection;
  /** `--bridge`: the lock moves through the bridge when the bridge lists it. */
  bridge: BridgeOptions | null;
}

export type CliCommand =
  { name: 'help' } | StatusCommand | WatchCommand | ActivityCommand | OperateCommand;

/** A usage error carries one line for stderr. */
export type ParseOutcome = { ok: true; command: CliCommand } | { ok: false; message: string };
