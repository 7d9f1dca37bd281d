/**
 * Deploy order on API v1.1: the branch's builds queued after the running one
 * ($CIRCLE_BUILD_NUM), newest first, down to it. Lists are read without `shallow`, through the
 * run's pages (--once reads the same ones); a build of another commit whose summary lacks `why`,
 * its time or its commit is read itself, once a run.
 */

import { ApiError } from '../base/errors.js';
import { type Newer, orderOfBuild, type RunningBuild } from '../core/deploy-order.js';
import { type BuildSummary, timeOfBuild } from '../core/trigger-signs.js';
import { apiPaths, type Project } from './api-paths.js';
import { walkBuilds } from './list-pages.js';
import type { Lookups } from './lookups.js';
import type { RunTools } from './send-tools.js';

/** The push that superseded this commit, nothing (undefined), or why this run cannot tell. */
export async function newerBuild(
  branch: string,
  sha: string,
  tools: RunTools,
  lookups: Lookups,
): Promise<Newer | undefined | { unsure: string }> {
  const { buildNum, org, repo, vcs } = tools.context;
  if (buildNum === undefined || !/^\d+$/.test(buildNum))
    return { unsure: `CIRCLE_BUILD_NUM is ${buildNum === undefined ? 'not set' : 'not a number'}` };
  if (org === undefined || repo === undefined) return { unsure: 'this project is not known' };
  const project: Project = { provider: vcs === 'bitbucket' ? 'bb' : 'gh', org, repo };
  let running: BuildSummary;
  try {
    running = await lookups.build(project, Number(buildNum));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { unsure: `this build ${buildNum} could not be read (${error.message})` };
  }
  const at = timeOfBuild(running);
  if (at === undefined)
    return { unsure: `this build ${buildNum} is shown without usage_queued_at` };
  const point: RunningBuild = { num: Number(buildNum), at };
  const pathOf = (limit: number, offset: number) =>
    apiPaths.v1BranchBuilds(project, branch, limit, offset);
  let newer: BuildSummary | undefined;
  await walkBuilds(tools, lookups.pages, pathOf, false, async (listed) => {
    if (typeof listed.build_num !== 'number') return undefined;
    let build = listed;
    let order = orderOfBuild(point, build, branch, sha);
    if (order === 'unclear') {
      build = { ...listed, ...(await lookups.build(project, listed.build_num)) };
      order = orderOfBuild(point, build, branch, sha);
    }
    if (order === 'supersedes') newer = build;
    return order === 'supersedes' || order === 'before' ? 'stop' : undefined;
  });
  if (newer === undefined) return undefined;
  const found: BuildSummary = newer;
  return {
    sha: found.vcs_revision as string,
    name: `build ${found.build_num}`,
    since: (found.usage_queued_at ?? found.queued_at) as string,
  };
}
