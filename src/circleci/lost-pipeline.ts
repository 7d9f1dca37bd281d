/**
 * One look for the pipeline a lost v2 trigger created: the token user's API pipelines of this
 * branch or tag created since the first send (by CircleCI's clock, less a margin), listed by
 * `?branch=` and `pipeline/mine`. "Which commit" and "what" apply whenever they can be read: a
 * pipeline at another commit is not it, unless that commit was pushed to the branch after the
 * running pipeline (v2 runs the branch head: then cannot tell); one whose workflows run another
 * job is not it; one whose workflows are not listed yet is read again and, still unknown,
 * cannot be told.
 */
import { PUSH_TYPES } from '../core/judge-signs.js';
import { CLOCK_MARGIN_MS } from '../core/look-schedule.js';
import { gitOfPipeline, timeOf } from '../core/trigger-signs.js';
import { apiPaths } from './api-paths.js';
import { UnsureError } from './circleci-client.js';
import { walkPipelines } from './list-pages.js';
import { circleciTime, type Lookups } from './lookups.js';
import { onlyOne, type PipelineAnswer, unknownKind } from './lost-candidates.js';
import { nameOwn, type OwnPipeline, ownPipelines } from './own-pipelines.js';
import { settleWhat } from './pipeline-runs.js';
import type { Action } from './plan-actions.js';
import type { RunTools } from './send-tools.js';

type V2Action = Extract<Action, { kind: 'v2' }>;

export async function lookForPipeline(
  action: V2Action,
  tools: RunTools,
  lookups: Lookups,
  sent: { login: string; firstSentAt: number },
): Promise<PipelineAnswer | undefined> {
  const since = circleciTime(tools, sent.firstSentAt) - CLOCK_MARGIN_MS;
  const signs = { login: sent.login, ref: action.ref, since };
  const window = (pipeline: { created_at?: string }) =>
    (timeOf(pipeline.created_at) ?? Number.POSITIVE_INFINITY) < since;
  const listed = await ownPipelines(action, tools, lookups, signs, { fresh: true, window });
  const atThisCommit: OwnPipeline[] = [];
  for (const own of listed) {
    const revision = gitOfPipeline(own.pipeline).revision;
    if (revision === undefined || revision === action.sha) atThisCommit.push(own);
    else if (await pushedAfterRunning(action, revision, tools, lookups)) {
      throw new UnsureError(
        `${nameOwn(own)} could be the one it created: it runs ${revision}, which was pushed to ${action.ref.name} after this pipeline started (v2 runs the branch head), so this run cannot tell`,
      );
    }
  }
  if (atThisCommit.length === 0) return undefined;
  const settled = await settleWhat(
    action,
    atThisCommit.map((own) => own.pipeline),
    tools,
    { pages: lookups.pages, fresh: true },
  );
  const candidates = atThisCommit.filter((own) => {
    const what = settled.get(own.pipeline.id)?.what;
    if (what === 'young') {
      throw new UnsureError(
        `${nameOwn(own)} could be the one it created, but it lists no workflow yet, so this run cannot tell whether it runs ${action.job}`,
      );
    }
    return what === 'runs' || what === 'ran-nothing';
  });
  const found = onlyOne(candidates, nameOwn);
  if (!found) return undefined;
  if (found.type !== undefined) throw unknownKind(nameOwn(found));
  const { id, number, state } = found.pipeline;
  lookups.claimed.add(id);
  return {
    id,
    ...(typeof number === 'number' ? { number } : {}),
    ...(typeof state === 'string' ? { state } : {}),
  };
}

/**
 * Whether `revision` was pushed to the action's branch after the running pipeline was created:
 * the branch moved on. Unknown when the running pipeline could not be read: then it may have.
 * Read from the project's whole list, which shows pushes with or without `vcs`.
 */
async function pushedAfterRunning(
  action: V2Action,
  revision: string,
  tools: RunTools,
  lookups: Lookups,
): Promise<boolean> {
  const { ref, project } = action;
  if (ref.kind !== 'branch') return false;
  const running = await lookups.running();
  const runningAt = 'pipeline' in running ? timeOf(running.pipeline.created_at) : undefined;
  if (runningAt === undefined) return true;
  let pushed = false;
  const pathOf = (token: string | undefined) =>
    apiPaths.v2ProjectPipelines(project, undefined, token);
  await walkPipelines(tools, lookups.pages, pathOf, true, (pipeline) => {
    const at = timeOf(pipeline.created_at);
    if (at !== undefined && at < runningAt) return 'stop';
    const git = gitOfPipeline(pipeline);
    const type = pipeline.trigger?.type;
    const push = typeof type === 'string' && PUSH_TYPES.has(type);
    pushed ||= push && git.branch === ref.name && git.revision === revision;
    return pushed ? 'stop' : undefined;
  });
  return pushed;
}
