// @ts-check
// After the start chunks are merged into cli.js: each file that a rule that fires may load on top
// of it, merged likewise with the chunks it imports, so that a dry run with a config or with
// paths reads one file more than cli.js, not several (scripts/build-package.js,
// `merge-lazy-chunks`).
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { mergeStartChunks } from './merge-start-chunks.js';

/**
 * The files that a rule that fires may load on top of cli.js (which holds the plan and the dry
 * run), in the order a run loads them: the checkout and git of rules with paths, the config
 * check, then the sending.
 */
const LAZY_ENTRIES = /** @type {const} */ ([
  ['src/run/paths.ts', 'pathsChunk'],
  ['src/config-check/before-sending.ts', 'checkChunk'],
  ['src/run/send.ts', 'sendChunk'],
]);

/**
 * Each lazily loaded file merged with the chunks it imports, like cli.js. Code they share goes to
 * the earlier one, which the later one then imports: the sending must share none with the paths
 * file, or every trigger would load git's code.
 * @param {string} out
 * @param {import('esbuild').Metafile} metafile
 * @param {string[]} start the files every run loads
 * @param {{ sourceMaps: boolean }} merge
 */
export async function mergeLazyChunks(out, metafile, start, merge) {
  const chunkOf = (/** @type {string} */ source) => {
    const output = Object.entries(metafile.outputs).find(([, o]) => o.entryPoint === source)?.[0];
    if (!output) throw new Error(`no chunk for ${source}: is it still loaded by import()?`);
    return join(basename(dirname(output)), basename(output));
  };
  const loaded = [...start];
  for (const [source, prefix] of LAZY_ENTRIES) {
    const chunk = chunkOf(source);
    await mergeStartChunks(out, chunk, { ...merge, prefix, loaded: [...loaded] });
    loaded.push(chunk);
  }
  const pathsFile = basename(chunkOf('src/run/paths.ts'));
  for (const [source] of LAZY_ENTRIES.slice(1)) {
    if (readFileSync(join(out, chunkOf(source)), 'utf8').includes(pathsFile))
      throw new Error(
        `${source}'s file imports ${pathsFile}: runs without paths would load git's code`,
      );
  }
}
