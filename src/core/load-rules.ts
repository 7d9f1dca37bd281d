/** Reads and parses the rules file; a file that cannot be read is bad input, like an invalid one. */

import { RulesError, UsageError } from '../base/errors.js';
import type { ReadFile } from '../base/io.js';
import { escapeControls } from './quote.js';
import { readGoodRules } from './read-good-rules.js';
import type { RuleSet } from './rules.js';

export async function loadRules(
  path: string,
  readFile: ReadFile,
  /** also refuse keys written twice (`validate`): it costs a second parse */
  strict = false,
): Promise<RuleSet> {
  let text: string;
  try {
    // Bytes that are not UTF-8 would become U+FFFD: a pattern that never matches, said nowhere.
    text = await readFile(path, { strictUtf8: true });
  } catch (error) {
    const why = reason(error as NodeJS.ErrnoException);
    throw new UsageError(`cannot read rules file ${escapeControls(path)}: ${why} (set --rules)`);
  }
  // zod and the JSON parser that places errors load only to say what is wrong.
  const good = strict ? undefined : readGoodRules(text);
  if (good) return good;
  const { parseRules } = await import('./parse-rules.js');
  if (!strict) return parseRules(text, path);
  const { duplicateKeys } = await import('./duplicate-keys.js');
  const duplicates = duplicateKeys(text);
  let ruleSet: RuleSet;
  try {
    ruleSet = parseRules(text, path);
  } catch (error) {
    if (!(error instanceof RulesError) || duplicates.length === 0) throw error;
    throw new RulesError(path, [...duplicates, ...error.allProblems]);
  }
  if (duplicates.length > 0) throw new RulesError(path, duplicates);
  return ruleSet;
}

/**
 * A sentence for what node's file system said, never its `EISDIR: illegal operation` text; the
 * reader's own errors (another kind of file, not UTF-8) are sentences already, without a code.
 */
function reason(error: NodeJS.ErrnoException): string {
  if (error.code === undefined && typeof error.message === 'string') return error.message;
  switch (error.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return `the file system said ${error.code ?? escapeControls(String(error.message))}`;
  }
}
