// @ts-check
// v2 pipelines: their full API shape and how a triggered one progresses
// (setup-pending for a few reads, then created, or errored on undeclared parameters).
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_PROJECT,
  isGitLab,
  markCreated,
  nextPipelineNumber,
  normalizeSlug,
  nowIso,
  repositoryOf,
  ZERO_SHA,
} from './store.js';

/**
 * @typedef {import('./types.js').Pipeline} Pipeline
 * @typedef {import('./types.js').PipelineError} PipelineError
 * @typedef {import('./store.js').Store} Store
 * @typedef {{branch?: string, tag?: string}} GitRef exactly one of the two is set
 */

/**
 * A seed for addPipeline: any pipeline fields; `trigger` and `vcs` are merged over the defaults
 * (for `circleci/` projects `vcs` only gives the branch, tag and revision of the git context).
 * @typedef {Partial<Omit<Pipeline, 'trigger' | 'vcs'>> & {
 *   trigger?: Partial<Pipeline['trigger']>, vcs?: Partial<import('./types.js').PipelineVcs>
 * }} PipelineSeed
 */

/**
 * A pipeline as CircleCI shows it; `seed` overrides the defaults (a created webhook pipeline of
 * the default branch's head in `gh/acme/app`, by `deploy-bot`). What a trigger sent is never
 * shown: OAuth (`gh/`, `bb/`) pipelines have no `trigger_parameters`; pipeline-definition runs of
 * `circleci/` projects have only namespaced git context there and no `vcs` block
 * (ARCHITECTURE.md, "What CircleCI answers").
 * @param {Store} store
 * @param {PipelineSeed} seed
 * @returns {Pipeline}
 */
export function makePipeline(store, seed) {
  // Answers show `circleci/` projects with compact ids, whatever form the seed used.
  const project_slug = normalizeSlug(seed.project_slug ?? DEFAULT_PROJECT) ?? DEFAULT_PROJECT;
  const gitlab = isGitLab(store, project_slug);
  const { providerName, repositoryUrl } = repositoryOf(project_slug);
  const ref = seed.vcs?.tag
    ? { tag: seed.vcs.tag }
    : { branch: seed.vcs?.branch ?? store.options.defaultBranch };
  const time = seed.created_at ?? nowIso(store);
  const revision = seed.vcs?.revision ?? store.heads.get(ref.tag ?? ref.branch) ?? ZERO_SHA;
  const { vcs: _vcs, trigger: seedTrigger, ...fields } = seed;
  const trigger = {
    // A push to a GitLab project shows as `gitlab` (circleci-docs, triggers-overview).
    type: gitlab ? 'gitlab' : 'webhook',
    received_at: time,
    actor: { login: store.options.login, avatar_url: null },
    ...seedTrigger,
  };
  const base = { id: randomUUID(), number: nextPipelineNumber(store, project_slug) };
  const common = { created_at: time, updated_at: time, errors: [], state: 'created' };
  if (project_slug.startsWith('circleci/')) {
    return {
      ...base,
      ...common,
      trigger_parameters: gitContext(trigger.type, ref, revision, repositoryUrl, gitlab),
      ...fields,
      project_slug,
      trigger,
    };
  }
  return {
    ...base,
    ...common,
    ...fields,
    project_slug,
    trigger,
    vcs: {
      provider_name: providerName,
      origin_repository_url: repositoryUrl,
      target_repository_url: repositoryUrl,
      revision,
      ...ref,
    },
  };
}

/**
 * The namespaced `trigger_parameters` of a pipeline-definition run (captured answers; GitLab
 * ones carry a `gitlab` map and `circleci.trigger_type` `gitlab`, circleci-docs
 * pipeline-values).
 * @param {string} type
 * @param {GitRef} ref
 * @param {string} revision
 * @param {string} repositoryUrl
 * @param {boolean} gitlab
 */
function gitContext(type, ref, revision, repositoryUrl, gitlab) {
  const push = gitlab ? 'gitlab' : 'github_app';
  const url = gitlab
    ? repositoryUrl.replace('https://github.com/', 'https://gitlab.com/')
    : repositoryUrl;
  return {
    circleci: { event_type: type, trigger_type: type === 'api' ? 'api' : push },
    git: {
      ...ref,
      checkout_sha: revision,
      checkout_url: `${url}.git`,
      provider: gitlab ? 'gitlab' : 'github',
    },
    ...(gitlab ? { gitlab: { type: 'push' } } : {}),
    webhook: { body: '' },
  };
}

/**
 * The branch, tag and revision of a pipeline, each from `vcs`, else from the namespaced git
 * context.
 * @param {Pipeline} pipeline
 * @returns {{branch?: string, tag?: string, revision?: string}}
 */
export function gitOf(pipeline) {
  const git = /** @type {Record<string, string> | undefined} */ (pipeline.trigger_parameters?.git);
  const vcs = pipeline.vcs;
  return {
    branch: vcs?.branch ?? git?.branch,
    tag: vcs?.tag ?? git?.tag,
    revision: vcs?.revision ?? git?.checkout_sha,
  };
}

/**
 * Seeds an existing pipeline (e.g. the one running cci-conditional). It does not progress.
 * @param {Store} store
 * @param {PipelineSeed} seed
 */
export function addPipeline(store, seed) {
  const pipeline = makePipeline(store, seed);
  store.pipelines.push(pipeline);
  return pipeline;
}

/**
 * Creates a pipeline as an API trigger does. Its revision is the head of the branch or tag at
 * trigger time: v2 cannot pin a commit.
 * @param {Store} store
 * @param {{slug: string, ref: GitRef, parameters: Record<string, unknown>}} trigger
 */
export function triggerPipeline(store, { slug, ref, parameters }) {
  const { heads, options } = store;
  const sentSha = typeof parameters.target_sha === 'string' ? parameters.target_sha : ZERO_SHA;
  const revision = heads.get(ref.tag ?? ref.branch ?? '') ?? sentSha;
  const pipeline = makePipeline(store, {
    project_slug: slug,
    state: 'setup-pending',
    // `api` as captured; `explicit` by option (the OpenAPI enum's early name of API triggers).
    trigger: { type: options.apiTriggerType },
    vcs: { ...ref, revision },
  });
  markCreated(store, pipeline);
  const finalErrors = undeclaredParameterErrors(options.declaredParameters, parameters);
  store.pipelineSims.set(pipeline, {
    setupReadsLeft: options.pipelineSetupReads,
    finalState: finalErrors.length > 0 ? 'errored' : 'created',
    finalErrors,
    parameters,
    workflowDelayReadsLeft: options.workflowDelayReads,
    workflowsCreated: false,
  });
  store.pipelines.push(pipeline);
  return pipeline;
}

/**
 * CircleCI accepts undeclared parameters with 201 and fails the pipeline afterwards.
 * @param {string[] | undefined} declared
 * @param {Record<string, unknown>} parameters
 * @returns {PipelineError[]}
 */
function undeclaredParameterErrors(declared, parameters) {
  if (!declared) return [];
  const unexpected = Object.keys(parameters).filter((name) => !declared.includes(name));
  if (unexpected.length === 0) return [];
  return [{ type: 'config', message: `Unexpected argument(s): ${unexpected.join(', ')}` }];
}

/**
 * The pipeline as one GET shows it: setup-pending for `pipelineSetupReads` reads, then settled.
 * @param {Store} store
 * @param {Pipeline} pipeline
 */
export function readPipeline(store, pipeline) {
  const sim = store.pipelineSims.get(pipeline);
  if (sim && pipeline.state === 'setup-pending') {
    if (sim.setupReadsLeft > 0) sim.setupReadsLeft -= 1;
    else settlePipeline(store, pipeline);
  }
  return pipeline;
}

/**
 * Ends setup: the pipeline becomes `created`, or `errored` with its config errors.
 * @param {Store} store
 * @param {Pipeline} pipeline
 */
export function settlePipeline(store, pipeline) {
  const sim = store.pipelineSims.get(pipeline);
  if (!sim || pipeline.state !== 'setup-pending') return;
  pipeline.state = sim.finalState;
  pipeline.errors = sim.finalErrors;
  pipeline.updated_at = nowIso(store);
}

/**
 * The 201 answer of a trigger (OpenAPI `PipelineCreation`).
 * @param {Pipeline} pipeline
 */
export function creationAnswer({ id, state, number, created_at }) {
  return { id, state, number, created_at };
}
