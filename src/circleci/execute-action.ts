/**
 * One fired rule, sent: approve, or guard against loops and duplicates, trigger, read back.
 * API failures become a failed result for this rule; the other rules still run.
 */

import { ApiError } from '../base/errors.js';
import { describeRef } from '../core/decide.js';
import type { TriggerResult } from '../core/run-result.js';
import { nameBuild, namePipeline } from '../core/trigger-signs.js';
import { approve } from './approve.js';
import { describeAction } from './describe-action.js';
import { onceSkip } from './find-earlier.js';
import { findLost } from './find-lost.js';
import { buildKey, type Lookups } from './lookups.js';
import type { BuildAnswer, PipelineAnswer } from './lost-candidates.js';
import { judgePaths, type PathsGate } from './paths-gate.js';
import type { Action } from './plan-actions.js';
import { readBack } from './read-back.js';
import type { RunTools } from './send-tools.js';

type TriggerAction = Extract<Action, { kind: 'v1.1' | 'v2' }>;

export interface ActionChecks {
  /** deploy order: the superseded line of a branch rule's commit, or undefined */
  superseded: (action: Action) => Promise<string | undefined>;
  /** the loop guard of this run: a reason to skip, or undefined */
  loopGuard: (action: TriggerAction) => Promise<string | undefined>;
  /** --once: skip when this commit's target was already triggered */
  once: boolean;
  /** compares the paths of a rule that has them (undefined: no rule of the run has) */
  paths?: PathsGate | undefined;
  /** the token's user and what earlier actions of this run claimed */
  lookups: Lookups;
  /** told right before the request that may act goes out (it may throw to stop it) */
  onSending?: () => void;
  /** told as soon as CircleCI accepted the trigger, before its read-back */
  onAccepted?: (result: TriggerResult) => void;
}

export async function executeAction(
  action: Action,
  tools: RunTools,
  checks: ActionChecks,
): Promise<TriggerResult> {
  const { logger } = tools;
  const base = describeAction(action);
  const label = `rule "${action.rule.name}"`;
  let result: TriggerResult;
  try {
    const guard = action.kind === 'approve' ? undefined : await checks.loopGuard(action);
    // Deploy order: the check logs its line itself, once a run however many rules it skips.
    const superseded = guard === undefined ? await checks.superseded(action) : undefined;
    if (superseded) return { ...base, status: 'skipped', reason: superseded };
    if (action.kind === 'approve') {
      await approve(action, tools, checks.onSending);
      logger.info(`approved ${action.approvalJob} in workflow ${action.workflowId}`);
      return { ...base, status: 'approved' };
    }
    // Paths: the gate logs its line itself, naming the base.
    const verdict = guard
      ? undefined
      : await judgePaths(checks.paths, action, tools, checks.lookups);
    if (verdict?.fire === false)
      return { ...base, status: 'skipped', reason: verdict.reason, paths: verdict.paths };
    const compared = verdict ? { paths: verdict.paths } : {};
    const skip = guard ?? (checks.once ? await onceSkip(action, tools, checks.lookups) : undefined);
    if (skip) {
      logger.info(`${label} skipped: ${skip}`);
      return { ...base, ...compared, status: 'skipped', reason: skip };
    }
    checks.onSending?.();
    result = { ...(await trigger(action, tools, checks.lookups)), ...compared };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    logger.error(`${label}: ${error.message}`);
    return { ...base, status: 'failed', reason: error.message };
  }
  logger.info(describeTriggered(result, describeRef(action.ref)));
  checks.onAccepted?.(result);
  if (result.pipeline) return await checkPipeline(result, result.pipeline, action, tools);
  return result;
}

const isBuild = (body: unknown): body is BuildAnswer =>
  typeof (body as BuildAnswer | null)?.build_num === 'number';
const isPipeline = (body: unknown): body is PipelineAnswer =>
  typeof (body as PipelineAnswer | null)?.id === 'string';

/**
 * Sends the trigger; a lost answer is looked up before anything is sent again. A 2xx with only a
 * `message` (`pipeline/run`: "Ignoring pipeline due to CI skip in the commit") started nothing.
 */
export async function trigger(
  action: TriggerAction,
  tools: RunTools,
  lookups: Lookups,
): Promise<TriggerResult> {
  const base = describeAction(action);
  const isAnswer = action.kind === 'v1.1' ? isBuild : isPipeline;
  const answer = await tools.client.send<unknown>(action.request, {
    findExisting: findLost(action, tools, lookups),
    isAnswer,
  });
  // A field the answer lacks is left out of the result and said so, never shown as "undefined".
  if (isBuild(answer) && action.kind === 'v1.1') {
    lookups.claimed.add(buildKey(action.project, answer.build_num));
    const url = typeof answer.build_url === 'string' ? { url: answer.build_url } : {};
    return { ...base, status: 'triggered', build: { number: answer.build_num, ...url } };
  }
  if (isPipeline(answer) && action.kind === 'v2') {
    lookups.claimed.add(answer.id);
    const { id, number, state } = answer;
    return {
      ...base,
      status: 'triggered',
      pipeline: {
        id,
        ...(typeof number === 'number' ? { number } : {}),
        ...(typeof state === 'string' ? { state } : {}),
      },
    };
  }
  const message = (answer as { message?: unknown } | null)?.message;
  throw new ApiError(
    `${action.request.method} ${action.request.path}: CircleCI started nothing: ${JSON.stringify(String(message))}; not sending it again`,
  );
}

/**
 * v2 read-back. Whatever goes wrong here, the pipeline exists: the result stays `triggered`,
 * names it, and its `reason` says what else failed (the run then fails, exit 1).
 */
async function checkPipeline(
  result: TriggerResult,
  pipeline: PipelineAnswer,
  action: TriggerAction,
  tools: RunTools,
): Promise<TriggerResult> {
  try {
    // A rule with paths counts this pipeline as a deploy of its commit: it must be this one.
    const read = await readBack(pipeline, action.sha, tools, action.rule.paths !== undefined);
    return { ...result, pipeline: { ...pipeline, ...read } };
  } catch (error) {
    const message =
      error instanceof ApiError
        ? error.message
        : `${namePipeline(pipeline)} was triggered, but checking it failed: ${(error as Error)?.message ?? String(error)}`;
    tools.logger.error(`rule "${action.rule.name}": ${message}`);
    return { ...result, reason: message };
  }
}

function describeTriggered(result: TriggerResult, ref: string): string {
  const target = result.job ? `${result.job} ` : '';
  if (result.build) {
    const { number, url } = result.build;
    return `triggered ${target}on ${ref}: ${nameBuild({ build_num: number, build_url: url })}`;
  }
  if (result.pipeline) return `triggered ${target}on ${ref}: ${namePipeline(result.pipeline)}`;
  return `triggered ${target}on ${ref}`;
}
