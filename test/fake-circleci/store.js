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

/**
 * The fake CircleCI's clock, in ms: the test's clock (`clock`, by default the real one) plus
 * `clockOffsetMs`, CircleCI's clock being ahead of (or, negative, behind) the runner's. Every
 * time an answer shows (`created_at`, `usage_queued_at`, the `Date` header) comes from it.
 * @param {Store} store
 * @returns {number}
 */
export function nowMs(store) {
  return store.frozenAt ?? store.options.clock() + store.options.clockOffsetMs;
}

/** @param {Store} store */
export function nowIso(store) {
  return new Date(nowMs(store)).toISOString();
}

/**
 * A new pipeline or build is listed only `listDelayMs` after it was created: nothing shows how
 * fast CircleCI lists one ("the pipeline isn't fully created when the response is sent",
 * ARCHITECTURE.md, "What CircleCI answers"). Seeded ones are listed at once.
 * @param {Store} store
 * @param {object} entity
 */
export function markCreated(store, entity) {
  store.listedFrom.set(entity, nowMs(store) + store.options.listDelayMs);
}

/**
 * @param {Store} store
 * @param {object} entity
 */
export function isListed(store, entity) {
  return (store.listedFrom.get(entity) ?? Number.NEGATIVE_INFINITY) <= nowMs(store);
}

/**
 * Runs what CircleCI does later than the request that asked for it (a fault's `deferMs`): each
 * at its own time, as if the fake's clock stood there.
 * @param {Store} store
 */
export function runDue(store) {
  const due = store.deferred.filter((task) => task.dueAt <= nowMs(store));
  store.deferred = store.deferred.filter((task) => !due.includes(task));
  for (const task of due.sort((a, b) => a.dueAt - b.dueAt)) {
    store.frozenAt = task.dueAt;
    try {
      task.run();
    } finally {
      store.frozenAt = undefined;
    }
  }
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The compact form of an id, as CircleCI shows `circleci/` projects in its answers
 * (`circleci/43G3kM5RtfFE7v5sa4nWAU/44n9pujWcTnVZ2b5S8Fnat`, "a project slug must be treated as
 * an opaque string"), while jobs see UUIDs and "the API accepts UUIDs in place of the compact
 * IDs" (ARCHITECTURE.md, "What CircleCI answers"). Here: the UUID's 16 bytes in base58;
 * an id that is not a UUID is taken as compact already.
 * @param {string} id
 */
export function compactId(id) {
  if (!UUID.test(id)) return id;
  let n = BigInt(`0x${id.replaceAll('-', '')}`);
  let text = '';
  while (n > 0n) {
    text = BASE58[Number(n % 58n)] + text;
    n /= 58n;
  }
  return text || '1';
}

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
    /** @type {WeakMap<import('./types.js').WorkflowJob, StepSim>} */
    workflowJobSims: new WeakMap(),
    /** @type {WeakMap<JobDetails, StepSim[]>} */
    jobRunSims: new WeakMap(),
    /** @type {WeakMap<object, number>} when (fake clock, ms) a triggered pipeline or build is first listed */
    listedFrom: new WeakMap(),
    /** @type {Array<{dueAt: number, run: () => void}>} what CircleCI does later (a fault's `deferMs`) */
    deferred: [],
    /** @type {number | undefined} the time a deferred task runs at */
    frozenAt: undefined,
  };
}

/** @typedef {ReturnType<typeof createStore>} Store */

/**
 * The slug as answers show it (`gh/org/repo`; `circleci/` ones with compact ids) from a slug in
 * any accepted form (`github/org/repo`, `circleci/<org-uuid>/<project-uuid>`, ...).
 * @param {string} slug
 * @returns {string | undefined} undefined when the VCS part is unknown or a part is missing
 */
export function normalizeSlug(slug) {
  const [vcs = '', org, repo, ...extra] = slug.split('/');
  const short = SHORT_VCS[vcs];
  if (!short || !org || !repo || extra.length > 0) return undefined;
  if (short === 'circleci') return `circleci/${compactId(org)}/${compactId(repo)}`;
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
  // A classic (OAuth) project "must be addressed by its own `<vcs>/<org>/<repo>` slug: the API
  // answers 404 for the ID form" (ARCHITECTURE.md, "What CircleCI answers").
  const classicIds = store.options.classicProjectIds.map((ids) => normalizeSlug(ids) ?? ids);
  if (slug && classicIds.includes(slug)) return message(404, 'Project not found');
  if (slug && (!known || known.includes(slug))) return undefined;
  return message(404, 'Project not found');
}

/**
 * GitLab projects (the `gitlabProjects` option): `circleci/` slugs whose repository is on GitLab.
 * @param {Store} store
 * @param {string} slug as normalizeSlug gives it
 */
export function isGitLab(store, slug) {
  return store.options.gitlabProjects.some((project) => normalizeSlug(project) === slug);
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
  const short = normalizeSlug(slug) ?? slug;
  const numbers = store.pipelines.filter((p) => p.project_slug === short).map((p) => p.number);
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
