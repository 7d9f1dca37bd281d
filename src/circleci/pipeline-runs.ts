/**
 * "what" of listed pipelines: read their workflows and those workflows' jobs. Workflows appear
 * seconds after their pipeline: one without them yet is read again 3, 10 and 30 s later, all
 * such pipelines together, before it is called unknown.
 */
import { YOUNG_READS_AFTER_MS } from '../core/look-schedule.js';
import type { Action } from '../core/plan-actions.js';
import { type PipelineSummary, timeOf } from '../core/trigger-signs.js';
import { type ListedWorkflow, type What, whatOfPipeline } from '../core/what-runs.js';
import { paths } from './api-paths.js';
import { circleciTime } from './lookups.js';
import { listAll, type RunTools } from './run-tools.js';

type V2Action = Extract<Action, { kind: 'v2' }>;

/** What each pipeline runs (by id), read again while any is young; still young: `young`. */
export async function settleWhat(
  action: V2Action,
  pipelines: readonly PipelineSummary[],
  tools: RunTools,
): Promise<Map<string, What>> {
  const whats = new Map<string, What>();
  for (const pipeline of pipelines)
    whats.set(pipeline.id, await readWhat(action, pipeline, pipeline.state, tools));
  let waited = 0;
  for (const after of YOUNG_READS_AFTER_MS) {
    const young = pipelines.filter((pipeline) => whats.get(pipeline.id) === 'young');
    if (young.length === 0) break;
    tools.logger.debug(
      `${young.length} pipeline(s) list no workflow yet; reading again in ${(after - waited) / 1000} s`,
    );
    await tools.sleep(after - waited);
    waited = after;
    for (const pipeline of young) {
      const state = await readState(pipeline.id, tools);
      whats.set(pipeline.id, await readWhat(action, pipeline, state, tools));
    }
  }
  return whats;
}

async function readWhat(
  action: V2Action,
  pipeline: PipelineSummary,
  state: string | undefined,
  tools: RunTools,
): Promise<What> {
  if (action.job === undefined) return 'runs';
  const { id } = pipeline;
  const listed: ListedWorkflow[] = [];
  const workflows = await listAll<{ id: string }>(tools, (token) =>
    paths.v2PipelineWorkflows(id, token),
  );
  for (const workflow of workflows) {
    if (typeof workflow.id !== 'string') {
      listed.push({ jobs: [] });
      continue;
    }
    const jobs = await listAll<{ name: string }>(tools, (token) =>
      paths.v2WorkflowJobs(workflow.id as string, token),
    );
    listed.push({ jobs: jobs.flatMap((job) => (typeof job.name === 'string' ? [job.name] : [])) });
    if (listed[listed.length - 1]?.jobs.includes(action.job)) break;
  }
  const created = timeOf(pipeline.created_at);
  const ageMs = created === undefined ? undefined : circleciTime(tools, tools.now()) - created;
  return whatOfPipeline(action.job, { state, ageMs }, listed);
}

/** The pipeline's state now: an errored one will never list a workflow. */
async function readState(id: string, tools: RunTools): Promise<string | undefined> {
  const pipeline = await tools.client.send<{ state?: unknown } | null>({
    method: 'GET',
    path: paths.v2Pipeline(id),
  });
  return typeof pipeline?.state === 'string' ? pipeline.state : undefined;
}
