/** Telling file-system failures apart, for adapters that treat a missing file as "nothing yet". */

/** The text of an error for the log, whatever was thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function isMissingFile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
