/**
 * The tray image for each status, per platform, loaded once and kept: the tray asks for an
 * image on every status change, and reading and decoding a file each time is wasted work.
 *
 *   darwin  <status>Template.png (+ @2x): black + alpha; macOS recolours it for a light or dark
 *           menu bar, so the status shows in the shape only (see main/assets/icons-src/).
 *   win32   <status>.ico with 16, 20, 24 and 32 px: Windows picks the entry for its DPI scale.
 *   other   <status>.png (+ @2x), for Linux StatusNotifierItem trays, which show colour.
 *
 * Files come from scripts/generate-icons.ts, in `<assetsDir>/tray/`.
 */
import path from 'node:path';
import { nativeImage } from 'electron';
import type { NativeImage } from 'electron';
import type { TrayStatus } from '../engine/monitor-snapshot.ts';

export function trayIconPath(
  status: TrayStatus,
  platform: NodeJS.Platform,
  assetsDir: string,
): string {
  const trayDir = path.join(assetsDir, 'tray');
  switch (platform) {
    case 'darwin':
      return path.join(trayDir, `${status}Template.png`);
    case 'win32':
      return path.join(trayDir, `${status}.ico`);
    default:
      return path.join(trayDir, `${status}.png`);
  }
}

export interface TrayIcons {
  /** @throws when the file is missing or unreadable: a packaging mistake, not a user's problem. */
  imageFor(status: TrayStatus): NativeImage;
}

export function createTrayIcons(platform: NodeJS.Platform, assetsDir: string): TrayIcons {
  const cache = new Map<TrayStatus, NativeImage>();
  return {
    imageFor(status) {
      const cached = cache.get(status);
      if (cached) return cached;
      const file = trayIconPath(status, platform, assetsDir);
      // createFromPath also picks up the @2x file next to it for high-DPI screens.
      const image = nativeImage.createFromPath(file);
      // createFromPath answers an empty image, not an error, for a missing file: the tray
      // would silently show nothing.
      if (image.isEmpty()) throw new Error(`The tray icon ${file} is missing or unreadable.`);
      // The "Template" suffix already marks it on macOS; saying so explicitly keeps it a
      // template even if the file is renamed.
      if (platform === 'darwin') image.setTemplateImage(true);
      cache.set(status, image);
      return image;
    },
  };
}
