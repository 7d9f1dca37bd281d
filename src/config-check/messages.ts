/**
 * The findings' words: each names the rule and the parameter, job or workflow, says what
 * CircleCI would do, and carries the YAML that fixes it.
 */
import type { Finding } from './findings.js';

/** A value as YAML and messages show it. */
const shown = (value: unknown) => JSON.stringify(value);

const typeOfValue = (value: unknown) =>
  typeof value === 'number' ? 'integer' : typeof value === 'boolean' ? 'boolean' : 'string';

const defaultFor = (type: string) =>
  type === 'integer' ? '0' : type === 'boolean' ? 'false' : '""';

export function undeclared(rule: string, path: string, name: string, value: unknown): Finding {
  const type = typeOfValue(value);
  return {
    rule,
    check: 'declared',
    message: `rule "${rule}" sends the pipeline parameter ${name}, which ${path} does not declare: CircleCI would fail the new pipeline with "Unexpected argument(s): ${name}". Declare it:`,
    fix: `parameters:\n  ${name}:\n    type: ${type}\n    default: ${defaultFor(type)}\n`,
  };
}

export function wrongType(
  rule: string,
  path: string,
  name: string,
  value: unknown,
  declared: { type: unknown; enum: readonly unknown[] | undefined },
): Finding {
  const head = `rule "${rule}" sends the pipeline parameter ${name} = ${shown(value)}`;
  if (declared.type === 'enum' && typeof value === 'string') {
    const values = [...(declared.enum ?? []), value].map((v) => String(v)).join(', ');
    return {
      rule,
      check: 'declared',
      message: `${head}, which is not in the enum of ${path}: CircleCI would fail the new pipeline. Add the value:`,
      fix: `parameters:\n  ${name}:\n    type: enum\n    enum: [${values}]\n`,
    };
  }
  const type = typeOfValue(value);
  return {
    rule,
    check: 'declared',
    message: `${head} (${type === 'integer' ? 'a number' : `a ${type}`}), but ${path} declares it with type ${String(declared.type)}: CircleCI would fail the new pipeline. Declare it as:`,
    fix: `parameters:\n  ${name}:\n    type: ${type}\n    default: ${defaultFor(type)}\n`,
  };
}

/** The `when:` that runs a workflow only in pipelines started for `job`. */
const gate = (job: string, jobParameter: string) =>
  `    when:\n      equal: [${job}, << pipeline.parameters.${jobParameter} >>]\n`;

const tagFilter = '          filters:\n            tags:\n              only: /.*/\n';

export function noSuchJob(
  rule: string,
  path: string,
  job: string,
  jobParameter: string,
  tags: boolean,
): Finding {
  const entry = tags ? `      - ${job}:\n${tagFilter}` : `      - ${job}\n`;
  return {
    rule,
    check: 'reached',
    message: `rule "${rule}" targets job ${job}, but no workflow of ${path} has a job of that name: the pipeline cci-conditional starts would not run it. Add a workflow for it:`,
    fix: `workflows:\n  ${job}:\n${gate(job, jobParameter)}    jobs:\n${entry}`,
  };
}

export function workflowsDoNotRun(
  rule: string,
  job: string,
  workflows: readonly string[],
  sent: string,
  jobParameter: string,
): Finding {
  const [first = ''] = workflows;
  const which =
    workflows.length === 1
      ? `workflow ${first} (which has it)`
      : `workflows ${workflows.join(', ')} (which have it)`;
  return {
    rule,
    check: 'reached',
    message: `rule "${rule}" targets job ${job}, but ${which} ${workflows.length === 1 ? 'does' : 'do'} not run with ${sent}: CircleCI would start a pipeline that does not run it. Gate the workflow on the job:`,
    fix: `workflows:\n  ${first}:\n${gate(job, jobParameter)}`,
  };
}

export function noTagFilter(rule: string, job: string, key: string, workflow: string): Finding {
  const named = key === job ? `      - ${job}:\n` : `      - ${key}:\n          name: ${job}\n`;
  return {
    rule,
    check: 'reached',
    message: `rule "${rule}" fires on tags, but job ${job} in workflow ${workflow} has no filters.tags: CircleCI runs no job of a tag pipeline without one, so it would not run. Add:`,
    fix: `workflows:\n  ${workflow}:\n    jobs:\n${named}${tagFilter}`,
  };
}

export function filteredOut(
  rule: string,
  job: string,
  workflow: string,
  ref: { kind: 'branch' | 'tag'; name: string | undefined },
): Finding {
  const what = `${ref.kind} ${shown(ref.name)}`;
  const key = ref.kind === 'tag' ? 'tags' : 'branches';
  return {
    rule,
    check: 'reached',
    message: `rule "${rule}" fires on ${what}, but the filters of job ${job} in workflow ${workflow} do not let ${what} through: CircleCI would not run it. Let it through, for example:`,
    fix: `workflows:\n  ${workflow}:\n    jobs:\n      - ${job}:\n          filters:\n            ${key}:\n              only: /.*/\n`,
  };
}

export function requiredFilteredOut(
  rule: string,
  job: string,
  required: { key: string; name: string },
  workflow: string,
  ref: { kind: 'branch' | 'tag'; name: string | undefined },
  noTags: boolean,
): Finding {
  const what = ref.name === undefined ? `a ${ref.kind}` : `${ref.kind} ${shown(ref.name)}`;
  const why = noTags
    ? 'has no filters.tags (CircleCI runs no job of a tag pipeline without one)'
    : `does not let ${what} through its filters`;
  const named =
    required.key === required.name
      ? `      - ${required.key}:\n`
      : `      - ${required.key}:\n          name: ${required.name}\n`;
  const key = ref.kind === 'tag' ? 'tags' : 'branches';
  return {
    rule,
    check: 'reached',
    message: `rule "${rule}" targets job ${job}, which requires ${required.name} in workflow ${workflow}, and ${required.name} ${why}: CircleCI would run neither. Add:`,
    fix: `workflows:\n  ${workflow}:\n    jobs:\n${named}          filters:\n            ${key}:\n              only: /.*/\n`,
  };
}

export function nothingRuns(rule: string, path: string, sent: string, parameter: string): Finding {
  return {
    rule,
    check: 'reached',
    message: `rule "${rule}" sends ${sent}, but no workflow of ${path} runs with them: the new pipeline would run nothing. Gate a workflow on them:`,
    fix: `workflows:\n  deploy:\n    when: << pipeline.parameters.${parameter} >>\n`,
  };
}
