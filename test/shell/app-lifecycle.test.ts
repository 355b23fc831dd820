import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { APP_ID } from '../../main/shell/app-identity.ts';
import { claimSingleInstance, wireLifecycle } from '../../main/shell/app-lifecycle.ts';

function fakeApp(gotLock = true) {
  const events = new EventEmitter();
  const calls: string[] = [];
  const app = Object.assign(events, {
    requestSingleInstanceLock: () => gotLock,
    quit: () => void calls.push('quit'),
    setAppUserModelId: (id: string) => void calls.push(`appUserModelId ${id}`),
    dock: { hide: () => void calls.push('dock hidden') },
  });
  return { app: app as never, events, calls };
}

describe('single instance', () => {
  it('a second launch quits at once', () => {
    const { app, calls } = fakeApp(false);
    expect(claimSingleInstance(app, () => {})).toBe(false);
    expect(calls).toEqual(['quit']);
  });

  it('the first instance opens its window when launched again', () => {
    const { app, events } = fakeApp(true);
    let opened = 0;
    expect(claimSingleInstance(app, () => (opened += 1))).toBe(true);
    events.emit('second-instance');
    expect(opened).toBe(1);
  });

  it('macOS: opening the running app again from Finder or Spotlight ("activate") opens its window', () => {
    const { app, events } = fakeApp(true);
    let opened = 0;
    claimSingleInstance(app, () => (opened += 1));
    events.emit('activate', {}, false);
    expect(opened).toBe(1);
  });
});

describe('lifecycle', () => {
  it('stays alive when the last window closes', () => {
    const { app, events } = fakeApp();
    wireLifecycle(app, 'linux', async () => {});
    expect(events.listenerCount('window-all-closed')).toBe(1);
  });

  it('sets the AppUserModelId on Windows and hides the Dock icon on macOS', () => {
    const windows = fakeApp();
    wireLifecycle(windows.app, 'win32', async () => {});
    expect(windows.calls).toEqual([`appUserModelId ${APP_ID}`]);
    const mac = fakeApp();
    wireLifecycle(mac.app, 'darwin', async () => {});
    expect(mac.calls).toEqual(['dock hidden']);
  });

  it('shuts the engine down before quitting, once', async () => {
    const { app, events, calls } = fakeApp();
    let shutdowns = 0;
    wireLifecycle(app, 'linux', async () => {
      shutdowns += 1;
      calls.push('shutdown');
    });
    let prevented = false;
    events.emit('before-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual(['shutdown', 'quit']);
    let preventedAgain = false;
    events.emit('before-quit', { preventDefault: () => (preventedAgain = true) });
    expect(preventedAgain).toBe(false);
    expect(shutdowns).toBe(1);
  });
});
