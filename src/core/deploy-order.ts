/**
 * Deploy order: an older commit of a branch must not go live over a newer one. This commit is
 * superseded when the branch's list shows, after the running pipeline (a higher `number` and a
 * later `created_at`) or the running v1.1 build (a later `usage_queued_at`), a pipeline or build
 * of another commit started by a push. Schedules, API triggers (deploys among them), tags, other
 * branches and the same commit pushed again supersede nothing. Trigger types are an open set:
 * only the known push types count, and an entry that lacks a sign supersedes nothing, so the
 * check fails towards deploying (where it cannot read, it says so). Pure.
 * See ARCHITECTURE.md, "Deploy order".
 */
import { PUSH_TYPES, PUSH_WHYS } from './judge-signs.js';
import { shortSha } from './quote.js';
import {
  type BuildSummary,
  branchOfBuild,
  gitOfPipeline,
  type PipelineSummary,
  timeOf,
  timeOfBuild,
} from './trigger-signs.js';

/** The top-level reason of a run whose every fired rule was superseded (`--json`, `$BASH_ENV`). */
export const SUPERSEDED = 'superseded';

/** The running pipeline, as far as the check needs it. */
export interface RunningPipeline {
  id: string;
  number: number;
  /** `created_at`, ms */
  at: number;
}

/** The running v1.1 build: its `usage_queued_at` (else `queued_at`), ms. */
export interface RunningBuild {
  num: number;
  at: number;
}

/**
 * - `supersedes`: a push of another commit of the branch, after the running one
 * - `no`: anything else listed after the running one
 * - `before`: the running one itself, or listed before it: the list (newest first) can stop
 * - `unclear` (builds only): a build of the branch at another commit whose summary lacks `why`,
 *   its time or its commit; the build itself may show them
 */
export type Order = 'supersedes' | 'no' | 'before' | 'unclear';

/** The running pipeline's number and time, or what it lacks. */
export function runningPipeline(pipeline: PipelineSummary): RunningPipeline | string {
  const at = timeOf(pipeline.created_at);
  if (typeof pipeline.number !== 'number') return 'its number';
  if (at === undefined) return 'its created_at';
  return { id: pipeline.id, number: pipeline.number, at };
}

export function orderOfPipeline(
  running: RunningPipeline,
  pipeline: PipelineSummary,
  branch: string,
  sha: string,
): Order {
  const { number } = pipeline;
  const at = timeOf(pipeline.created_at);
  if (pipeline.id === running.id) return 'before';
  if (typeof number === 'number' ? number <= running.number : at !== undefined && at < running.at)
    return 'before';
  if (typeof number !== 'number' || at === undefined || at <= running.at) return 'no';
  const git = gitOfPipeline(pipeline);
  if (git.branch !== branch || git.tag !== undefined) return 'no';
  if (git.revision === undefined || git.revision === sha) return 'no';
  const type = pipeline.trigger?.type;
  return typeof type === 'string' && PUSH_TYPES.has(type) ? 'supersedes' : 'no';
}

export function orderOfBuild(
  running: RunningBuild,
  build: BuildSummary,
  branch: string,
  sha: string,
): Order {
  if (build.build_num === running.num) return 'before';
  const at = timeOfBuild(build);
  if (at !== undefined && at < running.at) return 'before';
  const tag = build.vcs_tag;
  if (branchOfBuild(build) !== branch || (typeof tag === 'string' && tag !== '')) return 'no';
  const revision = typeof build.vcs_revision === 'string' ? build.vcs_revision : undefined;
  if (revision === sha) return 'no';
  const why = typeof build.why === 'string' ? build.why : undefined;
  if (why !== undefined && !PUSH_WHYS.has(why)) return 'no';
  if (why === undefined || at === undefined || revision === undefined) return 'unclear';
  return at > running.at ? 'supersedes' : 'no';
}

/** What superseded this commit: its commit, `pipeline 12` or `build 105`, and since when. */
export interface Newer {
  sha: string;
  name: string;
  /** `created_at` or `usage_queued_at` as CircleCI shows it */
  since: string;
}

/** The one line of a superseded commit. */
export function supersededLine(branch: string, newer: Newer, sha: string): string {
  return `superseded: ${branch} is at ${shortSha(newer.sha)} (${newer.name}) since ${newer.since}; not deploying ${shortSha(sha)} over it`;
}

/** Whether a rule's skip reason is a superseded line. */
export function isSuperseded(reason: string | undefined): boolean {
  return reason?.startsWith(`${SUPERSEDED}: `) === true;
}
