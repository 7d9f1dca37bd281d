/**
 * One `/`-separated part of a glob matched in linear time. minimatch turns a part such as
 * `*-*-*-[0-9]` into a regex (`[^/]*?\-[^/]*?\-...`) that backtracks polynomially on a part of
 * many dashes; this reads that regex's source back as single characters and stars, and matches
 * them the way an automaton does, keeping every place the pattern could be at at once: the time
 * is at most the part's length times the pattern's. minimatch stays the authority: it splits,
 * expands braces, parses and walks the parts; only the test of such a part is done here (a test
 * holds the two to the same answers on generated globs). Parts with extglobs are left to it.
 */

/** A matcher of one part, or what minimatch left as a regex. */
export type PartTest = (part: string) => boolean;

/** minimatch's regex of a part, with the source it made it from (`_src`, without `^...$`). */
export interface PartRegExp extends RegExp {
  _src?: string;
}

/** What minimatch puts first when the part must not match `.` or `..` (with `dot: true`). */
export const NOT_DOTS = '(?!(?:^|/)\\.\\.?(?:$|/))';
const STAR = '[^/]*?';
const STAR_NOT_EMPTY = '[^/]+?';
const ANY = '[^/]';

/** A star, or one character that passes `test`. */
type Step = { star: true } | { star: false; test: (char: string) => boolean };

const ANY_CHAR: Step = { star: false, test: () => true };
const REPEAT: Step = { star: true };

/** The linear-time test of minimatch's regex of one part; undefined for a part it cannot read. */
export function linearPartTest(regex: PartRegExp): PartTest | undefined {
  const unicode = regex.flags === 'u';
  if (regex._src === undefined || (regex.flags !== '' && !unicode)) return undefined;
  let source = regex._src;
  const noDots = source.startsWith(NOT_DOTS);
  if (noDots) source = source.slice(NOT_DOTS.length);
  const steps = stepsOf(source, unicode);
  if (steps === undefined) return undefined;
  return (part) => {
    if (noDots && (part === '.' || part === '..')) return false;
    return run(steps, unicode ? Array.from(part) : part);
  };
}

/** The source as steps; undefined when it holds anything but characters, classes and stars. */
function stepsOf(source: string, unicode: boolean): Step[] | undefined {
  const steps: Step[] = [];
  const charAt = (at: number) =>
    unicode ? String.fromCodePoint(source.codePointAt(at) ?? 0) : (source[at] as string);
  for (let at = 0; at < source.length; ) {
    if (source.startsWith(STAR, at) || source.startsWith(STAR_NOT_EMPTY, at)) {
      if (source[at + 4] === '+') steps.push(ANY_CHAR);
      steps.push(REPEAT);
      at += STAR.length;
      continue;
    }
    if (source.startsWith(ANY, at)) {
      steps.push(ANY_CHAR);
      at += ANY.length;
      continue;
    }
    const char = charAt(at);
    if (char === '[') {
      const end = classEnd(source, at);
      if (end === undefined) return undefined;
      const set = new RegExp(`^${source.slice(at, end)}$`, unicode ? 'u' : '');
      steps.push({ star: false, test: (one) => set.test(one) });
      at = end;
    } else if (char === '\\' && at + 1 < source.length) {
      const literal = charAt(at + 1);
      steps.push({ star: false, test: (one) => one === literal });
      at += 1 + literal.length;
    } else if ('()|{}*+?.^$'.includes(char)) {
      return undefined;
    } else {
      steps.push({ star: false, test: (one) => one === char });
      at += char.length;
    }
  }
  return steps;
}

/** The index after the `]` that closes the class opened at `open` (none for `[]` or `[^]`). */
function classEnd(source: string, open: number): number | undefined {
  let at = open + 1;
  if (source[at] === '^') at++;
  const first = at;
  for (; at < source.length; at++) {
    if (source[at] === '\\') at++;
    else if (source[at] === ']') return at === first ? undefined : at + 1;
  }
  return undefined;
}

/**
 * Every place the steps could be at, as bits (place i: before step i; the last: all done), moved
 * on a word of 32 places at a time: the work per character is the number of steps over 32.
 */
function run(steps: readonly Step[], chars: ArrayLike<string>): boolean {
  const words = (steps.length >> 5) + 1;
  const stars = new Uint32Array(words);
  steps.forEach((step, i) => {
    if (step.star) stars[i >> 5] = (stars[i >> 5] as number) | (1 << (i & 31));
  });
  // which places a character moves on from, once per distinct character
  const movers = new Map<string, Uint32Array>();
  const moversOf = (char: string) => {
    let mask = movers.get(char);
    if (mask === undefined) {
      mask = new Uint32Array(words);
      for (let i = 0; i < steps.length; i++) {
        const step = steps[i] as Step;
        if (!step.star && step.test(char))
          mask[i >> 5] = (mask[i >> 5] as number) | (1 << (i & 31));
      }
      movers.set(char, mask);
    }
    return mask;
  };
  let here = new Uint32Array(words);
  let next = new Uint32Array(words);
  here[0] = 1;
  close(here, stars);
  for (let c = 0; c < chars.length; c++) {
    const mask = moversOf(chars[c] as string);
    let carry = 0;
    let any = 0;
    for (let w = 0; w < words; w++) {
      const place = here[w] as number;
      const moved = place & (mask[w] as number);
      // a place before a star stays; a place before a step the character passes moves on one
      const word = ((moved << 1) | carry | (place & (stars[w] as number))) >>> 0;
      carry = moved >>> 31;
      next[w] = word;
      any |= word;
    }
    if (any === 0) return false;
    close(next, stars);
    [here, next] = [next, here];
  }
  const last = steps.length;
  return ((here[last >> 5] as number) & (1 << (last & 31))) !== 0;
}

/** A star may also take nothing: a place before it is a place after it too, and so on. */
function close(places: Uint32Array, stars: Uint32Array): void {
  for (let changed = true; changed; ) {
    changed = false;
    let carry = 0;
    for (let w = 0; w < places.length; w++) {
      const skipped = (places[w] as number) & (stars[w] as number);
      const word = ((places[w] as number) | (skipped << 1) | carry) >>> 0;
      carry = skipped >>> 31;
      if (word !== places[w]) {
        places[w] = word;
        changed = true;
      }
    }
  }
}
