/**
 * The CLI's exit codes. They are part of the contract scripts rely on, so they live in one
 * place and nothing else in the CLI writes a bare number.
 */
import type { AppStatusKind } from '../engine/monitor-snapshot.ts';

export const EXIT_CODES = {
  ok: 0,
  /** A bug in the CLI itself; never a Tedee or usage problem. */
  internal: 1,
  usage: 2,
  keyRejected: 3,
  apiFailed: 4,
  /** lock/unlock/pull: the lock or Tedee refused the operation or did not finish it. */
  operationFailed: 5,
  /** A command stopped by SIGINT or SIGTERM before it finished (128 + SIGINT, as shells do). */
  interrupted: 130,
} as const;
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** The exit code an app status means, or null when it is not a failure. */
export function exitCodeForStatus(kind: AppStatusKind): ExitCode | null {
  switch (kind) {
    case 'auth-error':
    case 'forbidden':
      return EXIT_CODES.keyRejected;
    case 'offline':
    case 'rate-limited':
      return EXIT_CODES.apiFailed;
    case 'starting':
    case 'ok':
    case 'paused':
      return null;
  }
}
