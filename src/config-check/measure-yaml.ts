/**
 * Measures a parsed YAML document before it becomes values: aliases, nesting and size once
 * aliases are resolved, and duplicate keys, in one walk without recursion (a deep file must not
 * overflow the stack here) that asks the deadline as it goes. A file beyond a bound throws
 * NotChecked before a single alias is expanded.
 *
 * The walk follows the text: an alias names the last anchor before it, whose value is measured
 * by then, unless the alias is inside it (a value that contains itself).
 */
import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { counted, type Deadline, LIMITS, NotChecked } from './bounds.js';

const NODES_PER_LOOK = 4096;

/** Each node's children as written. */
function childrenOf(node: unknown): unknown[] {
  if (isMap(node)) return node.items.flatMap((pair) => [pair.key, pair.value]);
  if (isSeq(node))
    return node.items.flatMap((item) => (isPair(item) ? [item.key, item.value] : [item]));
  return [];
}

interface Frame {
  node: Node;
  children: unknown[];
  next: number;
  size: number;
  height: number;
}

export function measureYaml(
  document: Document.Parsed,
  where: (offset: number) => string,
  deadline: Deadline,
): void {
  const at = (node: { range?: unknown }) =>
    Array.isArray(node.range) ? ` at ${where(node.range[0] as number)}` : '';
  /** The last anchor of each name so far, and its value's measure once it is complete. */
  const anchors = new Map<string, Node>();
  const measured = new Map<Node, { size: number; height: number }>();
  let aliases = 0;
  let steps = 0;
  const root = document.contents as Node | null;
  if (!root) return;
  const stack: Frame[] = [];
  const enter = (node: Node) => {
    if (node.anchor) anchors.set(node.anchor, node);
    if (isMap(node)) uniqueKeys(node.items, at);
    stack.push({ node, children: childrenOf(node), next: 0, size: 1, height: 1 });
  };
  enter(root);
  while (stack.length > 0) {
    if (++steps % NODES_PER_LOOK === 0) deadline.check();
    const frame = stack[stack.length - 1] as Frame;
    const child = frame.children[frame.next++];
    if (frame.next <= frame.children.length) {
      if (isAlias(child)) {
        if (++aliases > LIMITS.aliases)
          throw new NotChecked(`it has more than ${counted(LIMITS.aliases)} aliases`);
        const target = anchors.get(child.source);
        const value = target && measured.get(target);
        if (target && !value)
          throw new NotChecked(`an alias${at(child)} refers to a value that contains it`);
        if (value) add(frame, value.size, value.height);
      } else if (child !== null && typeof child === 'object') enter(child as Node);
      else if (child !== null && child !== undefined) add(frame, 1, 1);
      continue;
    }
    stack.pop();
    if (frame.size > LIMITS.nodes)
      throw new NotChecked(`its aliases expand it to more than ${counted(LIMITS.nodes)} values`);
    if (frame.height > LIMITS.depth)
      throw new NotChecked(`it nests deeper than ${counted(LIMITS.depth)} levels${at(frame.node)}`);
    if (frame.node.anchor) measured.set(frame.node, { size: frame.size, height: frame.height });
    const parent = stack[stack.length - 1];
    if (parent) add(parent, frame.size, frame.height);
  }
}

function add(frame: Frame, size: number, height: number) {
  frame.size += size;
  frame.height = Math.max(frame.height, height + 1);
}

function uniqueKeys(pairs: ReadonlyArray<{ key: unknown }>, at: (node: object) => string) {
  const seen = new Set<unknown>();
  for (const { key } of pairs) {
    if (!isScalar(key) || key.value === '<<') continue;
    if (seen.has(key.value))
      throw new NotChecked(
        `the key ${JSON.stringify(String(key.value))}${at(key)} appears twice in one map`,
      );
    seen.add(key.value);
  }
}
