/**
 * The words of the no-loop check: the workflow or target job that would run cci-conditional
 * again, and where to gate it.
 */
import type { Workflow } from './config-model.js';
import type { Finding } from './findings.js';
import { renderFix, skipTriggered } from './fix-yaml.js';
import type { Move } from './move-target.js';

interface Gate {
  workflow: Workflow;
  /** the parameter whose value marks a triggered pipeline */
  parameter: string;
}

const runsWith = (sent: string, sure: boolean) =>
  sure
    ? `runs with ${sent}`
    : `may run with ${sent} (it depends on values known only when the pipeline runs, such as pipeline.git.branch)`;

const again = (sure: boolean) =>
  sure
    ? 'the new pipeline would trigger again (a loop)'
    : 'if it runs, the new pipeline triggers again (a loop)';

export function loop(rule: string, gate: Gate, job: string, sent: string, sure: boolean): Finding {
  const { workflow, parameter } = gate;
  return {
    rule,
    check: 'loop',
    message: `rule "${rule}": workflow ${workflow.name} ${runsWith(sent, sure)}, and its job ${job} runs cci-conditional: ${again(sure)}. Skip the workflow in triggered pipelines:`,
    fix: renderFix({ workflows: { [workflow.name]: skipTriggered(workflow, parameter) } }),
  };
}

/** The usual layout: the target shares the workflow, so it moves out before the workflow is gated. */
export function loopWithTarget(
  rule: string,
  gate: Gate,
  job: string,
  sent: string,
  sure: boolean,
  target: string,
  move: Move,
): Finding {
  const { workflow, parameter } = gate;
  const others = move.after;
  const moved =
    others.length > 0 ? `${target} and the jobs after it (${others.join(', ')})` : target;
  return {
    rule,
    check: 'loop',
    message: `rule "${rule}": workflow ${workflow.name} ${runsWith(sent, sure)}, and its job ${job} runs cci-conditional: ${again(sure)}. The workflow also has the target job ${target}, so skipping it would skip the deploy too: move ${moved} into a workflow of its own that only pipelines started for it run, delete ${others.length > 0 ? 'them' : 'it'} from workflow ${workflow.name}, and skip ${workflow.name} in triggered pipelines:`,
    fix: renderFix({
      workflows: {
        [workflow.name]: skipTriggered(workflow, parameter),
        [move.workflow]: move.value,
      },
    }),
    remove: move.remove,
  };
}

export function loopInTarget(
  rule: string,
  workflow: string,
  job: string,
  sent: string,
  sure: boolean,
  parameter: string,
): Finding {
  const runs = sure ? `runs with ${sent}` : `may run with ${sent}`;
  return {
    rule,
    check: 'loop',
    message: `rule "${rule}": the target job ${job} (workflow ${workflow}) ${runs} and runs cci-conditional itself: the new pipeline would trigger again (a loop). Run cci-conditional in a job of its own, in a workflow that triggered pipelines skip (unless: << pipeline.parameters.${parameter} >>), and leave the deploy to the target job.`,
    fix: undefined,
  };
}
