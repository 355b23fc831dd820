import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrayAction, TrayMenuItem, TrayPresentation } from '../../main/app/ports.ts';
import type { TrayStatus } from '../../main/engine/monitor-snapshot.ts';
import { createTrayAdapter } from '../../main/shell/tray.ts';

/** What the adapter asked Electron for: every Menu it built and every image it loaded. */
const electron = vi.hoisted(() => ({
  menus: [] as Array<{ template: MenuItemConstructorOptions[] }>,
  images: [] as Array<{ file: string; template: boolean }>,
  missing: new Set<string>(),
}));

vi.mock('electron', () => ({
  Menu: {
    buildFromTemplate: (template: MenuItemConstructorOptions[]) => {
      const menu = { template };
      electron.menus.push(menu);
      return menu;
    },
  },
  nativeImage: {
    createFromPath: (file: string) => {
      const image = {
        file,
        template: false,
        isEmpty: () => electron.missing.has(file),
        setTemplateImage(value: boolean) {
          image.template = value;
        },
      };
      electron.images.push(image);
      return image;
    },
  },
}));

/** A Tray that records its calls; events are emitted by the tests, as the OS would. */
class FakeTray extends EventEmitter {
  readonly calls: Array<[string, unknown]> = [];
  setImage(image: NativeImage) {
    this.calls.push(['setImage', image]);
  }
  setToolTip(text: string) {
    this.calls.push(['setToolTip', text]);
  }
  setContextMenu(menu: unknown) {
    this.calls.push(['setContextMenu', menu]);
  }
  popUpContextMenu(menu: unknown) {
    this.calls.push(['popUpContextMenu', menu]);
  }
  destroy() {
    this.calls.push(['destroy', null]);
  }
  callsOf(name: string) {
    return this.calls.filter(([call]) => call === name).map(([, argument]) => argument);
  }
}

const assetsDir = path.join('/opt', 'tedee-tray', 'assets');

function setUp(platform: NodeJS.Platform = 'linux') {
  const trays: FakeTray[] = [];
  const createdWith: unknown[] = [];
  const actions: TrayAction[] = [];
  const adapter = createTrayAdapter({
    createTray: (image) => {
      const tray = new FakeTray();
      trays.push(tray);
      createdWith.push(image);
      return tray as unknown as Tray;
    },
    onAction: (action) => actions.push(action),
    platform,
    assetsDir,
  });
  const tray = () => {
    expect(trays).toHaveLength(1);
    return trays[0]!;
  };
  return { adapter, trays, createdWith, actions, tray };
}

const baseMenu: TrayMenuItem[] = [
  { label: 'Open window', enabled: true, action: { kind: 'open-window' } },
  { label: 'Front door: Locked, 80 %, connected', enabled: false },
  { label: '', enabled: false, type: 'separator' },
  { label: 'Refresh now', enabled: true, action: { kind: 'refresh-now' } },
  {
    label: 'Pause monitoring',
    enabled: true,
    submenu: [
      { label: 'For 1 hour', enabled: true, action: { kind: 'pause', minutes: 60 } },
      { label: 'Until resumed', enabled: true, action: { kind: 'pause', minutes: null } },
    ],
  },
  {
    label: 'Start at login',
    enabled: true,
    type: 'checkbox',
    checked: true,
    action: { kind: 'toggle-start-at-login' },
  },
  { label: 'Quit', enabled: true, action: { kind: 'quit' } },
];

function presentation(
  status: TrayStatus = 'locked',
  overrides: Partial<TrayPresentation> = {},
): TrayPresentation {
  return { status, tooltip: `Tedee: ${status}`, menu: baseMenu, ...overrides };
}

function lastTemplate(): MenuItemConstructorOptions[] {
  const menu = electron.menus.at(-1);
  if (!menu) throw new Error('no menu built');
  return menu.template;
}

function click(template: MenuItemConstructorOptions[], label: string): void {
  const found = template.find((entry) => entry.label === label);
  if (!found?.click) throw new Error(`"${label}" has no click handler`);
  found.click(undefined as never, undefined, undefined as never);
}

beforeEach(() => {
  electron.menus.length = 0;
  electron.images.length = 0;
  electron.missing.clear();
});

describe('one tray', () => {
  it('is created on the first show, with that status icon, and never again', () => {
    const { adapter, trays, createdWith } = setUp();
    expect(trays).toHaveLength(0);
    adapter.show(presentation('unlocked'));
    adapter.show(presentation('locked'));
    adapter.show(presentation('attention'));
    expect(trays).toHaveLength(1);
    expect(createdWith).toEqual([
      expect.objectContaining({ file: path.join(assetsDir, 'tray', 'unlocked.png') }),
    ]);
  });

  it('is destroyed once, and a late show does not bring it back', () => {
    const { adapter, trays, tray } = setUp();
    adapter.show(presentation());
    adapter.destroy();
    adapter.show(presentation('unlocked'));
    expect(trays).toHaveLength(1);
    expect(tray().callsOf('destroy')).toHaveLength(1);
    expect(tray().callsOf('setImage')).toHaveLength(0);
  });
});

describe('the icon', () => {
  it('is set once per status change, not on every show', () => {
    const { adapter, tray } = setUp();
    adapter.show(presentation('locked'));
    adapter.show(presentation('locked'));
    expect(tray().callsOf('setImage')).toHaveLength(0);
    adapter.show(presentation('unlocked'));
    adapter.show(presentation('unlocked'));
    adapter.show(presentation('locked'));
    const images = tray().callsOf('setImage') as Array<{ file: string }>;
    expect(images.map((image) => path.basename(image.file))).toEqual([
      'unlocked.png',
      'locked.png',
    ]);
  });

  it('loads each status image once and reuses it', () => {
    const { adapter, tray, createdWith } = setUp();
    for (const status of ['locked', 'unlocked', 'locked', 'unlocked'] as const)
      adapter.show(presentation(status));
    expect(electron.images.map((image) => path.basename(image.file))).toEqual([
      'locked.png',
      'unlocked.png',
    ]);
    expect(tray().callsOf('setImage')[1]).toBe(createdWith[0]);
  });

  it('fails loudly when an icon file is missing instead of showing an empty tray', () => {
    const { adapter, trays } = setUp('win32');
    electron.missing.add(path.join(assetsDir, 'tray', 'busy.ico'));
    expect(() => adapter.show(presentation('busy'))).toThrow(/busy\.ico/);
    expect(trays).toHaveLength(0);
  });
});

describe('the tooltip', () => {
  it('is set when it changes only', () => {
    const { adapter, tray } = setUp();
    adapter.show(presentation('locked', { tooltip: 'Tedee: all 2 locked' }));
    adapter.show(presentation('locked', { tooltip: 'Tedee: all 2 locked' }));
    adapter.show(presentation('locked', { tooltip: 'Tedee: all 3 locked' }));
    expect(tray().callsOf('setToolTip')).toEqual(['Tedee: all 2 locked', 'Tedee: all 3 locked']);
  });
});

describe('the menu', () => {
  it('is built and set again on every change (Linux exports it only when set), and only then', () => {
    const { adapter, tray } = setUp('linux');
    adapter.show(presentation());
    adapter.show(presentation('unlocked'));
    expect(electron.menus).toHaveLength(1);
    const changed = baseMenu.map((entry, index) =>
      index === 1 ? { ...entry, label: 'Front door: Unlocked' } : entry,
    );
    adapter.show(presentation('unlocked', { menu: changed }));
    expect(electron.menus).toHaveLength(2);
    expect(tray().callsOf('setContextMenu')).toEqual([electron.menus[0], electron.menus[1]]);
    expect(lastTemplate()[1]).toMatchObject({ label: 'Front door: Unlocked', enabled: false });
  });

  it('a change inside a submenu or a checkbox counts as a change', () => {
    const { adapter } = setUp();
    adapter.show(presentation());
    adapter.show(
      presentation('locked', {
        menu: baseMenu.map((e) => (e.type === 'checkbox' ? { ...e, checked: false } : e)),
      }),
    );
    expect(electron.menus).toHaveLength(2);
    expect(lastTemplate()[5]).toMatchObject({ type: 'checkbox', checked: false });
  });

  it('translates every kind of item', () => {
    const { adapter } = setUp();
    adapter.show(presentation());
    const template = lastTemplate();
    expect(template[0]).toMatchObject({ label: 'Open window', enabled: true });
    expect(template[1]).toEqual({ label: 'Front door: Locked, 80 %, connected', enabled: false });
    expect(template[2]).toEqual({ type: 'separator' });
    expect(template[4]?.submenu).toHaveLength(2);
    expect(template[5]).toMatchObject({ label: 'Start at login', type: 'checkbox', checked: true });
  });

  it('a click on an item calls onAction with its action', () => {
    const { adapter, actions } = setUp();
    adapter.show(presentation());
    const template = lastTemplate();
    click(template, 'Refresh now');
    click(template, 'Open window');
    click(template[4]?.submenu as MenuItemConstructorOptions[], 'For 1 hour');
    click(template[4]?.submenu as MenuItemConstructorOptions[], 'Until resumed');
    click(template, 'Start at login');
    click(template, 'Quit');
    expect(actions).toEqual([
      { kind: 'refresh-now' },
      { kind: 'open-window' },
      { kind: 'pause', minutes: 60 },
      { kind: 'pause', minutes: null },
      { kind: 'toggle-start-at-login' },
      { kind: 'quit' },
    ]);
  });

  it('shows an "&" in a lock name instead of turning it into a mnemonic', () => {
    const { adapter } = setUp();
    adapter.show(
      presentation('locked', { menu: [{ label: 'Tom & Ann: Locked', enabled: false }] }),
    );
    expect(lastTemplate()[0]?.label).toBe('Tom && Ann: Locked');
  });
});

describe('per platform', () => {
  it('macOS: template images; left click opens the window, right-click pops up the latest menu', () => {
    const { adapter, tray, actions, createdWith } = setUp('darwin');
    adapter.show(presentation());
    expect(createdWith).toEqual([electron.images[0]]);
    expect(electron.images[0]).toMatchObject({
      file: path.join(assetsDir, 'tray', 'lockedTemplate.png'),
      template: true,
    });
    expect(tray().callsOf('setContextMenu')).toHaveLength(0);
    tray().emit('click');
    expect(actions).toEqual([{ kind: 'open-window' }]);
    adapter.show(presentation('locked', { menu: [{ label: 'Newer', enabled: false }] }));
    tray().emit('right-click');
    expect(tray().callsOf('popUpContextMenu')).toEqual([electron.menus[1]]);
  });

  it('Windows: .ico; left click opens the window; the menu is the context menu', () => {
    const { adapter, tray, actions, createdWith } = setUp('win32');
    adapter.show(presentation('low-battery'));
    expect(createdWith).toEqual([
      expect.objectContaining({
        file: path.join(assetsDir, 'tray', 'low-battery.ico'),
        template: false,
      }),
    ]);
    tray().emit('click');
    expect(actions).toEqual([{ kind: 'open-window' }]);
    expect(tray().callsOf('setContextMenu')).toEqual([electron.menus[0]]);
  });

  it('Linux: colour PNG; an activation ("click" on KDE and others) opens the window; the menu is the context menu', () => {
    const { adapter, tray, actions } = setUp('linux');
    adapter.show(presentation('offline'));
    expect(electron.images[0]).toMatchObject({
      file: path.join(assetsDir, 'tray', 'offline.png'),
      template: false,
    });
    tray().emit('click');
    expect(actions).toEqual([{ kind: 'open-window' }]);
    expect(tray().callsOf('setContextMenu')).toEqual([electron.menus[0]]);
  });
});
