/**
 * --once and the loop guard: does CircleCI already have this commit's target, triggered by the
 * token's user through the API? However many pipelines of other branches, tags or commits came
 * since: a branch is read back to a push of another commit older than everything of this
 * commit seen, a tag to the end of the user's pipelines. A pipeline of a trigger type
 * cci-conditional does not know counts as an earlier trigger; one whose workflows are not
 * listed yet is read again, and still unknown is "cannot tell" (UnsureError: nothing is sent).
 */

import { ApiError } from '../base/errors.js';
import { PUSH_TYPES } from '../core/judge-signs.js';
import { branchWindow } from '../core/look-schedule.js';
import { gitOfPipeline, type PipelineSummary, timeOf } from '../core/trigger-signs.js';
import { UnsureError } from './circleci-client.js';
import { earlierBuild } from './earlier-build.js';
import type { Lookups } from './lookups.js';
import { nameOwn, ownPipelines, type Window } from './own-pipelines.js';
import { settleWhat } from './pipeline-runs.js';
import type { Action } from './plan-actions.js';
import type { RunTools } from './send-tools.js';

type TriggerAction = Extract<Action, { kind: 'v1.1' | 'v2' }>;
type V2Action = Extract<Action, { kind: 'v2' }>;

/** How --once and the loop guard count an earlier trigger. */
export interface EarlierOptions {
  /**
   * explicit --once: a trigger whose target job ended failed, canceled, not_run, ... (or whose
   * pipeline errored) deployed nothing and does not count, so a rerun deploys again. The loop
   * guard counts every earlier trigger, whatever its end.
   */
  ignoreFailed?: boolean;
}

/**
 * An earlier build or pipeline of this commit's target, as a reason names it. One this run
 * triggered (for another rule of `match: all`) is not an earlier trigger. Two rules of one job
 * look alike in what CircleCI returns: an earlier trigger of the job counts for both, as that
 * may skip a rule but never triggers one twice.
 */
export async function findEarlier(
  action: TriggerAction,
  tools: RunTools,
  lookups: Lookups,
  options: EarlierOptions = {},
): Promise<string | undefined> {
  const signs = { login: await lookups.login(action), ref: action.ref, sha: action.sha };
  if (action.kind === 'v1.1') return earlierBuild(action, tools, lookups, signs, options);
  const window = await commitWindow(action, lookups);
  const own = await ownPipelines(action, tools, lookups, signs, { fresh: false, window });
  if (own.length === 0) return undefined;
  const ignoreFailed = options.ignoreFailed === true;
  const settled = await settleWhat(
    action,
    own.map((o) => o.pipeline),
    tools,
    { pages: lookups.pages, fresh: false, ending: ignoreFailed },
  );
  for (const candidate of own) {
    const found = settled.get(candidate.pipeline.id);
    if (found?.what !== 'runs') continue;
    if (!ignoreFailed || found.ending.end !== 'failed') return nameOwn(candidate);
    tools.logger.info(
      `--once: ${nameOwn(candidate)} of this commit deployed nothing (${found.ending.seen}); not counting it`,
    );
  }
  const young = own.filter((o) => settled.get(o.pipeline.id)?.what === 'young');
  if (young.length === 0) return undefined;
  throw new UnsureError(
    `${young.map(nameOwn).join(', ')} of this commit ${young.length === 1 ? 'lists' : 'list'} no workflow yet, so this run cannot tell whether ${action.job} already ran for it`,
  );
}

/**
 * --once: the reason to skip, when an earlier trigger of this commit deployed or may have (one
 * whose deploy failed does not count). A lookup that fails or cannot tell stops the rule.
 */
export async function onceSkip(
  action: TriggerAction,
  tools: RunTools,
  lookups: Lookups,
): Promise<string | undefined> {
  let existing: string | undefined;
  try {
    existing = await findEarlier(action, tools, lookups, { ignoreFailed: true });
  } catch (error) {
    const why =
      error instanceof UnsureError
        ? (error as Error).message
        : `could not look up earlier triggers of this commit (${(error as Error).message})`;
    throw new ApiError(`--once: ${why}; not triggering, to never trigger twice`);
  }
  return existing && `already triggered for this commit: ${existing} (--once)`;
}

/**
 * How far back this commit's triggers may be: on a branch, to a push of another commit older
 * than every pipeline of this commit seen (the running one counts); on a tag, everything.
 * `pipeline/mine` on a branch stops where `?branch=` stopped, or by the same rule on its own.
 */
async function commitWindow(action: V2Action, lookups: Lookups): Promise<Window> {
  const { ref, sha } = action;
  if (ref.kind === 'tag') return () => false;
  const running = await lookups.running();
  const runningAt =
    'pipeline' in running && gitOfPipeline(running.pipeline).revision === sha
      ? timeOf(running.pipeline.created_at)
      : undefined;
  const windows = { branch: branchWindow(sha, runningAt), mine: branchWindow(sha, runningAt) };
  return (pipeline: PipelineSummary, list) => {
    const at = timeOf(pipeline.created_at);
    const end = windows.branch.end;
    if (list === 'mine' && end !== undefined && at !== undefined && at < end) return true;
    const git = gitOfPipeline(pipeline);
    if (git.branch !== ref.name || git.tag !== undefined) return false;
    const type = pipeline.trigger?.type;
    const push = typeof type === 'string' && PUSH_TYPES.has(type);
    return windows[list].passes({ at, revision: git.revision, push });
  };
}
