/**
 * Problem locks first, for every list of locks the user reads (the window's cards, the tray
 * menu): each lock's concern by the rule the tray icon uses (tray-status.ts: needs attention,
 * then unlocked or door open, then low battery, then busy, then locked), then by name as people
 * read it ("Door 2" before "Door 10"). Bundled into the window too, so it stays pure.
 */
import { LOCK_CONCERNS, lockConcernOf } from './tray-status.ts';
import type { ConcernFields, LockConcern } from './tray-status.ts';

type NamedLock = ConcernFields & { id: number; name: string };

const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function rankOf(lock: ConcernFields, lowBatteryPercent: number): number {
  return LOCK_CONCERNS.indexOf(lockConcernOf(lock, lowBatteryPercent));
}

function byRankThenName(rankA: number, a: NamedLock, rankB: number, b: NamedLock): number {
  return rankA - rankB || byName.compare(a.name, b.name) || a.id - b.id;
}

export function problemsFirst<Lock extends NamedLock>(
  locks: readonly Lock[],
  lowBatteryPercent: number,
): Lock[] {
  const rank = new Map(locks.map((lock) => [lock.id, rankOf(lock, lowBatteryPercent)]));
  return locks.toSorted((a, b) => byRankThenName(rank.get(a.id) ?? 0, a, rank.get(b.id) ?? 0, b));
}

/** problemsFirst's order as a comparison, to place one lock in a list already in that order. */
export function compareProblemsFirst(
  lowBatteryPercent: number,
): (a: NamedLock, b: NamedLock) => number {
  return (a, b) => byRankThenName(rankOf(a, lowBatteryPercent), a, rankOf(b, lowBatteryPercent), b);
}

/** How many locks have each concern. */
export function countConcerns(
  locks: readonly ConcernFields[],
  lowBatteryPercent: number,
): Record<LockConcern, number> {
  const counts: Record<LockConcern, number> = {
    attention: 0,
    unlocked: 0,
    'low-battery': 0,
    busy: 0,
    locked: 0,
  };
  for (const lock of locks) counts[lockConcernOf(lock, lowBatteryPercent)] += 1;
  return counts;
}
