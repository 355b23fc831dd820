/**
 * The tray status in one short sentence with a glyph, for the window's header: the same
 * verdict the tray icon shows, so the two never disagree, and with many locks how many share
 * it. Below it, a line counting the locks of every other kind ("5 low on battery · 190 locked").
 */
import type { WindowState } from '../preload/contract.ts';
import type { TrayStatus } from '../main/engine/monitor-snapshot.ts';
import { countConcerns } from '../main/engine/problems-first.ts';
import { LOCK_CONCERNS } from '../main/engine/tray-status.ts';
import type { LockConcern } from '../main/engine/tray-status.ts';
import type { IconName } from './icons.ts';
import type { Tone } from './lock-presentation.ts';

export interface Summary {
  text: string;
  tone: Tone;
  glyph: IconName;
  /** The other kinds of lock and how many; empty when there is nothing more to say. */
  counts: string;
}

type Look = Omit<Summary, 'text' | 'counts'>;

const APP_SUMMARIES: Readonly<Record<'key-problem' | 'offline' | 'paused' | 'no-locks', string>> = {
  'key-problem': 'The key needs attention',
  offline: 'Tedee is out of reach',
  paused: 'Monitoring is paused',
  'no-locks': 'No locks to show',
};

const LOOKS: Readonly<Record<TrayStatus, Look>> = {
  'key-problem': { tone: 'alert', glyph: 'attention' },
  offline: { tone: 'alert', glyph: 'disconnected' },
  paused: { tone: 'muted', glyph: 'unknown' },
  attention: { tone: 'alert', glyph: 'attention' },
  unlocked: { tone: 'warn', glyph: 'unlocked' },
  'low-battery': { tone: 'alert', glyph: 'attention' },
  busy: { tone: 'busy', glyph: 'busy' },
  locked: { tone: 'ok', glyph: 'locked' },
  'no-locks': { tone: 'muted', glyph: 'unknown' },
};

/** The headline for `count` locks of one concern: [one, many]. */
const HEADLINES: Readonly<Record<LockConcern, [string, (count: number) => string]>> = {
  attention: ['A lock needs attention', (count) => `${count} locks need attention`],
  unlocked: ['A lock is unlocked or open', (count) => `${count} locks are unlocked or open`],
  'low-battery': ['A battery is low', (count) => `${count} batteries are low`],
  busy: ['A lock is busy', (count) => `${count} locks are busy`],
  locked: ['The lock is locked', (count) => `All ${count} locks are locked`],
};

/** How the counts line names each kind. */
const COUNTED: Readonly<Record<LockConcern, string>> = {
  attention: 'need attention',
  unlocked: 'unlocked or open',
  'low-battery': 'low on battery',
  busy: 'busy',
  locked: 'locked',
};

/**
 * Where the tray's one status covers two app states, the header says which, so that it never
 * contradicts the banner below it ("Tedee is out of reach" above "Rate limited until 14:40").
 */
function appSummary(state: WindowState): (Look & { text: string }) | null {
  if (state.tray === 'offline' && state.status.kind === 'rate-limited')
    return { text: 'Tedee asked to wait', tone: 'warn', glyph: 'pause' };
  if (state.tray === 'no-locks' && state.status.kind === 'starting')
    return { text: 'Looking for your locks', tone: 'busy', glyph: 'busy' };
  return null;
}

export function traySummary(state: WindowState): Summary {
  const special = appSummary(state);
  const look = special ?? LOOKS[state.tray];
  const counts = countConcerns(state.locks, state.settings.alerts.lowBatteryPercent);
  const concern = isLockConcern(state.tray) ? state.tray : null;
  const text =
    special?.text ??
    (isLockConcern(state.tray)
      ? headline(state.tray, counts[state.tray])
      : APP_SUMMARIES[state.tray]);
  const others = LOCK_CONCERNS.filter((kind) => kind !== concern && counts[kind] > 0);
  const line =
    state.locks.length < 2 ? [] : others.map((kind) => `${counts[kind]} ${COUNTED[kind]}`);
  return { tone: look.tone, glyph: look.glyph, text, counts: line.join(' · ') };
}

function isLockConcern(status: TrayStatus): status is LockConcern {
  return (LOCK_CONCERNS as readonly string[]).includes(status);
}

function headline(concern: LockConcern, count: number): string {
  const [one, many] = HEADLINES[concern];
  // Fewer than one only if main and the window disagreed on a lock; the tray status wins.
  return count <= 1 ? one : many(count);
}
