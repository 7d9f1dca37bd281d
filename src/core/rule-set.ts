/**
 * A rules file whose shape is right, as the RuleSet the rest of the code reads: defaults filled in,
 * each rule with its index. Shared by the full parse (parse-rules.ts, with zod) and the fast one
 * (read-good-rules.ts); neither the schema nor zod is loaded here.
 */
import type { RuleInFile, RuleSet, RulesFile } from './rules.js';

export const DEFAULT_RULES_PATH = '.circleci/deploy-rules.json';

export type Settings = Omit<RulesFile, 'rules'>;

/**
 * `rules` as they stand in the file, or only some of them, each with its index in the file. The
 * rules' own objects are read, never copied into pairs first: 10,000 rules allocate 10,000 fewer.
 */
export function toRuleSet(
  settings: Settings,
  rules: readonly RuleInFile[],
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
