/**
 * The last successful deploy of a v1.1 rule's job on this branch: the branch's builds, newest
 * first, without `shallow`; a build whose summary lacks a sign is read itself, and so is each
 * one that shows them, once a run, for the job it names and how it ended.
 */
import { endOfBuild } from '../core/deploy-outcome.js';
import { jobOfBuild, nameBuild, type Signs } from '../core/trigger-signs.js';
import { whatOfBuild } from '../core/what-runs.js';
import { apiPaths } from './api-paths.js';
import { judgeListedBuild } from './earlier-build.js';
import type { Found } from './last-deploy.js';
import { buildsUntil } from './list-pages.js';
import type { Lookups } from './lookups.js';
import type { Action } from './plan-actions.js';
import type { RunTools } from './send-tools.js';

type V1Action = Extract<Action, { kind: 'v1.1' }>;

export async function deployedBuild(
  action: V1Action,
  tools: RunTools,
  lookups: Lookups,
  signs: Signs,
): Promise<Found> {
  const { project, ref } = action;
  const pathOf = (limit: number, offset: number) =>
    apiPaths.v1BranchBuilds(project, ref.name, limit, offset);
  let found: Found = 'none';
  const end = await buildsUntil(tools, lookups.pages, pathOf, false, async (listed, path) => {
    if (typeof listed.build_num !== 'number') return undefined;
    const own = await judgeListedBuild(action, listed, signs, { tools, lookups, path });
    if (own === undefined) return undefined;
    if (own.why !== undefined) {
      found = { unsure: `${nameBuild(own.build)} has why ${JSON.stringify(own.why)}` };
      return 'stop';
    }
    const build = { ...own.build, ...(await lookups.build(project, listed.build_num)) };
    if (whatOfBuild(action.job, jobOfBuild(build)) !== 'runs') return undefined;
    if (endOfBuild(build).end !== 'success') return undefined;
    found = {
      sha: typeof build.vcs_revision === 'string' ? build.vcs_revision : '',
      name: `build ${build.build_num}`,
    };
    return 'stop';
  });
  return end === 'more' ? 'beyond' : found;
}
