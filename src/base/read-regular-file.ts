/**
 * Reads a text file that must be a regular file. Opened without blocking and checked through the
 * open handle: a FIFO would otherwise block the read until a writer comes, a device never ends.
 * What it throws for a file of another kind, or bytes that are not UTF-8 when asked to refuse
 * them, is an Error without a `code` whose message is a sentence to print as it is.
 */

import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';

/** How a text file is read; `strictUtf8`: bytes that are not UTF-8 are an error, not U+FFFD. */
export interface ReadOptions {
  strictUtf8?: boolean;
}

/** What `stat` says a path is, for the error of anything but a regular file. */
const KINDS: Array<[keyof import('node:fs').Stats, string]> = [
  ['isDirectory', 'a directory'],
  ['isFIFO', 'a FIFO'],
  ['isCharacterDevice', 'a device'],
  ['isBlockDevice', 'a device'],
  ['isSocket', 'a socket'],
];

/** Synchronous inside: a run reads one small file, and node:fs/promises costs startup time. */
export async function readRegularFile(path: string, options: ReadOptions = {}): Promise<string> {
  const file = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(file);
    if (!stats.isFile()) {
      const kind = KINDS.find(([test]) => (stats[test] as () => boolean)())?.[1];
      throw new Error(`it is ${kind ?? 'of another kind'}, not a regular file`);
    }
    const bytes = readFileSync(file);
    if (options.strictUtf8 && !isUtf8(bytes)) {
      const at = firstInvalidByte(bytes);
      const byte = (bytes[at] ?? 0).toString(16).padStart(2, '0');
      throw new Error(`it is not UTF-8 text (byte 0x${byte} at offset ${at})`);
    }
    return bytes.toString('utf8');
  } finally {
    closeSync(file);
  }
}

/**
 * Where the first sequence starts that is not well-formed UTF-8 (the Unicode standard's table
 * 3-7: no overlong forms, no surrogates, nothing above U+10FFFF); -1 when there is none.
 */
export function firstInvalidByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let more = 0;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) more = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      more = 2;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      more = 3;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k <= more; k++) {
      const next = bytes[i + k];
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (next === undefined || next < min || next > max) return i;
    }
    i += more + 1;
  }
  return -1;
}
