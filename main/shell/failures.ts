/**
 * Failures outside any request. A start-up that throws would otherwise leave a process with no
 * tray and no window that still holds the single-instance lock, so every later launch quits at
 * once (Electron only warns about an unhandled rejection): it is said in a dialog and in the
 * log, and the app exits with 1. Unhandled rejections and uncaught exceptions go to the log,
 * which redacts them like every other line.
 */
import type { App, Dialog } from 'electron';
import type { Logger } from '../app/ports.ts';

export interface StartUpFailureDeps {
  app: Pick<App, 'exit'>;
  dialog: Pick<Dialog, 'showErrorBox'>;
  logger: Logger;
  /** The dialog is not the log, so it is redacted here. */
  redact(text: string): string;
  logsDir: string;
}

/** The stack when there is one: a log is read by whoever fixes the bug. */
function describeFailure(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

export function failStartUp(deps: StartUpFailureDeps, error: unknown): void {
  deps.logger.error(`Start-up failed: ${describeFailure(error)}`);
  const reason = error instanceof Error ? error.message : String(error);
  // Safe before and after 'ready'; before it, Linux writes the text to stderr instead.
  deps.dialog.showErrorBox(
    'Tedee Tray could not start',
    deps.redact(`${reason}\n\nThe log in ${deps.logsDir} has the details.`),
  );
  // exit, not quit: nothing was started that would need its before-quit shutdown.
  deps.app.exit(1);
}

/**
 * 'uncaughtExceptionMonitor' only watches: Electron's own handling of an uncaught exception
 * (its dialog) stays as it is. A listener for 'unhandledRejection' replaces Node's warning on
 * stderr, which nobody sees in a tray app.
 */
export function logProcessFailures(
  process: Pick<NodeJS.Process, 'on'>,
  logger: Pick<Logger, 'error'>,
): void {
  process.on('unhandledRejection', (reason) => {
    logger.error(`Unhandled rejection: ${describeFailure(reason)}`);
  });
  process.on('uncaughtExceptionMonitor', (error, origin) => {
    logger.error(`Uncaught exception (${origin}): ${describeFailure(error)}`);
  });
}
