/**
 * Where the window finds the preload's API. Typed once here so the rest of the renderer never
 * touches `window` for it.
 */
import { API_GLOBAL } from '../preload/contract.ts';
import type { TedeeTrayApi } from '../preload/contract.ts';

declare global {
  interface Window {
    [API_GLOBAL]?: TedeeTrayApi;
  }
}

/** null when the page is opened outside the app (e.g. straight in a browser). */
export function findApi(): TedeeTrayApi | null {
  return window[API_GLOBAL] ?? null;
}
