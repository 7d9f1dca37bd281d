// @ts-check
// The libraries that synchronous code uses on some runs only, each built into a file of its own,
// dist/chunks/lib-<name>.cjs, which the code loads on first use (`librariesInOwnFiles` in
// scripts/bundle-plugins.js gives the importers stand-ins that load it).
import { build } from 'esbuild';
import { libraryFileName } from './bundle-plugins.js';

/**
 * Libraries that synchronous code uses on some runs only, each in its own file loaded on first
 * use (the names are what the sources import). yargs, zod and got are reached through dynamic
 * import()s instead, so esbuild gives each its own chunk. pino is CommonJS, which an ES module
 * chunk cannot hold: it keeps its file even without the trick.
 */
export const OWN_FILES = {
  minimatch: ['Minimatch'],
  pino: ['pino'],
  'jsonc-parser': ['createScanner', 'parseTree', 'printParseErrorCode'],
  // the config check reads the YAML only when the config file is there, a token at a time
  yaml: [
    ...['Composer', 'Document', 'Lexer', 'LineCounter', 'Parser', 'isAlias', 'isMap', 'isPair'],
    ...['isScalar', 'isSeq', 'parse', 'stringify', 'visit'],
  ],
};
/** Needed for the bundle to work at all. */
export const ALWAYS_OWN_FILE = ['pino'];

/**
 * @param {import('esbuild').BuildOptions & { metafile: true, absWorkingDir: string }} common
 *   the options the package's build shares
 * @param {Record<string, string[]>} ownFiles the libraries to build, with the names imported
 * @param {import('esbuild').Plugin[]} plugins
 */
export function buildLibraryFiles(common, ownFiles, plugins) {
  return build({
    ...common,
    entryPoints: Object.keys(ownFiles).map((name) => ({
      in: `own-file:${name}`,
      out: `chunks/${libraryFileName(name).replace(/\.cjs$/, '')}`,
    })),
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    plugins: [ownFileEntries(common.absWorkingDir, ownFiles), ...plugins],
  });
}

/**
 * The entries of the library files: each re-exports what the sources import of its package.
 * @param {string} root
 * @param {Record<string, string[]>} ownFiles
 * @returns {import('esbuild').Plugin}
 */
function ownFileEntries(root, ownFiles) {
  return {
    name: 'own-file-entries',
    setup(build) {
      build.onResolve({ filter: /^own-file:/ }, (args) => ({
        path: args.path.slice('own-file:'.length),
        namespace: 'own-file',
      }));
      build.onLoad({ filter: /.*/, namespace: 'own-file' }, (args) => ({
        contents: `export { ${(ownFiles[args.path] ?? []).join(', ')} } from ${JSON.stringify(args.path)};`,
        resolveDir: root,
      }));
    },
  };
}
