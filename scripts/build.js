#!/usr/bin/env node
// Builds the published package: one minified ESM bundle (CLI and programmatic API) with its
// source map, the API's type declarations, the rules file's JSON Schema and the notices of the
// bundled packages. Everything the CLI needs at run time is inside the bundle.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { sizeLine } from './build-summary.js';
import {
  builtinsWithoutEsmLoader,
  deferUntilUsed,
  englishOnlyY18n,
  librariesInOwnFiles,
  libraryFileName,
  listFormatsOnFirstUse,
} from './bundle-plugins.js';
import { mergeStartChunks } from './merge-start-chunks.js';
import { bundledPackages, noticesText } from './notices.js';
import { keepOwnSources } from './own-source-map.js';
import { requireChunks } from './require-chunks.js';
import { generatedRulesCheck } from './rules-validator.js';
import { writeRulesSchema } from './schema.js';
import { leaveOutUnusedFeatures } from './stand-ins.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const OUT = 'dist/cci-conditional.js';

// yargs exports its package.json but not its locales.
const yargsDir = dirname(require.resolve('yargs/package.json'));
// yaml's build for node is CommonJS, which cannot be tree-shaken; its ESM build is the same code.
const yamlBrowserBuild = join(dirname(require.resolve('yaml/package.json')), 'browser', 'index.js');
const deferred = deferUntilUsed({
  'string-width': { default: true, from: yargsDir },
  cliui: { default: true },
});
/**
 * Libraries that synchronous code uses on some runs only, each in its own file loaded on first
 * use (the names are what the sources import). yargs, zod and got are reached through
 * dynamic import()s instead, so esbuild gives each its own chunk.
 */
const OWN_FILES = {
  minimatch: ['Minimatch'],
  pino: ['pino'],
  'jsonc-parser': ['parseTree', 'printParseErrorCode'],
  // the config check reads the YAML only when the config file is there, a token at a time
  yaml: [
    'Composer',
    'Document',
    'Lexer',
    'LineCounter',
    'Parser',
    'isAlias',
    'isMap',
    'isPair',
    'isScalar',
    'isSeq',
    'parse',
    'stringify',
    'visit',
  ],
};

await rm(`${root}dist`, { recursive: true, force: true });
await mkdir(`${root}dist`);

const libraries = await build({
  absWorkingDir: root,
  entryPoints: Object.keys(OWN_FILES).map((name) => ({
    in: `own-file:${name}`,
    out: `chunks/${libraryFileName(name).replace(/\.cjs$/, '')}`,
  })),
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  alias: { yaml: yamlBrowserBuild },
  minify: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  mainFields: ['module', 'main'],
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [
    {
      name: 'own-file-entries',
      setup(build) {
        build.onResolve({ filter: /^own-file:/ }, (args) => ({
          path: args.path.slice('own-file:'.length),
          namespace: 'own-file',
        }));
        build.onLoad({ filter: /.*/, namespace: 'own-file' }, (args) => ({
          contents: `export { ${OWN_FILES[/** @type {keyof typeof OWN_FILES} */ (args.path)].join(', ')} } from ${JSON.stringify(args.path)};`,
          resolveDir: root,
        }));
      },
    },
    leaveOutUnusedFeatures(),
  ],
});

const result = await build({
  absWorkingDir: root,
  // The bin starts from cli.js, which leaves out what only the programmatic API needs (the zod
  // schema it exports, for one).
  entryPoints: { 'cci-conditional': 'src/index.ts', cli: 'src/cli/cli-entry.ts' },
  outdir: 'dist',
  bundle: true,
  // What only some paths need (the HTTP client) goes to a chunk loaded on first use.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  minify: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // jsonc-parser's "main" is a UMD build whose require() calls esbuild cannot follow.
  mainFields: ['module', 'main'],
  alias: { yaml: yamlBrowserBuild },
  sourcemap: 'linked',
  // Without the sources (they would triple the package); own-source-map.js narrows the rest.
  sourcesContent: false,
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [
    englishOnlyY18n(yargsDir),
    leaveOutUnusedFeatures(),
    deferred,
    librariesInOwnFiles(OWN_FILES),
    generatedRulesCheck(root),
    listFormatsOnFirstUse(),
    builtinsWithoutEsmLoader(),
  ],
  // src/cli/cli.ts reads package.json for its version only when it runs from source.
  define: { CCI_CONDITIONAL_VERSION: JSON.stringify(pkg.version) },
});

// No CommonJS package is left inside the ES module chunks (pino, which called require() for
// node's modules, has its own file): esbuild's stand-in for require() would throw at run time.
for (const output of Object.keys(result.metafile.outputs)) {
  if (
    output.endsWith('.js') &&
    readFileSync(`${root}${output}`, 'utf8').includes('Dynamic require of')
  ) {
    throw new Error(`${output} calls require(): give its package a file of its own (OWN_FILES)`);
  }
}
await mergeStartChunks(`${root}dist`, 'cli.js');
// Likewise each file that a rule that fires may load on top of cli.js (which holds the plan and
// the dry run), in the order a run loads them: the checkout and git of rules with paths, the
// config check, then the sending. Code they share goes to the earlier one, which the later one
// then imports: the sending must share none with the paths file, or every trigger would load it.
const chunkOf = (/** @type {string} */ source) => {
  const output = Object.entries(result.metafile.outputs).find(
    ([, out]) => out.entryPoint === source,
  )?.[0];
  if (!output) throw new Error(`no chunk for ${source}: is it still loaded by import()?`);
  return output.replace(/^dist\//, '');
};
const loaded = ['cli.js'];
/** @type {Array<[string, string]>} */
const lazyEntries = [
  ['src/run/paths.ts', 'pathsChunk'],
  ['src/config-check/before-sending.ts', 'checkChunk'],
  ['src/run/send.ts', 'sendChunk'],
];
for (const [source, prefix] of lazyEntries) {
  const chunk = chunkOf(source);
  await mergeStartChunks(`${root}dist`, chunk, { prefix, loaded: [...loaded] });
  loaded.push(chunk);
}
const pathsFile = basename(chunkOf('src/run/paths.ts'));
for (const [source] of lazyEntries.slice(1)) {
  if (readFileSync(`${root}dist/${chunkOf(source)}`, 'utf8').includes(pathsFile))
    throw new Error(
      `${source}'s file imports ${pathsFile}: runs without paths would load git's code`,
    );
}
await requireChunks(`${root}dist`);

const packages = bundledPackages(
  {
    ...result.metafile,
    inputs: { ...result.metafile.inputs, ...libraries.metafile.inputs },
  },
  root,
);
await writeFile(`${root}dist/THIRD-PARTY-NOTICES.md`, noticesText(pkg, packages));
for (const output of Object.keys(result.metafile.outputs)) {
  // the start chunks merged into cli.js took their maps with them
  if (output.endsWith('.map') && existsSync(`${root}${output}`))
    await keepOwnSources(`${root}${output}`);
}
const direct = packages.filter((p) => p.name in pkg.devDependencies);
await prependLine(
  `/*! ${pkg.name} ${pkg.version} (MIT). Bundles ${direct.map((p) => `${p.name} ${p.version}`).join(', ')} and ${packages.length - direct.length} of their dependencies: see THIRD-PARTY-NOTICES.md */`,
);

execFileSync(
  process.execPath,
  [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
  { cwd: root, stdio: 'inherit' },
);

const bundle = await import(pathToFileURL(`${root}${OUT}`).href);
await writeRulesSchema(bundle.rulesFileSchema, `${root}schema.json`);

/**
 * Puts a comment line above the bundle and shifts its source map by that one line.
 * @param {string} text
 */
async function prependLine(text) {
  const code = readFileSync(`${root}${OUT}`, 'utf8');
  const map = JSON.parse(readFileSync(`${root}${OUT}.map`, 'utf8'));
  map.mappings = `;${map.mappings}`;
  await writeFile(`${root}${OUT}`, `${text}\n${code}`);
  await writeFile(`${root}${OUT}.map`, JSON.stringify(map));
}

console.log(sizeLine(`${root}dist`, packages.length, 'dist'));
