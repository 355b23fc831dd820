/**
 * The tray status in one short sentence with a glyph, for the window's header: the same
 * verdict the tray icon shows, so the two never disagree.
 */
import type { WindowState } from '../preload/contract.ts';
import type { TrayStatus } from '../main/engine/monitor-snapshot.ts';
import type { IconName } from './icons.ts';
import type { Tone } from './lock-presentation.ts';

export interface Summary {
  text: string;
  tone: Tone;
  glyph: IconName;
}

const SUMMARIES: Readonly<Record<Exclude<TrayStatus, 'locked'>, Summary>> = {
  'key-problem': { text: 'The key needs attention', tone: 'alert', glyph: 'attention' },
  offline: { text: 'Tedee is out of reach', tone: 'alert', glyph: 'disconnected' },
  paused: { text: 'Monitoring is paused', tone: 'muted', glyph: 'unknown' },
  attention: { text: 'A lock needs attention', tone: 'alert', glyph: 'attention' },
  unlocked: { text: 'Not everything is locked', tone: 'warn', glyph: 'unlocked' },
  'low-battery': { text: 'A battery is low', tone: 'alert', glyph: 'attention' },
  busy: { text: 'A lock is busy', tone: 'busy', glyph: 'busy' },
  'no-locks': { text: 'No locks to show', tone: 'muted', glyph: 'unknown' },
};

export function traySummary(state: WindowState): Summary {
  if (state.tray !== 'locked') return SUMMARIES[state.tray];
  const count = state.locks.length;
  const text = count === 1 ? 'The lock is locked' : `All ${count} locks are locked`;
  return { text, tone: 'ok', glyph: 'locked' };
}
