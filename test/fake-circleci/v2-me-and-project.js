// @ts-check
// API v2 reads about the token's user and a project: `GET /me` (OpenAPI `User`: id, login, name)
// and `GET /project/{slug}` (OpenAPI `Project`). Both in the shapes of CircleCI's OpenAPI
// description (test/fixtures/circleci-openapi-v2.subset.json); the fake-circleci tests check it.
import { createHash } from 'node:crypto';
import { json } from './http-io.js';
import { ACTOR, isGitLab, parseV2ProjectPath, projectNotFound, repositoryOf } from './store.js';

/**
 * @typedef {import('./types.js').RequestContext} RequestContext
 * @typedef {import('./types.js').Reply} Reply
 */

/**
 * @param {RequestContext} ctx
 * @returns {Reply | undefined} undefined when the path is not one of these routes
 */
export function routeMeAndProject(ctx) {
  if (ctx.method !== 'GET') return undefined;
  if (ctx.rawPath === '/api/v2/me') {
    const { login } = ctx.store.options;
    return json(200, { id: ACTOR.id, login, name: login });
  }
  const project = parseV2ProjectPath(ctx.rawPath);
  if (!project || project.rest.length > 0) return undefined;
  const missing = projectNotFound(ctx.store, project.slug);
  if (missing || !project.slug) return missing;
  const answer = projectOf(project.slug, ctx.store.options.defaultBranch);
  if (isGitLab(ctx.store, project.slug)) {
    // doctor reads GitLab from `vcs_info.provider`; the OpenAPI enum lists only
    // Bitbucket, CircleCI and GitHub, so the value a GitLab project shows is unverified: here
    // `GitLab`, with the repository on gitlab.com.
    const [, org = '', repo = ''] = project.slug.split('/');
    answer.vcs_info = {
      ...answer.vcs_info,
      provider: 'GitLab',
      vcs_url: `https://gitlab.com/${org}/${repo}`,
    };
  }
  return json(200, answer);
}

/**
 * A project as `GET /project/{slug}` describes it. For `circleci/<org-id>/<project-id>` projects
 * the provider is the OpenAPI enum's `CircleCI` (which value real GitHub App projects show is
 * unverified; doctor reads none of these fields, only whether the project answers).
 * @param {string} slug short slug
 * @param {string} defaultBranch
 */
function projectOf(slug, defaultBranch) {
  const [vcs = '', org = '', repo = ''] = slug.split('/');
  const { providerName, repositoryUrl } = repositoryOf(slug);
  return {
    slug,
    name: repo,
    id: uuidOf(`project:${slug}`),
    organization_name: org,
    organization_slug: `${vcs}/${org}`,
    organization_id: uuidOf(`organization:${vcs}/${org}`),
    vcs_info: {
      vcs_url: repositoryUrl,
      provider: vcs === 'circleci' ? 'CircleCI' : providerName,
      default_branch: defaultBranch,
    },
  };
}

/**
 * A stable uuid-shaped id for a name, so the same project always answers the same id.
 * @param {string} name
 */
function uuidOf(name) {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
