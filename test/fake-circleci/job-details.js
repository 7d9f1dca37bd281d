// @ts-check
// API v2 job details (GET /project/{slug}/job/{number}) with parallel runs that advance one
// status per read, so a client can wait for the other parallel nodes of its job.
import { randomUUID } from 'node:crypto';
import { json, message, now } from './http-io.js';
import {
  advance,
  normalizeSlug,
  parseV2ProjectPath,
  projectNotFound,
  repositoryOf,
  stepSim,
} from './store.js';

/**
 * @typedef {import('./types.js').JobDetails} JobDetails
 * @typedef {import('./types.js').RequestContext} RequestContext
 * @typedef {import('./types.js').Reply} Reply
 * @typedef {import('./store.js').Store} Store
 */

/**
 * @typedef {object} JobSeed
 * @property {number} number
 * @property {string} name
 * @property {Array<{index: number, statuses: string[]}>} parallelRuns one status per read each
 * @property {string} [workflowId]
 * @property {string} [pipelineId]
 */

const UNFINISHED = new Set(['running', 'queued', 'not_running', 'blocked', 'on_hold']);

/**
 * @param {Store} store
 * @param {string} slug `gh/org/repo` or any accepted form
 * @param {JobSeed} seed
 * @returns {JobDetails}
 */
export function addJob(store, slug, seed) {
  const projectSlug = normalizeSlug(slug) ?? slug;
  const [, org = '', repo = ''] = projectSlug.split('/');
  const workflow = store.workflows.find((candidate) => candidate.id === seed.workflowId);
  const runs = seed.parallelRuns.map(({ index, statuses }) => ({
    index,
    status: statuses[0] ?? '',
  }));
  const time = now();
  const job = {
    number: seed.number,
    name: seed.name,
    status: jobStatus(runs),
    parallelism: runs.length,
    parallel_runs: runs,
    web_url: `${store.baseUrl}/pipelines/${projectSlug}/jobs/${seed.number}`,
    project: {
      id: randomUUID(),
      slug: projectSlug,
      name: repo,
      external_url: repositoryOf(projectSlug).repositoryUrl,
    },
    organization: { name: org },
    latest_workflow: {
      id: workflow?.id ?? seed.workflowId ?? randomUUID(),
      name: workflow?.name ?? 'workflow',
    },
    pipeline: { id: seed.pipelineId ?? workflow?.pipeline_id ?? randomUUID() },
    executor: { resource_class: 'medium', type: 'docker' },
    contexts: [],
    messages: [],
    created_at: time,
    queued_at: time,
    started_at: time,
    stopped_at: null,
    duration: null,
  };
  store.jobRunSims.set(
    job,
    seed.parallelRuns.map(({ statuses }) => stepSim(statuses, false)),
  );
  store.jobs.push(job);
  return job;
}

/**
 * @param {RequestContext} ctx
 * @returns {Reply | undefined} undefined when the path is not GET /project/{slug}/job/{number}
 */
export function routeJobDetails(ctx) {
  const project = parseV2ProjectPath(ctx.rawPath);
  const [segment, number, ...extra] = project?.rest ?? [];
  if (!project || segment !== 'job' || !/^\d+$/.test(number ?? '') || extra.length > 0) {
    return undefined;
  }
  if (ctx.method !== 'GET') return undefined;
  const missing = projectNotFound(ctx.store, project.slug);
  if (missing) return missing;
  const job = ctx.store.jobs.find(
    (candidate) => candidate.project.slug === project.slug && candidate.number === Number(number),
  );
  return job ? json(200, readJob(ctx.store, job)) : message(404, 'Job not found');
}

/**
 * The job as one read shows it: every parallel run one status further.
 * @param {Store} store
 * @param {JobDetails} job
 */
function readJob(store, job) {
  const sims = store.jobRunSims.get(job) ?? [];
  job.parallel_runs.forEach((run, i) => {
    const sim = sims[i];
    if (sim) run.status = advance(sim);
  });
  job.status = jobStatus(job.parallel_runs);
  if (!UNFINISHED.has(job.status)) job.stopped_at ??= now();
  return job;
}

/**
 * A job runs while any run does; it succeeds when all do; otherwise it takes a failed run's status.
 * @param {Array<{status: string}>} runs
 */
function jobStatus(runs) {
  if (runs.some((run) => UNFINISHED.has(run.status))) return 'running';
  return runs.find((run) => run.status !== 'success')?.status ?? 'success';
}
