// @ts-check
// The fake's state: what exists (builds, pipelines, workflows, jobs), branch heads, and the
// per-entity simulation (how far each has progressed), kept apart from the API-shaped objects.
import { message, safeDecode } from './http-io.js';

/**
 * @typedef {import('./types.js').ResolvedOptions} ResolvedOptions
 * @typedef {import('./types.js').Build} Build
 * @typedef {import('./types.js').Pipeline} Pipeline
 * @typedef {import('./types.js').PipelineError} PipelineError
 * @typedef {import('./types.js').Workflow} Workflow
 * @typedef {import('./types.js').JobDetails} JobDetails
 */

/**
 * A status sequence that advances one step per read and stays on its last step.
 * @typedef {{statuses: string[], step: number, shown: boolean}} StepSim
 */

/**
 * How a triggered pipeline progresses.
 * @typedef {object} PipelineSim
 * @property {number} setupReadsLeft GET /pipeline/{id} reads still answering setup-pending
 * @property {'created' | 'errored'} finalState
 * @property {PipelineError[]} finalErrors
 * @property {Record<string, unknown>} parameters what the trigger sent: CircleCI keeps it to itself
 * @property {number} workflowDelayReadsLeft workflow list reads still answering no workflow
 * @property {boolean} workflowsCreated
 */

export const ZERO_SHA = '0'.repeat(40);
/** The user behind every API trigger (`trigger.actor.login` is `deploy-bot`). */
export const ACTOR = { id: '7d5cdd3c-5b0a-4b3b-9b1c-6a4a8c1f0b1e', login: 'deploy-bot' };
/** Project of seeded entities that name none. */
export const DEFAULT_PROJECT = 'gh/acme/app';

/** @type {Record<string, string>} */
const SHORT_VCS = { gh: 'gh', github: 'gh', bb: 'bb', bitbucket: 'bb', circleci: 'circleci' };

/**
 * @param {ResolvedOptions} options
 * @param {string} baseUrl
 */
export function createStore(options, baseUrl) {
  return {
    options,
    baseUrl,
    heads: new Map(Object.entries(options.heads)),
    /** @type {Build[]} */
    builds: [],
    /** @type {Pipeline[]} */
    pipelines: [],
    /** @type {Workflow[]} */
    workflows: [],
    /** @type {JobDetails[]} */
    jobs: [],
    /** @type {WeakMap<Build, StepSim>} */
    buildSims: new WeakMap(),
    /** @type {WeakMap<Pipeline, PipelineSim>} */
    pipelineSims: new WeakMap(),
    /** @type {WeakMap<Workflow, StepSim>} */
    workflowSims: new WeakMap(),
    /** @type {WeakMap<JobDetails, StepSim[]>} */
    jobRunSims: new WeakMap(),
  };
}

/** @typedef {ReturnType<typeof createStore>} Store */

/**
 * Short slug (`gh/org/repo`) from a slug in any accepted form (`github/org/repo`, ...).
 * @param {string} slug
 * @returns {string | undefined} undefined when the VCS part is unknown or a part is missing
 */
export function normalizeSlug(slug) {
  const [vcs = '', org, repo, ...extra] = slug.split('/');
  const short = SHORT_VCS[vcs];
  if (!short || !org || !repo || extra.length > 0) return undefined;
  return `${short}/${org}/${repo}`;
}

/**
 * Splits `/api/v2/project/{slug}/...`. The slug's `/` may arrive escaped (`gh%2Facme%2Fapp`),
 * so the remainder is decoded before splitting.
 * @param {string} rawPath
 * @returns {{slug: string | undefined, rest: string[]} | undefined} undefined for other paths
 */
export function parseV2ProjectPath(rawPath) {
  const prefix = '/api/v2/project/';
  if (!rawPath.startsWith(prefix)) return undefined;
  const [vcs = '', org = '', repo = '', ...rest] = safeDecode(rawPath.slice(prefix.length)).split(
    '/',
  );
  return { slug: normalizeSlug(`${vcs}/${org}/${repo}`), rest };
}

/**
 * 404 `Project not found` for an unknown VCS or a project outside the `projects` option.
 * @param {Store} store
 * @param {string | undefined} slug short slug, undefined when it could not be parsed
 * @returns {import('./types.js').Reply | undefined}
 */
export function projectNotFound(store, slug) {
  const known = store.options.projects?.map((project) => normalizeSlug(project) ?? project);
  if (slug && (!known || known.includes(slug))) return undefined;
  return message(404, 'Project not found');
}

/**
 * @param {string} slug short slug
 * @returns {{providerName: string, repositoryUrl: string}}
 */
export function repositoryOf(slug) {
  const [vcs, org, repo] = slug.split('/');
  if (vcs === 'bb') {
    return { providerName: 'Bitbucket', repositoryUrl: `https://bitbucket.org/${org}/${repo}` };
  }
  // GitHub App projects (circleci/<org-id>/<project-id>) are GitHub repositories too.
  return { providerName: 'GitHub', repositoryUrl: `https://github.com/${org}/${repo}` };
}

/** @param {Store} store */
export function nextBuildNum(store) {
  return Math.max(99, ...store.builds.map((build) => build.build_num)) + 1;
}

/**
 * @param {Store} store
 * @param {string} slug short slug
 */
export function nextPipelineNumber(store, slug) {
  const numbers = store.pipelines.filter((p) => p.project_slug === slug).map((p) => p.number);
  return Math.max(0, ...numbers) + 1;
}

/**
 * @param {string[]} statuses
 * @param {boolean} shown whether step 0 was already shown (a trigger's answer shows it)
 * @returns {StepSim}
 */
export function stepSim(statuses, shown) {
  return { statuses, step: 0, shown };
}

/**
 * The status of this read: the first read shows step 0, every later one the next step.
 * @param {StepSim} sim
 * @returns {string}
 */
export function advance(sim) {
  if (sim.shown) sim.step = Math.min(sim.step + 1, sim.statuses.length - 1);
  sim.shown = true;
  return sim.statuses[sim.step] ?? 'not_run';
}
