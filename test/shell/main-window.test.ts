import { EventEmitter } from 'node:events';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createMainWindowController } from '../../main/shell/main-window.ts';
import { ACTIVITY_CHANNEL, UPDATE_CHANNEL } from '../../preload/contract.ts';
import type { ActivityUpdate, WindowUpdate } from '../../preload/contract.ts';
import { windowState as windowStateFixture } from '../app/window-state-fixture.ts';

/** A BrowserWindow stand-in that records what the controller does to it. */
function fakeWindow(options: BrowserWindowConstructorOptions) {
  const windowEvents = new EventEmitter();
  const contentsEvents = new EventEmitter();
  const sent: Array<[string, unknown]> = [];
  const handlers: Record<string, unknown> = {};
  const calls: string[] = [];
  const state = { minimized: false, loading: false };
  const webContents = Object.assign(contentsEvents, {
    mainFrame: { processId: 4, routingId: 1 },
    isLoading: () => state.loading,
    send: (channel: string, payload: unknown) => sent.push([channel, payload]),
    setWindowOpenHandler: (handler: unknown) => (handlers.windowOpen = handler),
    session: {
      setPermissionRequestHandler: (handler: unknown) => (handlers.permissionRequest = handler),
      setPermissionCheckHandler: (handler: unknown) => (handlers.permissionCheck = handler),
    },
  });
  const window = Object.assign(windowEvents, {
    options,
    webContents,
    loadURL: async (url: string) => void calls.push(`load ${url}`),
    isDestroyed: () => false,
    isMinimized: () => state.minimized,
    isVisible: () => calls.includes('show'),
    show: () => void calls.push('show'),
    hide: () => void calls.push('hide'),
    focus: () => void calls.push('focus'),
    restore: () => void calls.push('restore'),
  });
  return { window, sent, handlers, calls, contentsEvents, state };
}

function setUp({ devTools = false, iconPath }: { devTools?: boolean; iconPath?: string } = {}) {
  const created: ReturnType<typeof fakeWindow>[] = [];
  const controller = createMainWindowController({
    createWindow: (options) => {
      const fake = fakeWindow(options);
      created.push(fake);
      return fake.window as unknown as BrowserWindow;
    },
    preloadPath: '/app/preload/index.cjs',
    devTools,
    ...(iconPath === undefined ? {} : { iconPath }),
  });
  return { controller, created };
}

const fullUpdate = () => ({ kind: 'full', version: 1, state: windowStateFixture() }) as const;

describe('the main window', () => {
  it('is created on first show, once, with the secure web preferences', () => {
    const { controller, created } = setUp();
    controller.show();
    controller.show();
    expect(created).toHaveLength(1);
    expect(created[0]!.window.options.webPreferences).toMatchObject({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      experimentalFeatures: false,
      webviewTag: false,
      devTools: false,
    });
    expect(created[0]!.window.options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    // Its page has loaded (the fake never loads): shown at once, then focused by the second show.
    expect(created[0]!.calls).toEqual(['load app://tedee-tray/index.html', 'show', 'focus']);
  });

  it('has DevTools only when asked for (`npm start`, not a packaged build)', () => {
    const development = setUp({ devTools: true });
    development.controller.show();
    expect(development.created[0]!.window.options.webPreferences?.devTools).toBe(true);
  });

  it('denies navigation, new windows, webviews and permission requests', () => {
    const { controller, created } = setUp();
    controller.show();
    const { contentsEvents, handlers } = created[0]!;
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      contentsEvents.emit(event, { preventDefault: () => (prevented = true) });
      expect(prevented, event).toBe(true);
    }
    expect((handlers.windowOpen as () => unknown)()).toEqual({ action: 'deny' });
    let granted: boolean | undefined;
    (handlers.permissionRequest as (c: unknown, p: string, cb: (g: boolean) => void) => void)(
      null,
      'notifications',
      (g) => (granted = g),
    );
    expect(granted).toBe(false);
    expect((handlers.permissionCheck as () => boolean)()).toBe(false);
  });

  it('is destroyed when closed, and a later show creates a new one', () => {
    const { controller, created } = setUp();
    controller.show();
    created[0]!.window.emit('closed');
    controller.sendUpdate(fullUpdate());
    expect(created[0]!.sent).toEqual([]);
    controller.show();
    expect(created).toHaveLength(2);
  });

  it('trusts only its own main frame on the app origin', () => {
    const { controller, created } = setUp();
    const frame = (url: string, processId = 4, routingId = 1) =>
      ({ senderFrame: { url, processId, routingId } }) as never;
    expect(controller.isTrustedSender(frame('app://tedee-tray/index.html'))).toBe(false); // no window yet
    controller.show();
    expect(controller.isTrustedSender(frame('app://tedee-tray/index.html'))).toBe(true);
    created[0]!.window.emit('closed');
    expect(controller.isTrustedSender(frame('app://tedee-tray/index.html'))).toBe(false);
    controller.show();
    expect(controller.isTrustedSender(frame('app://tedee-tray/index.html', 4, 2))).toBe(false);
    expect(controller.isTrustedSender(frame('app://tedee-tray/index.html', 5, 1))).toBe(false);
    expect(controller.isTrustedSender(frame('https://evil.example/index.html'))).toBe(false);
    expect(controller.isTrustedSender(frame('app://tedee-tray.evil/index.html'))).toBe(false);
    expect(controller.isTrustedSender(frame('file:///app/index.html'))).toBe(false);
    expect(controller.isTrustedSender({ senderFrame: null })).toBe(false);
  });

  it('sends validated updates to an open window and nothing before it exists', () => {
    const { controller, created } = setUp();
    controller.sendUpdate(fullUpdate());
    controller.show();
    const changes: WindowUpdate = {
      kind: 'changes',
      version: 2,
      baseVersion: 1,
      fields: { tray: 'unlocked' },
      locks: [{ id: 1, state: 'unlocked' }],
      lockIds: null,
    };
    controller.sendUpdate(changes);
    expect(created[0]!.sent).toEqual([[UPDATE_CHANNEL, changes]]);
    expect(() =>
      controller.sendUpdate({
        ...fullUpdate(),
        state: { ...windowStateFixture(), tray: 'purple' },
      } as never),
    ).toThrow();
    expect(() =>
      controller.sendUpdate({ ...changes, fields: { tray: 'purple' } } as never),
    ).toThrow();
    expect(() => controller.sendUpdate({ ...changes, locks: [{ id: 1, battery: 140 }] })).toThrow();
    expect(() =>
      controller.sendUpdate({ ...changes, locks: [{ id: 1, colour: 'red' }] } as never),
    ).toThrow();
  });

  it('sends validated activity entries to an open window, and nothing before or after it', () => {
    const { controller, created } = setUp();
    const update: ActivityUpdate = {
      lockId: 48213,
      entries: [
        {
          id: 7,
          event: 32,
          text: 'Locked by Anna in the Tedee app',
          user: 'Anna',
          source: 'mobile',
          date: '2026-11-30T08:00:00.000Z',
        },
      ],
    };
    controller.sendActivity(update);
    controller.show();
    controller.sendActivity(update);
    expect(created[0]!.sent).toEqual([[ACTIVITY_CHANNEL, update]]);
    expect(() =>
      controller.sendActivity({
        ...update,
        entries: [{ ...update.entries[0]!, id: 'x' }],
      } as never),
    ).toThrow();
    created[0]!.window.emit('closed');
    controller.sendActivity(update);
    expect(created[0]!.sent).toHaveLength(1);
  });

  it('locks down every web preference of the security checklist, not only some', () => {
    const { controller, created } = setUp();
    controller.show();
    expect(created[0]!.window.options.webPreferences).toEqual({
      preload: '/app/preload/index.cjs',
      devTools: false,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
  });

  it('is created hidden, titled, without a menu bar, with the icon when there is one', () => {
    const plain = setUp();
    plain.controller.show();
    const { webPreferences: _plainPreferences, ...options } = plain.created[0]!.window.options;
    expect(options).toEqual({
      width: 420,
      height: 640,
      minWidth: 360,
      minHeight: 420,
      show: false,
      title: 'Tedee Tray',
      autoHideMenuBar: true,
    });
    const withIcon = setUp({ iconPath: '/app/icon.png' });
    withIcon.controller.show();
    expect(withIcon.created[0]!.window.options.icon).toBe('/app/icon.png');
  });

  it('waits for ready-to-show while the page loads, then shows it', () => {
    const created: ReturnType<typeof fakeWindow>[] = [];
    const controller = createMainWindowController({
      createWindow: (options) => {
        const fake = fakeWindow(options);
        fake.state.loading = true;
        created.push(fake);
        return fake.window as unknown as BrowserWindow;
      },
      preloadPath: '/app/preload/index.cjs',
      devTools: false,
    });
    controller.show();
    expect(created[0]!.calls).toEqual(['load app://tedee-tray/index.html']);
    created[0]!.window.emit('ready-to-show');
    expect(created[0]!.calls).toEqual(['load app://tedee-tray/index.html', 'show']);
  });

  it('brings a shown window forward: restored when minimized, focused when visible', () => {
    const { controller, created } = setUp();
    controller.show();
    const window = created[0]!;
    window.calls.length = 0;
    window.calls.push('show'); // visible from here on
    controller.show();
    expect(window.calls).toEqual(['show', 'focus']);
    window.state.minimized = true;
    controller.show();
    expect(window.calls).toEqual(['show', 'focus', 'restore', 'focus']);
  });

  it('a late closed event of an earlier window does not forget the current one', () => {
    const { controller, created } = setUp();
    controller.show();
    created[0]!.window.emit('closed');
    controller.show();
    created[0]!.window.emit('closed');
    controller.show();
    expect(created).toHaveLength(2);
  });
});
