/**
 * The app status as a banner: one look per status kind, the demo hint, and the notices main
 * wants the user to read once. Buttons in it (Resume, Enter a new key) act in place.
 */
import type { WindowState } from '../preload/contract.ts';
import type { AppStatusKind } from '../main/engine/monitor-snapshot.ts';
import { button, h } from './dom.ts';
import type { Child } from './dom.ts';
import { clockTime, clockTimeWithSeconds, dayAndTime } from './format-time.ts';
import { relativeTime } from './relative-time.ts';
import { icon } from './icons.ts';
import type { IconName } from './icons.ts';
import { inlineError } from './inline-error.ts';
import type { ViewState, WindowActions } from './view-state.ts';

type BannerTone = 'ok' | 'info' | 'warn' | 'alert';

export interface BannerContent {
  tone: BannerTone;
  glyph: IconName;
  title: string;
  lines: Child[];
  actions: Child[];
}

export function statusBanners(
  state: WindowState,
  view: ViewState,
  actions: WindowActions,
  now: number,
): HTMLElement[] {
  const banners = [banner(state.status.kind, statusContent(state, view, actions, now))];
  if (state.demo) {
    banners.push(
      banner('demo', {
        tone: 'info',
        glyph: 'info',
        title: 'Demo mode',
        lines: ['These locks are simulated; nothing you see here is your home.'],
        actions: [
          button('Use my key', () => actions.editKey(), { 'data-focus-key': 'demo-use-key' }),
        ],
      }),
    );
  }
  if (state.bridge.live.bridgeOnly) {
    banners.push(
      banner('bridge-only', {
        tone: 'info',
        glyph: 'info',
        title: 'From the bridge only',
        lines: [
          'Without a Personal Access Key the locks come from the bridge alone: their history and the facts only the Tedee cloud knows are missing.',
        ],
        actions: [
          button('Add a key', () => actions.editKey(), { 'data-focus-key': 'bridge-only-key' }),
        ],
      }),
    );
  }
  if (state.activity.status === 'needs-scope' && actions !== null) {
    banners.push(
      banner('activity-scope', {
        tone: 'info',
        glyph: 'info',
        title: 'Who and how needs the DeviceActivity.Read scope',
        lines: [
          'Create a key with Device.Read and DeviceActivity.Read ticked at Tedee Portal → Personal Access Keys, then enter it here; everything else keeps working meanwhile.',
        ],
        actions: [
          button('Enter a new key', () => actions.editKey(), {
            'data-focus-key': 'activity-scope-key',
          }),
        ],
      }),
    );
  }
  for (const notice of state.notices) {
    if (view.dismissedNotices.has(notice)) continue;
    banners.push(
      banner('notice', {
        tone: 'info',
        glyph: 'info',
        title: 'Please note',
        lines: [notice],
        actions: [
          button('Dismiss', () => actions.dismissNotice(notice), {
            'data-focus-key': `notice-${notice}`,
          }),
        ],
      }),
    );
  }
  return banners;
}

/** The status headline alone, for the live region. */
export function statusTitle(state: WindowState, now: number): string {
  return statusContent(state, null, null, now).title;
}

function statusContent(
  state: WindowState,
  view: ViewState | null,
  actions: WindowActions | null,
  now: number,
): BannerContent {
  const { kind, message, retryAt } = state.status;
  const said = message.trim() === '' ? [] : [message];
  const keyButton =
    actions === null
      ? []
      : [button('Enter a new key', () => actions.editKey(), { 'data-focus-key': 'banner-key' })];
  switch (kind) {
    case 'starting':
      return {
        tone: 'info',
        glyph: 'busy',
        title: 'Starting…',
        lines: said.length > 0 ? said : ['Checking your locks for the first time.'],
        actions: [],
      };
    case 'ok': {
      // The time is a line, not the title: the title is announced, and should change only with the status.
      // A <time>, so the once-a-minute wake-up rewrites it ("yesterday 14:02") without a redraw.
      const checked =
        state.lastSyncedAt === null
          ? []
          : [h('span', {}, 'Last checked ', relativeTime(state.lastSyncedAt, now), '.')];
      // Green only when every lock is locked: beside "3 locks need attention" it would say "all is well".
      return {
        tone: state.tray === 'locked' ? 'ok' : 'info',
        glyph: 'check',
        title: 'Up to date',
        lines: [...said, ...checked],
        actions: [],
      };
    }
    case 'offline': {
      const retry = retryAt === null ? [] : [`Trying again at ${clockTime(retryAt)}.`];
      return {
        tone: 'alert',
        glyph: 'disconnected',
        title: 'Can’t reach Tedee',
        lines: [...said, 'Showing the last known state.', ...retry],
        actions: [],
      };
    }
    case 'auth-error':
      return {
        tone: 'alert',
        glyph: 'key',
        title: 'Tedee rejected the key',
        lines: said,
        actions: keyButton,
      };
    case 'forbidden': {
      const help =
        actions === null || view === null
          ? []
          : [
              button('How to create a key', () => actions.openHelp(), {
                class: 'link',
                'data-focus-key': 'banner-help',
                'data-control': 'help',
              }),
              inlineError(view.errors.get('help')),
            ];
      return {
        tone: 'alert',
        glyph: 'key',
        title: 'The key may not read your locks',
        lines: [...said, 'Create a key that is allowed to read devices.'],
        actions: [...keyButton, ...help],
      };
    }
    case 'rate-limited':
      return {
        tone: 'warn',
        glyph: 'pause',
        title:
          retryAt === null ? 'Tedee asked for a pause' : `Rate limited until ${clockTime(retryAt)}`,
        lines: [...said, 'The app waits so it does not use up your account’s requests.'],
        actions: [],
      };
    case 'paused': {
      const resume =
        actions === null || view === null
          ? []
          : [
              button([icon('play'), 'Resume'], () => actions.resume('banner-resume'), {
                'data-focus-key': 'banner-resume',
                'data-control': 'banner-resume',
                'aria-disabled': view.busy.has('banner-resume') ? 'true' : null,
              }),
              inlineError(view.errors.get('banner-resume')),
            ];
      return {
        tone: 'warn',
        glyph: 'pause',
        title:
          retryAt === null
            ? 'Monitoring paused'
            : `Monitoring paused until ${clockTimeWithSecondsIfSoon(retryAt, now)}`,
        lines: said,
        actions: resume,
      };
    }
  }
}

/** Minutes are enough for a pause of an hour; seconds would only flicker. */
function clockTimeWithSecondsIfSoon(at: number, now: number): string {
  return at - now < 60_000 ? clockTimeWithSeconds(at) : dayAndTime(at, now);
}

/** What a banner is about, in its data-banner attribute. */
export type BannerKind =
  | AppStatusKind
  | 'demo'
  | 'bridge-only'
  | 'notice'
  | 'bridge-offline'
  | 'key-expiring'
  | 'activity-scope';

export function banner(kind: BannerKind, content: BannerContent): HTMLElement {
  return h(
    'div',
    { class: `banner tone-${content.tone}`, 'data-banner': kind },
    h('span', { class: 'banner-glyph' }, icon(content.glyph)),
    h(
      'div',
      { class: 'banner-body' },
      h('p', { class: 'banner-title' }, content.title),
      ...content.lines.map((line) => h('p', { class: 'banner-text' }, line)),
      content.actions.length > 0 ? h('div', { class: 'banner-actions' }, ...content.actions) : null,
    ),
  );
}
