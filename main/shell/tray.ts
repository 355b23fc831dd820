/**
 * The tray icon and its menu, from a TrayPresentation (main/app/tray-presentation.ts).
 *
 * Platform behaviour this works around:
 * - One Tray for the app's lifetime, held here: a Tray that is only referenced from a local
 *   variable is garbage-collected and disappears from the taskbar.
 * - setImage only when the status changed: every call hands the image to the system again
 *   (a pixmap over D-Bus for a Linux StatusNotifierItem, which the panel then redraws), and
 *   the state is rendered after every sync.
 * - A new Menu and setContextMenu whenever the menu changed: on Linux the menu is exported
 *   over D-Bus when it is set, and later changes to its items are not sent again.
 * - macOS: with a context menu set, a left click opens the menu (electron/electron#2830), so
 *   there the menu pops up on right-click instead and a left click opens the window.
 * - Windows: a left click emits 'click' and opens the window; right-click opens the menu.
 * - Linux: 'click' is the StatusNotifierItem's activation (a left click on KDE and others), so
 *   it opens the window too; AppIndicator (GNOME) never emits it, which is why "Open window" is
 *   the menu's first item.
 */
import { Menu } from 'electron';
import type { MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import type { TrayAction, TrayMenuItem, TrayPort, TrayPresentation } from '../app/ports.ts';
import type { TrayStatus } from '../engine/monitor-snapshot.ts';
import { createTrayIcons } from './tray-icons.ts';

export interface TrayAdapterDeps {
  /** `(image) => new Tray(image)`; injected so tests can record what the adapter does. */
  createTray: (image: NativeImage) => Tray;
  onAction: (action: TrayAction) => void;
  platform: NodeJS.Platform;
  /** The folder holding `tray/` (main/assets once packaged). */
  assetsDir: string;
}

export function createTrayAdapter(deps: TrayAdapterDeps): TrayPort & { destroy(): void } {
  const icons = createTrayIcons(deps.platform, deps.assetsDir);
  let tray: Tray | null = null;
  let menu: Menu | null = null;
  let shownStatus: TrayStatus | null = null;
  let shownTooltip: string | null = null;
  let shownMenu: string | null = null;
  let destroyed = false;

  function createOnce(image: NativeImage): Tray {
    const created = deps.createTray(image);
    if (deps.platform === 'darwin') {
      created.on('click', () => deps.onAction({ kind: 'open-window' }));
      created.on('right-click', () => {
        if (menu) created.popUpContextMenu(menu);
      });
    } else {
      created.on('click', () => deps.onAction({ kind: 'open-window' }));
    }
    return created;
  }

  return {
    show(presentation: TrayPresentation) {
      // A late snapshot during quit must not bring the icon back.
      if (destroyed) return;
      const image = icons.imageFor(presentation.status);
      if (!tray) tray = createOnce(image);
      else if (presentation.status !== shownStatus) tray.setImage(image);
      shownStatus = presentation.status;

      if (presentation.tooltip !== shownTooltip) {
        tray.setToolTip(presentation.tooltip);
        shownTooltip = presentation.tooltip;
      }

      const menuKey = JSON.stringify(presentation.menu);
      if (menuKey !== shownMenu) {
        menu = Menu.buildFromTemplate(menuTemplate(presentation.menu, deps.onAction));
        if (deps.platform !== 'darwin') tray.setContextMenu(menu);
        shownMenu = menuKey;
      }
    },
    destroy() {
      destroyed = true;
      tray?.destroy();
      tray = null;
      menu = null;
    },
  };
}

export function menuTemplate(
  items: readonly TrayMenuItem[],
  onAction: (action: TrayAction) => void,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    if (item.type === 'separator') return { type: 'separator' };
    const options: MenuItemConstructorOptions = {
      label: literalLabel(item.label),
      enabled: item.enabled,
    };
    if (item.type === 'checkbox') {
      options.type = 'checkbox';
      options.checked = item.checked ?? false;
    }
    if (item.submenu) options.submenu = menuTemplate(item.submenu, onAction);
    const { action } = item;
    if (action) options.click = () => onAction(action);
    return options;
  });
}

/**
 * Electron reads "&" in a menu label as a keyboard mnemonic and hides it (Windows, Linux and
 * macOS alike, electron/electron#9584); "&&" shows one "&". Lock names are the user's text.
 */
function literalLabel(label: string): string {
  return label.replaceAll('&', '&&');
}
