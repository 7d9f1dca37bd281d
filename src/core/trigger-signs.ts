/**
 * How an earlier trigger is recognised, from what CircleCI really returns (contract Amendment 1):
 * CircleCI never gives back the parameters a trigger sent, so a pipeline or build is known by
 * who started it, how, where, on which commit, when and (read separately) which jobs it runs.
 */
import type { GitRef } from './read-context.js';

/** A pipeline as GET /project/{slug}/pipeline and GET /pipeline/{id} show it. */
export interface PipelineSummary {
  id: string;
  number: number;
  state?: string;
  created_at?: string;
  project_slug?: string;
  trigger?: { type?: string; actor?: { login?: string } | null } | null;
  /** namespaced git context (`git.branch`, `.tag`, `.checkout_sha`) of `circleci/` projects */
  trigger_parameters?: { git?: { branch?: string; tag?: string; checkout_sha?: string } } | null;
  /** absent on pipeline-definition runs of `circleci/` projects */
  vcs?: { revision?: string; branch?: string; tag?: string } | null;
}

/** A v1.1 build summary (shallow lists have no `build_parameters` nor `job_name`). */
export interface BuildSummary {
  build_num: number;
  build_url: string;
  branch?: string | null;
  vcs_revision?: string | null;
  vcs_tag?: string | null;
  why?: string | null;
  user?: { login?: string } | null;
  usage_queued_at?: string | null;
  queued_at?: string | null;
  job_name?: string | null;
  build_parameters?: Record<string, unknown> | null;
}

/** What an earlier trigger of this action must show. */
export interface Signs {
  /** the token's user (`GET /me` → `login`) */
  login: string;
  ref: GitRef;
  /** which commit; undefined: any */
  sha?: string | undefined;
  /** created no earlier than this (ms since the epoch); undefined: any time */
  since?: number | undefined;
}

/** Branch or tag from `vcs`, else from the namespaced git context. */
export function gitOfPipeline(pipeline: PipelineSummary): {
  branch?: string | undefined;
  tag?: string | undefined;
  revision?: string | undefined;
} {
  if (pipeline.vcs) return pipeline.vcs;
  const git = pipeline.trigger_parameters?.git;
  return { branch: git?.branch, tag: git?.tag, revision: git?.checkout_sha };
}

/** who, how, where, and (when asked) which commit and when. */
export function pipelineShows(pipeline: PipelineSummary, signs: Signs): boolean {
  const git = gitOfPipeline(pipeline);
  return (
    pipeline.trigger?.type === 'api' &&
    pipeline.trigger.actor?.login === signs.login &&
    sameRef(signs.ref, git.branch, git.tag) &&
    (signs.sha === undefined || git.revision === signs.sha) &&
    createdSince(pipeline.created_at, signs.since)
  );
}

/** The same signs on a v1.1 build summary. */
export function buildShows(build: BuildSummary, signs: Signs): boolean {
  return (
    build.why === 'api' &&
    build.user?.login === signs.login &&
    sameRef(signs.ref, build.branch, build.vcs_tag) &&
    (signs.sha === undefined || build.vcs_revision === signs.sha) &&
    createdSince(build.usage_queued_at ?? build.queued_at, signs.since)
  );
}

/**
 * The sign a listed pipeline lacks although it could be this trigger (an API pipeline, or one
 * whose kind is not shown): without it no lookup can tell, so it must stop rather than guess.
 */
export function pipelineLacks(pipeline: PipelineSummary, signs: Signs): string | undefined {
  const type = pipeline.trigger?.type;
  if (typeof type !== 'string') return 'trigger.type';
  if (type !== 'api') return undefined;
  const login = pipeline.trigger?.actor?.login;
  if (typeof login !== 'string') return 'trigger.actor.login';
  if (login !== signs.login) return undefined;
  const git = gitOfPipeline(pipeline);
  if (typeof git.branch !== 'string' && typeof git.tag !== 'string') return 'a branch or tag';
  if (!sameRef(signs.ref, git.branch, git.tag)) return undefined;
  if (signs.sha !== undefined && typeof git.revision !== 'string') return 'a commit';
  if (signs.since !== undefined && Number.isNaN(Date.parse(pipeline.created_at ?? '')))
    return 'created_at';
  return undefined;
}

/** The same for a v1.1 build summary. */
export function buildLacks(build: BuildSummary, signs: Signs): string | undefined {
  if (typeof build.why !== 'string') return 'why';
  if (build.why !== 'api') return undefined;
  if (typeof build.user?.login !== 'string') return 'user.login';
  if (build.user.login !== signs.login) return undefined;
  if (typeof build.branch !== 'string' && typeof build.vcs_tag !== 'string')
    return 'branch or vcs_tag';
  if (!sameRef(signs.ref, build.branch, build.vcs_tag)) return undefined;
  if (signs.sha !== undefined && typeof build.vcs_revision !== 'string') return 'vcs_revision';
  if (
    signs.since !== undefined &&
    Number.isNaN(Date.parse(build.usage_queued_at ?? build.queued_at ?? ''))
  )
    return 'usage_queued_at';
  return undefined;
}

/** The job a build names (a non-shallow summary or the build itself), if any. */
export function jobOfBuild(build: BuildSummary): string | undefined {
  const job = build.build_parameters?.CIRCLE_JOB ?? build.job_name;
  return typeof job === 'string' && job !== '' ? job : undefined;
}

function sameRef(
  ref: GitRef,
  branch: string | null | undefined,
  tag: string | null | undefined,
): boolean {
  return ref.kind === 'tag' ? tag === ref.name : branch === ref.name && !tag;
}

/** An unreadable time is not "recent": a lookup must not take it for a trigger just made. */
function createdSince(time: string | null | undefined, since: number | undefined): boolean {
  if (since === undefined) return true;
  const at = Date.parse(time ?? '');
  return !Number.isNaN(at) && at >= since;
}

/** `pipeline 3 (id)` or `build 100 url`: how messages name what was found. */
export function namePipeline(pipeline: Pick<PipelineSummary, 'id' | 'number'>): string {
  return `pipeline ${pipeline.number} (${pipeline.id})`;
}
export function nameBuild(build: Pick<BuildSummary, 'build_num' | 'build_url'>): string {
  return `build ${build.build_num} ${build.build_url}`;
}
