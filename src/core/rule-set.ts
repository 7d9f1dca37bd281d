/**
 * A rules file whose shape is right, as the RuleSet the rest of the code reads: defaults filled in,
 * each rule with its index. Shared by the full parse (parse-rules.ts, with zod) and the fast one
 * (read-rules.ts); neither the schema nor zod is loaded here.
 */
import type { RuleSet } from './rules.js';
import type { RuleInput, RulesFileInput } from './rules-schema.js';

export const DEFAULT_RULES_PATH = '.circleci/deploy-rules.json';

/** Names that are no parameter: an object key `__proto__` would vanish on the way to the body. */
export const PROTOTYPE_KEY =
  'is not a usable parameter name (__proto__, constructor and prototype are refused)';

export type Settings = Omit<RulesFileInput, 'rules'>;

/**
 * `rules` as they stand in the file, or only some of them, each with its index in the file. The
 * rules' own objects are read, never copied into pairs first: 10,000 rules allocate 10,000 fewer.
 */
export function toRuleSet(
  settings: Settings,
  rules: readonly RuleInput[],
  indexes?: readonly number[],
): RuleSet {
  const api = settings.api ?? 'v2';
  return {
    match: settings.match ?? 'first',
    jobParameter: settings.jobParameter ?? 'target_job',
    shaParameter: settings.shaParameter === undefined ? 'target_sha' : settings.shaParameter,
    rules: rules.map((rule, at) => {
      const index = indexes === undefined ? at : (indexes[at] ?? at);
      return {
        index,
        name: rule.name ?? `rules[${index}]`,
        branches: rule.branches,
        tags: rule.tags,
        paths: rule.paths,
        job: rule.job,
        parameters: rule.parameters ?? {},
        project: rule.project,
        api: rule.api ?? api,
        approve: rule.approve,
        definitionId: rule.definitionId ?? settings.definitionId,
      };
    }),
  };
}

/**
 * JSON.parse keeps a `__proto__` key as a property of its own, but zod's records skip it: such a
 * parameter would vanish without a word. (zod's strict objects report it as an unknown key.)
 */
export function prototypeKeys(json: unknown): string[] {
  const rules = (json as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules)) return [];
  return rules.flatMap((rule: unknown, i) => {
    const parameters = (rule as { parameters?: unknown } | null)?.parameters;
    const hidden =
      typeof parameters === 'object' &&
      parameters !== null &&
      Object.hasOwn(parameters, '__proto__');
    return hidden ? [`rules[${i}].parameters.__proto__: ${PROTOTYPE_KEY}`] : [];
  });
}

/** Whether a rule has a `__proto__` parameter (prototypeKeys' test, with nothing allocated). */
export function hasPrototypeKey(json: unknown): boolean {
  const rules = (json as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules)) return false;
  for (const rule of rules) {
    const parameters = (rule as { parameters?: unknown } | null)?.parameters;
    if (
      typeof parameters === 'object' &&
      parameters !== null &&
      Object.hasOwn(parameters, '__proto__')
    )
      return true;
  }
  return false;
}
