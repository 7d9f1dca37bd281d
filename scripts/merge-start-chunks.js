// @ts-check
// After the split build: the chunks that the CLI's entry imports statically, which every run
// loads, become one file with it. Each file the ES module loader fetches costs a resolve, a read
// and a link (about half a millisecond each, on every run); esbuild splits shared code finely,
// by which entry points and dynamic imports reach it. The files that imported those chunks
// import the merged entry instead, so that each module still exists once.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';

const STATIC_IMPORT =
  /(?:import|export)\s*(?:\{[^}]*\}\s*from\s*|\*\s*from\s*)?"(\.{1,2}\/[^"]+)"/g;

/**
 * @param {string} dist the dist folder
 * @param {string} entry path of the entry (the CLI's, or a chunk a dynamic import loads) in dist
 * @param {{ prefix?: string, loaded?: string[], sourceMaps?: boolean }} [options] `loaded`: files
 *   already loaded whenever the entry is (the merged start file), which stay apart; `prefix` names
 *   the merged chunks' namespaces; `sourceMaps`: the merged file maps back to the sources
 * @returns {Promise<string[]>} the chunks merged into the entry
 */
export async function mergeStartChunks(dist, entry, options = {}) {
  const prefix = options.prefix ?? 'startChunk';
  const loaded = new Set((options.loaded ?? []).map((file) => join(dist, file)));
  const entryPath = join(dist, entry);
  const merged = staticClosure(entryPath, loaded).filter((file) => file !== entryPath);
  if (merged.length === 0) return [];
  const index = new Map(merged.map((file, i) => [file, `${prefix}${i}`]));
  const lines = [
    `export * from ${JSON.stringify(entryPath)};`,
    ...merged.map((file, i) => `export * as ${prefix}${i} from ${JSON.stringify(file)};`),
  ];
  const out = await build({
    stdin: { contents: lines.join('\n'), resolveDir: dist, sourcefile: 'start.js' },
    bundle: true,
    write: false,
    outfile: entryPath,
    // esbuild follows the chunks' own maps: the merged file maps back to the sources.
    sourcemap: options.sourceMaps ? 'linked' : false,
    sourcesContent: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [
      {
        name: 'lazy-chunks-stay-apart',
        setup(build) {
          build.onResolve({ filter: /.*/ }, (args) => {
            if (args.path.startsWith('node:')) return { path: args.path, external: true };
            const target = resolve(args.resolveDir, args.path);
            if (args.kind !== 'dynamic-import' && !loaded.has(target)) return undefined;
            return { path: specifierOf(entryPath, target), external: true };
          });
        },
      },
    ],
  });
  for (const file of merged) rmSync(file, { force: true });
  for (const file of merged) rmSync(`${file}.map`, { force: true });
  for (const output of out.outputFiles) writeFileSync(output.path, output.contents);
  for (const file of jsFiles(dist)) {
    if (file === entryPath) continue;
    const text = readFileSync(file, 'utf8');
    const rewritten = importsOfMerged(text, file, index, entryPath);
    if (rewritten !== text) writeFileSync(file, rewritten);
  }
  return merged;
}

/**
 * `import{a as X,b}from"./chunk.js"` of a merged chunk becomes an import of the entry's
 * namespace of that chunk; a bare `import"./chunk.js"` an import of the entry.
 * @param {string} text
 * @param {string} file
 * @param {Map<string, string>} index
 * @param {string} entryPath
 */
function importsOfMerged(text, file, index, entryPath) {
  const entrySpecifier = specifierOf(file, entryPath);
  let count = 0;
  const out = text.replace(
    /import\s*(\{[^}]*\})?\s*(?:from\s*)?"(\.{1,2}\/[^"]+)";?/g,
    (
      /** @type {string} */ whole,
      /** @type {string | undefined} */ names,
      /** @type {string} */ specifier,
    ) => {
      const name = index.get(resolve(dirname(file), specifier));
      if (name === undefined) return whole;
      if (names === undefined) return `import${JSON.stringify(entrySpecifier)};`;
      const local = `${name}$${count++}`;
      const fields = names
        .slice(1, -1)
        .split(',')
        .filter((part) => part.trim() !== '')
        .map((part) => {
          const [imported, as] = part.trim().split(/\s+as\s+/);
          return `${imported}:${as ?? imported}`;
        });
      return `import{${name} as ${local}}from${JSON.stringify(entrySpecifier)};const{${fields.join(',')}}=${local};`;
    },
  );
  for (const specifier of out.matchAll(STATIC_IMPORT)) {
    if (index.has(resolve(dirname(file), specifier[1] ?? ''))) {
      throw new Error(`${file} still imports the merged ${specifier[1]}: extend mergeStartChunks`);
    }
  }
  return out;
}

/**
 * `./x.js` or `../x.js`: how `from` imports `to`.
 * @param {string} from
 * @param {string} to
 */
function specifierOf(from, to) {
  const path = relative(dirname(from), to);
  return path.startsWith('..') ? path : `./${path}`;
}

/**
 * The files that `start` imports statically, itself included, and the files they import.
 * @param {string} start
 * @param {Set<string>} loaded files not to follow
 */
export function staticClosure(start, loaded) {
  const seen = new Set([start]);
  const queue = [start];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const match of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      const target = resolve(dirname(file), match[1] ?? '');
      if (!seen.has(target) && !loaded.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return [...seen];
}

/** @param {string} dir */
function jsFiles(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.js'))
    .map((name) => join(dir, name));
}
