/**
 * Reads a CircleCI job's environment into a typed context. A pure function of an env object.
 * Variables: https://circleci.com/docs/reference/variables/
 */

import { UsageError } from '../base/errors.js';

/** What is being built: a branch, or a tag (tag builds have an empty CIRCLE_BRANCH). */
export type GitRef = { kind: 'branch'; name: string } | { kind: 'tag'; name: string };

export type Vcs = 'github' | 'bitbucket';

export interface BuildContext {
  /** the branch or tag of this build; undefined when neither is set */
  ref: GitRef | undefined;
  /** CIRCLE_SHA1: the commit being built */
  sha: string | undefined;
  /** CIRCLE_PROJECT_USERNAME */
  org: string | undefined;
  /** CIRCLE_PROJECT_REPONAME */
  repo: string | undefined;
  /** from the host of CIRCLE_REPOSITORY_URL: bitbucket.org → bitbucket, anything else → github */
  vcs: Vcs;
  /** CIRCLE_REPOSITORY_URL was set (GitHub OAuth and Bitbucket Cloud projects only) */
  hasRepositoryUrl: boolean;
  /** CIRCLE_REPOSITORY_URL names a GitLab host (gitlab.com, gitlab.<domain>) */
  gitlabRepository: boolean;
  /** CIRCLE_ORGANIZATION_ID and CIRCLE_PROJECT_ID: the circleci/<org>/<project> slug of GitHub App and GitLab projects */
  organizationId: string | undefined;
  projectId: string | undefined;
  /** CIRCLE_NODE_INDEX and CIRCLE_NODE_TOTAL as written; the node guard validates them */
  nodeIndex: string | undefined;
  nodeTotal: string | undefined;
  /** CIRCLE_PR_NUMBER or CIRCLE_PR_REPONAME is set: a forked pull request */
  forkedPullRequest: boolean;
  /** CIRCLE_BUILD_URL, CIRCLE_BUILD_NUM, CIRCLE_JOB, CIRCLE_WORKFLOW_ID, CIRCLE_PIPELINE_ID */
  buildUrl: string | undefined;
  buildNum: string | undefined;
  job: string | undefined;
  workflowId: string | undefined;
  pipelineId: string | undefined;
}

export type Env = Readonly<Record<string, string | undefined>>;

export function readContext(env: Env): BuildContext {
  // CircleCI sets some variables to an empty string rather than leaving them unset.
  const get = (name: string) => (env[name] === '' ? undefined : env[name]);
  // The names go into API paths, where `.` and `..` would lead to another path.
  const name = (variable: string) => {
    const value = get(variable);
    if (value === '.' || value === '..') {
      throw new UsageError(
        `${variable}=${JSON.stringify(value)} is not a project name: "." and ".." would send requests to another path of the API`,
      );
    }
    return value;
  };
  const tag = get('CIRCLE_TAG');
  const branch = get('CIRCLE_BRANCH');
  const repositoryUrl = get('CIRCLE_REPOSITORY_URL');
  return {
    ref: tag ? { kind: 'tag', name: tag } : branch ? { kind: 'branch', name: branch } : undefined,
    sha: get('CIRCLE_SHA1'),
    org: name('CIRCLE_PROJECT_USERNAME'),
    repo: name('CIRCLE_PROJECT_REPONAME'),
    vcs: vcsOf(repositoryUrl),
    hasRepositoryUrl: repositoryUrl !== undefined,
    gitlabRepository: isGitLabHost(hostOf(repositoryUrl)),
    organizationId: name('CIRCLE_ORGANIZATION_ID'),
    projectId: name('CIRCLE_PROJECT_ID'),
    nodeIndex: get('CIRCLE_NODE_INDEX'),
    nodeTotal: get('CIRCLE_NODE_TOTAL'),
    forkedPullRequest: Boolean(get('CIRCLE_PR_NUMBER') || get('CIRCLE_PR_REPONAME')),
    buildUrl: get('CIRCLE_BUILD_URL'),
    buildNum: get('CIRCLE_BUILD_NUM'),
    job: get('CIRCLE_JOB'),
    workflowId: get('CIRCLE_WORKFLOW_ID'),
    pipelineId: get('CIRCLE_PIPELINE_ID'),
  };
}

/** `git@bitbucket.org:org/repo.git` and `https://bitbucket.org/org/repo` both name Bitbucket. */
function vcsOf(repositoryUrl: string | undefined): Vcs {
  return hostOf(repositoryUrl) === 'bitbucket.org' ? 'bitbucket' : 'github';
}

/** The host of a repository URL (`https://` or `git@host:` form), lower-case. */
export function hostOf(url: string | undefined): string | undefined {
  return /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/]*@)?([^:/]+)/i.exec(url ?? '')?.[1]?.toLowerCase();
}

/** gitlab.com, or a self-managed GitLab named so (`gitlab.example.com`). */
export function isGitLabHost(host: string | undefined): boolean {
  return host !== undefined && (host === 'gitlab.com' || /(?:^|\.)gitlab\./.test(host));
}
