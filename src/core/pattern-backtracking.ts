/**
 * Finds regexes that can backtrack exponentially, so that a branch name chosen by whoever can push
 * cannot make a run hang. Written here because the checkers that fit (scslre with refa: 1 MiB;
 * even regexpp's parser alone) would outgrow the package's size budget several times over; the
 * tests hold it to scslre and refa on thousands of generated patterns: it refuses all they find
 * dangerous, and a few safe ones besides.
 *
 * A repetition `(E)+` is refused when the engine could split a text between its iterations in
 * many ways: when a quantifier inside E could also take what comes right after it, up to the
 * start of the next iteration (`(\d+\.?)+`, `(a+)+`, `(.+.)*`), or when two alternatives of E
 * can start with the same text (`(a|aa)+`, `(\w|\d)+`).
 */

import { union } from './ranges.js';
import { ALL, type Node, overlaps, parse, type Ranges } from './regex-structure.js';

/** What a node can match: maybe nothing, which characters it can start with, and consume at all. */
interface Reach {
  nullable: boolean;
  first: Ranges;
  chars: Ranges;
}

const reached = new WeakMap<Node, Reach>();

/** Computed once per node: the checks ask for every node's reach from every enclosing one. */
function reach(node: Node): Reach {
  let known = reached.get(node);
  if (known === undefined) {
    known = computeReach(node);
    reached.set(node, known);
  }
  return known;
}

function computeReach(node: Node): Reach {
  switch (node.type) {
    case 'chars':
      return { nullable: false, first: node.set, chars: node.set };
    case 'empty':
      return { nullable: true, first: [], chars: [] };
    case 'any':
      return { nullable: true, first: ALL, chars: ALL };
    case 'quantifier': {
      const inner = reach(node.node);
      return { ...inner, nullable: inner.nullable || node.min === 0 };
    }
    case 'group': {
      const each = node.alternatives.map(sequenceReach);
      return {
        nullable: each.some((r) => r.nullable),
        first: union(...each.map((r) => r.first)),
        chars: union(...each.map((r) => r.chars)),
      };
    }
  }
}

function sequenceReach(sequence: readonly Node[]): Reach {
  const parts = sequence.map(reach);
  const firsts: Ranges[] = [];
  for (const part of parts) {
    firsts.push(part.first);
    if (!part.nullable) break;
  }
  return {
    nullable: parts.every((p) => p.nullable),
    first: union(...firsts),
    chars: union(...parts.map((p) => p.chars)),
  };
}

type Quantifier = Extract<Node, { type: 'quantifier' }>;

/**
 * The quantifiers inside `node` that choose how much to take, each with the characters that can
 * come right after it; the end of `node` is followed by `follow`.
 */
function choices(node: Node, follow: Ranges, out: Array<[Quantifier, Ranges]>): void {
  if (node.type === 'quantifier') {
    if (node.max > node.min) out.push([node, follow]);
    const again = node.max > 1 ? reach(node.node).first : [];
    choices(node.node, union(again, follow), out);
  } else if (node.type === 'group') {
    for (const sequence of node.alternatives) {
      let after = follow;
      for (const item of [...sequence].reverse()) {
        choices(item, after, out);
        const next = reach(item);
        after = next.nullable ? union(next.first, after) : next.first;
      }
    }
  }
}

/** The leading single characters of a sequence, up to its first element of another kind. */
function literalPrefix(sequence: readonly Node[]): Ranges[] {
  const sets: Ranges[] = [];
  for (const node of sequence) {
    if (node.type !== 'chars') break;
    sets.push(node.set);
  }
  return sets;
}

/** Two sequences that can start the same text: no position of their literal heads tells them apart. */
function startAlike(a: readonly Node[], b: readonly Node[]): boolean {
  if (!overlaps(sequenceReach(a).first, sequenceReach(b).first)) return false;
  const [pa, pb] = [literalPrefix(a), literalPrefix(b)];
  const shared = Math.min(pa.length, pb.length);
  for (let i = 0; i < shared; i++) if (!overlaps(pa[i] ?? [], pb[i] ?? [])) return false;
  return true;
}

/** Why `source` (a regex `new RegExp` accepts) can backtrack exponentially, or undefined. */
export function exponentialBacktracking(source: string): string | undefined {
  const found: string[] = [];
  const visit = (node: Node): void => {
    if (found.length > 0) return;
    if (node.type === 'group') node.alternatives.flat().forEach(visit);
    if (node.type === 'empty') node.inside?.flat().forEach(visit);
    if (node.type !== 'quantifier') return;
    visit(node.node);
    if (found.length > 0 || node.max < 2) return;
    // Where an inner quantifier could also take what comes after it, up to the next iteration,
    // the text can be split between them and the iterations in exponentially many ways.
    const inner: Array<[Quantifier, Ranges]> = [];
    choices(node.node, reach(node.node).first, inner);
    const loop = inner.find(([q, after]) => q !== node.node && overlaps(reach(q).chars, after));
    if (loop) {
      found.push(`${loop[0].raw} repeats inside ${node.raw}`);
      return;
    }
    let element = node.node;
    while (element.type === 'group' && element.alternatives.length === 1) {
      const [only] = element.alternatives[0] ?? [];
      if (element.alternatives[0]?.length !== 1 || only?.type !== 'group') break;
      element = only;
    }
    if (element.type !== 'group') return;
    const { alternatives, texts } = element;
    alternatives.forEach((a, i) => {
      const j = alternatives.findIndex((b, k) => k > i && startAlike(a, b));
      if (j >= 0 && found.length === 0) {
        found.push(
          `the alternatives ${texts[i]} and ${texts[j]} of ${node.raw} can start with the same text`,
        );
      }
    });
  };
  visit(parse(source));
  return found[0];
}
