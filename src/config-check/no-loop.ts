import { workflowsOf } from './config-model.js';
import type { Finding } from './findings.js';
import { jobRuns } from './job-runs.js';
import * as say from './loop-messages.js';
import { describeSent, type RuleCheck, workflowRuns } from './rule-check.js';
import { runsTool } from './runs-tool.js';
import { all, UNKNOWN } from './values.js';

/** Each workflow that runs (surely or maybe) with the trigger's parameters and runs cci-conditional. */
export function checkLoop(check: RuleCheck): Array<{ finding: Finding; sure: boolean }> {
  const { rule, ruleSet } = check;
  const parameter =
    rule.job === undefined
      ? (Object.keys(rule.parameters)[0] ?? ruleSet.jobParameter)
      : ruleSet.jobParameter;
  return workflowsOf(check.config, check.values).flatMap((workflow) => {
    const runs = workflowRuns(workflow, check.values);
    if (runs === false) return [];
    const looping = workflow.jobs
      .map((invocation) => ({
        invocation,
        runs: all([runs, jobRuns(workflow, invocation, check.ref).runs]),
      }))
      .filter((j) => j.runs !== false && runsTool(check.config, j.invocation.job, check.rulesPath));
    const sure = looping.find((j) => j.runs === true) ?? looping[0];
    if (!sure) return [];
    const name = sure.invocation.names[0] ?? sure.invocation.job;
    const isSure = sure.runs !== UNKNOWN;
    const sent = describeSent(check);
    // Gating the workflow that runs the target itself would stop the deploy too.
    const target = rule.job !== undefined && sure.invocation.names.includes(rule.job);
    const finding = target
      ? say.loopInTarget(rule.name, workflow.name, name, sent, parameter, isSure)
      : say.loop(rule.name, workflow, name, sent, parameter, isSure);
    return [{ finding, sure: isSure }];
  });
}
