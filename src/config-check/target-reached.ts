/**
 * Reached: a workflow that runs with the trigger's parameters has the target job, and the job
 * runs there for the rule's branch or tag (reach.ts). `run` knows the name; `validate` judges all
 * the rule's names at once (filters.ts), and tries a few of them one by one (sample-names.ts): a
 * name the job would not run for is a warning, since `run` would stop on it.
 */
import { isMap } from './config-model.js';
import { filtersLettingThrough } from './filter-fix.js';
import type { PipelineRef } from './filters.js';
import type { Finding } from './findings.js';
import { entryOf, gateFor } from './fix-yaml.js';
import { moveTarget } from './move-target.js';
import {
  describeSent,
  patternsOf,
  type RuleCheck,
  reachOf,
  targetInvocationsOf,
  workflowRuns,
} from './rule-check.js';
import { sampleNames } from './sample-names.js';
import { serialGroupFor } from './serial-group.js';
import * as say from './target-reached-messages.js';

type Target = ReturnType<typeof targetInvocationsOf>[number];

type Found = { finding: Finding; sure: boolean };
const sure = (finding: Finding): Found[] => [{ finding, sure: true }];

/** The finding, sure (a problem) or about some of the rule's names only (a warning). */
export function checkReached(check: RuleCheck): Found[] {
  const { rule, ruleSet } = check;
  if (rule.job === undefined) {
    if (check.workflows.some((w) => workflowRuns(w, check.values) !== false)) return [];
    const parameter = Object.keys(rule.parameters)[0] ?? ruleSet.jobParameter;
    return sure(say.nothingRuns(rule.name, check.path, describeSent(check), parameter));
  }
  const job = rule.job;
  const found = targetInvocationsOf(check, job);
  if (found.length === 0)
    return sure(say.noSuchJob(rule.name, check.path, job, newWorkflow(check, job)));
  const running = found.filter((f) => f.workflowRuns !== false);
  const [first] = found;
  if (running.length === 0 && first) {
    const move = moveTarget(check, first.workflow, job);
    return sure(say.moveOut(rule.name, job, first.workflow.name, describeSent(check), move));
  }
  const runs = (t: Target, ref?: PipelineRef) => reachOf(check, t.workflow, ref).runs(t.invocation);
  if (running.some((t) => runs(t) !== false)) {
    if (check.ref.name !== undefined) return [];
    // `validate`: a name the rule fires on that the job would not run for is what `run` refuses.
    for (const name of sampleNames(patternsOf(check))) {
      const ref = { kind: check.ref.kind, name };
      if (running.some((t) => runs(t, ref) !== false)) continue;
      return [{ finding: blockedFor(check, running[0] as Target, ref, name), sure: false }];
    }
    return [];
  }
  return sure(blockedFor(check, running[0] as Target, check.ref));
}

function blockedFor(check: RuleCheck, target: Target, ref: PipelineRef, sample?: string): Finding {
  const chain = reachOf(check, target.workflow, ref).blockers(target.invocation);
  return say.blocked(
    check.rule.name,
    { job: check.rule.job ?? '', workflow: target.workflow.name, invocation: target.invocation },
    chain,
    ref,
    patternsOf(check),
    sample,
  );
}

/** A workflow for a target no workflow has: only when it is a job of the config to run. */
function newWorkflow(check: RuleCheck, job: string): Record<string, unknown> | undefined {
  const jobs = isMap(check.config.jobs) ? check.config.jobs : {};
  const orb = job.split('/')[0] ?? '';
  const fromOrb = job.includes('/') && isMap(check.config.orbs) && orb in check.config.orbs;
  if (!Object.hasOwn(jobs, job) && !fromOrb) return undefined;
  const invocation = { job, rawName: undefined } as Parameters<typeof entryOf>[0];
  const patterns = patternsOf(check);
  const tagFilter =
    check.ref.kind === 'tag'
      ? { filters: filtersLettingThrough(undefined, check.ref, patterns).filters }
      : {};
  const order = check.ref.kind === 'branch' ? { 'serial-group': serialGroupFor(job) } : {};
  const workflows = isMap(check.config.workflows) ? check.config.workflows : {};
  const name = Object.hasOwn(workflows, job) ? `${job}-deploy` : job;
  return {
    [name]: {
      when: gateFor(job, check.ruleSet.jobParameter),
      jobs: [entryOf(invocation, { ...tagFilter, ...order })],
    },
  };
}
