/**
 * Keys written twice in one object of the rules file. JSON.parse keeps the last one without a
 * word, so the file does not say what its author meant; `validate` reports them.
 *
 * Read token by token with jsonc-parser's scanner and a stack of the open objects and arrays, not
 * with a parse tree: building a tree recurses once per level, and a file nested a few thousand
 * levels deep would overflow the call stack at a depth that varies with the engine's state.
 */
import { createScanner, type SyntaxKind } from 'jsonc-parser';
import { formatPath } from './parse-rules.js';
import { withoutBom } from './without-bom.js';

/** An open object (its keys so far, the key being read) or array (the index being read). */
type Open = { keys: Set<string>; key: string | undefined } | { index: number };

const TWICE = ': appears twice (the last one counts)';

/** The tokens read, as jsonc-parser numbers them (its SyntaxKind is a type-only const enum). */
const TOKEN = {
  openBrace: 1,
  closeBrace: 2,
  openBracket: 3,
  closeBracket: 4,
  comma: 5,
  string: 10,
  end: 17,
} as const satisfies Record<string, SyntaxKind>;

export function duplicateKeys(text: string): string[] {
  const scanner = createScanner(withoutBom(text), true);
  const open: Open[] = [];
  const problems: string[] = [];
  for (let token = scanner.scan(); token !== TOKEN.end; token = scanner.scan()) {
    const top = open.at(-1);
    if (token === TOKEN.openBrace) open.push({ keys: new Set(), key: undefined });
    else if (token === TOKEN.openBracket) open.push({ index: 0 });
    else if (token === TOKEN.closeBrace || token === TOKEN.closeBracket) {
      open.pop();
    } else if (token === TOKEN.comma && top) {
      if ('index' in top) top.index++;
      else top.key = undefined;
    } else if (token === TOKEN.string && top && 'keys' in top && top.key === undefined) {
      // a string where a key is due: the first after `{` or after a comma of an object
      const key = scanner.getTokenValue();
      top.key = key;
      if (top.keys.has(key)) problems.push(`${formatPath(pathOf(open))}${TWICE}`);
      top.keys.add(key);
    }
  }
  return problems;
}

/** Where the innermost open object or array is reading now: its keys and indexes, outermost first. */
function pathOf(open: readonly Open[]): PropertyKey[] {
  return open.map((at) => ('index' in at ? at.index : (at.key ?? '')));
}
