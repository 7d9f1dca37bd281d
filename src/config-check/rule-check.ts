/** One rule against one kind of pipeline: what the reached and no-loop checks share. */
import type { Rule, RuleSet } from '../core/rules.js';
import { evaluateCondition } from './conditions.js';
import type { PipelineRef } from './filters.js';
import { all, not, type PipelineValues, type Truth } from './values.js';

export interface RuleCheck {
  config: Readonly<Record<string, unknown>>;
  rule: Rule;
  ruleSet: RuleSet;
  sent: ReadonlyArray<[string, unknown]>;
  values: PipelineValues;
  ref: PipelineRef;
  /** the config's path, for messages */
  path: string;
  /** the rules file checked: a step that names another one is not a loop */
  rulesPath?: string | undefined;
}

export function workflowRuns(
  workflow: { when: unknown; unless: unknown; scheduled: boolean },
  values: PipelineValues,
): Truth {
  if (workflow.scheduled) return false;
  return all([
    workflow.when === undefined ? true : evaluateCondition(workflow.when, values),
    workflow.unless === undefined ? true : not(evaluateCondition(workflow.unless, values)),
  ]);
}

/** `target_job = "deploy", DEPLOY_ENV = "staging"`: what the rule sends, SHA left out. */
export const describeSent = (check: RuleCheck) =>
  check.sent
    .filter(([name]) => name !== check.ruleSet.shaParameter)
    .map(([name, value]) => `${name} = ${JSON.stringify(value)}`)
    .join(', ') || 'its parameters';
