import { EventEmitter } from 'node:events';
import type { NotificationConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createNotifier } from '../../main/shell/notifier.ts';
import type { NotificationClass } from '../../main/shell/notifier.ts';

function fakeNotificationClass(supported = true) {
  const created: Array<EventEmitter & { options: NotificationConstructorOptions; shown: boolean }> =
    [];
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
    static isSupported() {
      return supported;
    }
  }
  return { Notification: FakeNotification as unknown as NotificationClass, created };
}

const logger = { info: () => {}, warn: () => {}, error: () => {} };

describe('notifications', () => {
  it('shows one native notification per call and keeps it referenced until closed', () => {
    const { Notification, created } = fakeNotificationClass();
    const notifier = createNotifier({ Notification, onClick: () => {}, logger });
    notifier.notify({ title: 'Garage is disconnected', body: 'Since 14:02' }, 48377);
    expect(created).toHaveLength(1);
    expect(created[0]!.options).toMatchObject({
      title: 'Garage is disconnected',
      body: 'Since 14:02',
    });
    expect(created[0]!.shown).toBe(true);
    expect(notifier.openCount).toBe(1);
    created[0]!.emit('close');
    expect(notifier.openCount).toBe(0);
  });

  it('a click opens the window on the lock the alert was about', () => {
    const { Notification, created } = fakeNotificationClass();
    const clicks: Array<number | null> = [];
    const notifier = createNotifier({ Notification, onClick: (id) => clicks.push(id), logger });
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
    const notifier = createNotifier({
      Notification,
      onClick: () => {},
      logger: { ...logger, warn: (m) => warnings.push(m) },
    });
    notifier.notify({ title: 'Front door battery is low', body: '' }, 1);
    expect(created).toHaveLength(0);
    expect(warnings.join()).toContain('not supported');
  });
});
