/**
 * Whether a job's `filters:` let it run in a pipeline of a branch or a tag. CircleCI runs no job
 * of a tag pipeline unless its filters name tags; `only`/`ignore` take names and `/regex/`s
 * (whole match); filters may also be an expression string over `pipeline.git.*`.
 */

import { isMap } from './config-model.js';
import { evaluateExpression, parseExpression } from './expression.js';
import { any, type Truth, truthOf, UNKNOWN, wholeMatch } from './values.js';

/** The pipeline a trigger starts: a branch or a tag, its name when known (`run`). */
export interface PipelineRef {
  kind: 'branch' | 'tag';
  /** undefined in `validate`: the rule's patterns allow many names */
  name: string | undefined;
}

export function filtersLetRun(filters: unknown, ref: PipelineRef): Truth {
  if (typeof filters === 'string') {
    const expression = parseExpression(filters);
    if (!expression) return UNKNOWN;
    const known = ref.name === undefined ? {} : gitValues(ref as Required<PipelineRef>);
    return truthOf(evaluateExpression(expression, known));
  }
  const key = ref.kind === 'tag' ? 'tags' : 'branches';
  const filter = isMap(filters) ? filters[key] : undefined;
  if (filter === undefined || filter === null) return ref.kind === 'branch';
  if (!isMap(filter)) return UNKNOWN;
  if (ref.name === undefined) {
    if (filter.ignore !== undefined) return UNKNOWN;
    return filter.only === undefined || letsEveryNameThrough(filter.only) ? true : UNKNOWN;
  }
  const only = filter.only === undefined ? true : listMatches(filter.only, ref.name);
  const ignored = filter.ignore === undefined ? false : listMatches(filter.ignore, ref.name);
  if (only === false || ignored === true) return false;
  return only === true && ignored === false ? true : UNKNOWN;
}

function gitValues(ref: Required<PipelineRef>): Record<string, unknown> {
  return ref.kind === 'tag'
    ? { 'pipeline.git.tag': ref.name, 'pipeline.git.branch': '' }
    : { 'pipeline.git.branch': ref.name, 'pipeline.git.tag': '' };
}

// Catch-all filters (`only` with the regex .* as the usual tag filter) match any name, known or not.
const EVERY_NAME = new Set(['.*', '^.*$', '.+', '^.+$']);
function letsEveryNameThrough(list: unknown): boolean {
  const patterns = Array.isArray(list) ? list : [list];
  return patterns.some((pattern) => EVERY_NAME.has(/^\/(.*)\/$/s.exec(String(pattern))?.[1] ?? ''));
}

/** Whether one of the names or `/regex/`s of a filter list matches the name. */
function listMatches(list: unknown, name: string): Truth {
  const patterns = Array.isArray(list) ? list : [list];
  return any(
    patterns.map((pattern) => {
      const text = String(pattern);
      const regex = /^\/(.*)\/$/s.exec(text);
      return regex ? wholeMatch(regex[1] ?? '', name) : text === name;
    }),
  );
}
