/**
 * The tray as a user meets it: which icon it shows, its tooltip, the lines of its menu, and
 * clicking a menu item (which runs the click handler main put in the template).
 */
import { basename } from 'node:path';
import type { FakeElectron } from '../fake-electron/fake-electron.ts';
import type { FakeTray, MenuItemTemplate } from '../fake-electron/fake-tray.ts';

export function theTray(fake: FakeElectron): FakeTray {
  const [tray, ...others] = fake.trays;
  if (!tray) throw new Error('main has not created its tray icon');
  if (others.length > 0)
    throw new Error(
      `main created ${fake.trays.length} tray icons; a second one shows twice in the tray`,
    );
  return tray;
}

/** The status the icon shows, from its file name: 'locked' for .../tray/locked.png. */
export function trayIcon(fake: FakeElectron): string | undefined {
  const image = theTray(fake).image;
  return image === undefined ? undefined : basename(image.path).replace(/\.png$/, '');
}

/** Electron shows "&&" in a label as "&". */
function shown(label: string): string {
  return label.replaceAll('&&', '&');
}

/** The top-level menu lines, separators left out. */
export function menuLines(fake: FakeElectron): string[] {
  const template = theTray(fake).contextMenu?.template ?? [];
  return template
    .filter((item) => item.type !== 'separator')
    .map((item) => shown(item.label ?? ''));
}

/** The item at `path` of labels: ['Pause monitoring', 'For 1 hour'] for a submenu item. */
export function menuItem(fake: FakeElectron, ...path: string[]): MenuItemTemplate | undefined {
  let items: readonly MenuItemTemplate[] | undefined = theTray(fake).contextMenu?.template;
  let found: MenuItemTemplate | undefined;
  for (const label of path) {
    found = items?.find((item) => item.label !== undefined && shown(item.label) === label);
    items = found?.submenu;
  }
  return found;
}

/** Clicks an item as Electron would: only an enabled item with a click handler does anything. */
export function clickMenuItem(fake: FakeElectron, ...path: string[]): void {
  const item = menuItem(fake, ...path);
  const label = path.join(' › ');
  if (!item) throw new Error(`the tray menu has no item "${label}"`);
  if (item.enabled === false) throw new Error(`the tray menu item "${label}" is disabled`);
  if (!item.click) throw new Error(`the tray menu item "${label}" does nothing when clicked`);
  item.click({}, undefined, {});
}
