// @ts-check
// The line the build prints about what it made: the file every run loads first (cli.js), the
// chunks loaded when a run needs them, the package's entry, the API's types and the source maps
// of a maintainer's build (--source-maps), each with its real size. (It once printed only the
// entry, a shim of about 1 KiB.)
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** @param {number} bytes */
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

/**
 * @param {string} dist the build's folder
 * @param {number} packages how many packages the bundle holds
 * @param {string} [shown] how the line names the folder
 */
export function sizeLine(dist, packages, shown = dist) {
  const size = (/** @type {string} */ file) => statSync(join(dist, file)).size;
  const chunks = readdirSync(join(dist, 'chunks')).map((file) => `chunks/${file}`);
  const code = chunks.filter((file) => !file.endsWith('.map'));
  const maps = [
    ...chunks.filter((file) => file.endsWith('.map')),
    ...readdirSync(dist).filter((file) => file.endsWith('.js.map')),
  ];
  const total = (/** @type {string[]} */ files) => files.reduce((sum, file) => sum + size(file), 0);
  return [
    `built ${shown.replace(/\/?$/, '/')}: cli.js ${kib(size('cli.js'))} (every run loads it)`,
    `${code.length} chunks ${kib(total(code))} (loaded when a run needs them)`,
    `cci-conditional.js ${kib(size('cci-conditional.js'))} (the package's entry, re-exporting both)`,
    ...(maps.length > 0 ? [`source maps ${kib(total(maps))}`] : []),
    `index.d.ts ${kib(size('index.d.ts'))}`,
  ]
    .join(', ')
    .concat(`; schema.json; ${packages} bundled packages`);
}
