// @ts-check
// API v1.1 routes: the legacy job trigger (branch or tag), recent builds, one build.
import { readBuild, triggerBuild } from './builds.js';
import { toEdn } from './edn.js';
import { isPlainObject, json, message, safeDecode } from './http-io.js';
import { isListed, normalizeSlug, projectNotFound, ZERO_SHA } from './store.js';

/**
 * @typedef {import('./types.js').RequestContext} RequestContext
 * @typedef {import('./types.js').Reply} Reply
 * @typedef {import('./types.js').Build} Build
 * @typedef {{vcs: string, org: string, repo: string}} Project
 */

const PREFIX = '/api/v1.1/project/';

/**
 * @param {RequestContext} ctx
 * @returns {Reply | undefined} undefined when the path is not a v1.1 route
 */
export function routeV1(ctx) {
  if (ctx.rawPath === '/api/v1.1/me' && ctx.method === 'GET') {
    const { login } = ctx.store.options;
    return json(200, { login, name: login, basic_email_prefs: 'smart' });
  }
  if (!ctx.rawPath.startsWith(PREFIX)) return undefined;
  // Decode segment by segment: a branch sent as `feature%2Fx` stays one segment.
  const [vcs = '', org = '', repo = '', ...rest] = ctx.rawPath
    .slice(PREFIX.length)
    .split('/')
    .map(safeDecode);
  const reply = routeProject(ctx, { vcs, org, repo }, rest);
  if (!reply) return undefined;
  return acceptsJson(ctx) ? reply : asEdn(reply);
}

/**
 * @param {RequestContext} ctx
 * @param {Project} project
 * @param {string[]} rest path segments after `{vcs}/{org}/{repo}`
 * @returns {Reply | undefined}
 */
function routeProject(ctx, project, rest) {
  const isV1Vcs = project.vcs === 'github' || project.vcs === 'bitbucket';
  const slug = isV1Vcs ? normalizeSlug(`${project.vcs}/${project.org}/${project.repo}`) : undefined;
  const missing = projectNotFound(ctx.store, slug);
  if (missing) return missing;

  const [first, ...branchParts] = rest;
  const isTrigger = ctx.method === 'POST' && (first === undefined || first === 'tree');
  if (isTrigger && ctx.store.options.v11TriggersGone) {
    return message(410, 'This endpoint has been removed. Use the v2 pipeline API.');
  }
  if (isTrigger) return sunset(routeTrigger(ctx, project, first, branchParts));
  if (first === undefined) {
    if (ctx.method === 'GET') return listBuilds(ctx, project, undefined);
  } else if (first === 'tree' && branchParts.length > 0) {
    if (ctx.method === 'GET') return listBuilds(ctx, project, branchParts.join('/'));
  } else if (/^\d+$/.test(first) && rest.length === 1 && ctx.method === 'GET') {
    return getBuild(ctx, project, Number(first));
  }
  return undefined;
}

/**
 * @param {RequestContext} ctx
 * @param {Project} project
 * @param {string | undefined} first
 * @param {string[]} branchParts
 * @returns {Reply | undefined}
 */
function routeTrigger(ctx, project, first, branchParts) {
  if (first === undefined) return triggerWithoutBranch(ctx, project);
  if (branchParts.length > 0) return triggerOnBranch(ctx, project, branchParts.join('/'));
  return undefined;
}

/** When CircleCI removes the v1.1 trigger endpoints (cloud and server). */
export const V11_SUNSET = 'Mon, 01 Feb 2027 00:00:00 GMT';

/**
 * Until 2027-02-01 the v1.1 triggers answer with `Deprecation` and `Sunset` headers (afterwards
 * 410, see routeProject).
 * @param {Reply | undefined} reply
 * @returns {Reply | undefined}
 */
function sunset(reply) {
  if (!reply) return reply;
  return { ...reply, headers: { ...reply.headers, deprecation: 'true', sunset: V11_SUNSET } };
}

/**
 * POST /project/{vcs}/{org}/{repo}/tree/{branch}: a build of that branch at `revision`
 * (v1.1 can pin a commit, unlike v2).
 * @param {RequestContext} ctx
 * @param {Project} project
 * @param {string} branch
 */
function triggerOnBranch(ctx, project, branch) {
  const body = triggerBody(ctx);
  if (!body) return message(400, 'Request body is not valid JSON.');
  const head = ctx.store.heads.get(branch) ?? ZERO_SHA;
  const vcs_revision = typeof body.revision === 'string' ? body.revision : head;
  return created(ctx, project, { branch, vcs_revision, build_parameters: parametersOf(body) });
}

/**
 * POST /project/{vcs}/{org}/{repo}: a tag build with `tag`, else a build of the default branch.
 * @param {RequestContext} ctx
 * @param {Project} project
 */
function triggerWithoutBranch(ctx, project) {
  const body = triggerBody(ctx);
  if (!body) return message(400, 'Request body is not valid JSON.');
  if (body.tag !== undefined && body.revision !== undefined) {
    return message(400, 'Cannot specify both tag and revision');
  }
  const build_parameters = parametersOf(body);
  const { heads, options } = ctx.store;
  if (typeof body.tag === 'string') {
    const vcs_revision = heads.get(body.tag) ?? ZERO_SHA;
    return created(ctx, project, { vcs_tag: body.tag, vcs_revision, build_parameters });
  }
  const branch = options.defaultBranch;
  const head = heads.get(branch) ?? ZERO_SHA;
  const vcs_revision = typeof body.revision === 'string' ? body.revision : head;
  return created(ctx, project, { branch, vcs_revision, build_parameters });
}

/**
 * @param {RequestContext} ctx
 * @param {Project} project
 * @param {Partial<Build>} fields
 * @returns {Reply}
 */
function created(ctx, project, fields) {
  const identity = { vcs_type: project.vcs, username: project.org, reponame: project.repo };
  // A project token "shows as 'Unregistered User'" (ARCHITECTURE.md, "What CircleCI answers"): no login to compare.
  const user = ctx.projectToken ? { user: { name: 'Unregistered User', is_user: false } } : {};
  const build = triggerBuild(ctx.store, { ...identity, ...user, ...fields });
  return json(ctx.store.options.v11Status, build);
}

/**
 * GET .../tree/{branch} or the project: newest first, `limit` (default 30, at most 100), `offset`.
 * Lists may show branch names URL-encoded (`release%2F1.0`; `v11ListsEncodeBranches`).
 * @param {RequestContext} ctx
 * @param {Project} project
 * @param {string | undefined} branch
 */
function listBuilds(ctx, project, branch) {
  const limit = Math.min(Math.max(integerQuery(ctx.query.limit, 30), 1), 100);
  const offset = Math.max(integerQuery(ctx.query.offset, 0), 0);
  const shallow = ctx.query.shallow === 'true';
  const encode = ctx.store.options.v11ListsEncodeBranches;
  const builds = buildsOf(ctx, project)
    .filter((build) => branch === undefined || build.branch === branch)
    .filter((build) => isListed(ctx.store, build))
    .sort((a, b) => b.build_num - a.build_num)
    .slice(offset, offset + limit)
    .map((build) => summaryOf(build, shallow, ctx.store.options.v11ListsLeaveOut))
    .map((build) =>
      encode && build.branch ? { ...build, branch: encodeURIComponent(build.branch) } : build,
    );
  return json(200, builds);
}

/**
 * GET /project/{vcs}/{org}/{repo}/{build_num}: each read advances the build one step.
 * @param {RequestContext} ctx
 * @param {Project} project
 * @param {number} buildNum
 */
function getBuild(ctx, project, buildNum) {
  const build = buildsOf(ctx, project).find((candidate) => candidate.build_num === buildNum);
  if (!build) return message(404, 'Build not found');
  return json(200, readBuild(ctx.store, build));
}

/**
 * @param {RequestContext} ctx
 * @param {Project} project
 */
function buildsOf(ctx, project) {
  return ctx.store.builds.filter(
    (build) =>
      build.vcs_type === project.vcs &&
      build.username === project.org &&
      build.reponame === project.repo,
  );
}

/**
 * @param {RequestContext} ctx
 * @returns {Record<string, unknown> | undefined} undefined when the body is not JSON
 */
function triggerBody(ctx) {
  if (ctx.bodyIsInvalidJson) return undefined;
  return isPlainObject(ctx.body) ? ctx.body : {};
}

/** @param {Record<string, unknown>} body */
function parametersOf(body) {
  return isPlainObject(body.build_parameters) ? body.build_parameters : {};
}

/**
 * A build as a list shows it: list summaries carry no `build_parameters` and no `steps`; a
 * shallow one also leaves out `job_name`, `previous` and `retry_of` (captured listings), and
 * the documented shallow sample has no `user`, `usage_queued_at` nor `vcs_tag`
 * (ARCHITECTURE.md, "What CircleCI answers").
 * @param {Build} build
 * @param {boolean} shallow
 * @param {string[]} leaveOut fields left out of every summary (`v11ListsLeaveOut`)
 * @returns {Partial<Build>}
 */
function summaryOf(build, shallow, leaveOut) {
  const { steps: _steps, build_parameters: _parameters, ...all } = build;
  const summary = Object.fromEntries(
    Object.entries(all).filter(([key]) => !leaveOut.includes(key)),
  );
  if (!shallow) return summary;
  const {
    job_name: _job,
    previous: _previous,
    retry_of: _retry,
    user: _user,
    usage_queued_at: _queued,
    vcs_tag: _tag,
    ...lean
  } = summary;
  return lean;
}

/**
 * @param {string | undefined} text
 * @param {number} fallback
 */
function integerQuery(text, fallback) {
  const value = Number.parseInt(text ?? '', 10);
  return Number.isNaN(value) ? fallback : value;
}

/** @param {RequestContext} ctx */
function acceptsJson(ctx) {
  return String(ctx.headers.accept ?? '').includes('application/json');
}

/**
 * @param {Reply} reply
 * @returns {Reply}
 */
function asEdn(reply) {
  return { ...reply, text: toEdn(reply.body), contentType: 'application/edn' };
}
