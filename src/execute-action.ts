/**
 * One fired rule, sent: approve, or guard against loops and duplicates, trigger, read back.
 * API failures become a failed result for this rule; the other rules still run.
 */
import { slugOf } from './api-paths.js';
import { approve } from './approve.js';
import { describeRef } from './decide.js';
import { ApiError } from './errors.js';
import {
  type BuildAnswer,
  findExisting,
  findExistingBuild,
  findExistingPipeline,
  lookTwice,
  type PipelineAnswer,
} from './find-existing.js';
import type { Action } from './plan-actions.js';
import { readBack } from './read-back.js';
import type { TriggerResult } from './result.js';
import type { RunTools } from './run-tools.js';

type TriggerAction = Extract<Action, { kind: 'v1.1' | 'v2' }>;

export interface ActionChecks {
  /** the loop guard of this run: a reason to skip, or undefined */
  loopGuard: (action: TriggerAction) => Promise<string | undefined>;
  /** --once: skip when this commit's target was already triggered */
  once: boolean;
}

/** The fields every result of this action shares. */
export function describeAction(action: Action): Omit<TriggerResult, 'status'> {
  if (action.kind === 'approve') {
    return { rule: action.rule.name, job: action.approvalJob, api: 'approve', project: null };
  }
  return {
    rule: action.rule.name,
    job: action.job ?? null,
    api: action.kind,
    project: slugOf(action.project),
  };
}

export async function executeAction(
  action: Action,
  tools: RunTools,
  checks: ActionChecks,
): Promise<TriggerResult> {
  const { logger } = tools;
  const base = describeAction(action);
  const label = `rule "${action.rule.name}"`;
  try {
    if (action.kind === 'approve') {
      await approve(action, tools);
      logger.info(`approved ${action.approvalJob} in workflow ${action.workflowId}`);
      return { ...base, status: 'approved' };
    }
    const skip =
      (await checks.loopGuard(action)) ?? (checks.once ? await once(action, tools) : undefined);
    if (skip) {
      logger.info(`${label} skipped: ${skip}`);
      return { ...base, status: 'skipped', reason: skip };
    }
    const result = await trigger(action, tools);
    logger.info(describeTriggered(result, describeRef(action.ref)));
    if (result.pipeline) return await checkPipeline(result, result.pipeline, action, tools);
    return result;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    logger.error(`${label}: ${error.message}`);
    return { ...base, status: 'failed', reason: error.message };
  }
}

async function once(action: TriggerAction, tools: RunTools): Promise<string | undefined> {
  let existing: string | undefined;
  try {
    existing = await findExisting(action, tools);
  } catch (error) {
    throw new ApiError(
      `--once: could not look up earlier triggers of this commit (${(error as Error).message}); not triggering, to never trigger twice`,
    );
  }
  return existing && `already triggered for this commit: ${existing} (--once)`;
}

/** Sends the trigger; a lost answer is looked up before anything is sent again. */
export async function trigger(action: TriggerAction, tools: RunTools): Promise<TriggerResult> {
  const base = describeAction(action);
  if (action.kind === 'v1.1') {
    const build = await tools.client.send<BuildAnswer>(action.request, {
      findExisting: lookTwice(() => findExistingBuild(action, tools), tools),
    });
    if (typeof build?.build_num !== 'number') return acceptedWithoutAnswer(base, tools);
    return {
      ...base,
      status: 'triggered',
      build: { number: build.build_num, url: build.build_url },
    };
  }
  const pipeline = await tools.client.send<PipelineAnswer>(action.request, {
    findExisting: lookTwice(() => findExistingPipeline(action, tools), tools),
  });
  if (typeof pipeline?.id !== 'string') return acceptedWithoutAnswer(base, tools);
  return {
    ...base,
    status: 'triggered',
    pipeline: {
      id: pipeline.id,
      number: pipeline.number,
      ...(pipeline.state ? { state: pipeline.state } : {}),
    },
  };
}

/** A 2xx is acceptance, even when the answer does not say what was started. */
function acceptedWithoutAnswer(
  base: Omit<TriggerResult, 'status'>,
  tools: RunTools,
): TriggerResult {
  tools.logger.warn(
    `rule "${base.rule}": CircleCI accepted the trigger but did not say what it started`,
  );
  return { ...base, status: 'triggered' };
}

/** v2 read-back: an errored pipeline turns the trigger into a failure; it still names the pipeline. */
async function checkPipeline(
  result: TriggerResult,
  pipeline: PipelineAnswer,
  action: TriggerAction,
  tools: RunTools,
): Promise<TriggerResult> {
  try {
    const state = await readBack(pipeline, action.sha, tools);
    return state ? { ...result, pipeline: { ...pipeline, state } } : result;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    tools.logger.error(`rule "${action.rule.name}": ${error.message}`);
    return { ...result, status: 'failed', reason: error.message };
  }
}

function describeTriggered(result: TriggerResult, ref: string): string {
  const target = result.job ? `${result.job} ` : '';
  if (result.build)
    return `triggered ${target}on ${ref}: build ${result.build.number} ${result.build.url}`;
  if (result.pipeline)
    return `triggered ${target}on ${ref}: pipeline ${result.pipeline.number} (${result.pipeline.id})`;
  return `triggered ${target}on ${ref}`;
}
