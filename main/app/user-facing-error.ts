/**
 * An error whose message is written for the user and may be shown in the window as is.
 * Anything else that escapes a handler is shown as a generic message and logged instead,
 * because its text may contain internals (paths, stack details) that help nobody.
 */
import { InvalidSettingError } from '../engine/monitor-settings.ts';
import { TedeeError } from '../tedee/errors.ts';

export class UserFacingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserFacingError';
  }
}

export const GENERIC_ERROR_MESSAGE = 'Something went wrong. The log file has the details.';

export function userMessageOf(error: unknown): string {
  const speaksToUser =
    error instanceof UserFacingError ||
    error instanceof InvalidSettingError ||
    error instanceof TedeeError;
  return speaksToUser ? error.message : GENERIC_ERROR_MESSAGE;
}
