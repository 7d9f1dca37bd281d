/**
 * The three checks of a parsed config against the v2 rules of this project, pure: for each rule,
 * the parameters a trigger of it sends are declared with fitting types, a workflow that runs
 * with them has the target job (with `filters.tags` for a tag rule), and no workflow that runs
 * with them runs cci-conditional again.
 */
import type { GitRef } from '../core/read-context.js';
import type { Rule, RuleSet } from '../core/rules.js';
import { checkedRules } from './checked-rules.js';
import { declaredParameters } from './config-model.js';
import type { PipelineRef } from './filters.js';
import type { ConfigCheck, Finding } from './findings.js';
import * as say from './messages.js';
import { checkLoop } from './no-loop.js';
import { fits, pipelineValues, sentParameters } from './parameters.js';
import { checkReached } from './reached.js';

export interface CheckOptions {
  /** the config's path, for messages */
  path: string;
  /** the rules to check (`run`: the fired ones); default every rule of the file */
  rules?: readonly Rule[];
  /** the build's branch or tag (`run`): job filters are then evaluated on its name */
  ref?: GitRef;
  /** the rules file's path: a step that names another one is no loop; undefined: every step counts */
  rulesPath?: string | undefined;
}

export function checkConfig(
  config: Readonly<Record<string, unknown>>,
  ruleSet: RuleSet,
  options: CheckOptions,
): ConfigCheck {
  const result: ConfigCheck = { problems: [], warnings: [] };
  const seen = new Set<string>();
  const add = (list: Finding[], finding: Finding) => {
    if (!seen.has(finding.message)) list.push(finding);
    seen.add(finding.message);
  };
  for (const rule of checkedRules(options.rules ?? ruleSet.rules)) {
    const sent = sentParameters(rule, ruleSet);
    const declared = declaredParameters(config);
    for (const [name, value] of sent) {
      const declaration = declared.get(name);
      if (!declaration) add(result.problems, say.undeclared(rule.name, options.path, name, value));
      else if (!fits(declaration, value))
        add(result.problems, say.wrongType(rule.name, options.path, name, value, declaration));
    }
    const values = pipelineValues(declared, sent);
    for (const ref of refsOf(rule, options.ref)) {
      const check = {
        config,
        rule,
        ruleSet,
        sent,
        values,
        ref,
        path: options.path,
        rulesPath: options.rulesPath,
      };
      const reached = checkReached(check);
      if (reached) add(result.problems, reached);
      for (const { finding, sure } of checkLoop(check))
        add(sure ? result.problems : result.warnings, finding);
    }
  }
  return result;
}

/** `run`: the build's ref, known by name; `validate`: each kind of pipeline the rule fires on. */
function refsOf(rule: Rule, ref: GitRef | undefined): PipelineRef[] {
  if (ref) return [{ kind: ref.kind, name: ref.name }];
  return [
    ...(rule.branches ? [{ kind: 'branch' as const, name: undefined }] : []),
    ...(rule.tags ? [{ kind: 'tag' as const, name: undefined }] : []),
  ];
}
