/**
 * Whether a job's `filters:` let it run in a pipeline of a branch or a tag. CircleCI runs no job
 * of a tag pipeline unless its filters name tags; `only`/`ignore` take names and `/regex/`s
 * (whole match); filters may also be an expression string over `pipeline.git.*`. `run` knows the
 * name; `validate` knows the rule's patterns and asks name-sets.ts about all their names.
 */
import { isMap } from './config-model.js';
import { evaluateExpression, parseExpression } from './expression.js';
import { agreed, letsRuleThrough, letsThrough, nameFilterOf, plainNames } from './name-sets.js';
import { type Truth, truthOf, UNKNOWN } from './three-valued.js';

/** The pipeline a trigger starts: a branch or a tag, its name when known (`run`). */
export interface PipelineRef {
  kind: 'branch' | 'tag';
  /** undefined in `validate`: the rule's patterns allow many names */
  name: string | undefined;
  /** `validate`: the rule's patterns for this kind of name */
  patterns?: readonly string[] | undefined;
}

export function filtersLetRun(filters: unknown, ref: PipelineRef): Truth {
  if (typeof filters === 'string') {
    const expression = parseExpression(filters);
    if (!expression) return UNKNOWN;
    const names = ref.name !== undefined ? [ref.name] : plainNames(ref.patterns ?? ANY_NAME);
    if (!names) return UNKNOWN;
    return agreed(
      names.map((name) => truthOf(evaluateExpression(expression, gitValues(ref.kind, name)))),
    );
  }
  const key = ref.kind === 'tag' ? 'tags' : 'branches';
  const filter = isMap(filters) ? filters[key] : undefined;
  if (filter === undefined || filter === null) return ref.kind === 'branch';
  if (!isMap(filter)) return UNKNOWN;
  if (ref.name !== undefined) return letsThrough(nameFilterOf(filter), ref.name);
  return letsRuleThrough(nameFilterOf(filter), ref.patterns ?? ANY_NAME);
}

/** Any name at all, when no rule's patterns are given. */
const ANY_NAME = ['/.*/'];

function gitValues(kind: PipelineRef['kind'], name: string): Record<string, unknown> {
  return kind === 'tag'
    ? { 'pipeline.git.tag': name, 'pipeline.git.branch': '' }
    : { 'pipeline.git.branch': name, 'pipeline.git.tag': '' };
}

/** `branch "main"`, `tags v*, release-*`: the names a check is about. */
export function describePipelineRef(ref: PipelineRef): string {
  if (ref.name !== undefined) return `${ref.kind} ${JSON.stringify(ref.name)}`;
  if (!ref.patterns || ref.patterns.length === 0) return `a ${ref.kind}`;
  return `${ref.kind === 'branch' ? 'branches' : 'tags'} ${ref.patterns.join(', ')}`;
}
