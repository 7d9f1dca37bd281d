// @ts-check
// After the merges: the files of dist/ load the chunks they import() with require() instead.
// Node's first import() brings up its asynchronous ES module loader (with node:fs/promises and
// node:readline, about 1.5 ms on Node 20); require() of an ES module (Node 20.19 and later, as the
// bin already uses) reads and links it synchronously. esbuild lowers each import() to
// `Promise.resolve().then(() => __toESM(__require(path)))`, so a failure still rejects the
// promise, and follows the file's source map; `require` is made on first use, relative to the
// file (dist/ or dist/chunks/).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const DYNAMIC_IMPORT_OF_CHUNK = /\bimport\("\.{1,2}\//;
const REQUIRE =
  'let require$;function require(path){return(require$??=process.getBuiltinModule("node:module").createRequire(import.meta.url))(path)}';

/**
 * @param {string} dist the dist folder
 * @param {{ sourceMaps?: boolean }} [options] follow and write the files' source maps
 */
export async function requireChunks(dist, options = {}) {
  for (const name of readdirSync(dist, { recursive: true, encoding: 'utf8' })) {
    const file = join(dist, name);
    if (!file.endsWith('.js') || !DYNAMIC_IMPORT_OF_CHUNK.test(readFileSync(file, 'utf8')))
      continue;
    const out = await build({
      entryPoints: [file],
      bundle: true,
      write: false,
      outfile: file,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      supported: { 'dynamic-import': false },
      banner: { js: REQUIRE },
      minify: true,
      sourcemap: options.sourceMaps ? 'linked' : false,
      sourcesContent: false,
      legalComments: 'none',
      logLevel: 'warning',
      plugins: [
        {
          name: 'imports-stay-as-they-are',
          setup(build) {
            build.onResolve({ filter: /.*/ }, (args) =>
              args.kind === 'entry-point' ? undefined : { path: args.path, external: true },
            );
          },
        },
      ],
    });
    for (const output of out.outputFiles) writeFileSync(output.path, output.contents);
    if (DYNAMIC_IMPORT_OF_CHUNK.test(readFileSync(file, 'utf8'))) {
      throw new Error(`${file} still import()s a chunk: esbuild no longer lowers it`);
    }
  }
}
