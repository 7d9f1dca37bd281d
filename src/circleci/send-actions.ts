/**
 * The sending half of a run, once the plan is known: wait for the other nodes (--wait-for-nodes),
 * send each action, then follow what was triggered (--wait). Returns the run's result.
 */
import type { Logger } from '../base/io.js';
import { isSuperseded, SUPERSEDED } from '../core/deploy-order.js';
import { type RunResult, skippedForPaths, type TriggerResult } from '../core/run-result.js';
import { describeAction, notNeeded } from './describe-action.js';
import { executeAction } from './execute-action.js';
import { refuseGitLab } from './gitlab-check.js';
import { createLookups } from './lookups.js';
import { createLoopGuard } from './loop-guard.js';
import type { PathsGate } from './paths-gate.js';
import type { Action } from './plan-actions.js';
import type { NodeWait } from './plan-node-wait.js';
import type { RunTools } from './send-tools.js';
import { createSupersededCheck } from './superseded.js';
import { waitForNodes } from './wait-for-nodes.js';
import { waitForOutcomes } from './wait-for-outcome.js';
import type { WaitTarget } from './wait-pipeline.js';

/** Told what happens to each action (by its index in the plan), for a run stopped by a signal. */
export interface ActionProgress {
  /** a request that may act (a trigger, an approval) is about to go out; may throw to stop it */
  sending(index: number): void;
  /** CircleCI accepted the trigger: the build or pipeline exists (read-back and --wait follow) */
  accepted(index: number, result: TriggerResult): void;
  /** the action's result */
  done(index: number, result: TriggerResult): void;
}

export interface SendActionsOptions {
  once: boolean;
  /** deploy order: skip a branch rule whose commit a newer push superseded (default on) */
  supersededCheck?: boolean;
  /** the loop guard; --no-loop-guard turns it off */
  loopGuard: boolean;
  wait: boolean;
  /** --wait-timeout, shared by --wait and --wait-for-nodes */
  waitMs: number;
  /** what --wait-for-nodes waits for; undefined: nothing */
  nodeWait: NodeWait | undefined;
  /** compares the paths of the rules that have them (the run opened the checkout) */
  paths?: PathsGate | undefined;
  /** told what happens to each action as soon as it happens */
  progress?: ActionProgress;
}

export async function sendActions(
  actions: Action[],
  reason: string,
  tools: RunTools,
  options: SendActionsOptions,
): Promise<RunResult> {
  const header = { ref: actions[0]?.ref, sha: actions[0]?.sha ?? '' };
  const lookups = createLookups(tools);
  await refuseGitLab(actions, tools, lookups);
  if (options.nodeWait) {
    const failure = await waitForNodes(options.nodeWait, tools, options.waitMs);
    if (failure) return notTriggered(`not triggering: ${failure}`, actions, header, tools.logger);
  }
  const checks = {
    superseded: createSupersededCheck(tools, lookups, options.supersededCheck !== false),
    loopGuard: createLoopGuard(tools, lookups, options.loopGuard),
    once: options.once,
    paths: options.paths,
    lookups,
  };
  const triggers: TriggerResult[] = [];
  const { progress } = options;
  // match: first: a rule skipped for its paths lets the next one try; any other outcome decides.
  let decided: string | undefined;
  for (let i = 0; i < actions.length; i++) {
    const action = actions[i] as Action;
    const result = decided
      ? notNeeded(action, decided)
      : await executeAction(action, tools, {
          ...checks,
          ...(progress && {
            onSending: () => progress.sending(i),
            onAccepted: (accepted: TriggerResult) => progress.accepted(i, accepted),
          }),
        });
    triggers.push(result);
    progress?.done(i, result);
    if (tools.ruleSet.match === 'first' && !skippedForPaths(result)) decided ??= result.rule;
  }
  const result = summarize(triggers, reason, header);
  if (!options.wait || result.decision !== 'triggered') return result;
  const targets = waitTargets(actions, triggers, tools.logger);
  if (!(await waitForOutcomes(targets, tools, options.waitMs))) return result;
  const ended = targets.map((t) => t.result).filter((t) => t.outcome && !t.outcome.success);
  const what = ended.map((t) => `rule "${t.rule}" ${t.outcome?.detail ?? t.outcome?.status}`);
  return { ...result, reason: `${result.reason}; --wait: ${what.join('; ')}`, waitFailed: true };
}

type Header = Pick<RunResult, 'ref' | 'sha'>;

/**
 * Failed when any rule failed, or something failed after a trigger was accepted (that trigger
 * stays `triggered` and named); skipped when every rule was (loop guard, --once).
 */
function summarize(triggers: TriggerResult[], reason: string, header: Header): RunResult {
  const failed = triggers.filter(
    (t) => t.status === 'failed' || (t.status === 'triggered' && t.reason),
  );
  if (failed.length > 0) {
    return {
      decision: 'failed',
      reason: failed.map((t) => t.reason).join('; '),
      ...header,
      triggers,
    };
  }
  if (triggers.every((t) => t.status === 'skipped')) {
    // Every rule superseded: the reason is the word itself, for --json and $BASH_ENV.
    const superseded = triggers.every((t) => isSuperseded(t.reason));
    // Every rule skipped for its paths: none fired (--fail-on-no-match counts it so).
    const forPaths = triggers.every(skippedForPaths);
    return {
      decision: 'skipped',
      reason: superseded ? SUPERSEDED : triggers.map((t) => t.reason).join('; '),
      ...(forPaths ? { skip: 'paths' as const } : {}),
      ...header,
      triggers,
    };
  }
  return { decision: 'triggered', reason, ...header, triggers };
}

/** The triggered builds and pipelines, each with the project it is read from. */
function waitTargets(actions: Action[], triggers: TriggerResult[], logger: Logger): WaitTarget[] {
  const targets: WaitTarget[] = [];
  actions.forEach((action, i) => {
    const result = triggers[i];
    if (result?.status === 'approved') {
      logger.info(`--wait does not follow approvals: ${result.job} runs in this workflow`);
    } else if (
      result?.status === 'triggered' &&
      action.kind !== 'approve' &&
      (result.build || result.pipeline)
    ) {
      targets.push({ result, project: action.project, job: action.job });
    }
  });
  return targets;
}

/** Nothing was sent: every fired rule fails with the same reason. */
function notTriggered(
  reason: string,
  actions: Action[],
  header: Header,
  logger: Logger,
): RunResult {
  logger.error(reason);
  const triggers = actions.map(
    (a): TriggerResult => ({ ...describeAction(a), status: 'failed', reason }),
  );
  return { decision: 'failed', reason, ...header, triggers };
}
