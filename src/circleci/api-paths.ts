/**
 * Paths of the CircleCI API endpoints the tool uses. Every name that goes into a path is
 * URL-encoded on its own, so a branch `feature/x` becomes `feature%2Fx`.
 */
import { UsageError } from '../base/errors.js';

/** A project as CircleCI names it: vcs `github`/`bitbucket` for v1.1, slug prefix for v2. */
export interface Project {
  /** `gh`, `bb` or `circleci` (GitHub App and GitLab projects) */
  provider: 'gh' | 'bb' | 'circleci';
  org: string;
  repo: string;
}

/**
 * One name as one part of a path. `.` and `..` stay as they are when encoded, and would lead to
 * another path: refused here too, whatever let them through.
 */
function e(name: string): string {
  if (name === '.' || name === '..') {
    throw new UsageError(`${JSON.stringify(name)} cannot be part of an API path`);
  }
  return encodeURIComponent(name);
}

export function slugOf(project: Project): string {
  return `${project.provider}/${project.org}/${project.repo}`;
}

function v1Base(project: Project): string {
  const vcs = project.provider === 'bb' ? 'bitbucket' : 'github';
  return `/api/v1.1/project/${vcs}/${e(project.org)}/${e(project.repo)}`;
}

function v2Project(project: Project): string {
  return `/api/v2/project/${project.provider}/${e(project.org)}/${e(project.repo)}`;
}

export const apiPaths = {
  v1Me: '/api/v1.1/me',
  v2Me: '/api/v2/me',
  v1BranchTrigger: (project: Project, branch: string) => `${v1Base(project)}/tree/${e(branch)}`,
  v1TagTrigger: (project: Project) => v1Base(project),
  /** not shallow: shallow summaries may carry no `user`, `usage_queued_at` nor `vcs_tag` */
  v1BranchBuilds: (project: Project, branch: string, limit: number, offset = 0) =>
    `${v1Base(project)}/tree/${e(branch)}?limit=${limit}${offset > 0 ? `&offset=${offset}` : ''}`,
  v1ProjectBuilds: (project: Project, limit: number, offset = 0) =>
    `${v1Base(project)}?limit=${limit}${offset > 0 ? `&offset=${offset}` : ''}`,
  v1Build: (project: Project, buildNum: number | string) =>
    `${v1Base(project)}/${e(String(buildNum))}`,
  v2Trigger: (project: Project) => `${v2Project(project)}/pipeline`,
  v2Run: (project: Project) => `${v2Project(project)}/pipeline/run`,
  /** the project itself: visible to the token or not (doctor) */
  v2Project: (project: Project) => v2Project(project),
  v2ProjectPipelines: (project: Project, branch: string | undefined, pageToken?: string) => {
    const query = new URLSearchParams();
    if (branch !== undefined) query.set('branch', branch);
    if (pageToken !== undefined) query.set('page-token', pageToken);
    const text = query.toString();
    return `${v2Project(project)}/pipeline${text ? `?${text}` : ''}`;
  },
  /** the token user's pipelines of the project, whatever their branch or `vcs` */
  v2MyPipelines: (project: Project, pageToken?: string) =>
    `${v2Project(project)}/pipeline/mine${pageToken === undefined ? '' : `?page-token=${e(pageToken)}`}`,
  v2Job: (project: Project, jobNumber: number | string) =>
    `${v2Project(project)}/job/${e(String(jobNumber))}`,
  v2Pipeline: (id: string) => `/api/v2/pipeline/${e(id)}`,
  v2PipelineWorkflows: (id: string, pageToken?: string) =>
    `/api/v2/pipeline/${e(id)}/workflow${pageToken ? `?page-token=${e(pageToken)}` : ''}`,
  v2WorkflowJobs: (id: string, pageToken?: string) =>
    `/api/v2/workflow/${e(id)}/job${pageToken ? `?page-token=${e(pageToken)}` : ''}`,
  v2Approve: (workflowId: string, approvalRequestId: string) =>
    `/api/v2/workflow/${e(workflowId)}/approve/${e(approvalRequestId)}`,
};
