/**
 * --once and the loop guard on API v1.1: an earlier build of this commit's target. A branch's
 * builds are read back to a push build of another commit older than every build of this commit
 * seen; a tag's, which no list filters by, through the project's builds to their end. Lists are
 * read without `shallow`; a build whose summary lacks a sign is read itself. Branch names are
 * compared decoded (lists may show `release%2F1.0`).
 */
import { endOfBuild } from '../core/deploy-outcome.js';
import { judgeBuild, PUSH_WHYS } from '../core/judge-signs.js';
import { branchWindow } from '../core/look-schedule.js';
import {
  type BuildSummary,
  branchOfBuild,
  jobOfBuild,
  nameBuild,
  type Signs,
  timeOfBuild,
} from '../core/trigger-signs.js';
import { whatOfBuild } from '../core/what-runs.js';
import { apiPaths } from './api-paths.js';
import { UnsureError } from './circleci-client.js';
import { walkBuilds } from './list-pages.js';
import { buildKey, type Lookups } from './lookups.js';
import type { Action } from './plan-actions.js';
import type { RunTools } from './send-tools.js';

type V1Action = Extract<Action, { kind: 'v1.1' }>;

/** A build that shows every sign; `why` when its `why` alone is unknown. */
export interface OwnBuild {
  build: BuildSummary;
  why?: string;
}

/** Judges one listed build, reading the build itself when its summary lacks a sign. */
export async function judgeListedBuild(
  action: V1Action,
  listed: BuildSummary,
  signs: Signs,
  context: { tools: RunTools; lookups: Lookups; path: string },
): Promise<OwnBuild | undefined> {
  let build = listed;
  let judgement = judgeBuild(build, signs);
  if (judgement.verdict === 'cannot-tell' && judgement.readBuild) {
    build = { ...listed, ...(await context.lookups.build(action.project, listed.build_num)) };
    judgement = judgeBuild(build, signs);
  }
  if (judgement.verdict === 'not-ours') return undefined;
  if (judgement.verdict === 'cannot-tell' && judgement.type === undefined) {
    throw new UnsureError(
      `GET ${context.path}: ${nameBuild(build)} ${judgement.why}, so this run cannot tell whether it is its own (cci-conditional doctor shows what this CircleCI leaves out)`,
    );
  }
  if (context.lookups.claimed.has(buildKey(action.project, build.build_num))) return undefined;
  return judgement.verdict === 'cannot-tell' ? { build, why: judgement.type } : { build };
}

/** "what": the job the build itself names; one that names none matches on the other signs. */
export async function buildRuns(action: V1Action, build: BuildSummary, lookups: Lookups) {
  return (await readRuns(action, build, lookups)) !== undefined;
}

/** The build itself (read once a run) when it runs the action's job; else undefined. */
async function readRuns(
  action: V1Action,
  build: BuildSummary,
  lookups: Lookups,
): Promise<BuildSummary | undefined> {
  const full = await lookups.build(action.project, build.build_num);
  return whatOfBuild(action.job, jobOfBuild(full) ?? jobOfBuild(build)) === 'runs'
    ? { ...build, ...full }
    : undefined;
}

export function nameOwnBuild(own: OwnBuild): string {
  const name = nameBuild(own.build);
  return own.why === undefined ? name : `${name} (why ${JSON.stringify(own.why)})`;
}

export async function earlierBuild(
  action: V1Action,
  tools: RunTools,
  lookups: Lookups,
  signs: Signs,
  options: { ignoreFailed?: boolean } = {},
): Promise<string | undefined> {
  const { project, ref, sha } = action;
  const pathOf = (limit: number, offset: number) =>
    ref.kind === 'branch'
      ? apiPaths.v1BranchBuilds(project, ref.name, limit, offset)
      : apiPaths.v1ProjectBuilds(project, limit, offset);
  const window = branchWindow(sha, undefined);
  const own: OwnBuild[] = [];
  await walkBuilds(tools, lookups.pages, pathOf, false, async (build, path) => {
    if (typeof build.build_num !== 'number') return undefined;
    const found = await judgeListedBuild(action, build, signs, { tools, lookups, path });
    if (found) own.push(found);
    if (ref.kind === 'tag' || branchOfBuild(build) !== ref.name) return undefined;
    const push = typeof build.why === 'string' && PUSH_WHYS.has(build.why);
    const revision = typeof build.vcs_revision === 'string' ? build.vcs_revision : undefined;
    return window.passes({ at: timeOfBuild(build), revision, push }) ? 'stop' : undefined;
  });
  for (const candidate of own) {
    const build = await readRuns(action, candidate.build, lookups);
    if (build === undefined) continue;
    const ending = endOfBuild(build);
    if (options.ignoreFailed !== true || ending.end !== 'failed') return nameOwnBuild(candidate);
    tools.logger.info(
      `--once: ${nameOwnBuild(candidate)} of this commit deployed nothing (${ending.seen}); not counting it`,
    );
  }
  return undefined;
}
