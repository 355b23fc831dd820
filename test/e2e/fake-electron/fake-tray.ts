/**
 * Tray, Menu and nativeImage: the tray keeps every image, tooltip and menu main gave it, and a
 * menu keeps its template, so a test can read the lines and click an item as a user would.
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import type { CallLog } from './call-log.ts';

export class FakeNativeImage {
  readonly path: string;
  #template = false;

  constructor(path: string) {
    this.path = path;
  }

  /** Electron answers an empty image, not an error, for a file that is not there. */
  isEmpty(): boolean {
    return !existsSync(this.path);
  }

  setTemplateImage(template: boolean): void {
    this.#template = template;
  }

  isTemplateImage(): boolean {
    return this.#template;
  }

  toJSON(): { path: string } {
    return { path: this.path };
  }
}

export interface MenuItemTemplate {
  label?: string;
  type?: string;
  enabled?: boolean;
  checked?: boolean;
  submenu?: MenuItemTemplate[];
  click?: (...args: unknown[]) => void;
}

export class FakeMenu {
  readonly template: readonly MenuItemTemplate[];

  constructor(template: readonly MenuItemTemplate[]) {
    this.template = template;
  }
}

export class FakeTray extends EventEmitter {
  readonly #log: CallLog;
  readonly images: FakeNativeImage[] = [];
  readonly tooltips: string[] = [];
  readonly menus: FakeMenu[] = [];
  #destroyed = false;

  constructor(log: CallLog, image: FakeNativeImage) {
    super();
    log.record('Tray.new', image);
    this.#log = log;
    this.images.push(image);
  }

  get image(): FakeNativeImage | undefined {
    return this.images.at(-1);
  }

  get tooltip(): string | undefined {
    return this.tooltips.at(-1);
  }

  get contextMenu(): FakeMenu | undefined {
    return this.menus.at(-1);
  }

  setImage(image: FakeNativeImage): void {
    this.#log.record('Tray.setImage', image);
    this.images.push(image);
  }

  setToolTip(tooltip: string): void {
    this.#log.record('Tray.setToolTip', tooltip);
    this.tooltips.push(tooltip);
  }

  setContextMenu(menu: FakeMenu): void {
    this.#log.record('Tray.setContextMenu', menu);
    this.menus.push(menu);
  }

  popUpContextMenu(menu?: FakeMenu): void {
    this.#log.record('Tray.popUpContextMenu', menu);
  }

  destroy(): void {
    this.#log.record('Tray.destroy');
    this.#destroyed = true;
  }

  isDestroyed(): boolean {
    return this.#destroyed;
  }
}

export interface TrayDeps {
  log: CallLog;
  trays: FakeTray[];
}

export function trayModules(deps: TrayDeps) {
  return {
    Tray: class Tray extends FakeTray {
      constructor(image: FakeNativeImage) {
        super(deps.log, image);
        deps.trays.push(this);
      }
    },
    Menu: {
      buildFromTemplate(template: readonly MenuItemTemplate[]): FakeMenu {
        deps.log.record('Menu.buildFromTemplate', template);
        return new FakeMenu(template);
      },
    },
    nativeImage: {
      createFromPath(path: string): FakeNativeImage {
        deps.log.record('nativeImage.createFromPath', path);
        return new FakeNativeImage(path);
      },
    },
  };
}
