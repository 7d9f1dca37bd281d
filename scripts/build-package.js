// @ts-check
// The JavaScript of the package: esbuild's split build of the CLI and the API, then the steps that
// make a run load less (ARCHITECTURE.md, "The build, step by step"). Each step that exists only for start-up
// speed has a name in TRICKS and can be left out (`without`): test/speed-tricks.test.ts builds
// the package without each one and demonstrates that the load map (test/helpers/load-map.ts)
// fails. scripts/build.js builds the package with all of them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { build } from 'esbuild';
import {
  builtinsWithoutEsmLoader,
  deferUntilUsed,
  englishOnlyY18n,
  librariesInOwnFiles,
  listFormatsOnFirstUse,
} from './bundle-plugins.js';
import { ALWAYS_OWN_FILE, buildLibraryFiles, OWN_FILES } from './library-files.js';
import { mergeLazyChunks } from './merge-lazy-chunks.js';
import { mergeStartChunks, staticClosure } from './merge-start-chunks.js';
import { requireChunks } from './require-chunks.js';
import { leaveOutUnusedFeatures } from './stand-ins.js';

/** The build steps that exist for start-up speed alone, by name. */
export const TRICKS = {
  'merge-start-chunks': 'the chunks every run loads merged into cli.js',
  'merge-lazy-chunks':
    'the chunks of the paths, the config check and the sending merged, one file each',
  'require-chunks': 'chunks loaded with require(), not import()',
  'builtin-stand-ins': "Node's built-in modules from process.getBuiltinModule(), not import",
  'list-formats-on-first-use': "got's Intl.ListFormat objects built on first use",
  'defer-until-used': 'string-width and cliui (yargs --help) evaluated on first call',
  'libraries-in-own-files':
    'minimatch, jsonc-parser and yaml in files of their own, loaded on first use',
  'startup-stand-ins':
    "pino's worker_threads, yargs' node:assert and its package.json search left out (the other stand-ins keep CommonJS and unused features out of the bundle: always on)",
};

/** @typedef {keyof typeof TRICKS} Trick */

const require = createRequire(import.meta.url);
// yargs exports its package.json but not its locales.
const yargsDir = dirname(require.resolve('yargs/package.json'));
// yaml's build for node is CommonJS, which cannot be tree-shaken; its ESM build is the same code.
const yamlBrowserBuild = join(dirname(require.resolve('yaml/package.json')), 'browser', 'index.js');

/**
 * Builds the JavaScript of the package into `out` (emptied first by the caller).
 * @param {{
 *   root: string,
 *   out: string,
 *   without?: readonly Trick[],
 *   plugins?: import('esbuild').Plugin[],
 *   sourceMaps?: boolean,
 * }} options `plugins` go before the build's own (a test's changes to sources); `sourceMaps`:
 *   linked maps without the sources' text
 * @returns {Promise<import('esbuild').Metafile>} what went into the files (both builds)
 */
export async function bundlePackage(options) {
  const { root, out } = options;
  const off = new Set(options.without ?? []);
  const on = (/** @type {Trick} */ trick) => !off.has(trick);
  const sourcemap = options.sourceMaps ? 'linked' : false;
  const ownFiles = Object.fromEntries(
    Object.entries(OWN_FILES).filter(
      ([name]) => on('libraries-in-own-files') || ALWAYS_OWN_FILE.includes(name),
    ),
  );
  const leftOut = [leaveOutUnusedFeatures({ startup: on('startup-stand-ins') })];
  /** @type {import('esbuild').BuildOptions & { metafile: true, absWorkingDir: string }} */
  const common = {
    absWorkingDir: root,
    outdir: out,
    bundle: true,
    alias: { yaml: yamlBrowserBuild },
    minify: true,
    platform: 'node',
    target: 'node20',
    // jsonc-parser's "main" is a UMD build whose require() calls esbuild cannot follow.
    mainFields: ['module', 'main'],
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  };

  const libraries = await buildLibraryFiles(common, ownFiles, leftOut);

  const result = await build({
    ...common,
    // The bin starts from cli.js, which leaves out what only the programmatic API needs.
    entryPoints: { 'cci-conditional': 'src/index.ts', cli: 'src/cli/cli-entry.ts' },
    // What only some paths need (the HTTP client) goes to a chunk loaded on first use.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    sourcemap,
    sourcesContent: false,
    plugins: [
      ...(options.plugins ?? []),
      englishOnlyY18n(yargsDir),
      ...leftOut,
      ...(on('defer-until-used')
        ? [
            deferUntilUsed({
              'string-width': { default: true, from: yargsDir },
              cliui: { default: true },
            }),
          ]
        : []),
      librariesInOwnFiles(ownFiles),
      ...(on('list-formats-on-first-use') ? [listFormatsOnFirstUse()] : []),
      ...(on('builtin-stand-ins') ? [builtinsWithoutEsmLoader()] : []),
    ],
  });
  const outputs = Object.keys(result.metafile.outputs);
  // No CommonJS package is left inside the ES module chunks: esbuild's stand-in for require()
  // would throw at run time.
  for (const output of outputs) {
    if (
      output.endsWith('.js') &&
      readFileSync(join(root, output), 'utf8').includes('Dynamic require of')
    ) {
      throw new Error(`${output} calls require(): give its package a file of its own (OWN_FILES)`);
    }
  }
  const merge = { sourceMaps: options.sourceMaps === true };
  if (on('merge-start-chunks')) await mergeStartChunks(out, 'cli.js', merge);
  if (on('merge-lazy-chunks')) {
    // Without the start file merged, what cli.js imports stays apart from the lazy files too.
    const start = on('merge-start-chunks')
      ? ['cli.js']
      : staticClosure(join(out, 'cli.js'), new Set()).map((file) => relative(out, file));
    await mergeLazyChunks(out, result.metafile, start, merge);
  }
  if (on('require-chunks')) await requireChunks(out, merge);
  return {
    ...result.metafile,
    inputs: { ...result.metafile.inputs, ...libraries.metafile.inputs },
  };
}
