// @ts-check
// v1.1 builds: their summary shape and how their lifecycle advances.
import { markCreated, nextBuildNum, nowIso, repositoryOf, stepSim, ZERO_SHA } from './store.js';

/**
 * @typedef {import('./types.js').Build} Build
 * @typedef {import('./store.js').Store} Store
 */

/**
 * A seed for addBuild: any build fields, plus `statuses` to make it advance one step per read.
 * @typedef {Partial<Build> & {statuses?: string[]}} BuildSeed
 */

/**
 * v1.1 reports a build with three fields; one status step sets all of them.
 * @type {Record<string, {lifecycle: string, outcome: string | null}>}
 */
const BUILD_STEPS = {
  queued: { lifecycle: 'queued', outcome: null },
  not_running: { lifecycle: 'not_running', outcome: null },
  scheduled: { lifecycle: 'scheduled', outcome: null },
  running: { lifecycle: 'running', outcome: null },
  not_run: { lifecycle: 'not_run', outcome: null },
  success: { lifecycle: 'finished', outcome: 'success' },
  fixed: { lifecycle: 'finished', outcome: 'success' },
  failed: { lifecycle: 'finished', outcome: 'failed' },
  canceled: { lifecycle: 'finished', outcome: 'canceled' },
  timedout: { lifecycle: 'finished', outcome: 'timedout' },
  infrastructure_fail: { lifecycle: 'finished', outcome: 'infrastructure_fail' },
};

/** @type {(build: Build) => string[]} */
export const defaultBuildStatuses = () => ['queued', 'running', 'success'];

/**
 * A build summary with every field v1.1 clients read; `fields` override the defaults.
 * @param {Store} store
 * @param {Partial<Build>} fields
 * @returns {Build}
 */
export function makeBuild(store, fields) {
  const build_num = fields.build_num ?? nextBuildNum(store);
  const vcs_type = fields.vcs_type ?? 'github';
  const username = fields.username ?? 'acme';
  const reponame = fields.reponame ?? 'app';
  const short = vcs_type === 'bitbucket' ? 'bb' : 'gh';
  const build_parameters = fields.build_parameters ?? {};
  const time = nowIso(store);
  return {
    build_num,
    build_url: `${store.baseUrl}/${short}/${username}/${reponame}/${build_num}`,
    vcs_type,
    username,
    reponame,
    vcs_url: repositoryOf(`${short}/${username}/${reponame}`).repositoryUrl,
    vcs_revision: ZERO_SHA,
    branch: null,
    vcs_tag: null,
    lifecycle: 'queued',
    status: 'queued',
    outcome: null,
    why: 'api',
    user: { login: store.options.login, is_user: true },
    job_name: build_parameters.CIRCLE_JOB ?? null,
    build_parameters,
    subject: 'Fake commit subject',
    body: '',
    committer_name: 'Fake Committer',
    committer_date: time,
    author_name: 'Fake Committer',
    author_date: time,
    queued_at: time,
    usage_queued_at: time,
    start_time: null,
    stop_time: null,
    ...fields,
  };
}

/**
 * Creates a build through the API: it starts on the first of the `buildStatuses` steps.
 * @param {Store} store
 * @param {Partial<Build>} fields
 * @returns {Build}
 */
export function triggerBuild(store, fields) {
  const build = makeBuild(store, fields);
  startSimulation(store, build, store.options.buildStatuses(build));
  markCreated(store, build);
  store.builds.push(build);
  return build;
}

/**
 * Seeds an existing build; with `statuses` it advances one step per read like a triggered one.
 * @param {Store} store
 * @param {BuildSeed} seed
 * @returns {Build}
 */
export function addBuild(store, seed) {
  const { statuses, ...fields } = seed;
  const build = makeBuild(store, fields);
  if (statuses) startSimulation(store, build, statuses);
  store.builds.push(build);
  return build;
}

/**
 * The build as one GET shows it: one step further than the previous read.
 * @param {Store} store
 * @param {Build} build
 */
export function readBuild(store, build) {
  const sim = store.buildSims.get(build);
  if (sim) {
    sim.step = Math.min(sim.step + 1, sim.statuses.length - 1);
    applyStep(store, build, sim.statuses[sim.step] ?? build.status);
  }
  return build;
}

/**
 * @param {Store} store
 * @param {Build} build
 * @param {string[]} statuses
 */
function startSimulation(store, build, statuses) {
  const sim = stepSim(statuses.length > 0 ? statuses : ['queued'], true);
  store.buildSims.set(build, sim);
  applyStep(store, build, sim.statuses[0] ?? 'queued');
}

/**
 * @param {Store} store
 * @param {Build} build
 * @param {string} status
 */
function applyStep(store, build, status) {
  const { lifecycle, outcome } = BUILD_STEPS[status] ?? { lifecycle: 'finished', outcome: status };
  build.lifecycle = lifecycle;
  build.status = status;
  build.outcome = outcome;
  if (lifecycle === 'running' || lifecycle === 'finished') build.start_time ??= nowIso(store);
  if (lifecycle === 'finished') build.stop_time ??= nowIso(store);
}
