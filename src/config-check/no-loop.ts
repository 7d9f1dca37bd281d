/**
 * No loop: no workflow that runs with the trigger's parameters has a job that runs
 * cci-conditional with these rules. The fix skips that workflow in triggered pipelines; when it
 * also has the target job (the usual layout), the target first moves into a workflow of its own.
 */
import { isNamed } from './config-model.js';
import type { Finding } from './findings.js';
import * as say from './loop-messages.js';
import { moveTarget } from './move-target.js';
import { describeSent, type RuleCheck, reachOf, workflowRuns } from './rule-check.js';
import { runsTool } from './runs-tool.js';
import { all, UNKNOWN } from './three-valued.js';

/** Each workflow that runs (surely or maybe) with the trigger's parameters and runs cci-conditional. */
export function checkLoop(check: RuleCheck): Array<{ finding: Finding; sure: boolean }> {
  const { rule, ruleSet } = check;
  const parameter =
    rule.job === undefined
      ? (Object.keys(rule.parameters)[0] ?? ruleSet.jobParameter)
      : ruleSet.jobParameter;
  return check.workflows.flatMap((workflow) => {
    const runs = workflowRuns(workflow, check.values);
    if (runs === false) return [];
    check.deadline.check();
    const reach = reachOf(check, workflow);
    const looping = workflow.jobs
      .filter((invocation) => runsTool(check.config, invocation.job, check.rulesPath))
      .map((invocation) => ({ invocation, runs: all([runs, reach.runs(invocation)]) }))
      .filter((j) => j.runs !== false);
    const sure = looping.find((j) => j.runs === true) ?? looping[0];
    if (!sure) return [];
    const name = sure.invocation.names[0] ?? sure.invocation.job;
    const isSure = sure.runs !== UNKNOWN;
    const sent = describeSent(check);
    const job = rule.job;
    // Gating the workflow that runs the target itself would stop the deploy too.
    if (job !== undefined && isNamed(sure.invocation, job))
      return [
        {
          finding: say.loopInTarget(rule.name, workflow.name, name, sent, isSure, parameter),
          sure: isSure,
        },
      ];
    const gate = { workflow, parameter };
    const hasTarget = job !== undefined && workflow.jobs.some((i) => isNamed(i, job));
    const finding = hasTarget
      ? say.loopWithTarget(
          rule.name,
          gate,
          name,
          sent,
          isSure,
          job,
          moveTarget(check, workflow, job),
        )
      : say.loop(rule.name, gate, name, sent, isSure);
    return [{ finding, sure: isSure }];
  });
}
