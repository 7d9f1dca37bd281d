/**
 * The fix for a target job in a workflow that cannot be gated on it (the workflow that runs
 * cci-conditional, a schedule, a workflow for another job): the target moves into a workflow of
 * its own that only pipelines started for it run. Gating the shared workflow both ways (`unless:`
 * for the loop, `when:` for the target) would leave a workflow that never runs.
 *
 * What moves with it: the jobs after it (those that require it, and so on), except jobs that run
 * cci-conditional with these rules or are other rules' targets. Moved jobs keep their settings
 * but only the `requires:` among themselves; the target's filters let the rule's names through
 * and, for a branch rule, it gets a serial group (deploy order).
 */
import { isMap, isNamed, type JobInvocation, requiredBy, type Workflow } from './config-model.js';
import { filtersLettingThrough } from './filter-fix.js';
import { filtersLetRun } from './filters.js';
import type { Removal } from './findings.js';
import { entryName, gateFor } from './fix-yaml.js';
import { patternsOf, type RuleCheck } from './rule-check.js';
import { runsTool } from './runs-tool.js';
import { serialGroupFor } from './serial-group.js';

type Map = Record<string, unknown>;

export interface Move {
  /** the new workflow's name */
  workflow: string;
  /** its value: the gate and the moved jobs */
  value: Map;
  /** the entries to delete from the workflow they leave */
  remove: Removal;
  /** the jobs that move with the target: those after it */
  after: string[];
}

export function moveTarget(check: RuleCheck, from: Workflow, job: string): Move {
  const stays = (i: JobInvocation) =>
    runsTool(check.config, i.job, check.rulesPath) ||
    [...check.otherTargets].some((other) => isNamed(i, other));
  const moving = new Set(from.jobs.filter((i) => isNamed(i, job)));
  // The jobs after it, in as many passes as the chain is long.
  for (let grew = true; grew; ) {
    grew = false;
    const names = new Set([...moving].flatMap((i) => [...i.names, i.matrixAlias ?? '']));
    for (const invocation of from.jobs) {
      if (moving.has(invocation) || stays(invocation)) continue;
      if (invocation.requires.some((name) => names.has(name))) {
        moving.add(invocation);
        grew = true;
      }
    }
  }
  const movedNames = new Set([...moving].flatMap((i) => [...i.names, i.matrixAlias ?? '']));
  const required = requiredBy(from);
  const entries = from.jobs
    .filter((i) => moving.has(i))
    .map((invocation) => movedEntry(check, invocation, job, movedNames, required));
  const name = freeName(check, job, moving.size === from.jobs.length ? from : undefined);
  return {
    workflow: name,
    value: { when: gateFor(job, check.ruleSet.jobParameter), jobs: entries },
    remove: { workflow: from.name, jobs: [...moving].map(entryName) },
    after: [...moving].filter((i) => !isNamed(i, job)).map(entryName),
  };
}

function movedEntry(
  check: RuleCheck,
  invocation: JobInvocation,
  job: string,
  movedNames: ReadonlySet<string>,
  required: (name: string) => readonly JobInvocation[],
): Map | string {
  const settings: Map = { ...invocation.settings };
  const requires = Array.isArray(settings.requires) ? settings.requires : [];
  const kept = requires.filter((r: unknown) => {
    const name = typeof r === 'string' ? r : Object.keys(r as Map)[0];
    return name !== undefined && movedNames.has(name) && required(name).length > 0;
  });
  if (kept.length > 0) settings.requires = kept;
  else delete settings.requires;
  if (isNamed(invocation, job)) {
    if (filtersLetRun(invocation.filters, check.ref) === false)
      settings.filters = filtersLettingThrough(
        invocation.filters,
        check.ref,
        patternsOf(check),
      ).filters;
    if (check.ref.kind === 'branch' && settings['serial-group'] === undefined)
      settings['serial-group'] = serialGroupFor(job);
  }
  return Object.keys(settings).length === 0 ? invocation.job : { [invocation.job]: settings };
}

/** The target's name as the new workflow's, unless another workflow has it. */
function freeName(check: RuleCheck, job: string, emptied: Workflow | undefined): string {
  const workflows = check.config.workflows;
  const taken = new Set(isMap(workflows) ? Object.keys(workflows) : []);
  // A workflow whose every job moves is deleted: its name is free again.
  if (emptied) taken.delete(emptied.name);
  for (let n = 1; ; n++) {
    const name = n === 1 ? job : `${job}-${n}`;
    if (!taken.has(name)) return name;
  }
}
