// @ts-check
// API v2 pipeline routes: trigger (/pipeline and /pipeline/run), one pipeline, a project's list.
import { isPlainObject, json, message, pagedReply } from './http-io.js';
import { creationAnswer, gitOf, readPipeline, triggerPipeline } from './pipelines.js';
import { isGitLab, isListed, parseV2ProjectPath, projectNotFound } from './store.js';
import { parameterProblem, refOf, UUID } from './v2-validation.js';

/**
 * @typedef {import('./types.js').RequestContext} RequestContext
 * @typedef {import('./types.js').Reply} Reply
 */

/**
 * @param {RequestContext} ctx
 * @returns {Reply | undefined} undefined when the path is not one of these routes
 */
export function routePipelines(ctx) {
  const byId = /^\/api\/v2\/pipeline\/([^/]+)$/.exec(ctx.rawPath);
  if (byId && ctx.method === 'GET') return getPipeline(ctx, byId[1] ?? '');

  const project = parseV2ProjectPath(ctx.rawPath);
  const route = project?.rest.join('/');
  if (!project || !ROUTES.has(route ?? '')) return undefined;
  const missing = projectNotFound(ctx.store, project.slug);
  if (missing || !project.slug) return missing;

  if (route === 'pipeline' && ctx.method === 'POST') return trigger(ctx, project.slug);
  if (route === 'pipeline' && ctx.method === 'GET') return listPipelines(ctx, project.slug);
  if (route === 'pipeline/mine' && ctx.method === 'GET') return listMine(ctx, project.slug);
  if (route === 'pipeline/run' && ctx.method === 'POST') return run(ctx, project.slug);
  return undefined;
}

const ROUTES = new Set(['pipeline', 'pipeline/run', 'pipeline/mine']);

/**
 * POST /project/{slug}/pipeline, body `{branch}` or `{tag}` plus `parameters`.
 * @param {RequestContext} ctx
 * @param {string} slug
 */
function trigger(ctx, slug) {
  if (slug.startsWith('circleci/')) {
    return message(400, 'This endpoint is not available to GitHub App or GitLab projects.');
  }
  // The trap: without Content-Type: application/json CircleCI ignores the body entirely and
  // builds the default branch without parameters.
  if (isJsonRequest(ctx) && ctx.bodyIsInvalidJson) {
    return message(400, 'Unexpected request body provided.');
  }
  const fields = isJsonRequest(ctx) && isPlainObject(ctx.body) ? ctx.body : {};
  const ref = refOf(fields, ctx.store.options.defaultBranch);
  if (typeof ref === 'string') return message(400, ref);
  const problem = parameterProblem(fields.parameters);
  if (problem) return message(400, problem);

  const parameters = isPlainObject(fields.parameters) ? fields.parameters : {};
  return json(201, creationAnswer(triggerPipeline(ctx.store, { slug, ref, parameters })));
}

/**
 * POST /project/{provider}/{org}/{project}/pipeline/run (GitHub App projects; not GitLab), body
 * `{definition_id, config: {branch|tag}, checkout: {branch|tag}, parameters}`.
 * @param {RequestContext} ctx
 * @param {string} slug
 */
function run(ctx, slug) {
  // "Supports all integrations except GitLab" (OpenAPI text of pipeline/run); how CircleCI
  // refuses a GitLab project is unverified: here a 400 with a message.
  if (isGitLab(ctx.store, slug)) {
    return message(400, 'Triggering a pipeline is not supported for GitLab projects.');
  }
  const fields = isJsonRequest(ctx) && isPlainObject(ctx.body) ? ctx.body : {};
  const definitionId = fields.definition_id;
  if (typeof definitionId !== 'string' || !UUID.test(definitionId)) {
    return message(400, 'definition_id must be the id (a uuid) of a pipeline definition.');
  }
  const { defaultBranch } = ctx.store.options;
  const config = refOf(isPlainObject(fields.config) ? fields.config : {}, defaultBranch);
  if (typeof config === 'string') return message(400, `config: ${config}`);
  // The code checked out follows the config's ref unless `checkout` names another.
  const checkout = isPlainObject(fields.checkout) ? refOf(fields.checkout, defaultBranch) : config;
  if (typeof checkout === 'string') return message(400, `checkout: ${checkout}`);
  const problem = parameterProblem(fields.parameters);
  if (problem) return message(400, problem);

  // CircleCI's CLI treats only 201 as triggered: 200 {message} means nothing was started.
  if (ctx.store.options.ciSkip) {
    return json(200, { message: 'Ignoring pipeline due to CI skip in the commit' });
  }
  const parameters = isPlainObject(fields.parameters) ? fields.parameters : {};
  const pipeline = triggerPipeline(ctx.store, { slug, ref: checkout, parameters });
  return json(201, creationAnswer(pipeline));
}

/**
 * GET /pipeline/{id}: each read moves a triggered pipeline on (see readPipeline).
 * @param {RequestContext} ctx
 * @param {string} id
 */
function getPipeline(ctx, id) {
  const pipeline = ctx.store.pipelines.find((candidate) => candidate.id === id);
  if (!pipeline) return message(404, 'Pipeline not found');
  return json(200, readPipeline(ctx.store, pipeline));
}

/**
 * GET /project/{slug}/pipeline?branch=b: newest first, paged. There is no evidence that
 * `?branch=` matches pipelines without a `vcs` block (pipeline-definition runs): by default it
 * matches `vcs.branch` only (ARCHITECTURE.md, "What CircleCI answers").
 * @param {RequestContext} ctx
 * @param {string} slug
 */
function listPipelines(ctx, slug) {
  const branch = ctx.query.branch || undefined;
  const { branchListsPipelinesWithoutVcs } = ctx.store.options;
  const branchOf = (/** @type {import('./types.js').Pipeline} */ pipeline) =>
    branchListsPipelinesWithoutVcs ? gitOf(pipeline).branch : pipeline.vcs?.branch;
  const pipelines = listedOf(ctx, slug).filter(
    (pipeline) => branch === undefined || branchOf(pipeline) === branch,
  );
  return pagedReply(pipelines, ctx.query['page-token'], ctx.store.options.pageSize);
}

/**
 * GET /project/{slug}/pipeline/mine: "all pipelines for this project triggered by the user"
 * (OpenAPI `listMyPipelines`), newest first, paged; no branch filter.
 * @param {RequestContext} ctx
 * @param {string} slug
 */
function listMine(ctx, slug) {
  const { login } = ctx.store.options;
  const mine = listedOf(ctx, slug).filter((pipeline) => pipeline.trigger.actor?.login === login);
  return pagedReply(mine, ctx.query['page-token'], ctx.store.options.pageSize);
}

/**
 * The project's pipelines that are listed by now, newest first.
 * @param {RequestContext} ctx
 * @param {string} slug
 */
function listedOf(ctx, slug) {
  return ctx.store.pipelines
    .filter((pipeline) => pipeline.project_slug === slug && isListed(ctx.store, pipeline))
    .sort((a, b) => b.number - a.number);
}

/** @param {RequestContext} ctx */
function isJsonRequest(ctx) {
  return String(ctx.headers['content-type'] ?? '').includes('application/json');
}
