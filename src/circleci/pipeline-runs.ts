/**
 * "what" of listed pipelines, and how their target ended: read their workflows and those
 * workflows' jobs, through the run's pages (what --once read after the loop guard is not read
 * again). Workflows appear seconds after their pipeline: one without them yet is read again,
 * afresh, 3, 10 and 30 s later, all such pipelines together, before it is called unknown.
 */
import { type DeployEnding, endOfPipeline } from '../core/deploy-outcome.js';
import { YOUNG_READS_AFTER_MS } from '../core/look-schedule.js';
import { type PipelineSummary, timeOf } from '../core/trigger-signs.js';
import { type ListedWorkflow, type What, whatOfPipeline } from '../core/what-runs.js';
import { apiPaths } from './api-paths.js';
import { type PageCache, readAllPages } from './list-pages.js';
import { circleciTime } from './lookups.js';
import type { Action } from './plan-actions.js';
import type { RunTools } from './send-tools.js';

type V2Action = Extract<Action, { kind: 'v2' }>;

/** What a pipeline runs, and how the action's target ended in it. */
export interface Settled {
  what: What;
  ending: DeployEnding;
}

export interface SettleRead {
  pages: PageCache;
  /** read the pages afresh (looks after a send) */
  fresh: boolean;
  /** how the target ended is needed too (a rule without job then reads the workflows) */
  ending?: boolean;
}

/** What each pipeline runs (by id), read again while any is young; still young: `young`. */
export async function settleWhat(
  action: V2Action,
  pipelines: readonly PipelineSummary[],
  tools: RunTools,
  read: SettleRead,
): Promise<Map<string, Settled>> {
  const settled = new Map<string, Settled>();
  for (const pipeline of pipelines)
    settled.set(pipeline.id, await readRuns(action, pipeline, pipeline.state, tools, read));
  let waited = 0;
  for (const after of YOUNG_READS_AFTER_MS) {
    const young = pipelines.filter((pipeline) => settled.get(pipeline.id)?.what === 'young');
    if (young.length === 0) break;
    tools.logger.debug(
      `${young.length} pipeline(s) list no workflow yet; reading again in ${(after - waited) / 1000} s`,
    );
    await tools.sleep(after - waited);
    waited = after;
    for (const pipeline of young) {
      const state = await readState(pipeline.id, tools);
      const again = { ...read, fresh: true };
      settled.set(pipeline.id, await readRuns(action, pipeline, state, tools, again));
    }
  }
  return settled;
}

/** What one pipeline runs and how its target ended, read once (a young one is not waited for). */
export function settleOnce(
  action: V2Action,
  pipeline: PipelineSummary,
  tools: RunTools,
  read: SettleRead,
): Promise<Settled> {
  return readRuns(action, pipeline, pipeline.state, tools, read);
}

async function readRuns(
  action: V2Action,
  pipeline: PipelineSummary,
  state: string | undefined,
  tools: RunTools,
  read: SettleRead,
): Promise<Settled> {
  const { job } = action;
  if (job === undefined && !read.ending)
    return { what: 'runs', ending: { end: 'other', seen: 'not read' } };
  const { id } = pipeline;
  const listed: ListedWorkflow[] = [];
  const workflows = await readAllPages(
    tools,
    read.pages,
    (token) => apiPaths.v2PipelineWorkflows(id, token),
    read.fresh,
  );
  for (const workflow of workflows) {
    const status = text(workflow.status);
    if (typeof workflow.id !== 'string' || job === undefined) {
      listed.push({ status, jobs: [] });
      continue;
    }
    const workflowId = workflow.id;
    const jobs = await readAllPages(
      tools,
      read.pages,
      (token) => apiPaths.v2WorkflowJobs(workflowId, token),
      read.fresh,
    );
    listed.push({
      status,
      jobs: jobs.flatMap((listedJob) =>
        typeof listedJob.name === 'string'
          ? [{ name: listedJob.name, status: text(listedJob.status) }]
          : [],
      ),
    });
  }
  const created = timeOf(pipeline.created_at);
  const ageMs = created === undefined ? undefined : circleciTime(tools, tools.now()) - created;
  return {
    what: whatOfPipeline(job, { state, ageMs }, listed),
    ending: endOfPipeline(job, state, listed),
  };
}

/** The pipeline's state now: an errored one will never list a workflow. */
async function readState(id: string, tools: RunTools): Promise<string | undefined> {
  const pipeline = await tools.client.send<{ state?: unknown } | null>({
    method: 'GET',
    path: apiPaths.v2Pipeline(id),
  });
  return typeof pipeline?.state === 'string' ? pipeline.state : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
