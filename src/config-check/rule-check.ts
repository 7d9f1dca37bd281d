/** One rule against one kind of pipeline: what the reached, order and no-loop checks share. */
import type { Rule, RuleSet } from '../core/rules.js';
import type { Deadline } from './bounds.js';
import { evaluateCondition } from './conditions.js';
import { isNamed, type JobInvocation, type Workflow } from './config-model.js';
import { filtersLetRun, type PipelineRef } from './filters.js';
import { all, not, type PipelineValues, type Truth } from './three-valued.js';
import { type Reach, reachIn } from './workflow-reach.js';

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
  /** the config's workflows under the rule's parameters */
  workflows: readonly Workflow[];
  /** the jobs other checked rules target: they stay where they are when a target moves */
  otherTargets: ReadonlySet<string>;
  deadline: Deadline;
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

const reaches = new WeakMap<RuleCheck, Map<Workflow, Reach>>();

/** Which jobs of a workflow run in the rule's pipeline (each judged once per check). */
export function reachOf(check: RuleCheck, workflow: Workflow, ref = check.ref): Reach {
  if (ref !== check.ref)
    return reachIn(workflow, (i) => filtersLetRun(i.filters, ref), check.deadline);
  const known = reaches.get(check) ?? new Map<Workflow, Reach>();
  reaches.set(check, known);
  let reach = known.get(workflow);
  if (!reach) {
    reach = reachIn(workflow, (i) => filtersLetRun(i.filters, ref), check.deadline);
    known.set(workflow, reach);
  }
  return reach;
}

/** Where the rule's target job is: each invocation of it, and whether its workflow runs. */
export function targetInvocationsOf(check: RuleCheck, job: string) {
  return check.workflows.flatMap((workflow) =>
    workflow.jobs
      .filter((invocation) => isNamed(invocation, job))
      .map((invocation: JobInvocation) => ({
        workflow,
        invocation,
        workflowRuns: workflowRuns(workflow, check.values),
      })),
  );
}

/** `target_job = "deploy", DEPLOY_ENV = "staging"`: what the rule sends, SHA left out. */
export const describeSent = (check: RuleCheck) =>
  check.sent
    .filter(([name]) => name !== check.ruleSet.shaParameter)
    .map(([name, value]) => `${name} = ${JSON.stringify(value)}`)
    .join(', ') || 'its parameters';

/** The rule's patterns for the check's kind of pipeline. */
export const patternsOf = (check: RuleCheck): readonly string[] =>
  (check.ref.kind === 'tag' ? check.rule.tags : check.rule.branches) ?? [];
