/**
 * Patterns are bounded in time: a branch or tag name is chosen by whoever can push, so no
 * pattern may take long to decide on any name. Globs and regexes are matched in linear time
 * (linear-glob.ts, regex-automaton.ts) except for what is refused here: braces that expand to too
 * many patterns, more than two `**` (minimatch walks the parts between them in every way they
 * fit), and the regexes (of a rule, or of an extglob part) left to JavaScript's engine that can
 * backtrack polynomially. Any regex that can backtrack exponentially is refused, as before.
 * See ARCHITECTURE.md, "Patterns in linear time, or refused".
 */
import { MAX_GLOB_CHARS, MAX_GLOBS, makeGlob } from './linear-glob.js';
import { exponentialBacktracking } from './pattern-backtracking.js';
import { polynomialBacktracking } from './pattern-polynomial.js';
import { quote } from './quote.js';
import { compileAutomaton } from './regex-automaton.js';

/** Longest pattern accepted (after its `!`): far above any real one, far below what hurts. */
export const MAX_PATTERN_LENGTH = 1000;

/**
 * A name or glob (an optional `!`, then neither `!` nor `/`) without any group or brace: nothing
 * to repeat, one pattern, matched in linear time.
 */
const PLAIN_GLOB = /^!?[^!/({][^({]*$/;

/**
 * Whether the pattern (with its `!`) passes every check without one being run: most patterns of a
 * large file are plain names or globs (POSIX classes aside, with at most two `**`), and their
 * checks would only cost time.
 */
export function needsNoCheck(pattern: string, negated: boolean): boolean {
  return (
    pattern.length <= MAX_PATTERN_LENGTH + (negated ? 1 : 0) &&
    PLAIN_GLOB.test(pattern) &&
    !pattern.includes('[:') &&
    globstars(pattern) <= 2
  );
}

/** A /regex/ as CircleCI's filters read it: the whole name, `a|b` kept whole. */
export const anchored = (source: string) => `^(?:${source})$`;

/** A group followed by a quantifier: without one, a regex cannot backtrack exponentially. */
const REPEATED_GROUP = /\)[*+?{]/;
/**
 * What may leave a regex to JavaScript's engine (a lookaround, a backreference, an escape read
 * otherwise without flags) or give the automaton too many states (a counted repetition).
 */
const ENGINE_ONLY = /\(\?<?[=!]|\\[1-9kc0]|\{/;
/** A choice in a regex (a repetition, `?`, `|`, a backreference): it takes two to backtrack far. */
const CHOICES = /[*+{|]|(?<!\()\?|\\[1-9k]/g;

/**
 * Throws for a valid pattern (without its `!`) that could take long to decide on some name.
 * Most patterns need no look at all.
 */
export function checkBacktracking(pattern: string): void {
  if (!pattern.startsWith('/')) checkGlob(pattern);
  else if (REPEATED_GROUP.test(pattern) || ENGINE_ONLY.test(pattern)) {
    const source = anchored(pattern.slice(1, -1));
    // A regex the automaton takes is matched in linear time; the others by JavaScript's engine.
    checkRegex(pattern, source, () => compileAutomaton(source) !== undefined);
  }
}

/** `linear`: whether the regex is matched in linear time whatever it is. */
function checkRegex(pattern: string, source: string, linear: () => boolean): void {
  const exponential = REPEATED_GROUP.test(source) && why(exponentialBacktracking, source);
  if (exponential) {
    throw new Error(
      `${quote(pattern)} can backtrack exponentially (${exponential}), so a branch or tag name could make matching hang: write it without a repetition inside a repetition or alternatives that overlap`,
    );
  }
  const polynomial =
    (source.match(CHOICES)?.length ?? 0) >= 2 && !linear() && why(polynomialBacktracking, source);
  if (polynomial) {
    throw new Error(
      `${quote(pattern)} can backtrack polynomially (${polynomial}), so a long branch or tag name could make matching hang: let one repetition take any stretch of text, or write a glob (globs are matched in linear time)`,
    );
  }
}

/** The checker's answer; a regex too complex for it is refused too. */
function why(check: (source: string) => string | undefined, source: string) {
  try {
    return check(source);
  } catch {
    return 'it is too complex to check';
  }
}

/** Globs of `*`, `?` and classes alone (POSIX ones aside), with at most two `**`, need no look. */
function checkGlob(pattern: string): void {
  if (!/[({]|\[:/.test(pattern) && globstars(pattern) <= 2) return;
  let glob: ReturnType<typeof makeGlob>;
  try {
    glob = makeGlob(pattern);
  } catch (error) {
    // minimatch makes some POSIX classes into regexes that do not compile (after `#`, for one).
    throw new Error(
      `${quote(pattern)} is a glob minimatch cannot read (${(error as Error).message})`,
    );
  }
  const expanded = glob.globSet.reduce((sum, one) => sum + one.length, 0);
  if (glob.globSet.length > MAX_GLOBS || expanded > MAX_GLOB_CHARS) {
    throw new Error(
      `${quote(pattern)} expands to more than ${MAX_GLOBS} patterns or ${MAX_GLOB_CHARS} characters, so matching it would take too long: write fewer {a,b} choices`,
    );
  }
  const counts = glob.set.map((parts) => parts.filter((part) => typeof part === 'symbol').length);
  if (counts.some((count) => count > 2)) {
    throw new Error(
      `${quote(pattern)} has more than two ** parts, so a long branch or tag name could make matching hang: write at most two`,
    );
  }
  // minimatch walks the parts between two ** in every way they fit: a few such patterns at most.
  if (counts.filter((count) => count === 2).length > MAX_WALKED) {
    throw new Error(
      `${quote(pattern)} expands to more than ${MAX_WALKED} patterns with two ** parts, so matching it would take too long: write fewer {a,b} choices`,
    );
  }
  for (const parts of glob.set) {
    for (const part of parts) {
      // Parts tested in linear time have a test of their own; the others are minimatch's regexes.
      // An extglob is refused if it can backtrack exponentially, however it is matched.
      if (!(part instanceof RegExp)) continue;
      const linear = Object.hasOwn(part, 'test');
      if (linear && !part.source.includes('(')) continue;
      // `\p{L}` (a POSIX class) is read as any character: the check only needs to err on the safe side.
      const source = part.source.replace(/\\[pP]\{[^}]*\}/g, '\\u0000-\\uffff');
      checkRegex(pattern, source, () => linear);
    }
  }
}

/** The most patterns with two `**` a glob's braces may expand to. */
const MAX_WALKED = 8;

/** How many `**` the pattern holds, at most (some may not be parts of their own). */
function globstars(pattern: string): number {
  let count = 0;
  for (let at = pattern.indexOf('**'); at >= 0; at = pattern.indexOf('**', at + 2)) count++;
  return count;
}
