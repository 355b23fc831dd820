/**
 * What the command line asked for, fully checked: the run functions receive only this and
 * never look at argv or the environment themselves.
 */
import type { LockSelection } from '../engine/monitored-locks.ts';
import type { LockOperation } from '../tedee/operation-model.ts';
import type { PersonalKey } from './personal-key.ts';

export type Connection =
  /** The built-in simulator with the scripted demo locks; no key, no network. */
  { kind: 'demo' } | { kind: 'tedee'; apiUrl: string; personalKey: PersonalKey };

export interface StatusCommand {
  name: 'status';
  json: boolean;
  connection: Connection;
}

export interface WatchCommand {
  name: 'watch';
  intervalSeconds: number;
  lowBatteryPercent: number;
  selection: LockSelection;
  connection: Connection;
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
}

export type CliCommand =
  { name: 'help' } | StatusCommand | WatchCommand | ActivityCommand | OperateCommand;

/** A usage error carries one line for stderr. */
export type ParseOutcome = { ok: true; command: CliCommand } | { ok: false; message: string };
