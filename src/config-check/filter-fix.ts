/**
 * A job's filters changed so that the names a rule fires on get through, and nothing more: the
 * rule's own patterns are added to `only` (a glob as the regex it stands for), and an `ignore`
 * entry is kept only when it provably stops none of those names (an `only` it would override
 * would be no fix at all).
 */
import { GLOB_MAGIC } from '../core/may-match.js';
import { isMap } from './config-model.js';
import type { PipelineRef } from './filters.js';
import { disjoint } from './name-sets.js';
import { filterShape, ruleShape } from './pattern-shape.js';

type Map = Record<string, unknown>;

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A rule's pattern as a CircleCI filter entry: a name, or a `/regex/` matching at least its names. */
function entryFor(pattern: string): string {
  if (pattern.startsWith('/') || !GLOB_MAGIC.test(pattern)) return pattern;
  // `*`, `**` and `?` say exactly what they match; anything else, its literal start and anything.
  if (/^[^[\]{}()!+@\\]*$/.test(pattern)) {
    const parts = pattern.split(/(\*\*|\*|\?)/);
    const regex = parts.map((part) =>
      part === '**' ? '.*' : part === '*' ? '[^\\/]*' : part === '?' ? '[^\\/]' : escapeRegex(part),
    );
    return `/${regex.join('')}/`;
  }
  return `/${escapeRegex(pattern.slice(0, pattern.search(GLOB_MAGIC)))}.*/`;
}

const listOf = (value: unknown): unknown[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
const single = (list: unknown[]) => (list.length === 1 ? list[0] : list);

export interface FilterFix {
  /** the job's `filters:` as they should be */
  filters: unknown;
  /** `ignore` entries left out because they would stop the rule's names */
  dropped: unknown[];
}

/** The job's filters, letting the rule's names (`patterns`) of this kind through. */
export function filtersLettingThrough(
  filters: unknown,
  ref: PipelineRef,
  patterns: readonly string[],
): FilterFix {
  const positive = patterns.filter((p) => !p.startsWith('!'));
  const entries = [...new Set(positive.map(entryFor))];
  if (typeof filters === 'string') {
    const field = `pipeline.git.${ref.kind}`;
    const each = entries.map((e) =>
      e.startsWith('/') ? `${field} matches ${e}` : `${field} == ${JSON.stringify(e)}`,
    );
    return { filters: `(${filters}) or ${each.join(' or ')}`, dropped: [] };
  }
  const key = ref.kind === 'tag' ? 'tags' : 'branches';
  const all: Map = isMap(filters) ? filters : {};
  const current: Map = isMap(all[key]) ? (all[key] as Map) : {};
  const shapes = positive.map(ruleShape);
  const ignore = listOf(current.ignore);
  const kept = ignore.filter((entry) =>
    shapes.every((shape) => disjoint(shape, filterShape(entry))),
  );
  const only = [...new Set([...listOf(current.only), ...entries])];
  const changed = { only: single(only), ...(kept.length > 0 ? { ignore: single(kept) } : {}) };
  return {
    filters: { ...all, [key]: changed },
    dropped: ignore.filter((entry) => !kept.includes(entry)),
  };
}
