/**
 * A regex's structure for the backtracking check: groups, quantifiers, and what each character
 * position can match as ranges of UTF-16 code units. Only for sources `new RegExp` accepted
 * without flags (Annex B syntax): it does not validate, it reads.
 */

export type Ranges = ReadonlyArray<readonly [number, number]>;
export type Node =
  | { type: 'chars'; set: Ranges }
  // assertions (`^`, `$`, `\b`, `\B`) and lookarounds (`inside`) consume nothing
  | { type: 'empty'; inside?: Node[][]; assertion?: '^' | '$' | 'b' | 'B' }
  | { type: 'any'; raw: string } // a backreference: any text, maybe none
  | { type: 'group'; alternatives: Node[][]; texts: string[]; raw: string }
  | { type: 'quantifier'; node: Node; min: number; max: number; raw: string };

export const ALL: Ranges = [[0, 0xffff]];
const DIGIT: Ranges = [[48, 57]];
const WORD: Ranges = [
  [48, 57],
  [65, 90],
  [95, 95],
  [97, 122],
];
const SPACE: Ranges = [
  [9, 13],
  [32, 32],
  [160, 160],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
const LINE_END: Ranges = [
  [10, 10],
  [13, 13],
  [0x2028, 0x2029],
];
const CONTROL_ESCAPES: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13, '0': 0 };

function complement(set: Ranges): Ranges {
  const out: Array<[number, number]> = [];
  let next = 0;
  for (const [lo, hi] of [...set].sort((a, b) => a[0] - b[0])) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= 0xffff) out.push([next, 0xffff]);
  return out;
}

export const overlaps = (a: Ranges, b: Ranges) =>
  a.some(([lo, hi]) => b.some(([lo2, hi2]) => lo <= hi2 && lo2 <= hi));

/** A recursive-descent parser for a regex that `new RegExp` accepted (no flags, Annex B). */
export function parse(source: string): Node {
  let at = 0;
  /** The alternatives up to the next `)`, each with its source text. */
  const alternatives = (): { list: Node[][]; texts: string[] } => {
    const list: Node[][] = [[]];
    const texts: string[] = [];
    let start = at;
    while (at < source.length && source[at] !== ')') {
      if (source[at] === '|') {
        texts.push(source.slice(start, at++));
        start = at;
        list.push([]);
      } else list[list.length - 1]?.push(quantified());
    }
    texts.push(source.slice(start, at));
    return { list, texts };
  };
  const quantified = (): Node => {
    const start = at;
    const node = atom();
    const brace = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at));
    let bounds: [number, number] | undefined;
    if ('*+?'.includes(source[at] ?? '|')) {
      const char = source[at++];
      bounds = char === '*' ? [0, Infinity] : char === '+' ? [1, Infinity] : [0, 1];
    } else if (brace && node.type !== 'empty') {
      at += brace[0].length;
      const min = Number(brace[1]);
      bounds = [min, brace[2] === undefined ? min : brace[3] ? Number(brace[3]) : Infinity];
    }
    if (bounds === undefined) return node;
    if (source[at] === '?') at++;
    return {
      type: 'quantifier',
      node,
      min: bounds[0],
      max: bounds[1],
      raw: source.slice(start, at),
    };
  };
  const atom = (): Node => {
    const start = at;
    const char = source[at++] ?? '';
    if (char === '(') {
      const head = /^\?(?:<?[=!]|:|<[^>]*>)?/.exec(source.slice(at))?.[0] ?? '';
      at += head.length;
      const { list, texts } = alternatives();
      at++; // ')'
      if (/^\?<?[=!]/.test(head)) return { type: 'empty', inside: list };
      return { type: 'group', alternatives: list, texts, raw: source.slice(start, at) };
    }
    if (char === '^' || char === '$') return { type: 'empty', assertion: char };
    if (char === '.') return { type: 'chars', set: complement(LINE_END) };
    if (char === '[') return { type: 'chars', set: charClass() };
    if (char !== '\\') return { type: 'chars', set: [[char.charCodeAt(0), char.charCodeAt(0)]] };
    const next = source[at] ?? '';
    if (next === 'b' || next === 'B') {
      at++;
      return { type: 'empty', assertion: next };
    }
    if (/[1-9]/.test(next) || /^k<[^>]+>/.test(source.slice(at))) {
      at += /^(?:\d+|k<[^>]+>)/.exec(source.slice(at))?.[0].length ?? 1;
      return { type: 'any', raw: source.slice(start, at) };
    }
    return { type: 'chars', set: escaped() };
  };
  /** After a backslash: one character's code, or a class escape's set. */
  const escaped = (): Ranges => {
    const char = source[at++] ?? '';
    const lower = { d: DIGIT, w: WORD, s: SPACE }[char.toLowerCase()];
    if (lower) return char === char.toLowerCase() ? lower : complement(lower);
    const hex = char === 'x' ? 2 : char === 'u' ? 4 : 0;
    const digits = source.slice(at, at + hex);
    if (hex && /^[0-9a-f]+$/i.test(digits) && digits.length === hex) {
      at += hex;
      return [[parseInt(digits, 16), parseInt(digits, 16)]];
    }
    if (char === 'c' && /[a-z]/i.test(source[at] ?? '')) {
      const code = (source.charCodeAt(at++) ?? 0) % 32;
      return [[code, code]];
    }
    const code = CONTROL_ESCAPES[char] ?? char.charCodeAt(0);
    return [[code, code]];
  };
  const charClass = (): Ranges => {
    const negated = source[at] === '^';
    if (negated) at++;
    const set: Array<readonly [number, number]> = [];
    while (at < source.length && source[at] !== ']') {
      const one = classAtom();
      if (
        source[at] === '-' &&
        source[at + 1] !== ']' &&
        one.length === 1 &&
        one[0]?.[0] === one[0]?.[1]
      ) {
        at++;
        const end = classAtom();
        if (end.length === 1 && end[0]?.[0] === end[0]?.[1]) {
          set.push([one[0]?.[0] ?? 0, end[0]?.[0] ?? 0]);
          continue;
        }
        set.push(...one, [45, 45], ...end);
      } else set.push(...one);
    }
    at++; // ']'
    return negated ? complement(set) : set;
  };
  const classAtom = (): Ranges => {
    const char = source[at++] ?? '';
    if (char !== '\\') return [[char.charCodeAt(0), char.charCodeAt(0)]];
    if (source[at] !== 'b') return escaped();
    at++;
    return [[8, 8]];
  };
  const { list, texts } = alternatives();
  return { type: 'group', alternatives: list, texts, raw: source };
}
