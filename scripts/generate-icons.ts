/**
 * `npm run icons`: renders the SVG sources in main/assets/icons-src/ into the committed tray
 * and app icons. Chromium (through Playwright) is the rasteriser, so the output is the same on
 * every run on the same Chromium; CI does not regenerate, the files are committed.
 *
 *   main/assets/tray/<status>.png, <status>@2x.png                   16 / 32 px, colour (Linux)
 *   main/assets/tray/<status>Template.png, <status>Template@2x.png   16 / 32 px, black + alpha (macOS)
 *   main/assets/tray/<status>.ico                                    16, 20, 24, 32 px (Windows)
 *   main/assets/app-icon.png (512 px), main/assets/app-icon.ico (16..256 px)
 *   test-results/icons-sheet.png                                     every icon at 8x, to look at
 *
 * Set CHROMIUM to use another browser than Debian's /usr/bin/chromium.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './debian-chromium.ts';
import type { Page } from 'playwright';
import { TRAY_STATUSES } from '../main/engine/monitor-snapshot.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const sourceDir = join(root, 'main/assets/icons-src');
const assetsDir = join(root, 'main/assets');
const trayDir = join(assetsDir, 'tray');
const sheetPath = join(root, 'test-results/icons-sheet.png');

/** Windows picks the entry nearest the taskbar's size at 100/125/150/200 % scaling. */
const TRAY_ICO_SIZES = [16, 20, 24, 32] as const;
const APP_ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
const APP_ICON_SIZE = 512;
const SHEET_SCALE = 8;

/** The SVG at `size` px on a transparent page. `.template` switches a source to black + alpha. */
async function render(page: Page, svg: string, size: number, template: boolean): Promise<Buffer> {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<!doctype html><html><head><style>html,body{margin:0;background:transparent}` +
      `svg{display:block;width:${size}px;height:${size}px}</style></head>` +
      `<body><div class="${template ? 'template' : 'colour'}">${svg}</div></body></html>`,
  );
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}

/**
 * An .ico holding PNG-compressed entries (Windows Vista and later read these). Header: reserved,
 * type 1 (icon), count; then one 16-byte directory entry per image; then the PNGs themselves.
 */
function icoFromPngs(images: ReadonlyArray<{ size: number; png: Buffer }>): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    // A width or height byte of 0 means 256: the field is one byte wide.
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map(({ png }) => png)]);
}

async function renderSizes(
  page: Page,
  svg: string,
  sizes: readonly number[],
): Promise<Array<{ size: number; png: Buffer }>> {
  const images: Array<{ size: number; png: Buffer }> = [];
  for (const size of sizes) images.push({ size, png: await render(page, svg, size, false) });
  return images;
}

async function writeTrayIcons(page: Page): Promise<void> {
  mkdirSync(trayDir, { recursive: true });
  for (const status of TRAY_STATUSES) {
    const svg = readFileSync(join(sourceDir, `${status}.svg`), 'utf8');
    writeFileSync(join(trayDir, `${status}.png`), await render(page, svg, 16, false));
    writeFileSync(join(trayDir, `${status}@2x.png`), await render(page, svg, 32, false));
    writeFileSync(join(trayDir, `${status}Template.png`), await render(page, svg, 16, true));
    writeFileSync(join(trayDir, `${status}Template@2x.png`), await render(page, svg, 32, true));
    writeFileSync(
      join(trayDir, `${status}.ico`),
      icoFromPngs(await renderSizes(page, svg, TRAY_ICO_SIZES)),
    );
  }
}

async function writeAppIcon(page: Page): Promise<void> {
  const svg = readFileSync(join(sourceDir, 'app-icon.svg'), 'utf8');
  writeFileSync(join(assetsDir, 'app-icon.png'), await render(page, svg, APP_ICON_SIZE, false));
  writeFileSync(
    join(assetsDir, 'app-icon.ico'),
    icoFromPngs(await renderSizes(page, svg, APP_ICO_SIZES)),
  );
}

/**
 * Every generated tray PNG at 8x with nearest-neighbour scaling, on a light and a dark strip
 * (the two kinds of taskbar), so a person can judge them pixel by pixel.
 */
async function writeContactSheet(page: Page): Promise<void> {
  const dataUrl = (file: string) =>
    `data:image/png;base64,${readFileSync(join(trayDir, file)).toString('base64')}`;
  const variants = ['%s.png', '%s@2x.png', '%sTemplate.png', '%sTemplate@2x.png'];
  // macOS draws a template image in the menu bar's own ink: white on a dark menu bar.
  const img = (file: string, px: number, dark: boolean) =>
    `<img src="${dataUrl(file)}" style="width:${px}px;height:${px}px${dark && file.includes('Template') ? ';filter:invert(1)' : ''}">`;
  const cell = (file: string, dark: boolean) => img(file, 16 * SHEET_SCALE, dark);
  const strip = (background: string, ink: string, dark: boolean) =>
    `<div style="background:${background};color:${ink};padding:8px">` +
    TRAY_STATUSES.map(
      (status) =>
        `<div class="row"><span>${status}</span>${variants.map((v) => cell(v.replace('%s', status), dark)).join('')}` +
        `<span class="real">${variants.map((v) => img(v.replace('%s', status), 16, dark)).join('')}</span></div>`,
    ).join('') +
    `</div>`;
  const html =
    `<!doctype html><html><head><style>body{margin:0;font:14px sans-serif;display:flex}` +
    `img{image-rendering:pixelated;margin:0 6px}.row{display:flex;align-items:center;margin:4px 0}` +
    `.row span:first-child{width:96px}.real{margin-left:12px}</style></head>` +
    `<body>${strip('#f3f3f3', '#111', false)}${strip('#1f1f1f', '#eee', true)}</body></html>`;
  await page.setViewportSize({ width: 1800, height: 1000 });
  await page.setContent(html);
  mkdirSync(join(root, 'test-results'), { recursive: true });
  await page.screenshot({ path: sheetPath, fullPage: true });
}

const browser = await launchChromium();
try {
  const context = await browser.newContext({ deviceScaleFactor: 1 });
  const page = await context.newPage();
  await writeTrayIcons(page);
  await writeAppIcon(page);
  await writeContactSheet(page);
  console.log(
    `icons: wrote ${TRAY_STATUSES.length} tray statuses to ${trayDir}, the app icon, and ${sheetPath}`,
  );
} finally {
  await browser.close();
}
