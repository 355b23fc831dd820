/**
 * "Update available" on a lock card, when Tedee offers the lock a newer firmware. The update
 * itself is installed from the Tedee app; this window only reads.
 */
import type { WindowLock } from '../preload/contract.ts';
import { h } from './dom.ts';

/** The badge as the card's list of parts: empty when there is no update. */
export function updateBadges(lock: Pick<WindowLock, 'updateAvailable'>): HTMLElement[] {
  if (!lock.updateAvailable) return [];
  const badge = h(
    'span',
    {
      class: 'badge badge-update',
      title: 'Tedee offers a newer firmware for this lock. Install it from the Tedee app.',
    },
    'Update available',
  );
  return [badge];
}
