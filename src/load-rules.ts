/** Reads and parses the rules file; a file that cannot be read is bad input, like an invalid one. */
import { UsageError } from './errors.js';
import { parseRules } from './parse-rules.js';
import type { RuleSet } from './rules.js';

export async function loadRules(
  path: string,
  readFile: (path: string) => Promise<string>,
): Promise<RuleSet> {
  let text: string;
  try {
    text = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : (code ?? (error as Error).message);
    throw new UsageError(`cannot read rules file ${path}: ${why} (set --rules)`);
  }
  return parseRules(text, path);
}
