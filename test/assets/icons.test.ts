/**
 * The committed icons (scripts/generate-icons.ts) checked from their bytes: sizes from the PNG
 * header, ICO directories parsed by hand, and pixels decoded with node:zlib.
 */
import { existsSync, readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TRAY_STATUSES } from '../../main/engine/monitor-snapshot.ts';

const assets = new URL('../../main/assets/', import.meta.url);
const trayFile = (name: string) => new URL(`tray/${name}`, assets);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface Png {
  width: number;
  height: number;
  /** Unfiltered RGBA, 4 bytes a pixel, row after row. */
  rgba: Uint8Array;
}

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Enough of PNG for Chromium's screenshots: 8-bit RGBA, not interlaced. */
function decodePng(bytes: Buffer): Png {
  const { width, height } = pngSize(bytes);
  expect({ bitDepth: bytes[24], colourType: bytes[25], interlace: bytes[28] }).toEqual({
    bitDepth: 8,
    colourType: 6,
    interlace: 0,
  });
  const idat: Buffer[] = [];
  for (let offset = 8; offset < bytes.length;) {
    const length = bytes.readUInt32BE(offset);
    if (bytes.toString('latin1', offset + 4, offset + 8) === 'IDAT')
      idat.push(bytes.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = new Uint8Array(stride * height);
  let read = 0;
  for (let y = 0; y < height; y += 1) {
    const filter = raw[read++];
    for (let x = 0; x < stride; x += 1) {
      const at = y * stride + x;
      const left = x >= 4 ? (rgba[at - 4] ?? 0) : 0;
      const up = y > 0 ? (rgba[at - stride] ?? 0) : 0;
      const upLeft = x >= 4 && y > 0 ? (rgba[at - stride - 4] ?? 0) : 0;
      rgba[at] = ((raw[read++] ?? 0) + predictor(filter, left, up, upLeft)) & 0xff;
    }
  }
  return { width, height, rgba };
}

function predictor(filter: number | undefined, left: number, up: number, upLeft: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return Math.floor((left + up) / 2);
    case 4: {
      const estimate = left + up - upLeft;
      const [dl, du, dul] = [
        Math.abs(estimate - left),
        Math.abs(estimate - up),
        Math.abs(estimate - upLeft),
      ];
      return dl <= du && dl <= dul ? left : du <= dul ? up : upLeft;
    }
    default:
      throw new Error(`unknown PNG filter ${filter}`);
  }
}

function pixels(png: Png): Array<[number, number, number, number]> {
  const out: Array<[number, number, number, number]> = [];
  for (let i = 0; i < png.rgba.length; i += 4)
    out.push([png.rgba[i] ?? 0, png.rgba[i + 1] ?? 0, png.rgba[i + 2] ?? 0, png.rgba[i + 3] ?? 0]);
  return out;
}

interface IcoEntry {
  size: number;
  png: Buffer;
}

function readIco(bytes: Buffer): IcoEntry[] {
  expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2)]).toEqual([0, 1]);
  const entries: IcoEntry[] = [];
  for (let index = 0; index < bytes.readUInt16LE(4); index += 1) {
    const entry = 6 + 16 * index;
    const width = bytes.readUInt8(entry) || 256;
    expect(bytes.readUInt8(entry + 1) || 256).toBe(width);
    expect(bytes.readUInt16LE(entry + 6)).toBe(32);
    const length = bytes.readUInt32LE(entry + 8);
    const offset = bytes.readUInt32LE(entry + 12);
    expect(offset + length).toBeLessThanOrEqual(bytes.length);
    entries.push({ size: width, png: bytes.subarray(offset, offset + length) });
  }
  return entries;
}

/** The ICO's entries, each checked to be a PNG as large as its directory entry says. */
function icoSizes(file: URL): number[] {
  return readIco(readFileSync(file)).map(({ size, png }) => {
    expect(pngSize(png)).toEqual({ width: size, height: size });
    return size;
  });
}

describe.each(TRAY_STATUSES)('tray icon "%s"', (status) => {
  it('has its source and every generated file', () => {
    expect(existsSync(new URL(`icons-src/${status}.svg`, assets))).toBe(true);
    for (const suffix of ['.png', '@2x.png', 'Template.png', 'Template@2x.png', '.ico']) {
      expect(existsSync(trayFile(`${status}${suffix}`)), `${status}${suffix}`).toBe(true);
    }
  });

  it.each([
    ['.png', 16],
    ['@2x.png', 32],
    ['Template.png', 16],
    ['Template@2x.png', 32],
  ])('%s is %i px square', (suffix, size) => {
    expect(pngSize(readFileSync(trayFile(`${status}${suffix}`)))).toEqual({
      width: size,
      height: size,
    });
  });

  it('.ico holds 16, 20, 24 and 32 px PNG entries', () => {
    expect(icoSizes(trayFile(`${status}.ico`))).toEqual([16, 20, 24, 32]);
  });

  it.each(['Template.png', 'Template@2x.png'])(
    '%s is black with alpha only, and not empty',
    (suffix) => {
      const all = pixels(decodePng(readFileSync(trayFile(`${status}${suffix}`))));
      expect(all.filter(([r, g, b]) => r !== 0 || g !== 0 || b !== 0)).toEqual([]);
      expect(all.some(([, , , a]) => a === 255)).toBe(true);
      expect(all.some(([, , , a]) => a === 0)).toBe(true);
    },
  );

  it('the colour icon is not black: it shows on a dark taskbar', () => {
    const all = pixels(decodePng(readFileSync(trayFile(`${status}.png`))));
    expect(
      all.filter(([r, g, b, a]) => a === 255 && Math.max(r, g, b) > 120).length,
    ).toBeGreaterThan(10);
  });
});

describe('telling statuses apart', () => {
  /** Pixels that are clearly ink in one 16 px template and clearly empty in the other. */
  function shapeDifference(one: string, other: string): number {
    const [a, b] = [one, other].map((status) =>
      pixels(decodePng(readFileSync(trayFile(`${status}Template.png`)))),
    );
    return (a ?? []).filter((pixel, index) => Math.abs(pixel[3] - (b?.[index]?.[3] ?? 0)) > 127)
      .length;
  }

  it('every pair of 16 px templates differs in shape, since macOS shows no colour', () => {
    for (const [index, one] of TRAY_STATUSES.entries()) {
      for (const other of TRAY_STATUSES.slice(index + 1)) {
        expect(shapeDifference(one, other), `${one} vs ${other}`).toBeGreaterThanOrEqual(8);
      }
    }
  });

  it('the colour icons of alarming and calm statuses differ in colour too', () => {
    const averageOf = (status: string) => {
      const opaque = pixels(decodePng(readFileSync(trayFile(`${status}.png`)))).filter(
        ([, , , a]) => a === 255,
      );
      return [0, 1, 2].map(
        (channel) => opaque.reduce((sum, pixel) => sum + (pixel[channel] ?? 0), 0) / opaque.length,
      );
    };
    const [locked, attention, unlocked] = [
      averageOf('locked'),
      averageOf('attention'),
      averageOf('unlocked'),
    ];
    expect(locked[1]).toBeGreaterThan(locked[0] ?? 0); // green
    expect(attention[0]).toBeGreaterThan((attention[1] ?? 0) + 60); // red
    expect(unlocked[0]).toBeGreaterThan((unlocked[2] ?? 0) + 60); // amber
  });
});

describe('app icon', () => {
  it('is a 512 px PNG', () => {
    expect(pngSize(readFileSync(new URL('app-icon.png', assets)))).toEqual({
      width: 512,
      height: 512,
    });
  });

  it('has an .ico from 16 to 256 px (256 written as 0 in the directory)', () => {
    expect(icoSizes(new URL('app-icon.ico', assets))).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });
});
