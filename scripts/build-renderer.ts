/**
 * Bundles the window: renderer/app.ts (with what it uses from preload/ and main/, zod
 * included) into one ES module, app.js; renderer/style.css and the sheets it imports into one
 * style.css; and copies index.html beside them.
 *
 *   node scripts/build-renderer.ts [OUTDIR]     (default dist/renderer)
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const rendererDir = join(import.meta.dirname, '../renderer');

export async function buildRenderer(outDir: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const result = await build({
    // style.css only @imports renderer/styles/*.css; bundling inlines them into one file.
    entryPoints: [join(rendererDir, 'app.ts'), join(rendererDir, 'style.css')],
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome140',
    minify: false,
    sourcemap: true,
    logLevel: 'silent',
  });
  for (const warning of result.warnings) console.warn(`renderer build: ${warning.text}`);
  await copyFile(join(rendererDir, 'index.html'), join(outDir, 'index.html'));
}

const invokedDirectly =
  process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const outDir = resolve(process.argv[2] ?? 'dist/renderer');
  await buildRenderer(outDir);
  console.log(`renderer built into ${outDir}`);
}
