/**
 * Branch and tag patterns: minimatch globs (case-sensitive, `dot`, `nocomment`) or `/regex/`
 * matching the whole name, either one negated by a leading `!`. Each pattern is compiled once.
 */
import { Minimatch } from 'minimatch';

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

/** Compiles one pattern without its `!`; throws a readable message for an invalid regex. */
export function compilePattern(pattern: string): Test {
  if (pattern.startsWith('/')) {
    if (pattern.length < 3 || !pattern.endsWith('/')) {
      throw new Error(
        `${JSON.stringify(pattern)} starts with / but is not a /regex/ (write /.../, without flags)`,
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

/** minimatch's own limit, checked here because the glob is built on first use. */
const MAX_GLOB_LENGTH = 64 * 1024;

/**
 * The glob is built on first use, and not at all for names whose leading path parts differ from
 * the pattern's literal ones (`release/**` never builds for `feature/x`): a run tests one name.
 */
function compileGlob(pattern: string): Test {
  if (pattern.length > MAX_GLOB_LENGTH) throw new TypeError('pattern is too long');
  const cannotMatch = literalMismatch(pattern);
  let glob: Minimatch | undefined;
  return (name) => {
    if (cannotMatch?.(name)) return false;
    glob ??= new Minimatch(pattern, {
      dot: true,
      nocomment: true,
      nonegate: true,
      platform: 'linux',
    });
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
    return new RegExp(`^(?:${source})$`);
  } catch (error) {
    const reason = (error as Error).message.replace(/^Invalid regular expression: \/.*\/: /, '');
    throw new Error(`invalid regular expression /${source}/: ${reason}`);
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
