/**
 * The words of the no-loop check: the workflow or target job that would run cci-conditional again,
 * and where to gate it.
 */
import type { Finding } from './findings.js';

/** A value as YAML and messages show it. */
const shown = (value: unknown) => JSON.stringify(value);

export function loop(
  rule: string,
  workflow: { name: string; when: unknown; unless: unknown },
  job: string,
  sent: string,
  parameter: string,
  sure: boolean,
): Finding {
  const runs = sure
    ? `runs with ${sent}`
    : `may run with ${sent} (it depends on values known only when the pipeline runs, such as pipeline.git.branch)`;
  const skip = `<< pipeline.parameters.${parameter} >>`;
  const condition =
    workflow.when !== undefined
      ? `    when:\n      and:\n        - ${shown(workflow.when)}\n        - not: ${skip}\n`
      : workflow.unless !== undefined
        ? `    unless:\n      or:\n        - ${shown(workflow.unless)}\n        - ${skip}\n`
        : `    unless: ${skip}\n`;
  return {
    rule,
    check: 'loop',
    message: `rule "${rule}": workflow ${workflow.name} ${runs}, and its job ${job} runs cci-conditional: ${sure ? 'the new pipeline would trigger again (a loop)' : 'if it runs, the new pipeline triggers again (a loop)'}. Skip the workflow in triggered pipelines:`,
    fix: `workflows:\n  ${workflow.name}:\n${condition}`,
  };
}

export function loopInTarget(
  rule: string,
  workflow: string,
  job: string,
  sent: string,
  parameter: string,
  sure: boolean,
): Finding {
  const runs = sure ? `runs with ${sent}` : `may run with ${sent}`;
  return {
    rule,
    check: 'loop',
    message: `rule "${rule}": the target job ${job} (workflow ${workflow}) ${runs} and runs cci-conditional itself: the new pipeline would trigger again (a loop). Run cci-conditional in a job of a workflow that triggered pipelines skip, for example:`,
    fix: `workflows:\n  build:\n    unless: << pipeline.parameters.${parameter} >>\n    jobs:\n      - trigger_deploy\n`,
  };
}
