/**
 * Which activity logs the window is showing. Main sends new entries only for locks whose
 * History is open, so every open list registers here, the set is told to main on each change,
 * and the pushed entries go to the list of their lock. One subscription for the whole window.
 */
import type { TedeeTrayApi, WindowActivity } from '../preload/contract.ts';
import { findApi } from './api.ts';

type Listener = (entries: WindowActivity[]) => void;

const listeners = new Map<number, Listener>();
let subscribedTo: TedeeTrayApi | null = null;

/** Starts delivering `lockId`'s new entries to `listener`; returns the function that stops it. */
export function watchActivity(lockId: number, listener: Listener): () => void {
  const api = findApi();
  if (api === null) return () => {};
  if (subscribedTo !== api) {
    subscribedTo = api;
    api.onActivity(({ lockId: id, entries }) => listeners.get(id)?.(entries));
  }
  listeners.set(lockId, listener);
  tell(api);
  return () => {
    if (listeners.get(lockId) !== listener) return;
    listeners.delete(lockId);
    tell(api);
  };
}

function tell(api: TedeeTrayApi): void {
  // Nothing to show for a refusal: the list still shows what it asked for when it opened.
  void api.watchActivity({ lockIds: [...listeners.keys()] }).catch(() => undefined);
}
