/**
 * After a lost answer (contract Amendment 1, point 1): the build or pipeline this action created,
 * looked for at once, 3 s and 10 s later, by who/how/where and "created after the first attempt",
 * never one an earlier action of this run claimed. Never twice; when unsure, say so and stop.
 */

import type { Action } from '../core/plan-actions.js';
import { type BuildSummary, nameBuild, namePipeline, type Signs } from '../core/trigger-signs.js';
import { UnsureError } from './circleci-client.js';
import {
  type BuildAnswer,
  buildRuns,
  buildsShowing,
  type Lookups,
  type PipelineAnswer,
  pipelineRuns,
  pipelinesShowing,
} from './find-existing.js';
import type { RunTools } from './run-tools.js';

type TriggerAction = Extract<Action, { kind: 'v1.1' | 'v2' }>;

/** A pipeline created this long before the first attempt may still be it (clock skew). */
export const CLOCK_SKEW_MS = 60_000;
/** Looks at once, then 3 s and 10 s after the first look: a new pipeline may be listed late. */
export const LOOK_AGAIN_MS = [3000, 7000];

/**
 * After a lost answer: the build or pipeline this action created, found by who/how/where and
 * "created after the first attempt", narrowed by "what" when more than one shows them. None:
 * undefined (send again). Still more than one: an UnsureError naming them (nothing is sent).
 */
export function findLost(
  action: TriggerAction,
  tools: RunTools,
  lookups: Lookups,
  startedAt: number,
): () => Promise<PipelineAnswer | BuildAnswer | undefined> {
  return async () => {
    const signs = {
      login: await lookups.login(action),
      ref: action.ref,
      since: startedAt - CLOCK_SKEW_MS,
    };
    for (let look = 0; ; look++) {
      const found = await lookOnce(action, tools, lookups, signs);
      if (found) return found;
      const delay = LOOK_AGAIN_MS[look];
      if (delay === undefined) return undefined;
      tools.logger.debug(`not listed yet; looking again in ${delay / 1000} s before sending again`);
      await tools.sleep(delay);
    }
  };
}

async function lookOnce(
  action: TriggerAction,
  tools: RunTools,
  lookups: Lookups,
  signs: Signs,
): Promise<PipelineAnswer | BuildAnswer | undefined> {
  if (action.kind === 'v1.1') {
    // A build names the job it was sent for: one of another job is surely not this one.
    const builds: BuildSummary[] = [];
    for (const build of await buildsShowing(action, tools, signs))
      if (!lookups.claimed.has(build.build_url) && (await buildRuns(action, build, tools)))
        builds.push(build);
    const build = await choose(builds, async () => true, nameBuild);
    if (!build) return undefined;
    lookups.claimed.add(build.build_url);
    return { build_num: build.build_num, build_url: build.build_url };
  }
  const pipelines = (await pipelinesShowing(action, tools, signs)).filter(
    (pipeline) => !lookups.claimed.has(pipeline.id),
  );
  const pipeline = await choose(
    pipelines,
    async (p) => (await pipelineRuns(action, p, tools)) !== 'no',
    namePipeline,
  );
  if (!pipeline) return undefined;
  lookups.claimed.add(pipeline.id);
  return {
    id: pipeline.id,
    number: pipeline.number,
    ...(pipeline.state ? { state: pipeline.state } : {}),
  };
}

/**
 * One candidate is it; more than one is narrowed by "what" (a pipeline without workflows yet
 * stays in); still not exactly one: say so and stop.
 */
async function choose<T>(
  candidates: T[],
  runsTarget: (candidate: T) => Promise<boolean>,
  name: (candidate: T) => string,
): Promise<T | undefined> {
  if (candidates.length <= 1) return candidates[0];
  const narrowed: T[] = [];
  for (const candidate of candidates) if (await runsTarget(candidate)) narrowed.push(candidate);
  if (narrowed.length === 1) return narrowed[0];
  const shown = narrowed.length > 1 ? narrowed : candidates;
  throw new UnsureError(
    `${shown.length} could be the one it created (${shown.map(name).join(', ')}); not sending it again, to never trigger twice: check which one is this run's before rerunning`,
  );
}
