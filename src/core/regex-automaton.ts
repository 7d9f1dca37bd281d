/**
 * A /regex/ matched in linear time: compiled to an automaton and run keeping every state it could
 * be in at once (Thompson's construction, Pike's simulation), so that no name can make it
 * backtrack. JavaScript's engine stays the authority: this answers only for regexes without
 * backreferences or lookarounds (their language is then what the automaton accepts), and a test
 * holds the two to the same answers on generated regexes and names. Without flags: UTF-16 code
 * units, `.` without line terminators, `^` and `$` at the ends only, `\b` with ASCII words.
 */
import { type Node, parse, type Ranges } from './regex-structure.js';

type Assertion = '^' | '$' | 'b' | 'B';
type Step =
  | { kind: 'char'; set: Ranges; next: number }
  | { kind: 'split'; first: number; second: number }
  | { kind: 'assert'; assertion: Assertion; next: number }
  | { kind: 'match' };

/** More states than this and a regex is left to the engine (and its backtracking checks). */
export const MAX_STATES = 2000;

/** A compiled regex: its steps and where it starts. */
export interface Automaton {
  steps: readonly Step[];
  start: number;
}

class Unsupported extends Error {}

/**
 * The automaton of `source` (a regex `new RegExp` accepts, anchored by the caller), or undefined
 * for one it does not take: backreferences, lookarounds, escapes read otherwise without `u`
 * (`\0` before a digit, `\c`), or more than MAX_STATES states.
 */
export function compileAutomaton(source: string): Automaton | undefined {
  if (/\\(?:0\d|c)/.test(source)) return undefined;
  const steps: Step[] = [{ kind: 'match' }];
  const add = (step: Step) => {
    if (steps.length >= MAX_STATES) throw new Unsupported();
    steps.push(step);
    return steps.length - 1;
  };
  const sequence = (nodes: readonly Node[], next: number): number => {
    let at = next;
    for (let i = nodes.length - 1; i >= 0; i--) at = build(nodes[i] as Node, at);
    return at;
  };
  const choice = (entries: number[]): number =>
    entries.reduceRight((second, first) => add({ kind: 'split', first, second }));
  const build = (node: Node, next: number): number => {
    switch (node.type) {
      case 'chars':
        return add({ kind: 'char', set: node.set, next });
      case 'empty':
        if (node.inside || node.assertion === undefined) throw new Unsupported();
        return add({ kind: 'assert', assertion: node.assertion, next });
      case 'any':
        throw new Unsupported();
      case 'group':
        return choice(node.alternatives.map((alternative) => sequence(alternative, next)));
      case 'quantifier': {
        let at = next;
        if (node.max === Number.POSITIVE_INFINITY) {
          const loop = add({ kind: 'split', first: -1, second: next });
          (steps[loop] as { first: number }).first = build(node.node, loop);
          at = loop;
        } else {
          for (let k = node.min; k < node.max; k++)
            at = add({ kind: 'split', first: build(node.node, at), second: next });
        }
        for (let k = 0; k < node.min; k++) at = build(node.node, at);
        return at;
      }
    }
  };
  try {
    const start = build(parse(source), 0);
    return { steps, start };
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

/** Whether the automaton accepts the whole text: at most its states' count of work per unit. */
export function runAutomaton({ steps, start }: Automaton, text: string): boolean {
  const count = steps.length;
  let here = new Int32Array(count);
  let next = new Int32Array(count);
  let hereSize = 0;
  let nextSize = 0;
  // the input position at which each state was last added: a state joins a list once
  const seenAt = new Int32Array(count).fill(-1);
  // a state is pushed once per step leading to it: at most two per state
  const stack = new Int32Array(2 * count + 1);
  let matched = false;
  // which character steps a unit passes, worked out once per distinct unit
  const passes = new Map<number, Uint8Array>();
  const passesOf = (unit: number) => {
    let table = passes.get(unit);
    if (table === undefined) {
      table = new Uint8Array(count);
      for (let at = 0; at < count; at++) {
        const step = steps[at] as Step;
        if (step.kind === 'char' && contains(step.set, unit)) table[at] = 1;
      }
      passes.set(unit, table);
    }
    return table;
  };
  /** Adds `from` and what it leads to without reading a unit; returns the new list's size. */
  const follow = (from: number, position: number, into: Int32Array, size: number) => {
    let top = 0;
    let added = size;
    stack[top++] = from;
    while (top > 0) {
      const at = stack[--top] as number;
      if (seenAt[at] === position) continue;
      seenAt[at] = position;
      const step = steps[at] as Step;
      if (step.kind === 'char') into[added++] = at;
      else if (step.kind === 'split') {
        stack[top++] = step.second;
        stack[top++] = step.first;
      } else if (step.kind === 'assert') {
        if (holds(step.assertion, text, position)) stack[top++] = step.next;
      } else matched ||= position === text.length;
    }
    return added;
  };
  hereSize = follow(start, 0, here, 0);
  for (let position = 0; position < text.length && hereSize > 0; position++) {
    const table = passesOf(text.charCodeAt(position));
    nextSize = 0;
    for (let i = 0; i < hereSize; i++) {
      const at = here[i] as number;
      if (table[at] === 1) {
        const step = steps[at] as Extract<Step, { kind: 'char' }>;
        nextSize = follow(step.next, position + 1, next, nextSize);
      }
    }
    [here, next] = [next, here];
    hereSize = nextSize;
  }
  return matched;
}

function contains(set: Ranges, unit: number): boolean {
  for (const [low, high] of set) if (unit >= low && unit <= high) return true;
  return false;
}

const isWord = (unit: number) =>
  (unit >= 48 && unit <= 57) ||
  (unit >= 65 && unit <= 90) ||
  unit === 95 ||
  (unit >= 97 && unit <= 122);

function holds(assertion: Assertion, text: string, position: number): boolean {
  switch (assertion) {
    case '^':
      return position === 0;
    case '$':
      return position === text.length;
    default: {
      const before = position > 0 && isWord(text.charCodeAt(position - 1));
      const after = position < text.length && isWord(text.charCodeAt(position));
      return (before !== after) === (assertion === 'b');
    }
  }
}
