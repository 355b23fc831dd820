/**
 * Replacing a file as a whole. A crash or a full disk mid-write must leave the previous content
 * rather than half of the new, so the text goes to a temporary file beside it first and is
 * renamed over it (a rename within one folder is atomic).
 */
import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where the text waits before the rename; whoever deletes the file deletes this too. */
export function temporaryFileOf(file: string): string {
  return `${file}.tmp`;
}

/**
 * Writes `data` to `file`, readable by the user only: what this app keeps (the key, when the
 * doors were unlocked) is nobody else's business. Synchronous, so no other write to the same
 * file can run between the steps.
 */
export function writeFileAtomically(file: string, data: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = temporaryFileOf(file);
  // A stale temporary file keeps its old mode through writeFileSync, hence the remove and chmod.
  rmSync(temporary, { force: true });
  writeFileSync(temporary, data, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}
