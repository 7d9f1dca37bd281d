/**
 * The runaway stop of the loop guard: in a pipeline the token's user started through the API,
 * 5 or more API pipelines by that user for this commit in this project within the last hour
 * (by CircleCI's clock) mean a loop, whatever their jobs: every trigger of the project stops.
 * See ARCHITECTURE.md, "Loop guard".
 */

import { timeOf } from '../core/trigger-signs.js';
import { slugOf } from './api-paths.js';
import { circleciTime, type Lookups } from './lookups.js';
import { ownPipelines } from './own-pipelines.js';
import type { Action } from './plan-actions.js';
import type { RunTools } from './send-tools.js';

type V2Action = Extract<Action, { kind: 'v2' }>;

/** This many API pipelines by the token's user for one commit within an hour: a loop. */
export const RUNAWAY_PIPELINES = 5;
const RUNAWAY_WINDOW_MS = 60 * 60_000;

export async function runawayStop(
  action: V2Action,
  login: string,
  tools: RunTools,
  lookups: Lookups,
): Promise<string | undefined> {
  const since = circleciTime(tools, tools.now()) - RUNAWAY_WINDOW_MS;
  const signs = { login, ref: action.ref, sha: action.sha, since };
  const window = (pipeline: { created_at?: string }) =>
    (timeOf(pipeline.created_at) ?? Number.POSITIVE_INFINITY) < since;
  const recent = await ownPipelines(action, tools, lookups, signs, { fresh: false, window });
  if (recent.length < RUNAWAY_PIPELINES) return undefined;
  return `loop suspected: ${recent.length} pipelines of ${slugOf(action.project)} were started through the API by ${login} for ${action.sha} within the last hour; not triggering anything more in this project: gate the workflows that run cci-conditional with \`unless: << pipeline.parameters.${tools.ruleSet.jobParameter} >>\`, or pass --no-loop-guard`;
}
