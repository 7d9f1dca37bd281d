/**
 * Reads a text file that must be a regular file. Opened without blocking and checked through the
 * open handle: a FIFO would otherwise block the read until a writer comes, a device never ends.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';

/** What `stat` says a path is, for the error of anything but a regular file. */
const KINDS: Array<[keyof import('node:fs').Stats, string]> = [
  ['isDirectory', 'a directory'],
  ['isFIFO', 'a FIFO'],
  ['isCharacterDevice', 'a device'],
  ['isBlockDevice', 'a device'],
  ['isSocket', 'a socket'],
];

/** Synchronous inside: a run reads one small file, and node:fs/promises costs startup time. */
export async function readRegularFile(path: string): Promise<string> {
  const file = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(file);
    if (!stats.isFile()) {
      const kind = KINDS.find(([test]) => (stats[test] as () => boolean)())?.[1];
      throw Object.assign(new Error(`it is ${kind ?? 'of another kind'}`), { code: 'EFTYPE' });
    }
    return readFileSync(file, 'utf8');
  } finally {
    closeSync(file);
  }
}
