/**
 * The words of the reached check: the target job no workflow has, the workflow that does not run
 * with the trigger's parameters (the job moves out of it), and the filters that keep it from
 * running (the fix lets the rule's names through, named as the config names its jobs).
 */
import type { JobInvocation } from './config-model.js';
import { filtersLettingThrough } from './filter-fix.js';
import { describePipelineRef, type PipelineRef } from './filters.js';
import type { Finding } from './findings.js';
import { entryOf, renderFix } from './fix-yaml.js';
import type { Move } from './move-target.js';

export function noSuchJob(
  rule: string,
  path: string,
  job: string,
  workflow: Record<string, unknown> | undefined,
): Finding {
  if (workflow === undefined)
    return {
      rule,
      check: 'reached',
      message: `rule "${rule}" targets job ${job}, but ${path} has no job of that name (no key of jobs:, no workflow job's name: or matrix alias): the pipeline cci-conditional starts would not run it. Name one of the config's jobs in the rule.`,
      fix: undefined,
    };
  return {
    rule,
    check: 'reached',
    message: `rule "${rule}" targets job ${job}, but no workflow of ${path} has a job of that name: the pipeline cci-conditional starts would not run it. Add a workflow for it:`,
    fix: renderFix({ workflows: workflow }),
  };
}

export function moveOut(
  rule: string,
  job: string,
  from: string,
  sent: string,
  move: Move,
): Finding {
  const others = move.after;
  const after = others.length > 0 ? ` with the jobs after it (${others.join(', ')})` : '';
  return {
    rule,
    check: 'reached',
    message: `rule "${rule}" targets job ${job}, but workflow ${from} (which has it) does not run with ${sent}: CircleCI would start a pipeline that does not run it. Move it${after} into a workflow of its own that only pipelines started for it run, and delete ${others.length > 0 ? 'them' : 'it'} from workflow ${from}:`,
    fix: renderFix({ workflows: { [move.workflow]: move.value } }),
    remove: move.remove,
  };
}

/** The entries that let the rule's names through each job of `chain`, and what was dropped. */
function letThrough(
  chain: readonly JobInvocation[],
  ref: PipelineRef,
  patterns: readonly string[],
) {
  const dropped: unknown[] = [];
  const entries = chain.map((invocation) => {
    const fixed = filtersLettingThrough(invocation.filters, ref, patterns);
    dropped.push(...fixed.dropped);
    return entryOf(invocation, { filters: fixed.filters });
  });
  return { entries, dropped };
}

const noTags = (invocation: JobInvocation, ref: PipelineRef) =>
  ref.kind === 'tag' &&
  typeof invocation.filters !== 'string' &&
  !(
    typeof invocation.filters === 'object' &&
    invocation.filters !== null &&
    'tags' in invocation.filters
  );

const whyNot = (invocation: JobInvocation, ref: PipelineRef) =>
  noTags(invocation, ref)
    ? `${shownName(invocation)}: no filters.tags, without which CircleCI runs no job of a tag pipeline`
    : `${shownName(invocation)}: its filters do not let ${ref.name === undefined ? 'them' : 'it'} through`;

/** A job as messages name it: its name, or a matrix by the name that stands for all its jobs. */
const shownName = (invocation: JobInvocation) => invocation.matrixAlias ?? invocation.names[0];

/** The target does not run: its own filters, or every job it requires is filtered out. */
export function blocked(
  rule: string,
  target: { job: string; workflow: string; invocation: JobInvocation },
  chain: readonly JobInvocation[],
  ref: PipelineRef,
  patterns: readonly string[],
  sample?: string,
): Finding {
  const { entries, dropped } = letThrough(chain, ref, patterns);
  const fix = renderFix({ workflows: { [target.workflow]: { jobs: entries } } });
  const gone =
    dropped.length > 0
      ? ` (without ignore: ${dropped.map(String).join(', ')}, which would stop them)`
      : '';
  const own = chain.length === 1 && chain[0] === target.invocation;
  const required = chain
    .filter((i) => i !== target.invocation)
    .map((i) => whyNot(i, ref))
    .join('; ');
  const why = own
    ? noTags(target.invocation, ref)
      ? `job ${target.job} in workflow ${target.workflow} has no filters.tags: CircleCI runs no job of a tag pipeline without one, so it would not run`
      : `the filters of job ${target.job} in workflow ${target.workflow} do not let ${ref.name === undefined ? 'them' : describePipelineRef(ref)} through: CircleCI would not run it`
    : `job ${target.job} in workflow ${target.workflow} requires only jobs that do not run then (${required}): CircleCI runs a job only when at least one job it requires runs, so it would not run either`;
  if (sample !== undefined)
    return {
      rule,
      check: 'reached',
      message: `rule "${rule}" fires on ${describePipelineRef(ref)} (one of the names its patterns match), but ${why}. A run on that ${ref.kind} would stop with nothing sent; make the rule's patterns and the filters agree, for example${gone}:`,
      fix,
    };
  return {
    rule,
    check: 'reached',
    message: `rule "${rule}" fires on ${describePipelineRef(ref)}, but ${why}. Let ${ref.name === undefined ? 'them' : 'it'} through${gone}:`,
    fix,
  };
}

export function nothingRuns(rule: string, path: string, sent: string, parameter: string): Finding {
  return {
    rule,
    check: 'reached',
    message: `rule "${rule}" sends ${sent}, but no workflow of ${path} runs with them: the new pipeline would run nothing. Gate a workflow on them:`,
    fix: renderFix({ workflows: { deploy: { when: `<< pipeline.parameters.${parameter} >>` } } }),
  };
}
