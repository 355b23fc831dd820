/**
 * V8 coverage of the app's scripts in Chromium (the window tests and the e2e tests), handed to
 * vitest's v8 provider the way a child process hands over its own: as a raw V8 coverage file
 * in the folder NODE_V8_COVERAGE names. Vitest sets that variable in each test worker under
 * `--coverage` (vitest.config.ts, coverage.autoAttachSubprocess) and reads the folder after
 * every test file; without it, nothing here does anything.
 *
 * Chromium reports scripts by URL (or none, for an init script), which the provider cannot
 * read. So each built script the page ran is copied, with its source map, to
 * coverage/browser-scripts/, and its coverage is written against the copy; the provider then
 * maps the copy back to renderer/, preload/ and main/ like any built file.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright';

/** Where the copies live: inside coverage/, which vitest empties before each coverage run. */
export const BROWSER_SCRIPTS_DIR = join(import.meta.dirname, '../../coverage/browser-scripts');

type JsCoverage = Awaited<ReturnType<Page['coverage']['stopJSCoverage']>>;
type FunctionCoverage = JsCoverage[number]['functions'][number];

function coverageFolder(): string | undefined {
  return process.env.NODE_V8_COVERAGE;
}

/** Call before the page loads anything. */
export async function startBrowserCoverage(page: Page): Promise<void> {
  if (coverageFolder() === undefined) return;
  // Init scripts (the e2e preload) have no URL: Chromium reports them only as anonymous scripts.
  await page.coverage.startJSCoverage({ resetOnNavigation: false, reportAnonymousScripts: true });
}

/**
 * Call before the page closes.
 * @param builtScripts files the page ran, each with its source map beside it (`<file>.map`),
 *   as a script of its own or as part of a larger one (the preload inside its init script)
 */
export async function saveBrowserCoverage(
  page: Page,
  builtScripts: readonly string[],
): Promise<void> {
  const folder = coverageFolder();
  if (folder === undefined) return;
  const ran = await page.coverage.stopJSCoverage();
  const result = [];
  for (const script of builtScripts) {
    const text = await readFile(script, 'utf8');
    const runs = ran.flatMap((entry) => {
      const offset = entry.source?.indexOf(text) ?? -1;
      return offset === -1 ? [] : [{ scriptId: entry.scriptId, offset, entry }];
    });
    if (runs.length === 0) continue;
    const url = pathToFileURL(await keepCopy(script, text)).href;
    for (const { scriptId, offset, entry } of runs) {
      result.push({
        scriptId,
        url,
        functions: sliceFunctions(entry.functions, offset, text.length),
      });
    }
  }
  if (result.length === 0) return;
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, `browser-${randomUUID()}.json`), JSON.stringify({ result }));
}

/**
 * Copies the script under a name unique to its content, with its source map's sources made
 * absolute so that they still resolve from the copy. Pages of many tests share one copy.
 */
async function keepCopy(script: string, text: string): Promise<string> {
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const copy = join(BROWSER_SCRIPTS_DIR, hash, basename(script));
  const map = JSON.parse(await readFile(`${script}.map`, 'utf8')) as { sources: string[] };
  map.sources = map.sources.map((source) => resolve(dirname(script), source));
  await mkdir(dirname(copy), { recursive: true });
  // The script's own `//# sourceMappingURL=<name>.map` comment finds the map beside the copy.
  await writeFile(`${copy}.map`, JSON.stringify(map));
  await writeFile(copy, text);
  return copy;
}

/**
 * The coverage of the part [offset, offset + length) of a script, in that part's own offsets:
 * functions outside it are dropped, and ranges of functions that enclose it (the wrapper an
 * init script puts around the preload) are cut to it, so their counts become its top level.
 */
function sliceFunctions(
  functions: readonly FunctionCoverage[],
  offset: number,
  length: number,
): FunctionCoverage[] {
  const end = offset + length;
  return functions.flatMap((fn) => {
    const ranges = fn.ranges
      .filter((range) => range.startOffset < end && range.endOffset > offset)
      .map((range) => ({
        startOffset: Math.max(range.startOffset, offset) - offset,
        endOffset: Math.min(range.endOffset, end) - offset,
        count: range.count,
      }));
    // The first range is the function itself; without it the function lies outside the part.
    const [own] = fn.ranges;
    if (own === undefined || own.startOffset >= end || own.endOffset <= offset) return [];
    return [{ ...fn, ranges }];
  });
}
