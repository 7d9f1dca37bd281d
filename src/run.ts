/**
 * One run, in the contract's order: rules, decision, plan, then (unless --dry-run) the requests.
 * Every side effect comes in through `deps`; the result is data for the CLI to print.
 */
import type { Logger } from 'pino';
import { approveRequests } from './circleci/approve.js';
import { createClient } from './circleci/circleci-client.js';
import { describeAction } from './circleci/execute-action.js';
import type { RunTools } from './circleci/run-tools.js';
import { sendActions } from './circleci/send-actions.js';
import { planNodeWait } from './circleci/wait-for-nodes.js';
import { findToken } from './cli/find-token.js';
import type { RunProgress } from './cli/interruption.js';
import { loadRules } from './cli/load-rules.js';
import { renderRequest } from './cli/render-request.js';
import { checkedRules } from './config-check/checked-rules.js';
import { decide } from './core/decide.js';
import { type Action, planActions } from './core/plan-actions.js';
import { type Env, readContext } from './core/read-context.js';
import type { RunResult, TriggerResult } from './result.js';

export interface RunOptions {
  /** path of the rules file */
  rules: string;
  dryRun: boolean;
  /** API origin, already validated */
  host: string;
  /** variable holding the token; undefined: CIRCLE_API_TOKEN, then CIRCLE_TOKEN */
  tokenEnv: string | undefined;
  /** the parallel container that may trigger */
  node: number;
  timeoutSeconds: number;
  retries: number;
  /** --once: skip a target this commit already triggered */
  once?: boolean;
  /** --wait: follow each build or pipeline to its end */
  wait?: boolean;
  /** limit of --wait and --wait-for-nodes (default 1800) */
  waitTimeoutSeconds?: number;
  /** --wait-for-nodes: trigger only after every other parallel node succeeded */
  waitForNodes?: boolean;
  /** the loop guard (default on; --no-loop-guard turns it off) */
  loopGuard?: boolean;
  /**
   * the CircleCI config to check the fired rules against, and whether the user named it (then it
   * must exist); undefined: no check (--no-config-check)
   */
  config?: { path: string; explicit: boolean };
}

export interface RunDeps {
  env: Env;
  readFile: (path: string) => Promise<string>;
  logger: Logger;
  /** called with the token once it is known, so every output can hide it */
  onSecret?: (secret: string) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** the clock of --wait, --wait-for-nodes and lookups, in ms */
  now?: () => number;
  /** the tool's version, sent as `User-Agent: cci-conditional/<version>` */
  version?: string;
  /** told the plan and each result as they come, for a run stopped by a signal */
  progress?: RunProgress;
}

export const DEFAULT_WAIT_TIMEOUT_SECONDS = 1800;

export async function run(options: RunOptions, deps: RunDeps): Promise<RunResult> {
  const { logger } = deps;
  const ruleSet = await loadRules(options.rules, deps.readFile);
  logger.debug(`read ${ruleSet.rules.length} rule(s) from ${options.rules}`);
  const context = readContext(deps.env);
  const decision = decide(context, ruleSet, { node: options.node });
  if (decision.action === 'skip') {
    logger.info(`skipped: ${decision.reason}`);
    return { decision: 'skipped', reason: decision.reason, skip: decision.kind, triggers: [] };
  }
  logger.info(decision.reason);
  const actions = planActions(decision.fired, decision.ref, context, ruleSet);
  const nodeWait = options.waitForNodes ? planNodeWait(context, options.node) : undefined;
  const header = { ref: decision.ref, sha: actions[0]?.sha ?? '' };
  const fired = decision.fired.map((evaluation) => evaluation.rule);
  if (options.config && checkedRules(fired).length > 0) {
    // Loaded only here: the skip paths never load the YAML parser.
    const { checkBeforeSending } = await import('./config-check/before-sending.js');
    await checkBeforeSending(options.config, ruleSet, fired, decision.ref, {
      ...deps,
      rulesPath: options.rules,
    });
  }
  if (options.dryRun) {
    const triggers = actions.map((action): TriggerResult => dryRun(action, options.host));
    return { decision: 'dry-run', reason: `dry run: ${decision.reason}`, ...header, triggers };
  }
  deps.progress?.planned(decision.reason, header, actions.map(describeAction));
  const token = findToken(options.tokenEnv, deps.env);
  deps.onSecret?.(token.value);
  const sleep =
    deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const client = createClient({
    host: options.host,
    token: token.value,
    tokenEnv: token.name,
    timeoutMs: options.timeoutSeconds * 1000,
    retries: options.retries,
    userAgent: `cci-conditional/${deps.version ?? 'unknown'}`,
    logger,
    sleep,
    ...(deps.random ? { random: deps.random } : {}),
  });
  const tools: RunTools = {
    client,
    logger,
    sleep,
    now: deps.now ?? Date.now,
    host: options.host,
    ruleSet,
    context,
  };
  return sendActions(actions, decision.reason, tools, {
    once: options.once === true,
    loopGuard: options.loopGuard !== false,
    wait: options.wait === true,
    waitMs: (options.waitTimeoutSeconds ?? DEFAULT_WAIT_TIMEOUT_SECONDS) * 1000,
    nodeWait,
    ...(deps.progress ? { onResult: deps.progress.done } : {}),
  });
}

function dryRun(action: Action, host: string): TriggerResult {
  const base = describeAction(action);
  const requests = action.kind === 'approve' ? approveRequests(action) : [action.request];
  return { ...base, status: 'dry-run', requests: requests.map((r) => renderRequest(r, host)) };
}
