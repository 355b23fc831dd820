/**
 * shell.openExternal hands a URL to the operating system, which will open anything it has a
 * handler for (file:, smb:, custom schemes). Only https URLs on a fixed list get through.
 */
import type { Shell } from 'electron';
import type { Logger } from '../app/ports.ts';

export function createExternalOpener(
  shell: Pick<Shell, 'openExternal'>,
  allowed: readonly string[],
  logger: Logger,
) {
  const allowlist = new Set(allowed);
  return (url: string): void => {
    const safe = allowlist.has(url) && new URL(url).protocol === 'https:';
    if (!safe) {
      logger.warn(`Refused to open a URL that is not on the allowlist: ${url}`);
      return;
    }
    void shell.openExternal(url);
  };
}
