/** Every one of Tedee's 68 activity event codes reads as plain English, with who and how. */
import { describe, expect, it } from 'vitest';
import {
  activityKind,
  activityText,
  ActivityDescriber,
  EVENT_DESCRIPTIONS,
} from '../../main/tedee/activity-events.ts';

/** tedee-bridge-and-activity.md §3.4, written out here rather than taken from the code. */
const DOCUMENTED_CODES = [
  32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57,
  58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 74, 75, 76, 77, 78, 79, 80, 81, 83, 84, 85, 86, 87,
  88, 89, 90, 91, 92, 93, 224, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234, 235, 10000, 10001,
];

describe('the event table', () => {
  it('has exactly the 68 documented codes', () => {
    expect(DOCUMENTED_CODES).toHaveLength(68);
    expect([...EVENT_DESCRIPTIONS.keys()]).toEqual(DOCUMENTED_CODES);
  });

  it.each(DOCUMENTED_CODES)('code %i has its own text, with the author put in', (code) => {
    const anonymous = activityText({ event: code, user: null });
    const named = activityText({ event: code, user: 'Anna' });
    expect(anonymous).not.toMatch(/^Event \d+$/);
    expect(anonymous).toMatch(/^[A-Z]/);
    expect(named).toContain(' by Anna');
    expect(named.replace(' by Anna', '')).toBe(anonymous);
  });

  it('gives every documented code a distinct text (no two events read the same)', () => {
    const texts = DOCUMENTED_CODES.map((event) => activityText({ event, user: null }));
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('reads the issue’s examples as the issue writes them', () => {
    expect(activityText({ event: 61, user: 'Anna' })).toBe('Unlocked by Anna with the keypad');
    expect(activityText({ event: 36, user: null })).toBe('Locked automatically');
    expect(activityText({ event: 62, user: null })).toBe('Incorrect PIN entered');
    expect(activityText({ event: 40, user: null })).toBe('Jammed');
    expect(activityText({ event: 33, user: 'Alex Example' })).toBe(
      'Unlocked by Alex Example from the Tedee app',
    );
  });

  it('sorts the codes an alert looks for into their kinds', () => {
    expect(activityKind(40)).toBe('jam');
    expect(activityKind(62)).toBe('pin');
    expect(activityKind(75)).toBe('pin');
    for (const unlock of [33, 35, 37, 39, 57, 61, 67, 68, 77, 78, 88, 93, 228, 229])
      expect(activityKind(unlock), String(unlock)).toBe('unlock');
    for (const lock of [32, 34, 36, 38, 56, 59, 65, 66, 90, 226, 227])
      expect(activityKind(lock), String(lock)).toBe('lock');
    expect(activityKind(300)).toBeNull();
  });
});

describe('an unknown code', () => {
  it('shows as "Event N" and is logged once per code', () => {
    const logged: string[] = [];
    const describer = new ActivityDescriber((line) => logged.push(line));
    expect(describer.text({ event: 300, user: 'Anna' })).toBe('Event 300');
    expect(describer.text({ event: 300, user: null })).toBe('Event 300');
    expect(describer.text({ event: 44, user: null })).toBe('Event 44');
    expect(describer.text({ event: 61, user: null })).toBe('Unlocked with the keypad');
    expect(logged).toEqual([
      'Tedee reported activity event 300, which this version does not know; it is shown as "Event 300".',
      'Tedee reported activity event 44, which this version does not know; it is shown as "Event 44".',
    ]);
  });
});
