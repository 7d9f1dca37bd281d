// @ts-check
// v2 workflows and their jobs: created a few reads after a trigger, advancing one status per read
// of the pipeline's workflow list, with approval jobs that wait on hold.
import { randomUUID } from 'node:crypto';
import { now } from './http-io.js';
import { settlePipeline } from './pipelines.js';
import { ACTOR, advance, DEFAULT_PROJECT, stepSim } from './store.js';

/**
 * @typedef {import('./types.js').Pipeline} Pipeline
 * @typedef {import('./types.js').Workflow} Workflow
 * @typedef {import('./types.js').WorkflowJob} WorkflowJob
 * @typedef {import('./types.js').WorkflowJobSpec} WorkflowJobSpec
 * @typedef {import('./types.js').WorkflowSpec} WorkflowSpec
 * @typedef {import('./store.js').Store} Store
 */

/**
 * A seed for addWorkflow, e.g. the current workflow with its approval job on hold.
 * @typedef {object} WorkflowSeed
 * @property {string} name
 * @property {string} [id]
 * @property {string} [pipelineId] a pipeline of the fake gives its number and project
 * @property {string} [status] default: `on_hold` when a job is on hold, else `running`
 * @property {string[]} [statuses] instead of `status`: one per read of the pipeline's workflow list
 * @property {WorkflowJobSpec[]} [jobs]
 */

const STOPPED_WORKFLOW = new Set(['success', 'failed', 'error', 'canceled', 'not_run']);
const STOPPED_JOB = new Set(['success', 'failed', 'canceled', 'not_run', 'timedout']);

/**
 * One workflow gated on the `target_job` parameter the trigger sent, running that job, which
 * runs while its workflow runs and succeeds with it.
 * @type {(pipeline: Pipeline, parameters: Record<string, unknown>) => WorkflowSpec[]}
 */
export const defaultWorkflows = (_pipeline, parameters) => {
  const job = parameters.target_job;
  const statuses = ['running', 'success'];
  if (typeof job !== 'string') return [{ name: 'workflow', statuses }];
  const jobs = [{ name: job, type: /** @type {const} */ ('build'), status: 'running', statuses }];
  return [{ name: job, statuses, jobs }];
};

/**
 * @param {Store} store
 * @param {WorkflowSeed} seed
 */
export function addWorkflow(store, seed) {
  const pipeline = store.pipelines.find((candidate) => candidate.id === seed.pipelineId);
  const jobs = seed.jobs ?? [];
  const onHold = jobs.some((job) => job.status === 'on_hold');
  const workflow = makeWorkflow(seed.name, pipeline, jobs);
  stepJobs(store, workflow, jobs);
  workflow.id = seed.id ?? workflow.id;
  workflow.pipeline_id = seed.pipelineId ?? workflow.pipeline_id;
  setStatus(workflow, seed.statuses?.[0] ?? seed.status ?? (onHold ? 'on_hold' : 'running'));
  if (seed.statuses) store.workflowSims.set(workflow, stepSim(seed.statuses, false));
  store.workflows.push(workflow);
  return workflow;
}

/**
 * The workflows of a pipeline as one GET of its workflow list shows them. A triggered pipeline
 * shows none for `workflowDelayReads` reads (CircleCI creates them seconds after the trigger)
 * and none ever when it errored; every read advances each workflow one status.
 * @param {Store} store
 * @param {Pipeline} pipeline
 * @returns {Workflow[]}
 */
export function readPipelineWorkflows(store, pipeline) {
  const sim = store.pipelineSims.get(pipeline);
  if (sim && !sim.workflowsCreated) {
    if (sim.finalState === 'errored') return [];
    if (sim.workflowDelayReadsLeft > 0) {
      sim.workflowDelayReadsLeft -= 1;
      return [];
    }
    sim.workflowsCreated = true;
    settlePipeline(store, pipeline); // workflows exist only once setup is over
    createWorkflows(store, pipeline);
  }
  const workflows = store.workflows.filter((workflow) => workflow.pipeline_id === pipeline.id);
  for (const workflow of workflows) {
    const workflowSim = store.workflowSims.get(workflow);
    if (workflowSim) setStatus(workflow, advance(workflowSim));
    for (const job of workflow.jobs) {
      const jobSim = store.workflowJobSims.get(job);
      if (jobSim) setJobStatus(job, advance(jobSim));
    }
  }
  return workflows;
}

/**
 * Jobs whose spec gives `statuses` move one step per read of their pipeline's workflow list, in
 * step with their workflow. A job can end otherwise than its workflow: in a serial group "the
 * older job is automatically skipped" and "shows as not_run, while its workflow may still show
 * success" (ARCHITECTURE.md, "What CircleCI answers").
 * @param {Store} store
 * @param {Workflow} workflow
 * @param {WorkflowJobSpec[]} specs
 */
function stepJobs(store, workflow, specs) {
  specs.forEach((spec, i) => {
    const job = workflow.jobs[i];
    if (!job || !spec.statuses || spec.statuses.length === 0) return;
    setJobStatus(job, spec.statuses[0] ?? job.status);
    store.workflowJobSims.set(job, stepSim(spec.statuses, false));
  });
}

/**
 * @param {WorkflowJob} job
 * @param {string} status
 */
function setJobStatus(job, status) {
  job.status = status;
  job.stopped_at = STOPPED_JOB.has(status) ? (job.stopped_at ?? now()) : null;
}

/**
 * @param {Store} store
 * @param {Pipeline} pipeline
 */
function createWorkflows(store, pipeline) {
  const parameters = store.pipelineSims.get(pipeline)?.parameters ?? {};
  for (const spec of store.options.workflows(pipeline, parameters)) {
    const statuses = spec.statuses.length > 0 ? spec.statuses : ['not_run'];
    const workflow = makeWorkflow(spec.name, pipeline, spec.jobs ?? []);
    stepJobs(store, workflow, spec.jobs ?? []);
    store.workflowSims.set(workflow, stepSim(statuses, false));
    store.workflows.push(workflow);
  }
}

/**
 * Approves an approval job; its workflow leaves `on_hold` once no job is on hold.
 * @param {Store} store
 * @param {Workflow} workflow
 * @param {WorkflowJob} job
 */
export function approveJob(store, workflow, job) {
  job.status = 'success';
  job.approved_by = ACTOR.id;
  job.stopped_at = now();
  if (workflow.status === 'on_hold' && !workflow.jobs.some((other) => other.status === 'on_hold')) {
    store.workflowSims.delete(workflow);
    setStatus(workflow, 'running');
  }
}

/**
 * The workflow as the API shows it: without the `jobs` the fake keeps beside it.
 * @param {Workflow} workflow
 */
export function workflowAnswer({ jobs: _jobs, ...workflow }) {
  return workflow;
}

/**
 * @param {string} name
 * @param {Pipeline | undefined} pipeline
 * @param {WorkflowJobSpec[]} jobs
 * @returns {Workflow}
 */
function makeWorkflow(name, pipeline, jobs) {
  const project_slug = pipeline?.project_slug ?? DEFAULT_PROJECT;
  return {
    id: randomUUID(),
    name,
    status: 'running',
    pipeline_id: pipeline?.id ?? randomUUID(),
    pipeline_number: pipeline?.number ?? 1,
    project_slug,
    started_by: ACTOR.id,
    created_at: now(),
    stopped_at: null,
    jobs: jobs.map((spec) => makeJob(spec, project_slug)),
  };
}

/**
 * @param {WorkflowJobSpec} spec
 * @param {string} project_slug
 * @returns {WorkflowJob}
 */
function makeJob(spec, project_slug) {
  const id = spec.id ?? randomUUID();
  const time = now();
  /** @type {WorkflowJob} */
  const job = {
    id,
    name: spec.name,
    type: spec.type,
    status: spec.status,
    dependencies: [],
    project_slug,
    started_at: time,
    stopped_at: STOPPED_JOB.has(spec.status) ? time : null,
  };
  if (spec.job_number !== undefined) job.job_number = spec.job_number;
  // CircleCI's approval_request_id of an approval job is the job's own id.
  if (spec.type === 'approval') job.approval_request_id = spec.approval_request_id ?? id;
  return job;
}

/**
 * @param {Workflow} workflow
 * @param {string} status
 */
function setStatus(workflow, status) {
  workflow.status = status;
  workflow.stopped_at = STOPPED_WORKFLOW.has(status) ? (workflow.stopped_at ?? now()) : null;
}
