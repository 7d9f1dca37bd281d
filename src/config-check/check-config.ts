/**
 * The checks of a parsed config against the v2 rules of this project, pure: for each rule, the
 * parameters a trigger of it sends are declared with fitting types (in a 2.1 config), a workflow
 * that runs with them has the target job and runs it for the rule's branch or tag, the target of
 * a branch rule keeps deploys in order, and no workflow that runs with them runs cci-conditional
 * again. Every suggested fix for a 2.0 config makes it a 2.1 config too.
 */
import type { GitRef } from '../core/read-context.js';
import type { Rule, RuleSet } from '../core/rules.js';
import { type Deadline, NO_DEADLINE } from './bounds.js';
import { checkedRules } from './checked-rules.js';
import { declaredParameters, workflowsOf } from './config-model.js';
import { checkPatterns } from './config-patterns.js';
import type { PipelineRef } from './filters.js';
import type { ConfigCheckResult, Finding } from './findings.js';
import { checkLoop } from './no-loop.js';
import * as say from './parameter-messages.js';
import { fits, pipelineValues, sentParameters } from './parameters.js';
import type { RuleCheck } from './rule-check.js';
import { checkOrder } from './serial-group.js';
import { checkReached } from './target-reached.js';

export interface CheckOptions {
  /** the config's path, for messages */
  path: string;
  /** the rules to check (`run`: the fired ones); default every rule of the file */
  rules?: readonly Rule[];
  /** the build's branch or tag (`run`): job filters are then evaluated on its name */
  ref?: GitRef;
  /** the rules file's path: a step that names another one is no loop; undefined: every step counts */
  rulesPath?: string | undefined;
  /** when the work must stop (bounds.ts); default none */
  deadline?: Deadline;
}

/** `version: 2` (or 2.0): a config without pipeline parameters, `when:` or orbs. */
const isLegacy = (config: Readonly<Record<string, unknown>>) =>
  config.version === 2 || config.version === '2' || config.version === '2.0';

export function checkConfig(
  config: Readonly<Record<string, unknown>>,
  ruleSet: RuleSet,
  options: CheckOptions,
): ConfigCheckResult {
  const deadline = options.deadline ?? NO_DEADLINE;
  const result: ConfigCheckResult = { problems: [], warnings: [] };
  const legacy = isLegacy(config);
  const seen = new Set<string>();
  const add = (list: Finding[], finding: Finding) => {
    if (seen.has(finding.message)) return;
    seen.add(finding.message);
    list.push(legacy ? asTwoOne(finding) : finding);
  };
  checkPatterns(config, deadline);
  const rules = checkedRules(options.rules ?? ruleSet.rules);
  const targets = new Set(
    checkedRules(ruleSet.rules).flatMap((r) => (r.job === undefined ? [] : [r.job])),
  );
  for (const rule of rules) {
    deadline.check();
    const sent = sentParameters(rule, ruleSet);
    const declared = declaredParameters(config);
    if (legacy && sent.length > 0)
      add(
        result.problems,
        say.oldVersion(
          rule.name,
          options.path,
          sent.map(([name]) => name),
        ),
      );
    for (const [name, value] of sent) {
      const declaration = declared.get(name);
      if (!declaration) add(result.problems, say.undeclared(rule.name, options.path, name, value));
      else if (!fits(declaration, value))
        add(result.problems, mismatch(rule, ruleSet, options.path, name, value, declaration));
    }
    const values = pipelineValues(declared, sent);
    const workflows = workflowsOf(config, values);
    const otherTargets = new Set([...targets].filter((job) => job !== rule.job));
    for (const ref of refsOf(rule, options.ref)) {
      const check: RuleCheck = {
        ...{ config, rule, ruleSet, sent, values, ref, workflows, otherTargets, deadline },
        path: options.path,
        rulesPath: options.rulesPath,
      };
      const found = [...checkReached(check), ...checkLoop(check)];
      // A target that moves takes its serial group along, and is judged again where it goes.
      const moving = new Set(found.flatMap(({ finding }) => finding.remove?.workflow ?? []));
      for (const { finding, sure } of found)
        if (sure || moving.size === 0) add(sure ? result.problems : result.warnings, finding);
      for (const finding of checkOrder(check, moving)) add(result.warnings, finding);
    }
  }
  return result;
}

/** Every fix for a 2.0 config makes it a 2.1 config too: what it adds needs 2.1. */
function asTwoOne(finding: Finding): Finding {
  if (finding.fix === undefined || finding.fix.startsWith('version:')) return finding;
  return { ...finding, fix: `version: 2.1\n${finding.fix}` };
}

/** A value the declaration does not take: an enum gets the value; otherwise the rule changes. */
function mismatch(
  rule: Rule,
  ruleSet: RuleSet,
  path: string,
  name: string,
  value: unknown,
  declaration: say.Declaration,
): Finding {
  if (declaration.type === 'enum' && typeof value === 'string')
    return say.notInEnum(rule.name, path, name, value, declaration);
  if (name === ruleSet.jobParameter || name === ruleSet.shaParameter)
    return say.ownParameterType(rule.name, path, name, value, declaration);
  return say.wrongType(rule.name, path, name, value, declaration);
}

/** `run`: the build's ref, known by name; `validate`: each kind of pipeline the rule fires on. */
function refsOf(rule: Rule, ref: GitRef | undefined): PipelineRef[] {
  if (ref) return [{ kind: ref.kind, name: ref.name, patterns: patternsFor(rule, ref.kind) }];
  return [
    ...(rule.branches
      ? [{ kind: 'branch' as const, name: undefined, patterns: rule.branches }]
      : []),
    ...(rule.tags ? [{ kind: 'tag' as const, name: undefined, patterns: rule.tags }] : []),
  ];
}

const patternsFor = (rule: Rule, kind: 'branch' | 'tag') =>
  (kind === 'tag' ? rule.tags : rule.branches) ?? [];
