/**
 * A rule's `paths` against the paths that changed since its base, matched as branch names are
 * (a positive pattern and no `!` one): the first changed path that the list matches, or, when
 * none does, the first one an exclusion kept out, to say why. Paths come as git prints them,
 * relative to the repository's root, and are printed quoted (a path is any bytes but NUL). Pure.
 */
import { listMatcher } from './match-patterns.js';
import { quote, shortSha } from './quote.js';

export interface PathsScan {
  /** the first changed path the list matches, and the pattern that matched it */
  matched?: { path: string; by: string };
  /** the first changed path a positive pattern matched and a `!` pattern excluded */
  excluded?: { path: string; by: string };
}

/**
 * Scans `paths[from, to)` after `before` (what an earlier slice found); stops at the first match.
 * A long list is scanned in slices, so that a signal is never kept waiting.
 */
export function scanPaths(
  patterns: readonly string[],
  paths: readonly string[],
  from = 0,
  to = paths.length,
  before: PathsScan = {},
): PathsScan {
  if (before.matched) return before;
  const matcher = listMatcher(patterns);
  let excluded = before.excluded;
  for (let i = from; i < to && i < paths.length; i++) {
    const path = paths[i] ?? '';
    const result = matcher(path);
    if (result.matched)
      return { matched: { path, by: result.matchedBy ?? '' }, ...(excluded && { excluded }) };
    if (excluded === undefined && result.excludedBy !== undefined)
      excluded = { path, by: result.excludedBy };
  }
  return excluded ? { excluded } : {};
}

/** The commit the paths are compared with, and where it comes from. */
export interface Base {
  sha: string;
  /** `pipeline 12, the last successful deploy of deploy_api on main`, or `--paths-base` */
  whence: string;
}

/** `3 paths changed since 1a2b3c4 (pipeline 12, ...)`, or `no path changed since ...`. */
export function changedSince(count: number, base: Base): string {
  const what = count === 0 ? 'no path' : count === 1 ? '1 path' : `${count} paths`;
  return `${what} changed since ${shortSha(base.sha)} (${base.whence})`;
}

/** What the decision line of a rule that fires for its paths says after its name. */
export function firesFor(count: number, base: Base, matched: string): string {
  return `${changedSince(count, base)}, the first matching ${quote(matched)}`;
}

/** Why a rule is skipped for its paths (its base named): the reason in the result, too. */
export function skippedFor(count: number, base: Base, scan: PathsScan): string {
  const since = changedSince(count, base);
  if (count === 0) return since;
  const excluded = scan.excluded
    ? ` (${quote(scan.excluded.path)} is excluded by ${quote(scan.excluded.by)})`
    : '';
  return `${since}, none matching its paths${excluded}`;
}

/** `check --changed`: how a rule's paths fare against the paths given. */
export function pathsVerdict(
  patterns: readonly string[],
  changed: readonly string[],
): { fires: boolean; why: string; matched: string | null } {
  const scan = scanPaths(patterns, changed);
  if (scan.matched) {
    const { path, by } = scan.matched;
    return {
      fires: true,
      why: `path ${quote(path)} matches (pattern ${quote(by)})`,
      matched: path,
    };
  }
  const count = changed.length === 1 ? '1 changed path' : `${changed.length} changed paths`;
  const excluded = scan.excluded
    ? `; ${quote(scan.excluded.path)} is excluded by ${quote(scan.excluded.by)}`
    : '';
  return { fires: false, why: `none of the ${count} matches its paths${excluded}`, matched: null };
}
