/**
 * Whether a job's `branches:` or `tags:` filter lets the names a rule fires on through, when the
 * name itself is not known (`validate`): true when it lets every one through, false when it lets
 * none through, unknown otherwise. "None" is claimed only when it is proven: by testing each name
 * when the rule or the filter lists plain names, or from the literal start and end of patterns
 * (pattern-shape.ts: a rule tag `/^api-v.../` and a filter `only: /^web-v.*​/` share no name). A
 * false "none" would block a real deploy, so whatever cannot be proven is unknown.
 */
import { listMatcher } from '../core/match-patterns.js';
import { filterShape, ruleShape, type Shape } from './pattern-shape.js';
import { all, any, not, type Truth, UNKNOWN } from './three-valued.js';

/** A filter's `only` and `ignore` lists; `only` undefined lets every name in. */
export interface NameFilter {
  only: readonly unknown[] | undefined;
  ignore: readonly unknown[];
}

const listOf = (value: unknown): unknown[] | undefined =>
  value === undefined || value === null ? undefined : Array.isArray(value) ? value : [value];

export function nameFilterOf(filter: Readonly<Record<string, unknown>>): NameFilter {
  return { only: listOf(filter.only), ignore: listOf(filter.ignore) ?? [] };
}

/** Whether the filter lets one name through. */
export function letsThrough(filter: NameFilter, name: string): Truth {
  const test = (entry: unknown) => filterShape(entry).test(name);
  return all([
    filter.only === undefined ? true : any(filter.only.map(test)),
    not(any(filter.ignore.map(test))),
  ]);
}

/** Whether the filter lets the names that the rule's patterns match through. */
export function letsRuleThrough(filter: NameFilter, patterns: readonly string[]): Truth {
  // A rule of plain names: each name is tested, nothing is guessed.
  const names = plainNames(patterns);
  if (names) return agreed(names.map((name) => letsThrough(filter, name)));
  const matches = listMatcher(patterns);
  const positive = patterns.filter((p) => !p.startsWith('!')).map(ruleShape);
  if (positive.length === 0) return UNKNOWN;
  const only = filter.only?.map(filterShape);
  const ignore = filter.ignore.map(filterShape);
  // An `only` of plain names lets those through and nothing else: each is tested.
  if (only?.every((shape) => shape.exact !== undefined)) {
    const listed = only.map((shape) => shape.exact as string).filter((n) => matches(n).matched);
    if (listed.every((name) => letsThrough(filter, name) === false)) return false;
  }
  const none = positive.every(
    (rule) =>
      only?.every((entry) => disjoint(rule, entry)) === true ||
      ignore.some((entry) => covers(entry, rule)),
  );
  if (none) return false;
  const every = positive.every(
    (rule) =>
      (only === undefined || only.some((entry) => covers(entry, rule))) &&
      ignore.every((entry) => disjoint(rule, entry)),
  );
  return every ? true : UNKNOWN;
}

/** The names a rule's patterns match when they are all plain names; otherwise undefined. */
export function plainNames(patterns: readonly string[]): string[] | undefined {
  const positive = patterns.filter((p) => !p.startsWith('!')).map(ruleShape);
  if (positive.length === 0 || positive.some((shape) => shape.exact === undefined))
    return undefined;
  const matches = listMatcher(patterns);
  return positive.flatMap((s) => (matches(s.exact as string).matched ? [s.exact as string] : []));
}

/** true when all are true, false when all are false, else unknown (or unknown for none). */
export function agreed(truths: readonly Truth[]): Truth {
  if (truths.length > 0 && truths.every((t) => t === true)) return true;
  if (truths.length > 0 && truths.every((t) => t === false)) return false;
  return UNKNOWN;
}

/** No name matches both. */
export function disjoint(a: Shape, b: Shape): boolean {
  if (a.exact !== undefined) return b.test(a.exact) === false;
  if (b.exact !== undefined) return a.test(b.exact) === false;
  const prefixes = a.prefix.startsWith(b.prefix) || b.prefix.startsWith(a.prefix);
  const suffixes = a.suffix.endsWith(b.suffix) || b.suffix.endsWith(a.suffix);
  return !prefixes || !suffixes;
}

/** Every name `small` matches, `big` matches too. */
export function covers(big: Shape, small: Shape): boolean {
  if (small.exact !== undefined) return big.test(small.exact) === true;
  return big.everyWithPrefix && small.prefix.startsWith(big.prefix);
}
