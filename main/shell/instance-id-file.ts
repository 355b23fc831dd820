/**
 * This installation's id on the Tedee Bridge: the first segment of its callback path, kept in
 * the user-data folder so that a restarted app recognises its own leftover callback (and only
 * its own) and removes it. Made on first use; a missing, unreadable or damaged file gets a new
 * id, which costs only a leftover callback that its owner can no longer tell apart.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isValidInstanceId, newInstanceId } from '../bridge/callback-url.ts';
import type { Logger } from '../app/ports.ts';
import { writeFileAtomically } from './atomic-file.ts';
import { isMissingFile, messageOf } from './file-errors.ts';

export const INSTANCE_ID_FILE_NAME = 'bridge-instance-id';

/** The id from the file, made and written there when there is none; read once, then remembered. */
export function instanceIdFile(directory: string, logger: Logger): () => string {
  let id: string | null = null;
  return () => {
    id ??= readOrCreate(join(directory, INSTANCE_ID_FILE_NAME), logger);
    return id;
  };
}

function readOrCreate(file: string, logger: Logger): string {
  try {
    const stored = readFileSync(file, 'utf8').trim();
    if (isValidInstanceId(stored)) return stored;
    logger.warn('The bridge instance id file is damaged; a new id is made.');
  } catch (error) {
    if (!isMissingFile(error))
      logger.warn(`The bridge instance id could not be read: ${messageOf(error)}`);
  }
  const id = newInstanceId();
  try {
    writeFileAtomically(file, id);
  } catch (error) {
    // Live mode works with it all the same; the next start makes another.
    logger.warn(`The bridge instance id could not be saved: ${messageOf(error)}`);
  }
  return id;
}
