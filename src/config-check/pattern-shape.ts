/**
 * What can be proven, without matching, about every name a pattern matches: its literal start
 * and end, and whether it matches every name with that start. Read from the pattern's text: the
 * literal characters before the first (after the last) character with a meaning, so it can only
 * say less than is true, never more. A rule's pattern is a minimatch glob or a `/regex/`; a
 * CircleCI filter entry is a name or a `/regex/`; both regexes match whole names.
 */
import { compilePattern } from '../core/match-patterns.js';
import { GLOB_MAGIC } from '../core/may-match.js';
import { configRegex } from './config-regex.js';
import { type Truth, UNKNOWN } from './three-valued.js';

export interface Shape {
  /** the one name it matches (a plain name) */
  exact: string | undefined;
  /** every name it matches starts with this */
  prefix: string;
  /** every name it matches ends with this */
  suffix: string;
  /** it matches every name that starts with `prefix` (`/.*​/`, `/^v.*​/`) */
  everyWithPrefix: boolean;
  /** whether it matches a name */
  test: (name: string) => Truth;
}

const regexOf = (text: string) => /^\/(.+)\/$/s.exec(text)?.[1];

/** A rule's pattern (without its `!`). */
export function ruleShape(pattern: string): Shape {
  const compiled = compilePattern(pattern);
  const test = (name: string) => compiled(name);
  const source = regexOf(pattern);
  if (source !== undefined) return { ...regexShape(source), test };
  if (!GLOB_MAGIC.test(pattern)) return plain(pattern, test);
  // minimatch reads `.`, `..` and repeated slashes in its own way: nothing is claimed for them.
  if (/(^|\/)\.\.?(\/|$)|\/\//.test(pattern)) return unknown(test);
  const first = pattern.search(GLOB_MAGIC);
  let last = pattern.length - 1;
  while (!GLOB_MAGIC.test(pattern[last] ?? '*')) last--;
  // `a/**` never matches `a`, but `**/x` matches `x`: a slash after `**` is not claimed.
  const prefix = pattern.slice(0, first);
  const suffix = pattern
    .slice(last + 1)
    .replace(/^\//, pattern.slice(last - 1, last + 1) === '**' ? '' : '/');
  return { exact: undefined, prefix, suffix, everyWithPrefix: false, test };
}

/** An entry of a CircleCI filter's `only` or `ignore`. */
export function filterShape(entry: unknown): Shape {
  const text = String(entry);
  const source = regexOf(text);
  if (source === undefined) return plain(text, (name) => name === text);
  return { ...regexShape(source), test: (name) => configRegex(source)?.test(name) ?? UNKNOWN };
}

const plain = (name: string, test: Shape['test']): Shape => ({
  exact: name,
  prefix: name,
  suffix: name,
  everyWithPrefix: false,
  test,
});
const unknown = (test: Shape['test']): Shape => ({
  exact: undefined,
  prefix: '',
  suffix: '',
  everyWithPrefix: false,
  test,
});

type Atom = { literal?: string; any?: boolean; quantifier?: string };

/**
 * A regex's source as atoms (a character, `.`, or anything else), quantifiers attached;
 * undefined for an alternation at the top, or syntax read differently by Java and JavaScript
 * (`\p{..}`, `\Q..\E`, classes within classes): nothing is claimed for those.
 */
function atomsOf(source: string): Atom[] | undefined {
  if (/\\[pPxuckQEN]|\(\?[A-Za-z-]/.test(source)) return undefined;
  const atoms: Atom[] = [];
  let i = source.startsWith('^') ? 1 : 0;
  const end = /(^|[^\\])\$$/.test(source) ? source.length - 1 : source.length;
  while (i < end) {
    const c = source[i] as string;
    const quantifier = /^(?:[*+?]|\{\d+(?:,\d*)?\})[?+]?/.exec(source.slice(i, i + 16))?.[0];
    if (quantifier) {
      const previous = atoms.at(-1);
      if (previous) previous.quantifier = quantifier;
      i += quantifier.length;
    } else if (c === '|') return undefined;
    else if (c === '\\') {
      const next = source[i + 1] ?? '';
      atoms.push(/[A-Za-z0-9]/.test(next) || next === '' ? {} : { literal: next });
      i += 2;
    } else if (c === '[' || c === '(') {
      i = c === '[' ? classEnd(source, i) : groupEnd(source, i);
      if (i < 0) return undefined;
      atoms.push({});
    } else {
      atoms.push(c === '.' ? { any: true } : c === '^' || c === '$' ? {} : { literal: c });
      i++;
    }
  }
  return atoms;
}

/** The index after the `)` that closes the group opened at `start`; -1 when unsure. */
function groupEnd(source: string, start: number): number {
  let depth = 0;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') {
      i = classEnd(source, i) - 1;
      if (i < 0) return -1;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

/** The index after the `]` that closes the class opened at `start`; -1 when unsure. */
function classEnd(source: string, start: number): number {
  let i = start + 1;
  if (source[i] === '^') i++;
  if (source[i] === ']') i++;
  while (i < source.length && source[i] !== ']') {
    if (source[i] === '[') return -1;
    i += source[i] === '\\' ? 2 : 1;
  }
  return i < source.length ? i + 1 : -1;
}

function regexShape(source: string): Omit<Shape, 'test'> {
  const atoms = atomsOf(source);
  if (!atoms) return { exact: undefined, prefix: '', suffix: '', everyWithPrefix: false };
  const literal = (a: Atom) => a.literal !== undefined && a.quantifier === undefined;
  const head = atoms.findIndex((a) => !literal(a));
  const prefixAtoms = head < 0 ? atoms : atoms.slice(0, head);
  const tail = [...atoms].reverse().findIndex((a) => !literal(a));
  const suffixAtoms = tail < 0 ? atoms : atoms.slice(atoms.length - tail);
  const text = (list: Atom[]) => list.map((a) => a.literal).join('');
  const rest = atoms.slice(prefixAtoms.length);
  // A literal start then `.*`; or `.+` alone (no name is empty).
  const everyWithPrefix =
    rest.length === 1 &&
    rest[0]?.any === true &&
    (rest[0].quantifier === '*' || (rest[0].quantifier === '+' && prefixAtoms.length === 0));
  const exact = head < 0 ? text(atoms) : undefined;
  return { exact, prefix: text(prefixAtoms), suffix: text(suffixAtoms), everyWithPrefix };
}
