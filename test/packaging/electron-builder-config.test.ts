/**
 * electron-builder.yml, checked without packaging (which would download Electron): it must pass
 * electron-builder's own schema validation, so a misspelled or misplaced key fails here rather
 * than being ignored, and it must keep the choices that matter for a tray app that holds a
 * secret: the Windows app id, the fuses, the file allow-list, no publishing, the icons.
 * electron-builder.test.yml must load through electron-builder's own `extends` handling and
 * differ from the release configuration only in allowing --inspect.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Configuration } from 'app-builder-lib';
import { FileMatcher } from 'app-builder-lib/out/fileMatcher.js';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { APP_ID } from '../../main/shell/app-identity.ts';

const ROOT = path.join(import.meta.dirname, '../..');
const CONFIG_FILE = 'electron-builder.yml';
const APPARMOR_PROFILE = 'packaging/apparmor/tedee-tray';
const TEST_CONFIG_FILE = 'electron-builder.test.yml';

/** validateConfiguration only asks the logger whether it is enabled; nothing is logged here. */
const quietLogger: Parameters<typeof validateConfiguration>[1] = {
  isEnabled: false,
  data: new Map(),
  add: () => {},
  save: async () => {},
};

/** electron-builder's validation coerces types in place; a copy keeps the file's own values for the assertions. */
function validate(config: unknown): Promise<void> {
  return validateConfiguration(structuredClone(config) as Configuration, quietLogger);
}

function readme(): string {
  return readFileSync(path.join(ROOT, 'README.md'), 'utf8');
}

function readYaml(file: string): unknown {
  return load(readFileSync(path.join(ROOT, file), 'utf8'));
}

/** The release configuration, as electron-builder reads it (js-yaml), after its own validation passed. */
async function releaseConfig(): Promise<Configuration> {
  const config = readYaml(CONFIG_FILE);
  await validate(config);
  // Validated against electron-builder's schema just above, which is what this type describes.
  return config as Configuration;
}

/** Whether electron-builder would copy a file or folder (relative to the project) into the app, given `files`. */
function packagedFilter(
  files: readonly string[],
): (relative: string, kind?: 'file' | 'folder') => boolean {
  const matcher = new FileMatcher(ROOT, path.join(ROOT, 'app'), (pattern) => pattern, [...files]);
  // electron-builder's copyFiles does the same: a list of exclusions alone means "everything but".
  if (matcher.isEmpty() || matcher.containsOnlyIgnore()) matcher.prependPattern('**/*');
  const filter = matcher.createFilter();
  // The filter asks a stat only whether the path is a folder, so real stats of a folder and a file stand in.
  const folderStat = statSync(ROOT);
  const fileStat = statSync(path.join(ROOT, 'package.json'));
  return (relative, kind = 'file') =>
    filter(path.join(ROOT, relative), kind === 'folder' ? folderStat : fileStat);
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The sizes of the images in a .ico file (a size byte of 0 means 256). */
function icoSizes(file: string): number[] {
  const bytes = readFileSync(file);
  expect(bytes.readUInt16LE(2)).toBe(1); // 1: an icon, not a cursor
  return Array.from(
    { length: bytes.readUInt16LE(4) },
    (_, index) => bytes.readUInt8(6 + index * 16) || 256,
  );
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    await expect(releaseConfig()).resolves.toBeTruthy();
  });

  it('would fail that validation with a misspelled key, at the top or nested', async () => {
    const config = await releaseConfig();
    const { electronFuses, ...withoutFuses } = config;
    await expect(validate({ ...withoutFuses, electronFuse: electronFuses })).rejects.toThrow(
      /unknown property 'electronFuse'/,
    );
    await expect(
      validate({ ...config, mac: { ...config.mac, extendsInfo: { LSUIElement: true } } }),
    ).rejects.toThrow(/configuration\.mac\b/);
  });

  it('uses the app id the app gives Windows as its AppUserModelId', async () => {
    expect((await releaseConfig()).appId).toBe(APP_ID);
  });

  it('sets the fuses: no Node mode, NODE_OPTIONS or inspector; encrypted cookies; only the checked app.asar; no file:// extras; unsigned arm64 Macs start', async () => {
    const config = await releaseConfig();
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    });
  });

  it('packages only the build output and package.json: no sources, source maps or tests', async () => {
    const config = await releaseConfig();
    // Objects (FileSets) or per-platform lists would copy files by other rules than the one checked here.
    expect(
      Array.isArray(config.files) && config.files.every((pattern) => typeof pattern === 'string'),
    ).toBe(true);
    expect([config.mac?.files, config.win?.files, config.linux?.files]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    const packaged = packagedFilter(config.files as string[]);
    const manifest: unknown = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const entryPoint = (manifest as { main: string }).main;

    const wanted = [
      entryPoint,
      'package.json',
      'dist/preload/index.cjs',
      'dist/renderer/index.html',
      'dist/renderer/app.js',
      'dist/renderer/style.css',
      'dist/main/assets/tray/locked.png',
    ];
    expect(wanted.filter((file) => !packaged(file))).toEqual([]);
    expect(packaged('dist', 'folder')).toBe(true);

    const unwanted = [
      'dist/main/index.js.map',
      'dist/renderer/app.js.map',
      'dist/preload/index.cjs.map',
      'main/index.ts',
      'main/shell/key-vault.ts',
      'preload/index.ts',
      'renderer/app.ts',
      'renderer/index.html',
      'main/assets/icons-src/app-icon.svg',
      'scripts/build.ts',
      'test/packaging/electron-builder-config.test.ts',
      'test/fixtures/tedee/lock-list.json',
      'tsconfig.json',
      'vitest.config.ts',
      'README.md',
      'docs/screenshot.png',
      'bench-results/latest.json',
      'test-results/screenshots/settings.png',
      '.ci/run',
      '.env',
      APPARMOR_PROFILE,
      CONFIG_FILE,
      TEST_CONFIG_FILE,
    ];
    expect(unwanted.filter((file) => packaged(file))).toEqual([]);
    expect(
      ['main', 'test', 'scripts', 'renderer', 'preload'].filter((folder) =>
        packaged(folder, 'folder'),
      ),
    ).toEqual([]);
  });

  it('publishes nowhere, at the top or for any platform or target', async () => {
    const config = await releaseConfig();
    expect(config.publish).toBeNull();
    const sections: Array<{ publish?: unknown } | null | undefined> = [
      config.mac,
      config.win,
      config.linux,
      config.dmg,
      config.nsis,
      config.appImage,
      config.deb,
    ];
    expect(sections.map((section) => section?.publish ?? null)).toEqual(sections.map(() => null));
    const manifest: unknown = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect((manifest as { scripts: Record<string, string> }).scripts.dist).toMatch(
      /--publish never\b/,
    );
  });

  it('is a tray app on macOS (no Dock icon), in a hardened runtime, as a dmg', async () => {
    const { mac } = await releaseConfig();
    expect(mac?.extendInfo).toMatchObject({ LSUIElement: true });
    expect(mac?.hardenedRuntime).toBe(true);
    expect(mac?.target).toBe('dmg');
  });

  it('installs per user on Windows with NSIS', async () => {
    const config = await releaseConfig();
    expect(config.win?.target).toBe('nsis');
    expect(config.nsis?.perMachine).toBe(false);
  });

  it('builds an AppImage only on Linux (a deb needs an author and a homepage), in the Utility category', async () => {
    const { linux } = await releaseConfig();
    expect(linux?.target).toEqual(['AppImage']);
    expect(linux?.category).toBe('Utility');
    // README says why, in the sentence that says there is none.
    expect(readme()).toMatch(/no deb\s[\s\S]{0,120}`author`[\s\S]{0,40}`homepage`/);
  });

  it('ships an AppArmor profile that gives the AppImage’s mounted executable user namespaces (Ubuntu 23.10+), and README loads it', async () => {
    const { linux, appImage } = await releaseConfig();
    const profile = readFileSync(path.join(ROOT, APPARMOR_PROFILE), 'utf8');
    // The AppImage runtime mounts at /tmp/.mount_<first six letters of the file name><random>.
    const fileName = appImage?.artifactName ?? '';
    expect(fileName).toMatch(/^tedee-tray-\$\{version\}/);
    const attachment = `/tmp/.mount_${fileName.slice(0, 6)}*/${linux?.executableName}`;
    const rules = profile.replace(/#.*$/gm, '');
    expect(rules).toContain(`profile tedee-tray ${attachment} flags=(unconfined) {`);
    expect(rules).toMatch(/^\s*userns,$/m);
    expect(rules).toMatch(/^abi <abi\/4\.0>,$/m);
    expect(readme()).toContain(
      `sudo install -m 644 ${APPARMOR_PROFILE} /etc/apparmor.d/ && sudo apparmor_parser -r /etc/apparmor.d/tedee-tray`,
    );
  });

  it('points at icon files that exist and are large enough (512 px for macOS, 256 px in the .ico)', async () => {
    const config = await releaseConfig();
    const icons = [config.mac?.icon, config.linux?.icon, config.win?.icon];
    expect(icons.every((icon) => typeof icon === 'string')).toBe(true);
    const [mac, linux, win] = icons.map((icon) => path.join(ROOT, icon ?? ''));
    for (const png of [mac ?? '', linux ?? '']) {
      const { width, height } = pngSize(png);
      expect(Math.min(width, height)).toBeGreaterThanOrEqual(512);
    }
    expect(path.extname(win ?? '')).toBe('.ico');
    expect(icoSizes(win ?? '')).toContain(256);
  });
});

describe('electron-builder.test.yml', () => {
  it('says nothing but "extends the release configuration, with --inspect allowed"', () => {
    expect(readYaml(TEST_CONFIG_FILE)).toEqual({
      extends: CONFIG_FILE,
      electronFuses: { enableNodeCliInspectArguments: true },
    });
  });

  it('loads through electron-builder’s `extends` into the release configuration with only the inspect fuse on', async () => {
    // getConfig is how the electron-builder CLI reads --config and follows `extends`.
    const release = await getConfig(ROOT, CONFIG_FILE, null);
    const test = await getConfig(ROOT, TEST_CONFIG_FILE, null);
    await validate(test);
    expect(release.electronFuses?.enableNodeCliInspectArguments).toBe(false);
    expect(test).toEqual({
      ...release,
      extends: CONFIG_FILE,
      electronFuses: { ...release.electronFuses, enableNodeCliInspectArguments: true },
    });
  });
});
