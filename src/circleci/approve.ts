/**
 * `approve` rules: approve the on-hold approval job of that name in the running workflow, so
 * the gated job runs in this pipeline, on this commit, without starting anything new.
 */

import { ApiError } from '../base/errors.js';
import { apiPaths } from './api-paths.js';
import { listAll } from './list-all.js';
import type { Action } from './plan-actions.js';
import type { RunTools } from './send-tools.js';

type ApproveAction = Extract<Action, { kind: 'approve' }>;

interface WorkflowJob {
  name: string;
  type?: string;
  status?: string;
  approval_request_id?: string;
}

/**
 * Approves the job; throws an ApiError naming what is wrong when it cannot. `onSending` is told
 * right before the approval goes out.
 */
export async function approve(
  action: ApproveAction,
  tools: RunTools,
  onSending?: () => void,
): Promise<void> {
  const { approvalJob, workflowId } = action;
  const job = onHoldJob(await listJobs(workflowId, tools), approvalJob, workflowId);
  const requestId = job.approval_request_id as string;
  onSending?.();
  await tools.client.send(
    { method: 'POST', path: apiPaths.v2Approve(workflowId, requestId) },
    {
      // A lost answer: approved when the job left on_hold, else send again.
      findExisting: async () => {
        const again = (await listJobs(workflowId, tools)).find((j) => j.name === approvalJob);
        return again?.status === 'on_hold' ? undefined : {};
      },
    },
  );
}

function onHoldJob(
  jobs: Partial<WorkflowJob>[],
  name: string,
  workflowId: string,
): Partial<WorkflowJob> {
  const named = jobs.filter((job) => job.name === name);
  const job = named.find((j) => j.type === 'approval') ?? named[0];
  if (job === undefined) {
    const names = jobs.map((j) => j.name ?? '(no name)').join(', ') || 'none';
    throw new ApiError(
      `no approval job named ${JSON.stringify(name)} in workflow ${workflowId} (jobs: ${names})`,
    );
  }
  if (job.type !== 'approval') {
    throw new ApiError(
      `job ${JSON.stringify(name)} in workflow ${workflowId} is a ${job.type ?? 'build'} job, not an approval job (type: approval)`,
    );
  }
  if (job.status === 'success') {
    throw new ApiError(`approval job ${JSON.stringify(name)} was already approved`);
  }
  if (job.status !== 'on_hold' || !job.approval_request_id) {
    throw new ApiError(
      `approval job ${JSON.stringify(name)} is ${job.status ?? 'in an unknown state'}, not on hold: only a job waiting for approval can be approved`,
    );
  }
  return job;
}

function listJobs(workflowId: string, tools: RunTools): Promise<Partial<WorkflowJob>[]> {
  return listAll<WorkflowJob>(tools, (token) => apiPaths.v2WorkflowJobs(workflowId, token));
}
