/**
 * The init script that stands in for Electron loading a preload: the shim (preload-shim.ts,
 * bundled for the browser) with the real preload bundle wrapped as the CommonJS function it
 * is written to be, `(require, module, exports) => {...}`. The preload is text, not eval'd
 * at run time: an init script is not subject to the page's CSP, but eval would be.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

export interface BridgeConfig {
  /** The Playwright binding's global name; the shim removes it before the page runs. */
  binding: string;
  /** A secret of this page's shim, so the page cannot call the binding by another route. */
  token: string;
}

let shimText: Promise<string> | undefined;

function bundledShim(): Promise<string> {
  shimText ??= build({
    entryPoints: [join(import.meta.dirname, 'preload-shim.ts')],
    bundle: true,
    format: 'iife',
    target: 'chrome140',
    write: false,
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]?.text ?? '');
  return shimText;
}

/** @param preloadPath the file main named in webPreferences.preload */
export async function preloadInitScript(
  preloadPath: string,
  config: BridgeConfig,
): Promise<string> {
  const [shim, preload] = await Promise.all([bundledShim(), readFile(preloadPath, 'utf8')]);
  // The preload function is defined where only globals are in scope, as a real preload's is;
  // the shim finds it (and its config) as the free names it declares.
  return [
    '(function (runPreloadBundle) {',
    `(function (bridgeConfig) {\n${shim}\n})(${JSON.stringify(config)});`,
    '})(function (require, module, exports) {',
    preload,
    '});',
  ].join('\n');
}
