/**
 * The sending of a planned run: the token, the API client, then each action. Loaded by
 * plan.ts only when a rule fires without --dry-run.
 */
import { clientFor } from '../circleci/circleci-client.js';
import { findToken } from '../circleci/find-token.js';
import type { PathsGate } from '../circleci/paths-gate.js';
import type { Action } from '../circleci/plan-actions.js';
import type { NodeWait } from '../circleci/plan-node-wait.js';
import { sendActions } from '../circleci/send-actions.js';
import type { RunTools } from '../circleci/send-tools.js';
import type { BuildContext } from '../core/read-context.js';
import type { RuleSet } from '../core/rules.js';
import type { RunResult } from '../core/run-result.js';
import { DEFAULT_WAIT_TIMEOUT_SECONDS, type RunDeps, type RunOptions } from './options.js';

export async function sendPlanned(
  actions: Action[],
  reason: string,
  plan: {
    context: BuildContext;
    ruleSet: RuleSet;
    nodeWait: NodeWait | undefined;
    paths: PathsGate | undefined;
  },
  options: RunOptions,
  deps: RunDeps,
): Promise<RunResult> {
  const { logger } = deps;
  const token = findToken(options.tokenEnv, deps.env);
  deps.onSecret?.(token.value);
  const sleep =
    deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const client = clientFor(token, options, { ...deps, logger, sleep });
  const tools: RunTools = {
    client,
    logger,
    sleep,
    now: deps.now ?? Date.now,
    timeoutMs: options.timeoutSeconds * 1000,
    host: options.host,
    ruleSet: plan.ruleSet,
    context: plan.context,
  };
  return sendActions(actions, reason, tools, {
    once: options.once === true,
    supersededCheck: options.allowSuperseded !== true,
    loopGuard: options.loopGuard !== false,
    wait: options.wait === true,
    waitMs: (options.waitTimeoutSeconds ?? DEFAULT_WAIT_TIMEOUT_SECONDS) * 1000,
    nodeWait: plan.nodeWait,
    paths: plan.paths,
    ...(deps.progress ? { progress: deps.progress } : {}),
  });
}
