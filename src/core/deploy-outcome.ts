/**
 * How a deploy ended, from what CircleCI lists: the target job's own status, or for a rule
 * without a job its workflows'. A workflow can end `success` while its deploy job shows
 * `not_run` (a serial group let a newer pipeline's deploy win), so the job is judged on its own.
 * Every status set is open: only the ends named here count as failed or as success, anything
 * else (`running`, `on_hold`, a status CircleCI adds later) is neither. Pure.
 */
import type { ListedWorkflow } from './what-runs.js';

/** Ends after which nothing was deployed: --once does not count such a trigger. */
export const FAILED_ENDS: ReadonlySet<string> = new Set([
  'failed',
  'canceled',
  'not_run',
  'infrastructure_fail',
  'timedout',
  'unauthorized',
]);

/** Job statuses that end a job without success. */
const UNSUCCESSFUL: ReadonlySet<string> = new Set([
  ...FAILED_ENDS,
  'retried',
  'terminated-unknown',
]);

/**
 * - `success`: the target job (one instance of it: a rerun lists it again) ended `success`
 * - `failed`: every instance ended in FAILED_ENDS, or the pipeline errored
 * - `other`: anything else, still running and unknown statuses included
 */
export type DeployEnd = 'success' | 'failed' | 'other';

export interface DeployEnding {
  end: DeployEnd;
  /** what it shows, for a log line: `deploy failed`, `pipeline errored`, `workflows canceled` */
  seen: string;
}

export function endOfPipeline(
  job: string | undefined,
  state: string | undefined,
  workflows: readonly ListedWorkflow[],
): DeployEnding {
  if (state === 'errored') return { end: 'failed', seen: 'pipeline errored' };
  const statuses =
    job === undefined
      ? workflows.map((workflow) => workflow.status)
      : workflows.flatMap((workflow) =>
          workflow.jobs.filter((listed) => listed.name === job).map((listed) => listed.status),
        );
  const seen = `${job ?? 'workflows'} ${statuses.map((status) => status ?? 'unknown').join(', ')}`;
  return { end: endOf(statuses), seen };
}

/** A v1.1 build is the job itself: its `status` (else `outcome`), or its `not_run` lifecycle. */
export function endOfBuild(build: {
  status?: string | null;
  outcome?: string | null;
  lifecycle?: string | null;
}): DeployEnding {
  const status =
    build.lifecycle === 'not_run'
      ? 'not_run'
      : (text(build.status) ?? text(build.outcome) ?? undefined);
  // v1.1 shows a success after a failure as `fixed`.
  const end = status === 'fixed' ? 'success' : endOf([status]);
  return { end, seen: `build ${status ?? 'unknown'}` };
}

function endOf(statuses: readonly (string | undefined)[]): DeployEnd {
  if (statuses.length === 0) return 'other';
  if (statuses.includes('success')) return 'success';
  const failed = statuses.every((status) => status !== undefined && FAILED_ENDS.has(status));
  return failed ? 'failed' : 'other';
}

/**
 * --wait on the target job, from the statuses of its listed instances: `none` when no job of
 * that name is listed, `success`, `ended` unsuccessfully (with the status to name), or `going`
 * (not an end yet, or a status cci-conditional does not know: an end only once no workflow
 * runs any more).
 */
export type JobWatch =
  | { kind: 'none' }
  | { kind: 'success' }
  | { kind: 'ended'; status: string }
  | { kind: 'going'; status: string };

export function watchJob(statuses: readonly (string | undefined)[]): JobWatch {
  if (statuses.length === 0) return { kind: 'none' };
  if (statuses.includes('success')) return { kind: 'success' };
  const open = statuses.findIndex((status) => status === undefined || !UNSUCCESSFUL.has(status));
  if (open < 0) return { kind: 'ended', status: statuses[0] as string };
  return { kind: 'going', status: statuses[open] ?? 'unknown' };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
