/**
 * Replacing a file as a whole. A crash, a power cut or a full disk mid-write must leave the
 * previous content rather than half of the new, so the text goes to a temporary file beside it
 * first, is flushed to the disk, and is renamed over it (a rename within one folder is atomic);
 * then the folder is flushed, so that the rename itself survives a power cut.
 */
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';

/** Where the text waits before the rename; whoever deletes the file deletes this too. */
export function temporaryFileOf(file: string): string {
  return `${file}.tmp`;
}

/**
 * Writes `data` to `file`, readable by the user only: what this app keeps (the key, the
 * settings, when the doors were unlocked) is nobody else's business. Synchronous, so no other
 * write to the same file can run between the steps.
 *
 * @param platform Windows cannot open a folder to flush it (NTFS journals the rename itself).
 */
export function writeFileAtomically(
  file: string,
  data: string,
  platform: NodeJS.Platform = process.platform,
): void {
  const folder = dirname(file);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const temporary = temporaryFileOf(file);
  // A stale temporary file would keep its old mode: it goes, and 'wx' creates a new one or fails.
  rmSync(temporary, { force: true });
  const descriptor = openSync(temporary, 'wx', 0o600);
  try {
    writeFileSync(descriptor, data);
    // Without this a file system that delays writing (ext4, APFS) may put the rename on disk
    // before the data: after a power cut the file would be there, and empty.
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  renameSync(temporary, file);
  if (platform !== 'win32') flushFolder(folder);
}

function flushFolder(folder: string): void {
  const descriptor = openSync(folder, 'r');
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}
