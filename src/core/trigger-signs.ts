/**
 * What a pipeline or build shows of how it was started, in the shapes CircleCI really returns:
 * it never gives back the parameters a trigger sent, so an earlier trigger is known by who
 * started it, how, where, on which commit, when and (read separately) which jobs it runs.
 * Every field may be missing: listed entries are read as they come.
 * See ARCHITECTURE.md, "How own triggers are recognised".
 */
import type { GitRef } from './read-context.js';

/** A pipeline as GET /project/{slug}/pipeline, .../pipeline/mine and GET /pipeline/{id} show it. */
export interface PipelineSummary {
  id: string;
  number?: number;
  state?: string;
  created_at?: string;
  /** opaque: `circleci/` projects show compact ids where the job sees UUIDs */
  project_slug?: string;
  trigger?: { type?: string; actor?: { login?: string } | null } | null;
  /** namespaced context of `circleci/` projects: `git.branch`, `.tag`, `.checkout_sha`, ... */
  trigger_parameters?: {
    git?: { branch?: string; tag?: string; checkout_sha?: string; provider?: string };
    circleci?: { trigger_type?: string };
    [namespace: string]: unknown;
  } | null;
  /** absent on pipeline-definition runs of `circleci/` projects */
  vcs?: { revision?: string; branch?: string; tag?: string } | null;
}

/** A v1.1 build summary (list summaries carry no `build_parameters`; shallow ones even less). */
export interface BuildSummary {
  build_num: number;
  build_url?: string;
  /** lists may show it URL-encoded (`release%2F1.0`) */
  branch?: string | null;
  vcs_revision?: string | null;
  vcs_tag?: string | null;
  why?: string | null;
  user?: { login?: string } | null;
  usage_queued_at?: string | null;
  queued_at?: string | null;
  job_name?: string | null;
  build_parameters?: Record<string, unknown> | null;
  /** how it stands or ended: `success`, `failed`, `not_run`, ... (an open set) */
  status?: string | null;
  /** `success`, `failed`, `canceled`, ... once finished */
  outcome?: string | null;
  /** `queued`, `running`, `finished`, `not_run`, ... */
  lifecycle?: string | null;
}

/** What an earlier trigger of this action must show. */
export interface Signs {
  /** the token's user (`GET /me` → `login`) */
  login: string;
  ref: GitRef;
  /** which commit; undefined: any */
  sha?: string | undefined;
  /** created no earlier than this, by CircleCI's clock (ms since the epoch); undefined: any time */
  since?: number | undefined;
}

/** Branch, tag and commit, each from `vcs` when it has it, else from the namespaced git context. */
export function gitOfPipeline(pipeline: PipelineSummary): {
  branch?: string | undefined;
  tag?: string | undefined;
  revision?: string | undefined;
} {
  const vcs = pipeline.vcs ?? undefined;
  const git = pipeline.trigger_parameters?.git;
  return {
    branch: text(vcs?.branch) ?? text(git?.branch),
    tag: text(vcs?.tag) ?? text(git?.tag),
    revision: text(vcs?.revision) ?? text(git?.checkout_sha),
  };
}

/** The branch a v1.1 build names, decoded: lists may show `release%2F1.0` for `release/1.0`. */
export function branchOfBuild(build: BuildSummary): string | undefined {
  const branch = text(build.branch);
  if (branch === undefined) return undefined;
  try {
    return decodeURIComponent(branch);
  } catch {
    return branch;
  }
}

/** "when" of a build: `usage_queued_at`, else `queued_at`, as ms; undefined when unreadable. */
export function timeOfBuild(build: BuildSummary): number | undefined {
  return timeOf(build.usage_queued_at ?? build.queued_at);
}

export function timeOf(value: unknown): number | undefined {
  const at = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(at) ? undefined : at;
}

/** The job a build names (a non-shallow summary or the build itself), if any. */
export function jobOfBuild(build: BuildSummary): string | undefined {
  const job = build.build_parameters?.CIRCLE_JOB ?? build.job_name;
  return typeof job === 'string' && job !== '' ? job : undefined;
}

/** `pipeline 3 (id)`, or what is missing: how messages name a pipeline. */
export function namePipeline(pipeline: Pick<PipelineSummary, 'id' | 'number'>): string {
  return typeof pipeline.number === 'number'
    ? `pipeline ${pipeline.number} (${pipeline.id})`
    : `pipeline ${pipeline.id} (CircleCI named no number)`;
}

/** `build 100 url`, or what is missing. */
export function nameBuild(build: Pick<BuildSummary, 'build_num' | 'build_url'>): string {
  return typeof build.build_url === 'string'
    ? `build ${build.build_num} ${build.build_url}`
    : `build ${build.build_num} (CircleCI named no build_url)`;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
