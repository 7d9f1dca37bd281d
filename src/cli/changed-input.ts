/**
 * The changed paths `check` is given: `--changed PATH` (repeatable; CCI_CONDITIONAL_CHANGED is
 * one path) and `--changed-from FILE`, one path a line (as `git diff --name-only` prints them; a
 * CR before the line's end and empty lines are left out). Neither: undefined, the paths are
 * not known.
 */

import { UsageError } from '../base/errors.js';
import type { ReadFile } from '../base/io.js';
import { escapeControls } from '../core/quote.js';

export interface ChangedInput {
  /** the values of --changed */
  given: readonly string[];
  /** --changed-from */
  from: string | undefined;
}

export async function readChanged(
  input: ChangedInput,
  readFile: ReadFile,
): Promise<string[] | undefined> {
  if (input.given.length === 0 && input.from === undefined) return undefined;
  if (input.given.includes('')) throw new UsageError('--changed takes a path, not ""');
  const paths = [...input.given];
  if (input.from !== undefined) {
    let text: string;
    try {
      text = await readFile(input.from);
    } catch (error) {
      const why =
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'no such file'
          : (error as Error).message;
      throw new UsageError(`cannot read --changed-from ${escapeControls(input.from)}: ${why}`);
    }
    for (const line of text.split('\n')) {
      const path = line.endsWith('\r') ? line.slice(0, -1) : line;
      if (path !== '') paths.push(path);
    }
  }
  return paths;
}
