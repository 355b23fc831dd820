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

export class HistoryFile implements HistoryStore {
  readonly #file: string;
  readonly #logger: Logger;

  constructor(directory: string, logger: Logger) {
    this.#file = join(directory, HISTORY_FILE_NAME);
    this.#logger = logger;
  }

  load(): unknown {
    let text: string;
    try {
      text = readFileSync(this.#file, 'utf8');
    } catch (error) {
      // No file yet is the first run, not a problem worth a line in the log.
      if (!isMissingFile(error))
        this.#logger.warn(
          `The lock history could not be read; it starts empty. ${messageOf(error)}`,
        );
      return null;
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      this.#logger.warn(
        `The lock history file is damaged; the history starts empty. ${messageOf(error)}`,
      );
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
