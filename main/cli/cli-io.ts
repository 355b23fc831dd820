/**
 * Where the CLI writes. The run functions get this instead of process.stdout, so they can be
 * driven in-process, and the entry point decides how a line reaches the terminal.
 */
export interface CliIo {
  /** One line of results (no newline); the only way anything reaches stdout. */
  out(line: string): void;
  /** One line of diagnostics for people; written with the program name in front. */
  err(line: string): void;
}

export const PROGRAM_NAME = 'tedee-tray';
