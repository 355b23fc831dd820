/**
 * The lock history at rest: `history.json` in the userData folder, so the battery chart does
 * not start empty after every restart. Unlike the settings, a file that cannot be read is
 * neither kept aside nor reported to the user: the history just starts over, and the next save
 * replaces it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HistoryStore, Logger } from '../app/ports.ts';
import { writeFileAtomically } from './atomic-file.ts';
import { isMissingFile, messageOf } from './file-errors.ts';

export const HISTORY_FILE_NAME = 'history.json';
/** The activity logs (last 500 entries per lock), apart from the history: they change apart. */
export const ACTIVITY_FILE_NAME = 'activity.json';

export class HistoryFile implements HistoryStore {
  readonly #file: string;
  readonly #logger: Logger;
  /** What the file holds, for the log: "lock history", "activity log". */
  readonly #what: string;

  constructor(
    directory: string,
    logger: Logger,
    fileName = HISTORY_FILE_NAME,
    what = 'lock history',
  ) {
    this.#file = join(directory, fileName);
    this.#logger = logger;
    this.#what = what;
  }

  load(): unknown {
    let text: string;
    try {
      text = readFileSync(this.#file, 'utf8');
    } catch (error) {
      // No file yet is the first run, not a problem worth a line in the log.
      if (!isMissingFile(error))
        this.#logger.warn(
          `The ${this.#what} could not be read; it starts empty. ${messageOf(error)}`,
        );
      return null;
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      this.#logger.warn(`The ${this.#what} file is damaged; it starts empty. ${messageOf(error)}`);
      return null;
    }
  }

  save(json: unknown): void {
    writeFileAtomically(this.#file, JSON.stringify(json));
  }
}

/** @param directory Electron's userData folder in the app; a temp folder in tests. */
export function createHistoryFile(directory: string, logger: Logger): HistoryStore {
  return new HistoryFile(directory, logger);
}

/** @param directory Electron's userData folder in the app; a temp folder in tests. */
export function createActivityFile(directory: string, logger: Logger): HistoryStore {
  return new HistoryFile(directory, logger, ACTIVITY_FILE_NAME, 'activity log');
}
