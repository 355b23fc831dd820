/**
 * `npm run build`: everything Electron loads, into dist/.
 * - main process: tsc (type-checked, one file per module, imports rewritten to .js);
 * - preload: one CommonJS bundle, because a sandboxed preload cannot load modules of its own;
 * - renderer: one ES module bundle plus the page and its stylesheet;
 * - assets: the tray and app icons.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { buildRenderer } from './build-renderer.ts';

const outDir = 'dist';
rmSync(outDir, { recursive: true, force: true });

// typescript's "exports" hide bin/tsc from require.resolve; its package.json names it.
const typescriptManifest = createRequire(import.meta.url).resolve('typescript/package.json');
const tsc = path.join(path.dirname(typescriptManifest), 'bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });

await build({
  entryPoints: ['preload/index.ts'],
  outfile: `${outDir}/preload/index.cjs`,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
});

await buildRenderer(`${outDir}/renderer`);

cpSync('main/assets', `${outDir}/main/assets`, {
  recursive: true,
  filter: (source) => !source.includes('icons-src'),
});
console.log(`built into ${outDir}/`);
