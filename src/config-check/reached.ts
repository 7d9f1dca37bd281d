import { isMap, workflowsOf } from './config-model.js';
import type { Finding } from './findings.js';
import { jobRuns } from './job-runs.js';
import * as say from './messages.js';
import { describeSent, type RuleCheck, workflowRuns } from './rule-check.js';

/** The problem that keeps the rule's target from running, if any. */
export function checkReached(check: RuleCheck): Finding | undefined {
  const { rule, ref, ruleSet } = check;
  const workflows = workflowsOf(check.config, check.values);
  if (rule.job === undefined) {
    if (workflows.some((w) => workflowRuns(w, check.values) !== false)) return undefined;
    const parameter = Object.keys(rule.parameters)[0] ?? ruleSet.jobParameter;
    return say.nothingRuns(rule.name, check.path, describeSent(check), parameter);
  }
  const job = rule.job;
  const found = workflows.flatMap((workflow) =>
    workflow.jobs
      .filter((invocation) => invocation.names.includes(job))
      .map((invocation) => ({ workflow, invocation, runs: workflowRuns(workflow, check.values) })),
  );
  if (found.length === 0)
    return say.noSuchJob(rule.name, check.path, job, ruleSet.jobParameter, ref.kind === 'tag');
  const running = found.filter((f) => f.runs !== false);
  if (running.length === 0) {
    const names = [...new Set(found.map((f) => f.workflow.name))];
    return say.workflowsDoNotRun(rule.name, job, names, describeSent(check), ruleSet.jobParameter);
  }
  const results = running.map((f) => ({ ...f, ...jobRuns(f.workflow, f.invocation, ref) }));
  if (results.some((r) => r.runs !== false)) return undefined;
  const [first] = results;
  const blocker = first?.blocker;
  if (!first || !blocker) return undefined;
  const noTags =
    ref.kind === 'tag' &&
    typeof blocker.filters !== 'string' &&
    !(isMap(blocker.filters) && blocker.filters.tags !== undefined);
  // A matrix is fixed on its invocation, named by its key.
  const blockerName = blocker.names.length === 1 ? (blocker.names[0] ?? blocker.job) : blocker.job;
  if (blocker !== first.invocation)
    return say.requiredFilteredOut(
      rule.name,
      job,
      { key: blocker.job, name: blockerName },
      first.workflow.name,
      ref,
      noTags,
    );
  return noTags
    ? say.noTagFilter(rule.name, job, first.invocation.job, first.workflow.name)
    : say.filteredOut(rule.name, job, first.workflow.name, ref);
}
