/**
 * --wait-for-nodes, the old `deploy` step's rule: the triggering node first waits until every
 * other parallel run of this job has finished, and triggers only when all of them succeeded.
 * Source: v2 job details `parallel_runs[]` (one status per node for the whole run), not v1.1
 * `steps[].actions[]` (per step, so they cannot tell whether a node still has steps to run).
 */

import type { BuildContext } from '../core/read-context.js';
import { UsageError } from '../errors.js';
import { type Project, paths } from './api-paths.js';
import { HEARTBEAT_MS, pollDelay, projectOfBuild, type RunTools } from './run-tools.js';

export interface NodeWait {
  project: Project;
  buildNum: string;
  /** this node's index, and the node count */
  index: number;
  total: number;
}

/** A run still going; anything else has finished, and finished well only as `success`. */
const UNFINISHED = new Set([
  'running',
  'queued',
  'not_running',
  'scheduled',
  'blocked',
  'on_hold',
  '',
]);

/** What to wait for, or undefined when the job runs on one node. Bad env is a UsageError. */
export function planNodeWait(context: BuildContext, node: number): NodeWait | undefined {
  const total = Number(context.nodeTotal ?? '1');
  if (!(total > 1)) return undefined;
  const buildNum = context.buildNum;
  if (buildNum === undefined || !/^\d+$/.test(buildNum)) {
    throw new UsageError(
      `--wait-for-nodes needs CIRCLE_BUILD_NUM (this job's number), but it is ${buildNum === undefined ? 'not set' : JSON.stringify(buildNum)}`,
    );
  }
  const project = projectOfBuild(context);
  if (project === undefined) {
    throw new UsageError(
      '--wait-for-nodes needs CIRCLE_PROJECT_USERNAME and CIRCLE_PROJECT_REPONAME (or CIRCLE_ORGANIZATION_ID and CIRCLE_PROJECT_ID) to read this job',
    );
  }
  const index = context.nodeIndex === undefined ? node : Number(context.nodeIndex);
  return { project, buildNum, index, total };
}

/** Waits; returns why not to trigger (a node failed, or the time ran out), else undefined. */
export async function waitForNodes(
  wait: NodeWait,
  tools: RunTools,
  timeoutMs: number,
): Promise<string | undefined> {
  const { index, total } = wait;
  const deadline = tools.now() + timeoutMs;
  const others = Array.from({ length: total }, (_, i) => i).filter((i) => i !== index);
  let last: string | undefined;
  let lastAt = tools.now();
  for (let poll = 0; ; poll++) {
    let runs: Array<{ index: number; status: string }>;
    try {
      const job = await tools.client.send<{
        parallel_runs?: Array<{ index: number; status: string }>;
      }>({ method: 'GET', path: paths.v2Job(wait.project, wait.buildNum) });
      runs = job.parallel_runs ?? [];
    } catch (error) {
      return `could not read the parallel runs of job ${wait.buildNum}: ${(error as Error).message}`;
    }
    // A node not listed yet has not started.
    const statusOf = (i: number) => runs.find((run) => run.index === i)?.status ?? 'queued';
    const going = others.filter((i) => UNFINISHED.has(statusOf(i)));
    if (going.length === 0) {
      const failed = others.filter((i) => statusOf(i) !== 'success');
      if (failed.length === 0) {
        tools.logger.info(`all ${total} nodes of job ${wait.buildNum} succeeded`);
        return undefined;
      }
      return failed
        .map(
          (i) =>
            `node ${i} of ${total} ${statusOf(i) === 'failed' ? 'failed' : `ended ${statusOf(i)}`}`,
        )
        .join(', ');
    }
    const state = `waiting for ${going.length === 1 ? 'node' : 'nodes'} ${going.join(', ')} of ${total} to finish`;
    if (state !== last || tools.now() - lastAt >= HEARTBEAT_MS) {
      tools.logger.info(state);
      lastAt = tools.now();
    }
    last = state;
    const left = deadline - tools.now();
    if (left <= 0) {
      return `gave up after --wait-timeout ${timeoutMs / 1000} s: ${going.length === 1 ? 'node' : 'nodes'} ${going.join(', ')} of ${total} still running`;
    }
    await tools.sleep(Math.min(pollDelay(poll), left));
  }
}
