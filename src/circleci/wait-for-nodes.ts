/**
 * --wait-for-nodes, the old `deploy` step's rule: the triggering node first waits until every
 * other parallel run of this job has finished, and triggers only when all of them succeeded.
 * Source: v2 job details `parallel_runs[]` (one status per node for the whole run), not v1.1
 * `steps[].actions[]` (per step, so they cannot tell whether a node still has steps to run).
 */

import { elapsedText } from '../core/elapsed.js';
import { apiPaths } from './api-paths.js';
import type { NodeWait } from './plan-node-wait.js';
import type { RunTools } from './send-tools.js';
import { HEARTBEAT_MS, pollDelay } from './wait-pace.js';

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
  const started = lastAt;
  const waited = () => elapsedText(tools.now() - started);
  for (let poll = 0; ; poll++) {
    let runs: Array<{ index: number; status: string }>;
    try {
      const job = await tools.client.send<{
        parallel_runs?: Array<{ index: number; status: string }>;
      }>({ method: 'GET', path: apiPaths.v2Job(wait.project, wait.buildNum) });
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
        tools.logger.info(`all ${total} nodes of job ${wait.buildNum} succeeded after ${waited()}`);
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
      tools.logger.info(`${state} (${waited()} so far)`);
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
