// @ts-check
// v2 pipelines: their full API shape and how a triggered one progresses
// (setup-pending for a few reads, then created, or errored on undeclared parameters).
import { randomUUID } from 'node:crypto';
import { now } from './http-io.js';
import { DEFAULT_PROJECT, nextPipelineNumber, repositoryOf, ZERO_SHA } from './store.js';

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
 * (circleci-notes.md, "What CircleCI answers").
 * @param {Store} store
 * @param {PipelineSeed} seed
 * @returns {Pipeline}
 */
export function makePipeline(store, seed) {
  const project_slug = seed.project_slug ?? DEFAULT_PROJECT;
  const { providerName, repositoryUrl } = repositoryOf(project_slug);
  const ref = seed.vcs?.tag
    ? { tag: seed.vcs.tag }
    : { branch: seed.vcs?.branch ?? store.options.defaultBranch };
  const time = seed.created_at ?? now();
  const revision = seed.vcs?.revision ?? store.heads.get(ref.tag ?? ref.branch) ?? ZERO_SHA;
  const { vcs: _vcs, trigger: seedTrigger, ...fields } = seed;
  const trigger = {
    type: 'webhook',
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
      trigger_parameters: gitContext(trigger.type, ref, revision, repositoryUrl),
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
 * The namespaced `trigger_parameters` of a pipeline-definition run (captured answers).
 * @param {string} type
 * @param {GitRef} ref
 * @param {string} revision
 * @param {string} repositoryUrl
 */
function gitContext(type, ref, revision, repositoryUrl) {
  return {
    circleci: { event_type: type, trigger_type: type === 'api' ? 'api' : 'github_app' },
    git: {
      ...ref,
      checkout_sha: revision,
      checkout_url: `${repositoryUrl}.git`,
      provider: 'github',
    },
    webhook: { body: '' },
  };
}

/**
 * The branch, tag and revision of a pipeline, from `vcs` or the namespaced git context.
 * @param {Pipeline} pipeline
 * @returns {{branch?: string, tag?: string, revision?: string}}
 */
export function gitOf(pipeline) {
  if (pipeline.vcs) return pipeline.vcs;
  const git = /** @type {Record<string, string> | undefined} */ (pipeline.trigger_parameters?.git);
  return { branch: git?.branch, tag: git?.tag, revision: git?.checkout_sha };
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
    trigger: { type: 'api' },
    vcs: { ...ref, revision },
  });
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
  pipeline.updated_at = now();
}

/**
 * The 201 answer of a trigger (OpenAPI `PipelineCreation`).
 * @param {Pipeline} pipeline
 */
export function creationAnswer({ id, state, number, created_at }) {
  return { id, state, number, created_at };
}
