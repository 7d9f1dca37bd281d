/**
 * Keys written twice in one object of the rules file. JSON.parse keeps the last one without a
 * word, so the file does not say what its author meant; `validate` reports them.
 */
import { type Node, parseTree } from 'jsonc-parser';
import { formatPath } from './parse-rules.js';
import { withoutBom } from './without-bom.js';

export function duplicateKeys(text: string): string[] {
  let root: Node | undefined;
  try {
    root = parseTree(withoutBom(text));
  } catch (error) {
    // jsonc-parser recurses: a few thousand levels overflow the stack. No valid rules file nests
    // that deep, so the schema has problems to report anyway.
    if (error instanceof RangeError) return [];
    throw error;
  }
  const problems: Array<[number, string]> = [];
  // A stack rather than recursion: the file may nest deeper than the call stack goes.
  const stack: Array<[Node, PropertyKey[]]> = root ? [[root, []]] : [];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [node, path] = next;
    const seen = new Set<string>();
    node.children?.forEach((child, index) => {
      if (node.type === 'array') {
        stack.push([child, [...path, index]]);
        return;
      }
      const [key, value] = child.children ?? [];
      const name = String(key?.value);
      if (seen.has(name)) {
        problems.push([
          child.offset,
          `${formatPath([...path, name])}: appears twice (the last one counts)`,
        ]);
      }
      seen.add(name);
      if (value) stack.push([value, [...path, name]]);
    });
  }
  return problems.sort(([a], [b]) => a - b).map(([, problem]) => problem);
}
