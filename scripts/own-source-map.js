// @ts-check
// Narrows a bundle's source map to the project's own sources: a stack frame in our code maps back
// to src/*.ts, one in a bundled package stays as it is (that code is published on npm as is).
// Mapping every bundled package would make the map larger than the rest of the package, and so
// would the original names (a frame shows the minified function name and the original place).
import { readFile, writeFile } from 'node:fs/promises';
import { decode, encode } from '@jridgewell/sourcemap-codec';

/** @param {string} path a .map file written by esbuild */
export async function keepOwnSources(path) {
  const map = JSON.parse(await readFile(path, 'utf8'));
  /** @type {string[]} */
  const sources = map.sources;
  /** @type {Map<number, number>} */
  const sourceIndex = new Map();
  const own = (/** @type {number} */ i) => /^(\.\.\/)*src\//.test(sources[i] ?? '');
  const index = (/** @type {Map<number, number>} */ ids, /** @type {number} */ id) =>
    ids.get(id) ?? ids.set(id, ids.size).size - 1;
  const lines = decode(map.mappings).map((line) => {
    /** @type {import('@jridgewell/sourcemap-codec').SourceMapSegment[]} */
    const kept = [];
    for (const [column, source, sourceLine = 0, sourceColumn = 0] of line) {
      if (source === undefined || !own(source)) {
        // One "unmapped from here" segment ends the previous mapping; more would add nothing.
        if (kept.length > 0 && kept[kept.length - 1]?.length !== 1) kept.push([column]);
        continue;
      }
      kept.push([column, index(sourceIndex, source), sourceLine, sourceColumn]);
    }
    return kept;
  });
  map.sources = [...sourceIndex.keys()].map((i) => sources[i]);
  map.names = [];
  map.mappings = encode(lines);
  await writeFile(path, JSON.stringify(map));
}
