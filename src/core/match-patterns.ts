/**
 * Branch and tag patterns: minimatch globs (case-sensitive, `dot`, `nocomment`) or `/regex/`
 * matching the whole name, either one negated by a leading `!`. Each pattern is compiled once.
 */
import { Minimatch, type MinimatchOptions } from 'minimatch';
import { exponentialBacktracking } from './pattern-backtracking.js';
import { escapeControls, quote } from './quote.js';

/** How one name fared against one pattern list, for logs and `check`. */
export interface ListMatch {
  matched: boolean;
  /** the positive pattern that matched, when one did */
  matchedBy?: string;
  /** the `!` pattern that excluded the name, when one did */
  excludedBy?: string;
}

export type ListMatcher = (name: string) => ListMatch;

type Test = (name: string) => boolean;

const GLOB_MAGIC = /[*?[\]{}()!+@\\]/;

/** Longest pattern accepted (after its `!`): far above any real one, far below what hurts. */
export const MAX_PATTERN_LENGTH = 1000;

const GLOB_OPTIONS: MinimatchOptions = {
  dot: true,
  nocomment: true,
  nonegate: true,
  platform: 'linux',
};

/** Compiles one pattern without its `!`; throws a readable message for an invalid regex. */
export function compilePattern(pattern: string): Test {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw new Error(
      `${quote(pattern, 40)} is too long: patterns have at most ${MAX_PATTERN_LENGTH} characters`,
    );
  }
  if (pattern.startsWith('/')) {
    if (pattern.length < 3 || !pattern.endsWith('/')) {
      throw new Error(
        `${quote(pattern)} starts with / but is not a /regex/ (write /.../, without flags)`,
      );
    }
    // CircleCI's filters match the whole name; a non-capturing group keeps `a|b` whole too.
    const regex = compileRegex(pattern.slice(1, -1));
    return (name) => regex.test(name);
  }
  // Most patterns are plain names: an equality test is much cheaper than a compiled glob.
  if (!GLOB_MAGIC.test(pattern)) return (name) => name === pattern;
  return compileGlob(pattern);
}

/**
 * The glob is built on first use, and not at all for names whose leading path parts differ from
 * the pattern's literal ones (`release/**` never builds for `feature/x`): a run tests one name.
 */
function compileGlob(pattern: string): Test {
  const cannotMatch = literalMismatch(pattern);
  let glob: Minimatch | undefined;
  return (name) => {
    if (cannotMatch?.(name)) return false;
    glob ??= new Minimatch(pattern, GLOB_OPTIONS);
    return glob.match(name);
  };
}

/**
 * True for names that minimatch cannot match: like it, split on runs of `/`; the parts before the
 * first part with glob magic must be equal, and that part must start with its literal head.
 * Patterns with `.` or `..` parts, which minimatch resolves first, get no shortcut.
 */
function literalMismatch(pattern: string): ((name: string) => boolean) | undefined {
  const parts = pattern.split(/\/+/);
  if (parts.some((part) => part === '.' || part === '..')) return undefined;
  const magic = parts.findIndex((part) => GLOB_MAGIC.test(part));
  const literals = parts.slice(0, magic);
  const head = parts[magic]?.split(GLOB_MAGIC)[0] ?? '';
  return (name) => {
    const names = name.split(/\/+/);
    return literals.some((part, i) => names[i] !== part) || !(names[magic] ?? '').startsWith(head);
  };
}

function compileRegex(source: string): RegExp {
  try {
    // Alone first: `main)|(.*` is no regex, but anchored it would become one matching anything.
    new RegExp(source);
    return new RegExp(anchored(source));
  } catch (error) {
    const reason = (error as Error).message.replace(/^Invalid regular expression: \/.*\/: /, '');
    throw new Error(`invalid regular expression /${escapeControls(source)}/: ${reason}`);
  }
}

const anchored = (source: string) => `^(?:${source})$`;

/** A group followed by a quantifier: without one, a regex cannot backtrack exponentially. */
const REPEATED_GROUP = /\)[*+?{]/;
/** The extglobs that repeat: `+(...)` and `*(...)`. */
const REPEATING_EXTGLOB = /[*+]\(/;

/**
 * Throws for a valid pattern (without its `!`) that can backtrack exponentially on some name, in
 * a regex or in the regex minimatch makes of an extglob. Most patterns need no look at all.
 */
export function checkBacktracking(pattern: string): void {
  const source = pattern.startsWith('/')
    ? anchored(pattern.slice(1, -1))
    : REPEATING_EXTGLOB.test(pattern)
      ? new Minimatch(pattern, GLOB_OPTIONS).makeRe() || undefined
      : undefined;
  const text = typeof source === 'string' ? source : source?.source;
  if (text === undefined || !REPEATED_GROUP.test(text)) return;
  let why: string | undefined;
  try {
    why = exponentialBacktracking(text);
  } catch {
    why = 'it is too complex to check';
  }
  if (why !== undefined) {
    throw new Error(
      `${quote(pattern)} can backtrack exponentially (${why}), so a branch or tag name could make matching hang: write it without a repetition inside a repetition or alternatives that overlap`,
    );
  }
}

/** A name matches a list when a positive pattern matches it and no `!` pattern does. */
export function compileList(patterns: readonly string[]): ListMatcher {
  const include: Array<[string, Test]> = [];
  const exclude: Array<[string, Test]> = [];
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) exclude.push([pattern, compilePattern(pattern.slice(1))]);
    else include.push([pattern, compilePattern(pattern)]);
  }
  return (name) => {
    const matchedBy = include.find(([, test]) => test(name))?.[0];
    if (matchedBy === undefined) return { matched: false };
    const excludedBy = exclude.find(([, test]) => test(name))?.[0];
    return excludedBy === undefined
      ? { matched: true, matchedBy }
      : { matched: false, matchedBy, excludedBy };
  };
}
