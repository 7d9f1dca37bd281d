/**
 * Finds regexes that can backtrack polynomially: two repetitions that can split one stretch of
 * text between them in as many ways as it is long (`.*-.*`, `\d+\.?\d+`), so that each more of
 * them multiplies the work by the length of the name. Written here for the reason
 * pattern-backtracking.ts gives; the tests hold it to scslre, which it refuses no less than.
 *
 * The regex becomes a position automaton (each character class a position, each repetition a
 * loop back to its start). Two repetitions P before Q trade when some character J both can take
 * and a path leads from P's end to Q's start over positions that can all take a character of J.
 * Along each chain of trading repetitions the choices multiply: an unbounded one counts as many
 * as a name has characters, `{2,5}` as 4; a chain with more than a few thousand is refused.
 */
import { intersection, union } from './ranges.js';
import { ALL, type Node, overlaps, parse, type Ranges } from './regex-structure.js';

/** The longest name a rule is tested against (longer ones are refused): an unbounded choice. */
const UNBOUNDED = 1001;
/** The most choices a chain may multiply to: one unbounded repetition and a `{0,3}`. */
const MAX_CHOICES = UNBOUNDED * 4;
/** Steps of the search for paths; beyond them a regex is too complex to check. */
const MAX_STEPS = 100_000;

interface Fragment {
  first: number[];
  last: number[];
  nullable: boolean;
}

interface Repetition {
  raw: string;
  /** its positions: from, to (exclusive), in source order */
  from: number;
  to: number;
  first: ReadonlySet<number>;
  last: number[];
  chars: Ranges;
  choices: number;
}

class Automaton {
  readonly sets: Ranges[] = [];
  readonly follow: Array<Set<number>> = [];
  readonly repetitions: Repetition[] = [];

  position(set: Ranges): number {
    this.sets.push(set);
    this.follow.push(new Set());
    return this.sets.length - 1;
  }

  link(from: readonly number[], to: readonly number[]): void {
    for (const a of from) for (const b of to) this.follow[a]?.add(b);
  }

  build(node: Node): Fragment {
    switch (node.type) {
      case 'chars': {
        const p = this.position(node.set);
        return { first: [p], last: [p], nullable: false };
      }
      case 'empty': {
        // A lookaround's text is read where it stands: taken as an optional group.
        const inside = node.inside ? this.alternatives(node.inside) : undefined;
        return { first: inside?.first ?? [], last: inside?.last ?? [], nullable: true };
      }
      case 'any': {
        const p = this.position(ALL);
        this.link([p], [p]);
        this.repeated(node.raw, p, { first: [p], last: [p], nullable: true }, UNBOUNDED);
        return { first: [p], last: [p], nullable: true };
      }
      case 'group': {
        const from = this.sets.length;
        const inner = this.alternatives(node.alternatives);
        // Alternatives are choices too: `(a|aa)(a|aa)...` splits a text in as many ways.
        const count = node.alternatives.length;
        if (count > 1) this.repeated(node.raw, from, inner, Math.min(UNBOUNDED, count));
        return inner;
      }
      case 'quantifier': {
        const from = this.sets.length;
        const inner = this.build(node.node);
        if (node.max >= 2) this.link(inner.last, inner.first);
        // `a?` is a choice of two: a chain of them multiplies like any repetition.
        if (node.max > node.min) {
          const choices = Math.min(UNBOUNDED, node.max - node.min + 1);
          this.repeated(node.raw, from, inner, choices);
        }
        return { ...inner, nullable: inner.nullable || node.min === 0 };
      }
    }
  }

  private repeated(raw: string, from: number, inner: Fragment, choices: number): void {
    const to = this.sets.length;
    const chars = union(...this.sets.slice(from, to));
    this.repetitions.push({
      raw,
      from,
      to,
      first: new Set(inner.first),
      last: inner.last,
      chars,
      choices,
    });
  }

  private alternatives(list: readonly Node[][]): Fragment {
    const each = list.map((sequence) => this.sequence(sequence));
    return {
      first: each.flatMap((f) => f.first),
      last: each.flatMap((f) => f.last),
      nullable: each.some((f) => f.nullable),
    };
  }

  private sequence(nodes: readonly Node[]): Fragment {
    let done: Fragment = { first: [], last: [], nullable: true };
    for (const node of nodes) {
      const next = this.build(node);
      this.link(done.last, next.first);
      done = {
        first: done.nullable ? [...done.first, ...next.first] : done.first,
        last: next.nullable ? [...done.last, ...next.last] : next.last,
        nullable: done.nullable && next.nullable,
      };
    }
    return done;
  }
}

/** Why `source` (a regex `new RegExp` accepts) can backtrack polynomially, or undefined. */
export function polynomialBacktracking(source: string): string | undefined {
  const automaton = new Automaton();
  automaton.build(parse(source));
  const repetitions = [...automaton.repetitions].sort((a, b) => a.from - b.from);
  const budget = { steps: 0 };
  const best: number[] = [];
  for (let q = 0; q < repetitions.length; q++) {
    const Q = repetitions[q] as Repetition;
    let most = 1;
    let by: Repetition | undefined;
    for (let p = 0; p < q; p++) {
      const P = repetitions[p] as Repetition;
      const chain = best[p] ?? 1;
      if (P.to > Q.from || chain <= most || !trade(automaton, P, Q, budget)) continue;
      most = chain;
      by = P;
    }
    best[q] = most * Q.choices;
    if (by && (best[q] ?? 0) > MAX_CHOICES)
      return `${by.raw} and ${Q.raw} can split the same text between them`;
  }
  return undefined;
}

/** Whether a path of characters both P and Q can take leads from P's end to Q's start. */
function trade(automaton: Automaton, P: Repetition, Q: Repetition, budget: { steps: number }) {
  const shared = intersection(P.chars, Q.chars);
  if (shared.length === 0) return false;
  const seen = new Set<number>();
  const queue: number[] = [];
  const visit = (from: number) => {
    for (const next of automaton.follow[from] ?? []) {
      if (++budget.steps > MAX_STEPS) throw new Error('too complex to check');
      if (!seen.has(next) && overlaps(automaton.sets[next] ?? [], shared)) {
        seen.add(next);
        queue.push(next);
      }
    }
  };
  for (const end of P.last) visit(end);
  for (let i = 0; i < queue.length; i++) {
    const at = queue[i] as number;
    if (Q.first.has(at)) return true;
    visit(at);
  }
  return false;
}
