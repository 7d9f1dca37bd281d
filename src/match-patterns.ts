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
  const glob = new Minimatch(pattern, {
    dot: true,
    nocomment: true,
    nonegate: true,
    platform: 'linux',
  });
  return (name) => glob.match(name);
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
