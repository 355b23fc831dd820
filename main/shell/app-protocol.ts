/**
 * The window's pages come from app://tedee-tray/, not file://: a file:// page may read any
 * file it can name, and all file:// pages share one origin. The handler serves only files
 * inside the renderer folder.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Net, Protocol } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'tedee-tray';
export const WINDOW_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Must run before the app is ready (Electron's rule for privileged schemes). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true } },
  ]);
}

export function serveRenderer(
  protocol: Pick<Protocol, 'handle'>,
  net: Pick<Net, 'fetch'>,
  rendererDir: string,
): void {
  protocol.handle(APP_SCHEME, (request) => {
    const file = fileForUrl(request.url, rendererDir);
    if (!file) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });
}

/** The file an app:// URL names, or null when it is not ours or leaves the folder. */
export function fileForUrl(url: string, rendererDir: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${relative}`);
  return file.startsWith(`${root}${path.sep}`) ? file : null;
}

/** Our own pages, and nothing that merely claims a similar name. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}
