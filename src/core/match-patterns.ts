/**
 * Branch and tag patterns: minimatch globs (case-sensitive, `dot`, `nocomment`) or `/regex/`
 * matching the whole name, either one negated by a leading `!`. Each pattern is compiled once.
 */
import type { Minimatch } from 'minimatch';
import { makeGlob } from './linear-glob.js';
import { GLOB_MAGIC, mayMatch } from './may-match.js';
import { anchored, MAX_PATTERN_LENGTH } from './pattern-time.js';
import { escapeControls, quote } from './quote.js';
import { compileAutomaton, runAutomaton } from './regex-automaton.js';

/** How one name fared against one pattern list, for logs and `check`. */
export interface ListMatch {
  matched: boolean;
  /** the positive pattern that matched, when one did */
  matchedBy?: string;
  /** the `!` pattern that excluded the name, when one did */
  excludedBy?: string;
}

export type ListMatcher = (name: string) => ListMatch;

/** One compiled pattern, without its `!`. */
export type Test = (name: string) => boolean;

/** Compiles one pattern without its `!`; throws a readable message for an invalid regex. */
export function compilePattern(pattern: string): Test {
  checkPattern(pattern);
  if (pattern.startsWith('/')) {
    // CircleCI's filters match the whole name; a non-capturing group keeps `a|b` whole too.
    const source = anchored(pattern.slice(1, -1));
    let test: Test | undefined;
    return (name) => {
      if (!mayMatch(pattern, name)) return false;
      test ??= regexTest(source);
      return test(name);
    };
  }
  // Most patterns are plain names: an equality test is much cheaper than a compiled glob.
  if (!GLOB_MAGIC.test(pattern)) return (name) => name === pattern;
  return compileGlob(pattern);
}

/**
 * Throws what compilePattern throws for a pattern (without its `!`), without building anything
 * to match with: the rules check of thousands of patterns, most of which never match.
 */
export function checkPattern(pattern: string): void {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw new Error(
      `${quote(pattern, 40)} is too long: patterns have at most ${MAX_PATTERN_LENGTH} characters`,
    );
  }
  if (!pattern.startsWith('/')) return;
  if (pattern.length < 3 || !pattern.endsWith('/')) {
    throw new Error(
      `${quote(pattern)} starts with / but is not a /regex/ (write /.../, without flags)`,
    );
  }
  const source = pattern.slice(1, -1);
  try {
    // Alone first: `main)|(.*` is no regex, but anchored it would become one matching anything.
    new RegExp(source);
  } catch (error) {
    const reason = (error as Error).message.replace(/^Invalid regular expression: \/.*\/: /, '');
    throw new Error(`invalid regular expression /${escapeControls(source)}/: ${reason}`);
  }
}

/**
 * The glob is built on first use, and not at all for names whose leading path parts differ from
 * the pattern's literal ones (`release/**` never builds for `feature/x`): a run tests one name.
 */
function compileGlob(pattern: string): Test {
  let cannotMatch: ((name: string) => boolean) | undefined | null = null;
  let glob: Minimatch | undefined;
  return (name) => {
    if (cannotMatch === null) cannotMatch = literalMismatch(pattern);
    if (cannotMatch?.(name)) return false;
    glob ??= makeGlob(pattern);
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
    const names = partsOf(name);
    return literals.some((part, i) => names[i] !== part) || !(names[magic] ?? '').startsWith(head);
  };
}

/** The name split as literalMismatch splits it: a run tests one name against many patterns. */
let lastName: string | undefined;
let lastParts: string[] = [];
function partsOf(name: string): string[] {
  if (name !== lastName) {
    lastParts = name.split(/\/+/);
    lastName = name;
  }
  return lastParts;
}

/**
 * An anchored regex's test: the linear-time automaton where it answers, else JavaScript's engine
 * (a regex with a backreference or a lookaround, which the checks allow only if it cannot
 * backtrack far).
 */
function regexTest(source: string): Test {
  const automaton = compileAutomaton(source);
  if (automaton) return (name) => runAutomaton(automaton, name);
  const regex = new RegExp(source);
  return (name) => regex.test(name);
}

export { anchored, checkBacktracking, MAX_PATTERN_LENGTH } from './pattern-time.js';

/** A name matches a list when a positive pattern matches it and no `!` pattern does. */
export function compileList(patterns: readonly string[]): ListMatcher {
  return listOf(
    patterns,
    patterns.map((pattern) => compilePattern(pattern.startsWith('!') ? pattern.slice(1) : pattern)),
  );
}

const lists = new WeakMap<readonly string[], ListMatcher>();

/** The matcher of a pattern list, compiled once per list (`check` and the decision share it). */
export function listMatcher(patterns: readonly string[]): ListMatcher {
  let matcher = lists.get(patterns);
  if (matcher === undefined) {
    matcher = compileList(patterns);
    lists.set(patterns, matcher);
  }
  return matcher;
}

const NOT_MATCHED: ListMatch = Object.freeze({ matched: false });

function listOf(patterns: readonly string[], tests: readonly Test[]): ListMatcher {
  const include: Array<[string, Test]> = [];
  const exclude: Array<[string, Test]> = [];
  patterns.forEach((pattern, i) => {
    const test = tests[i] ?? (() => false);
    if (pattern.startsWith('!')) exclude.push([pattern, test]);
    else include.push([pattern, test]);
  });
  return (name) => {
    const matchedBy = include.find(([, test]) => test(name))?.[0];
    if (matchedBy === undefined) return NOT_MATCHED;
    const excludedBy = exclude.find(([, test]) => test(name))?.[0];
    return excludedBy === undefined
      ? { matched: true, matchedBy }
      : { matched: false, matchedBy, excludedBy };
  };
}
