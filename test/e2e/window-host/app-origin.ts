/**
 * Chromium cannot be taught Electron's app:// scheme from outside (a navigation to it is
 * aborted before any request exists to intercept), so the page lives at a stand-in origin and
 * every request to it is answered by main's registered app:// handler. `.localhost` makes it
 * a secure context, as the privileged app:// scheme is in Electron. Main only ever sees app://
 * URLs: the sender check reads the frame's URL translated back.
 */
import { APP_HOST, APP_SCHEME } from '../../../main/shell/app-protocol.ts';

export const PAGE_ORIGIN = `http://${APP_HOST}.localhost`;
const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The stand-in URL for an app:// URL main asked a window to load. */
export function toPageUrl(appUrl: string): string {
  const url = new URL(appUrl);
  if (`${url.protocol}//${url.host}` !== APP_ORIGIN)
    throw new Error(`the window host only loads ${APP_ORIGIN} pages, not ${appUrl}`);
  return `${PAGE_ORIGIN}${url.pathname}${url.search}`;
}

/** What Electron would report for a page URL: app:// for ours, anything else unchanged. */
export function toAppUrl(pageUrl: string): string {
  if (!isPageUrl(pageUrl)) return pageUrl;
  const url = new URL(pageUrl);
  return `${APP_ORIGIN}${url.pathname}${url.search}`;
}

export function isPageUrl(url: string): boolean {
  try {
    return new URL(url).origin === PAGE_ORIGIN;
  } catch {
    return false;
  }
}
