/**
 * `activity`: the newest entries of each lock's activity log, once. One lock-list request,
 * then one activity request per lock; a key without DeviceActivity.Read ends it with exit 3
 * and a message that names the scope.
 */
import { ActivityDescriber } from '../tedee/activity-events.ts';
import type { Activity } from '../tedee/activity-model.ts';
import type { ActivityPage } from '../tedee/client.ts';
import { AuthError, ForbiddenError, MissingScopeError, TedeeError } from '../tedee/errors.ts';
import type { LockDetails } from '../tedee/lock-model.ts';
import { toActivityJson } from './activity-json.ts';
import type { CliIo } from './cli-io.ts';
import { EXIT_CODES } from './exit-codes.ts';
import type { ExitCode } from './exit-codes.ts';
import { toLine } from './lines.ts';
import { formatActivityTable } from './table.ts';

export interface ActivityReader {
  listLocks(signal?: AbortSignal): Promise<LockDetails[]>;
  listActivity(lockId: number, page: ActivityPage, signal?: AbortSignal): Promise<Activity[]>;
}

export interface ActivityRun {
  api: ActivityReader;
  lockId: number | null;
  limit: number;
  json: boolean;
  io: CliIo;
  signal: AbortSignal;
  timeZone?: string;
}

export async function runActivity(run: ActivityRun): Promise<ExitCode> {
  const { api, io, signal } = run;
  const describer = new ActivityDescriber((line) => io.err(line));
  try {
    const locks = await api.listLocks(signal);
    const chosen = run.lockId === null ? locks : locks.filter((lock) => lock.id === run.lockId);
    if (chosen.length === 0 && run.lockId !== null) {
      io.err(`Lock ${run.lockId} is not in this Tedee account.`);
      return EXIT_CODES.usage;
    }
    const entries: Activity[] = [];
    for (const lock of chosen)
      entries.push(...(await api.listActivity(lock.id, { elements: run.limit }, signal)));
    entries.sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || b.id - a.id);
    const texts = new Map(entries.map((entry) => [entry.id, describer.text(entry)]));
    const textOf = (entry: Activity) => texts.get(entry.id) ?? '';
    if (run.json) {
      io.out(toLine({ activities: entries.map((entry) => toActivityJson(entry, textOf(entry))) }));
    } else {
      const names = new Map(locks.map((lock) => [lock.id, lock.name]));
      io.out(
        formatActivityTable(
          entries.map((entry) => ({
            date: entry.date,
            lock: names.get(entry.lockId) ?? `Lock ${entry.lockId}`,
            text: textOf(entry),
          })),
          run.timeZone === undefined ? {} : { timeZone: run.timeZone },
        ),
      );
    }
    return EXIT_CODES.ok;
  } catch (error) {
    if (signal.aborted) return EXIT_CODES.interrupted;
    io.err(error instanceof TedeeError ? error.message : 'Unexpected error while asking Tedee.');
    if (
      error instanceof MissingScopeError ||
      error instanceof AuthError ||
      error instanceof ForbiddenError
    )
      return EXIT_CODES.keyRejected;
    if (error instanceof TedeeError) return EXIT_CODES.apiFailed;
    throw error;
  }
}
