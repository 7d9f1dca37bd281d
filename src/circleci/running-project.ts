/**
 * The running pipeline and this project, for the loop guard. The pipeline read by
 * $CIRCLE_PIPELINE_ID is this project; a rule triggers this project when it names no other
 * (a `project` is compared with this build's, both as the rules and the environment write them,
 * never with a slug from an answer).
 */
import { PUSH_TYPES } from '../core/judge-signs.js';
import type { BuildContext } from '../core/read-context.js';
import type { PipelineSummary } from '../core/trigger-signs.js';
import { slugOf } from './api-paths.js';
import { projectOfBuild, sameSlug } from './build-project.js';
import type { Action } from './plan-actions.js';

type V2Action = Extract<Action, { kind: 'v2' }>;

/** Schedules are not API triggers either; every other type may be one. */
const NOT_API = new Set([...PUSH_TYPES, 'schedule', 'scheduled_pipeline']);

export function targetsThisProject(action: V2Action, context: BuildContext): boolean {
  if (action.rule.project === undefined) return true;
  const here = projectOfBuild(context);
  return here !== undefined && sameSlug(slugOf(here), slugOf(action.project));
}

/**
 * Started through the API (or by a trigger type cci-conditional does not know, which may be
 * one) by the token's user.
 */
export function startedByApi(pipeline: PipelineSummary, login: string): boolean {
  const type = pipeline.trigger?.type;
  return typeof type === 'string' && !NOT_API.has(type) && pipeline.trigger?.actor?.login === login;
}
