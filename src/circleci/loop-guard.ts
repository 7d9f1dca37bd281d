/**
 * Stops a trigger loop: a pipeline started through the API runs every workflow whose filters
 * match, possibly the one that runs cci-conditional again. When the running pipeline was itself
 * started through the API by the token's user, a target this commit already ran is not triggered
 * again, and a project where such pipelines pile up (a config whose target never shows up) stops.
 * On v1.1 the running job is compared with the target.
 */

import type { Action } from '../core/plan-actions.js';
import type { PipelineSummary } from '../core/trigger-signs.js';
import { paths, slugOf } from './api-paths.js';
import { findEarlier, type Lookups, pipelinesShowing } from './find-existing.js';
import { projectOfBuild, type RunTools, sameSlug } from './run-tools.js';

type TriggerAction = Extract<Action, { kind: 'v1.1' | 'v2' }>;
type V2Action = Extract<Action, { kind: 'v2' }>;

/** This many API pipelines by the token's user for one commit within an hour: a loop. */
export const RUNAWAY_PIPELINES = 5;
const RUNAWAY_WINDOW_MS = 60 * 60_000;

/** A guard for one run: the running pipeline is read at most once, and only when a v2 rule fires. */
export function createLoopGuard(
  tools: RunTools,
  lookups: Lookups,
  enabled = true,
): (action: TriggerAction) => Promise<string | undefined> {
  let running: Promise<PipelineSummary | undefined> | undefined;
  const runaway = new Map<string, Promise<string | undefined>>();
  return async (action) => {
    if (!enabled) return undefined;
    const { context } = tools;
    if (action.kind === 'v1.1') {
      const here = projectOfBuild(context);
      const sameProject = here === undefined || sameSlug(slugOf(here), slugOf(action.project));
      return sameProject && context.job === action.job
        ? `the running job ${context.job} is the target itself; not triggering it again`
        : undefined;
    }
    const pipelineId = context.pipelineId;
    if (pipelineId === undefined) return undefined;
    running ??= readRunning(pipelineId, tools);
    const pipeline = await running;
    if (pipeline?.trigger?.type !== 'api') return undefined;
    if (pipeline.project_slug && !sameSlug(pipeline.project_slug, slugOf(action.project)))
      return undefined;
    try {
      const login = await lookups.login(action);
      if (pipeline.trigger.actor?.login !== login) return undefined;
      const slug = slugOf(action.project);
      const stop = runaway.get(slug) ?? runawayStop(action, login, tools);
      runaway.set(slug, stop);
      const reason = (await stop) ?? (await alreadyRan(action, pipelineId, tools, lookups));
      if (reason) tools.logger.warn(`loop guard: ${reason}`);
      return reason;
    } catch (error) {
      tools.logger.warn(
        `loop guard: could not look up earlier triggers (${(error as Error).message}); triggering anyway`,
      );
      return undefined;
    }
  };
}

/** The --once check, from inside a pipeline the token's user started through the API. */
async function alreadyRan(
  action: V2Action,
  pipelineId: string,
  tools: RunTools,
  lookups: Lookups,
): Promise<string | undefined> {
  const earlier = await findEarlier(action, tools, lookups);
  if (!earlier) return undefined;
  const what = action.job ? `${action.job}` : 'this target';
  return `this pipeline (${pipelineId}) was started through the API by the token's user, and ${earlier} already ran ${what} for this commit; not triggering again (loop guard): gate the workflows that run cci-conditional with \`unless: << pipeline.parameters.${tools.ruleSet.jobParameter} >>\`, or pass --no-loop-guard`;
}

/** Too many API pipelines by the token's user for this commit within the hour: skip the project. */
async function runawayStop(
  action: V2Action,
  login: string,
  tools: RunTools,
): Promise<string | undefined> {
  const since = tools.now() - RUNAWAY_WINDOW_MS;
  const signs = { login, ref: action.ref, sha: action.sha, since };
  const recent = await pipelinesShowing(action, tools, signs);
  if (recent.length < RUNAWAY_PIPELINES) return undefined;
  return `loop suspected: ${recent.length} pipelines of ${slugOf(action.project)} were started through the API by ${login} for ${action.sha} within the last hour; not triggering anything more in this project: gate the workflows that run cci-conditional with \`unless: << pipeline.parameters.${tools.ruleSet.jobParameter} >>\`, or pass --no-loop-guard`;
}

/** A failed read must not block a deploy: the guard then lets the trigger go, with a warning. */
async function readRunning(id: string, tools: RunTools): Promise<PipelineSummary | undefined> {
  try {
    return (
      (await tools.client.send<PipelineSummary | null>({
        method: 'GET',
        path: paths.v2Pipeline(id),
      })) ?? undefined
    );
  } catch (error) {
    tools.logger.warn(
      `loop guard: could not read this pipeline ${id} (${(error as Error).message}); triggering anyway`,
    );
    return undefined;
  }
}
