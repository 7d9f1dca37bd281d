// @ts-check
// Narrows a bundle's source map to what a stack trace needs from it: the file and line in src/ of
// each frame in our code. Frames in bundled packages stay as they are (that code is published on
// npm as is), and within a source line only its first position is kept. The full map would be
// larger than the rest of the package.
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
      const last = kept[kept.length - 1];
      if (source === undefined || !own(source)) {
        // One "unmapped from here" segment ends the previous mapping; more would add nothing.
        if (last !== undefined && last.length !== 1) kept.push([column]);
        continue;
      }
      const at = index(sourceIndex, source);
      if (last?.[1] === at && last[2] === sourceLine) continue;
      kept.push([column, at, sourceLine, sourceColumn]);
    }
    return kept;
  });
  map.sources = [...sourceIndex.keys()].map((i) => sources[i]);
  map.names = [];
  map.mappings = encode(lines);
  await writeFile(path, JSON.stringify(map));
}
