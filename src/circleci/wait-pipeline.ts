/**
 * --wait on a v2 pipeline: one look at its workflows and, when the rule names a job, at that
 * job's own status. A workflow may end `success` while its deploy job shows `not_run` (a serial
 * group let a newer pipeline's deploy win, or a `requires` condition skipped it): the job's own
 * end decides, as soon as it has one. A job listed under no name of the rule's (a matrix names
 * its jobs otherwise) leaves the workflows to decide, as before.
 */
import { type JobWatch, watchJob } from '../core/deploy-outcome.js';
import type { TriggerResult } from '../core/run-result.js';
import { apiPaths, type Project } from './api-paths.js';
import { listAll } from './list-all.js';
import type { RunTools } from './send-tools.js';

export interface WaitTarget {
  result: TriggerResult;
  project: Project;
  /** the v2 job parameter's value: the job whose own status ends the wait */
  job?: string | undefined;
}

type Outcome = NonNullable<TriggerResult['outcome']>;
/** One look at the target: finished with an outcome, or still going in a readable state. */
export type Look = { done: Outcome; state: string } | { done?: undefined; state: string };

/** Workflows show up a few seconds after the trigger; none after this long means none will. */
export const WORKFLOW_GRACE_MS = 60_000;
const WORKFLOW_GOING = new Set(['running', 'on_hold', 'failing']);

interface Workflow {
  id: string | undefined;
  name: string;
  status: string;
}

/**
 * Done when the target job ended, or when no workflow is running, on hold (an approval may
 * still come) or failing. Success when every workflow succeeded, `not_run` ones aside; none at
 * all, or only not_run, fails.
 */
export function lookAtPipeline(
  target: WaitTarget,
  tools: RunTools,
  deadline: number,
): () => Promise<Look> {
  const started = tools.now();
  const id = target.result.pipeline?.id ?? '';
  return async () => {
    const listed = await listAll<{ id: string; name: string; status: string }>(tools, (token) =>
      apiPaths.v2PipelineWorkflows(id, token),
    );
    const workflows: Workflow[] = listed.map((w) => ({
      id: typeof w.id === 'string' ? w.id : undefined,
      name: w.name ?? '(no name)',
      status: w.status ?? 'unknown',
    }));
    const ran = workflows.filter((w) => w.status !== 'not_run');
    if (ran.length === 0) {
      const waited = tools.now() - started;
      if (waited < WORKFLOW_GRACE_MS && tools.now() < deadline)
        return { state: workflows.length === 0 ? 'no workflow yet' : 'workflows not run' };
      return {
        state: 'no workflow ran',
        done: { status: 'no-workflow', success: false, detail: noWorkflowHint(target, tools) },
      };
    }
    const state = workflows.map((w) => `${w.name} ${w.status}`).join(', ');
    const going = workflows.some((w) => WORKFLOW_GOING.has(w.status));
    if (target.job !== undefined) {
      const job = await watchTarget(target.job, ran, tools);
      const done = jobEnd(target.job, job, going, ran);
      if (done) return { state, done };
    }
    if (going) return { state };
    const bad = ran.find((w) => w.status !== 'success');
    return bad
      ? {
          state,
          done: {
            status: bad.status,
            success: false,
            detail: `ended: workflow ${bad.name} ${bad.status}`,
          },
        }
      : { state, done: { status: 'success', success: true } };
  };
}

/** The target job's instances in the workflows that ran, as their job lists show them now. */
async function watchTarget(job: string, ran: Workflow[], tools: RunTools): Promise<JobWatch> {
  const statuses: (string | undefined)[] = [];
  for (const workflow of ran) {
    const workflowId = workflow.id;
    if (workflowId === undefined) continue;
    const jobs = await listAll<{ name: string; status: string }>(tools, (token) =>
      apiPaths.v2WorkflowJobs(workflowId, token),
    );
    for (const listed of jobs)
      if (listed.name === job)
        statuses.push(typeof listed.status === 'string' ? listed.status : undefined);
  }
  return watchJob(statuses);
}

/** The outcome the job's own status gives, or undefined while it does not end the wait. */
function jobEnd(
  job: string,
  watch: JobWatch,
  going: boolean,
  ran: Workflow[],
): Outcome | undefined {
  if (watch.kind === 'none') return undefined;
  if (watch.kind === 'success') return { status: 'success', success: true };
  if (watch.kind === 'going' && going) return undefined;
  const workflows = ran.map((w) => `${w.name} ${w.status}`).join(', ');
  const why =
    watch.status === 'not_run'
      ? ': a newer pipeline took its serial group, or a requires condition skipped it'
      : '';
  return {
    status: watch.status,
    success: false,
    detail: `ended: job ${job} ${watch.status} (workflow ${workflows})${why}`,
  };
}

function noWorkflowHint(target: WaitTarget, tools: RunTools): string {
  const job = target.job ?? '<job>';
  const parameter = tools.ruleSet.jobParameter;
  return `ran no workflow: gate the target workflow with \`when: { equal: [ ${job}, << pipeline.parameters.${parameter} >> ] }\` and check its branch and tag filters`;
}
