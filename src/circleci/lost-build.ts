/**
 * One look for the build a lost v1.1 trigger created: the token user's API builds of this
 * branch (decoded) or tag queued since the first send (by CircleCI's clock, less a margin),
 * read back from the lists without `shallow` until older. A v1.1 trigger pins its commit, so
 * a build at another commit is not it; nor is one that names another job.
 */
import { CLOCK_MARGIN_MS } from '../core/look-schedule.js';
import { timeOfBuild } from '../core/trigger-signs.js';
import { apiPaths } from './api-paths.js';
import { buildRuns, judgeListedBuild, nameOwnBuild, type OwnBuild } from './earlier-build.js';
import { walkBuilds } from './list-pages.js';
import { buildKey, circleciTime, type Lookups } from './lookups.js';
import { type BuildAnswer, onlyOne, unknownKind } from './lost-candidates.js';
import type { Action } from './plan-actions.js';
import type { RunTools } from './send-tools.js';

type V1Action = Extract<Action, { kind: 'v1.1' }>;

export async function lookForBuild(
  action: V1Action,
  tools: RunTools,
  lookups: Lookups,
  sent: { login: string; firstSentAt: number },
): Promise<BuildAnswer | undefined> {
  const { project, ref } = action;
  const since = circleciTime(tools, sent.firstSentAt) - CLOCK_MARGIN_MS;
  const signs = { login: sent.login, ref, since };
  const pathOf = (limit: number, offset: number) =>
    ref.kind === 'branch'
      ? apiPaths.v1BranchBuilds(project, ref.name, limit, offset)
      : apiPaths.v1ProjectBuilds(project, limit, offset);
  const listed: OwnBuild[] = [];
  await walkBuilds(tools, lookups.pages, pathOf, true, async (build, path) => {
    if (typeof build.build_num !== 'number') return undefined;
    const own = await judgeListedBuild(action, build, signs, { tools, lookups, path });
    if (own) listed.push(own);
    return (timeOfBuild(build) ?? Number.POSITIVE_INFINITY) < since ? 'stop' : undefined;
  });
  const candidates: OwnBuild[] = [];
  for (const own of listed) {
    const revision = own.build.vcs_revision;
    if (typeof revision === 'string' && revision !== action.sha) continue;
    if (await buildRuns(action, own.build, lookups)) candidates.push(own);
  }
  const found = onlyOne(candidates, nameOwnBuild);
  if (!found) return undefined;
  if (found.why !== undefined) throw unknownKind(nameOwnBuild(found));
  const { build_num, build_url } = found.build;
  lookups.claimed.add(buildKey(project, build_num));
  return { build_num, ...(typeof build_url === 'string' ? { build_url } : {}) };
}
