import { EventEmitter } from 'node:events';
import type { ActivationArguments, NotificationConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createNotifier, KEPT_TIMED_OUT_TOASTS } from '../../main/shell/notifier.ts';
import type { NotificationClass, NotifierDeps } from '../../main/shell/notifier.ts';

/**
 * Where Electron shows a notification's buttons (its NotificationAction docs): Windows, and
 * macOS only for a signed app; Linux never. The fake's pressButton is a user's press, so it
 * does nothing where no button was shown.
 */
interface FakePlatform {
  platform: NodeJS.Platform;
  signed: boolean;
}

type FakeNotificationInstance = EventEmitter & {
  options: NotificationConstructorOptions;
  shown: boolean;
  /** The buttons the user sees: none on Linux, none on unsigned macOS. */
  visibleButtons(): string[];
  pressButton(index: number): void;
};

function fakeNotificationClass(
  supported = true,
  os: FakePlatform = { platform: 'linux', signed: false },
) {
  const created: FakeNotificationInstance[] = [];
  /** What Electron keeps from Notification.handleActivation (Windows). */
  const activationHandlers: Array<(details: ActivationArguments) => void> = [];
  class FakeNotification extends EventEmitter {
    options: NotificationConstructorOptions;
    shown = false;
    constructor(options: NotificationConstructorOptions) {
      super();
      this.options = options;
      created.push(this);
    }
    show() {
      this.shown = true;
    }
    visibleButtons(): string[] {
      const showsButtons = os.platform === 'win32' || (os.platform === 'darwin' && os.signed);
      if (!this.shown || !showsButtons) return [];
      return (this.options.actions ?? []).map((action) => action.text ?? '');
    }
    pressButton(index: number) {
      if (index >= this.visibleButtons().length) return;
      // Electron 45: the index comes in the event's details (the positional one is deprecated).
      this.emit('action', { actionIndex: index, selectionIndex: -1 }, index, -1);
    }
    static isSupported() {
      return supported;
    }
    static handleActivation(callback: (details: ActivationArguments) => void) {
      activationHandlers.push(callback);
    }
  }
  return {
    Notification: FakeNotification as unknown as NotificationClass,
    created,
    activationHandlers,
  };
}

const logger = { info: () => {}, warn: () => {}, error: () => {} };

/** Electron's 'close' event: on Windows it says why (Electron 45: details.reason). */
const closed = (reason?: 'userCanceled' | 'applicationHidden' | 'timedOut') =>
  reason === undefined ? {} : { reason };

function notifierFor(
  Notification: NotificationClass,
  overrides: Partial<NotifierDeps> = {},
): ReturnType<typeof createNotifier> {
  return createNotifier({
    Notification,
    platform: 'linux',
    onClick: () => {},
    onLockAction: () => {},
    onActivated: () => {},
    logger,
    ...overrides,
  });
}

describe('notifications', () => {
  it('shows one native notification per call and keeps it referenced until closed', () => {
    const { Notification, created } = fakeNotificationClass();
    const notifier = notifierFor(Notification);
    notifier.notify({ title: 'Garage is disconnected', body: 'Since 14:02' }, 48377);
    expect(created).toHaveLength(1);
    expect(created[0]!.options).toMatchObject({
      title: 'Garage is disconnected',
      body: 'Since 14:02',
    });
    expect(created[0]!.shown).toBe(true);
    expect(notifier.openCount).toBe(1);
    created[0]!.emit('close', closed('userCanceled'));
    expect(notifier.openCount).toBe(0);
  });

  it('Windows: a toast that timed out into the Action Center stays referenced, and its click still opens its lock', () => {
    const { Notification, created } = fakeNotificationClass();
    const clicks: Array<number | null> = [];
    const notifier = notifierFor(Notification, {
      platform: 'win32',
      onClick: (id) => clicks.push(id),
    });
    notifier.notify({ title: 'Garage is disconnected', body: 'Since 14:02' }, 48377);
    created[0]!.emit('close', closed('timedOut'));
    expect(notifier.openCount).toBe(1);
    created[0]!.emit('click', {});
    expect(clicks).toEqual([48377]);
    expect(notifier.openCount).toBe(0);
  });

  it('keeps only the newest timed-out toasts, so a long day does not pile them up', () => {
    const { Notification, created } = fakeNotificationClass();
    const notifier = notifierFor(Notification, { platform: 'win32' });
    const count = KEPT_TIMED_OUT_TOASTS + 5;
    for (let lockId = 0; lockId < count; lockId += 1) {
      notifier.notify({ title: `Lock ${lockId}`, body: '' }, lockId);
      created[lockId]!.emit('close', closed('timedOut'));
    }
    expect(notifier.openCount).toBe(KEPT_TIMED_OUT_TOASTS);
    // The oldest went first: closing it again changes nothing; closing the newest does.
    created[0]!.emit('close', closed());
    expect(notifier.openCount).toBe(KEPT_TIMED_OUT_TOASTS);
    created[count - 1]!.emit('close', closed());
    expect(notifier.openCount).toBe(KEPT_TIMED_OUT_TOASTS - 1);
  });

  it('Windows: a click on a toast whose object is gone comes through handleActivation and opens the window', () => {
    const { Notification, activationHandlers } = fakeNotificationClass();
    let activations = 0;
    notifierFor(Notification, { platform: 'win32', onActivated: () => (activations += 1) });
    expect(activationHandlers).toHaveLength(1);
    activationHandlers[0]!({ type: 'click', arguments: '' });
    activationHandlers[0]!({ type: 'reply', arguments: 'type=reply', reply: 'hi' });
    expect(activations).toBe(1);
  });

  it('registers no activation handler where Electron has none (macOS, Linux)', () => {
    const { Notification, activationHandlers } = fakeNotificationClass();
    notifierFor(Notification, { platform: 'darwin' });
    notifierFor(Notification, { platform: 'linux' });
    expect(activationHandlers).toEqual([]);
  });

  it('a click opens the window on the lock the alert was about', () => {
    const { Notification, created } = fakeNotificationClass();
    const clicks: Array<number | null> = [];
    const notifier = notifierFor(Notification, { onClick: (id) => clicks.push(id) });
    notifier.notify({ title: 'a', body: 'b' }, 7);
    notifier.notify({ title: '2 lock alerts', body: 'x\ny' }, null);
    created[0]!.emit('click');
    created[1]!.emit('click');
    expect(clicks).toEqual([7, null]);
    expect(notifier.openCount).toBe(0);
  });

  it('shows nothing where notifications are not supported, and says so in the log', () => {
    const { Notification, created } = fakeNotificationClass(false);
    const warnings: string[] = [];
    const notifier = notifierFor(Notification, {
      logger: { ...logger, warn: (m) => warnings.push(m) },
    });
    notifier.notify({ title: 'Front door battery is low', body: '' }, 1);
    expect(created).toHaveLength(0);
    expect(warnings.join()).toContain('not supported');
  });

  describe('"Lock now" on a notification about one lock left unlocked', () => {
    const lockNow = { label: 'Lock now', lockId: 48377 };
    const text = { title: 'Garage has been unlocked for 10 minutes', body: '' };

    it('Windows: shows the button, and pressing it locks that lock', () => {
      const os = { platform: 'win32', signed: false } as const;
      const { Notification, created } = fakeNotificationClass(true, os);
      const locked: number[] = [];
      const notifier = notifierFor(Notification, {
        platform: 'win32',
        onLockAction: (id) => locked.push(id),
      });
      notifier.notify(text, 48377, { action: lockNow });
      expect(created[0]!.visibleButtons()).toEqual(['Lock now']);
      expect(created[0]!.options.actions).toEqual([{ type: 'button', text: 'Lock now' }]);
      created[0]!.pressButton(0);
      expect(locked).toEqual([48377]);
      expect(notifier.openCount).toBe(0);
    });

    it('macOS: offers the button, which only a signed app shows', () => {
      for (const signed of [true, false]) {
        const os = { platform: 'darwin', signed } as const;
        const { Notification, created } = fakeNotificationClass(true, os);
        const locked: number[] = [];
        notifierFor(Notification, {
          platform: 'darwin',
          onLockAction: (id) => locked.push(id),
        }).notify(text, 48377, { action: lockNow });
        created[0]!.pressButton(0);
        expect(locked).toEqual(signed ? [48377] : []);
      }
    });

    it('Linux: no button; a click opens the window with that lock’s Lock button focused', () => {
      const { Notification, created } = fakeNotificationClass();
      const clicks: Array<[number | null, boolean]> = [];
      const locked: number[] = [];
      const notifier = notifierFor(Notification, {
        onClick: (id, focus) => clicks.push([id, focus]),
        onLockAction: (id) => locked.push(id),
      });
      notifier.notify(text, 48377, { action: lockNow });
      expect(created[0]!.options.actions).toBeUndefined();
      created[0]!.pressButton(0);
      created[0]!.emit('click');
      expect(locked).toEqual([]);
      expect(clicks).toEqual([[48377, true]]);
    });

    it('a notification without the action focuses no button', () => {
      const { Notification, created } = fakeNotificationClass(true, {
        platform: 'win32',
        signed: false,
      });
      const clicks: Array<[number | null, boolean]> = [];
      const notifier = notifierFor(Notification, {
        platform: 'win32',
        onClick: (id, focus) => clicks.push([id, focus]),
      });
      notifier.notify({ title: '2 lock alerts', body: '' }, null);
      expect(created[0]!.visibleButtons()).toEqual([]);
      created[0]!.emit('click');
      expect(clicks).toEqual([[null, false]]);
    });
  });
});

describe('replacing a notification with its named version', () => {
  it.each(['darwin', 'win32'] as const)(
    '%s: shows the new text under the same id, which the system puts in the old one’s place',
    (platform) => {
      const { Notification, created } = fakeNotificationClass();
      const clicks: Array<number | null> = [];
      const notifier = notifierFor(Notification, { platform, onClick: (id) => clicks.push(id) });
      notifier.notify({ title: 'Front door was unlocked', body: '' }, 48213, {
        tag: 'unlocked-48213-1',
      });
      const replaced = notifier.replace(
        'unlocked-48213-1',
        { title: 'Front door: Unlocked by Anna with the keypad', body: '' },
        48213,
      );
      expect(replaced).toBe(true);
      expect(created.map((n) => [n.options.id, n.options.title])).toEqual([
        ['unlocked-48213-1', 'Front door was unlocked'],
        ['unlocked-48213-1', 'Front door: Unlocked by Anna with the keypad'],
      ]);
      created[1]!.emit('click', {});
      expect(clicks).toEqual([48213]);
      expect(notifier.replace('never-shown', { title: 'x', body: '' }, null)).toBe(false);
      expect(created).toHaveLength(2);
    },
  );

  it('Linux: gives notifications no id and replaces nothing (the window has the names)', () => {
    const { Notification, created } = fakeNotificationClass();
    const notifier = notifierFor(Notification, { platform: 'linux' });
    notifier.notify({ title: 'Front door was unlocked', body: '' }, 48213, {
      tag: 'unlocked-48213-1',
    });
    expect(created[0]!.options.id).toBeUndefined();
    expect(notifier.replace('unlocked-48213-1', { title: 'named', body: '' }, 48213)).toBe(false);
    expect(created).toHaveLength(1);
  });
});
