/**
 * Stops a trigger loop: a pipeline started through the API runs every workflow whose filters
 * match, possibly the one that runs cci-conditional again. When the running pipeline was itself
 * started through the API (or by a trigger type cci-conditional does not know) by the token's
 * user, a target this commit already ran is not triggered again, and a project where such
 * pipelines pile up (a config whose target never shows up) stops. The running pipeline is this
 * project whatever slug CircleCI shows for it (`circleci/` projects show compact ids where the
 * job sees UUIDs), so "same project" is never decided by comparing slugs from answers. On v1.1
 * the running job is compared with the target.
 * See ARCHITECTURE.md, "Loop guard".
 */

import { ApiError } from '../base/errors.js';
import { slugOf } from './api-paths.js';
import { projectOfBuild, sameSlug } from './build-project.js';
import { UnsureError } from './circleci-client.js';
import { findEarlier } from './find-earlier.js';
import type { Lookups } from './lookups.js';
import type { Action } from './plan-actions.js';
import { runawayStop } from './runaway-stop.js';
import { startedByApi, targetsThisProject } from './running-project.js';
import type { RunTools } from './send-tools.js';

type TriggerAction = Extract<Action, { kind: 'v1.1' | 'v2' }>;
type V2Action = Extract<Action, { kind: 'v2' }>;

/** A guard for one run: the running pipeline is read at most once, and only when a v2 rule fires. */
export function createLoopGuard(
  tools: RunTools,
  lookups: Lookups,
  enabled = true,
): (action: TriggerAction) => Promise<string | undefined> {
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
    if (!targetsThisProject(action, context)) return undefined;
    const running = await lookups.running();
    if ('none' in running) return undefined;
    if ('error' in running) {
      tools.logger.warn(
        `loop guard: could not read this pipeline ${context.pipelineId} (${running.error}); triggering anyway`,
      );
      return undefined;
    }
    try {
      const login = await lookups.login(action);
      if (!startedByApi(running.pipeline, login)) return undefined;
      const key = slugOf(action.project);
      const stop = runaway.get(key) ?? runawayStop(action, login, tools, lookups);
      runaway.set(key, stop);
      const reason = (await stop) ?? (await alreadyRan(action, tools, lookups));
      if (reason) tools.logger.warn(`loop guard: ${reason}`);
      return reason;
    } catch (error) {
      // Cannot tell: the rule fails with nothing sent. A read that failed: trigger anyway.
      if (error instanceof UnsureError)
        throw new UnsureError(
          `loop guard: ${error.message}; not triggering, to never trigger twice (--no-loop-guard turns the guard off)`,
        );
      if (!(error instanceof ApiError)) throw error;
      tools.logger.warn(
        `loop guard: could not look up earlier triggers (${error.message}); triggering anyway`,
      );
      return undefined;
    }
  };
}

/** The --once check, from inside a pipeline the token's user started through the API. */
async function alreadyRan(
  action: V2Action,
  tools: RunTools,
  lookups: Lookups,
): Promise<string | undefined> {
  const earlier = await findEarlier(action, tools, lookups);
  if (!earlier) return undefined;
  const what = action.job ? `${action.job}` : 'this target';
  return `this pipeline (${tools.context.pipelineId}) was started through the API by the token's user, and ${earlier} already ran ${what} for this commit; not triggering again (loop guard): gate the workflows that run cci-conditional with \`unless: << pipeline.parameters.${tools.ruleSet.jobParameter} >>\`, or pass --no-loop-guard`;
}
