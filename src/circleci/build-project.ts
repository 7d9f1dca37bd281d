/** This build's project as the API addresses it, and how two slugs written by people compare. */
import type { BuildContext } from '../core/read-context.js';
import type { Project } from './api-paths.js';

/**
 * The project of the running build, for reads about this build (its job, its pipeline). GitHub
 * App and GitLab projects have no CIRCLE_REPOSITORY_URL: they are addressed by ids.
 */
export function projectOfBuild(context: BuildContext): Project | undefined {
  const { org, repo, organizationId, projectId } = context;
  const names = org !== undefined && repo !== undefined;
  if (names && context.hasRepositoryUrl) {
    return { provider: context.vcs === 'bitbucket' ? 'bb' : 'gh', org, repo };
  }
  if (organizationId !== undefined && projectId !== undefined) {
    return { provider: 'circleci', org: organizationId, repo: projectId };
  }
  return names ? { provider: 'gh', org, repo } : undefined;
}

/** Slugs compare without case (GitHub names do) and with the long VCS forms shortened. */
export function sameSlug(a: string, b: string): boolean {
  const short = (slug: string) =>
    slug
      .toLowerCase()
      .replace(/^github\//, 'gh/')
      .replace(/^bitbucket\//, 'bb/');
  return short(a) === short(b);
}
