/**
 * The CLI's persistent instance id, the first segment of its callback path on the bridge: kept
 * in a per-user state file so that a watch stopped without deleting its callback (a crash, a
 * kill -9) finds and removes it at the next start. `--instance NAME` sets it instead, so that
 * several watches on one computer do not remove each other's callbacks.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { isValidInstanceId, newInstanceId } from '../bridge/callback-url.ts';

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Where the id is kept: %LOCALAPPDATA% on Windows, else $XDG_STATE_HOME or ~/.local/state
 * (macOS included: the CLI is a Unix tool there).
 */
export function instanceFilePath(env: Environment, platform = process.platform): string {
  const base =
    platform === 'win32'
      ? (env.LOCALAPPDATA ?? join(env.USERPROFILE ?? homedir(), 'AppData', 'Local'))
      : (env.XDG_STATE_HOME ?? join(env.HOME ?? homedir(), '.local', 'state'));
  return join(base, 'tedee-tray', 'cli-instance-id');
}

/** The id in the state file, made and saved on first use; a damaged file is replaced. */
export async function persistentInstanceId(file: string): Promise<string> {
  const saved = await readFile(file, 'utf8').then(
    (text) => text.trim(),
    () => '',
  );
  if (isValidInstanceId(saved)) return saved;
  const id = newInstanceId();
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${id}\n`, { mode: 0o600 });
  } catch {
    // Unsaved, a leftover callback of this run is not removed by the next; the run still works.
  }
  return id;
}
