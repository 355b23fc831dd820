import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TRAY_STATUSES } from '../../main/engine/monitor-snapshot.ts';
import { createTrayIcons, trayIconPath } from '../../main/shell/tray-icons.ts';

const loaded = vi.hoisted(() => [] as Array<{ file: string; template: boolean | null }>);

vi.mock('electron', () => ({
  nativeImage: {
    createFromPath: (file: string) => {
      const image = {
        file,
        template: null as boolean | null,
        isEmpty: () => false,
        setTemplateImage(value: boolean) {
          image.template = value;
        },
      };
      loaded.push(image);
      return image;
    },
  },
}));

const assetsDir = fileURLToPath(new URL('../../main/assets', import.meta.url));

beforeEach(() => {
  loaded.length = 0;
});

describe('which file each platform uses', () => {
  it.each([
    ['darwin', 'lockedTemplate.png'],
    ['win32', 'locked.ico'],
    ['linux', 'locked.png'],
    ['freebsd', 'locked.png'],
  ] as const)('%s: %s', (platform, file) => {
    expect(trayIconPath('locked', platform, '/app/assets')).toBe(
      path.join('/app/assets', 'tray', file),
    );
  });

  it.each(['darwin', 'win32', 'linux'] as const)(
    'every status has its %s file in main/assets, with @2x where the format needs it',
    (platform) => {
      for (const status of TRAY_STATUSES) {
        const file = trayIconPath(status, platform, assetsDir);
        expect(existsSync(file), file).toBe(true);
        if (file.endsWith('.png'))
          expect(existsSync(file.replace(/\.png$/, '@2x.png')), file).toBe(true);
      }
    },
  );
});

describe('the image cache', () => {
  it('loads each status once and answers the same image after', () => {
    const icons = createTrayIcons('linux', assetsDir);
    const first = icons.imageFor('locked');
    expect(icons.imageFor('unlocked')).not.toBe(first);
    expect(icons.imageFor('locked')).toBe(first);
    expect(loaded.map((image) => path.basename(image.file))).toEqual([
      'locked.png',
      'unlocked.png',
    ]);
  });

  it('marks images as templates on macOS only', () => {
    createTrayIcons('darwin', assetsDir).imageFor('paused');
    createTrayIcons('win32', assetsDir).imageFor('paused');
    createTrayIcons('linux', assetsDir).imageFor('paused');
    expect(loaded.map((image) => image.template)).toEqual([true, null, null]);
  });
});
