// @ts-check
// API v2 workflow routes: a pipeline's workflows, one workflow, its jobs, approving a job.
import { json, message, pagedReply } from './http-io.js';
import { approveJob, readPipelineWorkflows, workflowAnswer } from './workflows.js';

/**
 * @typedef {import('./types.js').RequestContext} RequestContext
 * @typedef {import('./types.js').Reply} Reply
 */

/**
 * @param {RequestContext} ctx
 * @returns {Reply | undefined} undefined when the path is not one of these routes
 */
export function routeWorkflows(ctx) {
  const { method, rawPath } = ctx;
  const ofPipeline = /^\/api\/v2\/pipeline\/([^/]+)\/workflow$/.exec(rawPath);
  if (ofPipeline && method === 'GET') return listPipelineWorkflows(ctx, ofPipeline[1] ?? '');

  const workflowRoute = /^\/api\/v2\/workflow\/([^/]+)(\/job|\/approve\/([^/]+))?$/.exec(rawPath);
  if (!workflowRoute) return undefined;
  const [, workflowId = '', suffix, approvalRequestId] = workflowRoute;
  const workflow = ctx.store.workflows.find((candidate) => candidate.id === workflowId);

  if (suffix === undefined && method === 'GET') {
    return workflow ? json(200, workflowAnswer(workflow)) : workflowNotFound();
  }
  if (suffix === '/job' && method === 'GET') {
    if (!workflow) return workflowNotFound();
    return pagedReply(workflow.jobs, ctx.query['page-token'], ctx.store.options.pageSize);
  }
  if (approvalRequestId !== undefined && method === 'POST') {
    if (!workflow) return workflowNotFound();
    return approve(ctx, workflow, approvalRequestId);
  }
  return undefined;
}

/**
 * GET /pipeline/{id}/workflow: paged; each read moves the workflows on (readPipelineWorkflows).
 * @param {RequestContext} ctx
 * @param {string} pipelineId
 */
function listPipelineWorkflows(ctx, pipelineId) {
  const pipeline = ctx.store.pipelines.find((candidate) => candidate.id === pipelineId);
  if (!pipeline) return message(404, 'Pipeline not found');
  const workflows = readPipelineWorkflows(ctx.store, pipeline).map(workflowAnswer);
  return pagedReply(workflows, ctx.query['page-token'], ctx.store.options.pageSize);
}

/**
 * POST /workflow/{id}/approve/{approval_request_id}: 202, and the approval job succeeds.
 * @param {RequestContext} ctx
 * @param {import('./types.js').Workflow} workflow
 * @param {string} approvalRequestId
 */
function approve(ctx, workflow, approvalRequestId) {
  const job = workflow.jobs.find(
    (candidate) =>
      candidate.type === 'approval' && candidate.approval_request_id === approvalRequestId,
  );
  if (!job) return message(404, 'Approval request not found');
  if (job.status !== 'on_hold') return message(400, 'Job is not on hold');
  approveJob(ctx.store, workflow, job);
  return json(202, { message: 'Accepted.' });
}

function workflowNotFound() {
  return message(404, 'Workflow not found');
}
