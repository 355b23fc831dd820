/**
 * Finding a lock among many: a search by name or serial number, and quick filters that match
 * the header's counts (the tray icon's rule per lock) plus "disconnected", the commonest call
 * for a trip to the door.
 */
import type { WindowLock } from '../preload/contract.ts';
import { lockConcernOf } from '../main/engine/tray-status.ts';
import { isBatteryLow } from './lock-presentation.ts';

export const LOCK_FILTERS = [
  'all',
  'attention',
  'unlocked',
  'low-battery',
  'disconnected',
] as const;
export type LockFilter = (typeof LOCK_FILTERS)[number];

export const FILTER_LABELS: Readonly<Record<LockFilter, string>> = {
  all: 'All',
  attention: 'Need attention',
  unlocked: 'Unlocked',
  'low-battery': 'Low battery',
  disconnected: 'Disconnected',
};

export interface LockFind {
  query: string;
  filter: LockFilter;
}

export function passesFilter(
  lock: WindowLock,
  filter: LockFilter,
  lowBatteryPercent: number,
): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'attention':
    case 'unlocked':
      return lockConcernOf(lock, lowBatteryPercent) === filter;
    case 'low-battery':
      return isBatteryLow(lock, lowBatteryPercent);
    case 'disconnected':
      return lock.connected === false;
  }
}

/** Case- and accent-blind: "garaz" finds "Garáž". */
function folded(text: string): string {
  return text
    .normalize('NFD')
    .replaceAll(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** Whether a lock's name or serial number contains `query`, which the user typed. */
export function queryMatcher(
  query: string,
): (lock: { name: string; serial: string | null }) => boolean {
  // Folded once for the whole list, not once per lock.
  const wanted = folded(query.trim());
  if (wanted === '') return () => true;
  return (lock) => folded(lock.name).includes(wanted) || folded(lock.serial ?? '').includes(wanted);
}

/** Whether a lock passes the search and the quick filter. */
export function findMatcher(
  find: LockFind,
  lowBatteryPercent: number,
): (lock: WindowLock) => boolean {
  const matchesQuery = queryMatcher(find.query);
  return (lock) => passesFilter(lock, find.filter, lowBatteryPercent) && matchesQuery(lock);
}
