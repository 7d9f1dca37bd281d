/**
 * A rule with `paths`, before its trigger: deploy only when a path it names changed since its
 * base. What compares them (git, in the checkout) is handed in by the run that opened the
 * checkout; the base is looked up here, through the run's pages, unless the run was given one.
 */

import type { PathsResult } from '../core/run-result.js';
import { type DeployedBase, deployedBase } from './deployed-base.js';
import type { Lookups } from './lookups.js';
import type { Action } from './plan-actions.js';
import type { RunTools } from './send-tools.js';

type TriggerAction = Extract<Action, { kind: 'v1.1' | 'v2' }>;

/** What a rule's paths decided: deploy (what was compared, or why nothing was) or skip (why). */
export type PathsVerdict =
  | { fire: true; paths: PathsResult }
  | { fire: false; paths: PathsResult; reason: string };

/** Compares a rule's paths with its base; `findBase` is asked only when no base was given. */
export type PathsGate = (
  action: TriggerAction,
  findBase: () => Promise<DeployedBase>,
) => Promise<PathsVerdict>;

/** The verdict on an action whose rule has paths; undefined for any other. */
export function judgePaths(
  gate: PathsGate | undefined,
  action: TriggerAction,
  tools: RunTools,
  lookups: Lookups,
): Promise<PathsVerdict> | undefined {
  if (gate === undefined || action.rule.paths === undefined) return undefined;
  return gate(action, () => deployedBase(action, tools, lookups));
}
