/**
 * "what": whether a pipeline runs the rule's job, from its listed workflows and their jobs.
 * Workflows appear seconds after their pipeline, so a pipeline without them is not yet known,
 * never "another job". Pure.
 * See ARCHITECTURE.md, "Late lists and the look schedule".
 */

/**
 * - `runs`: one of its workflows has a job named `job` (a rule without job: any pipeline)
 * - `other`: its listed workflows and their jobs show no such job
 * - `young`: no workflow (or a workflow without jobs) is listed yet, and it is young enough
 *   that one may still come: not yet known
 * - `ran-nothing`: it errored, or it is past the age at which its workflows would be listed:
 *   it will never list one
 */
export type What = 'runs' | 'other' | 'young' | 'ran-nothing';

/** Past this age (by CircleCI's clock) a pipeline set up without workflows will list none. */
export const WORKFLOWS_LISTED_WITHIN_MS = 2 * 60_000;
const SETTING_UP = new Set(['setup-pending', 'setup', 'pending']);

/** A job as a workflow's job list shows it. */
export interface ListedJob {
  name: string;
  /** as listed; an open set (`success`, `running`, `not_run`, `blocked`, ...) */
  status?: string | undefined;
}

export interface ListedWorkflow {
  /** as listed; an open set (`success`, `running`, `failed`, `not_run`, ...) */
  status?: string | undefined;
  /** its listed jobs */
  jobs: readonly ListedJob[];
}

export interface PipelineAge {
  /** `state` as last read */
  state: string | undefined;
  /** ms since it was created, by CircleCI's clock; undefined when its time is unknown */
  ageMs: number | undefined;
}

export function whatOfPipeline(
  job: string | undefined,
  pipeline: PipelineAge,
  workflows: readonly ListedWorkflow[],
): What {
  if (job === undefined) return 'runs';
  if (workflows.some((workflow) => workflow.jobs.some((listed) => listed.name === job)))
    return 'runs';
  const empty = workflows.length === 0 || workflows.some((workflow) => workflow.jobs.length === 0);
  if (!empty) return 'other';
  if (pipeline.state === 'errored') return 'ran-nothing';
  const settled =
    !SETTING_UP.has(pipeline.state ?? '') &&
    pipeline.ageMs !== undefined &&
    pipeline.ageMs > WORKFLOWS_LISTED_WITHIN_MS;
  return settled ? 'ran-nothing' : 'young';
}

/** v1.1: the job the build itself names; a build that names none matches on the other signs. */
export function whatOfBuild(job: string, named: string | undefined): What {
  return named === undefined || named === job ? 'runs' : 'other';
}
