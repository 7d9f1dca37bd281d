/**
 * One run, in the contract's order: rules, decision, plan, then (unless --dry-run) the requests.
 * Every side effect comes in through `deps`; the result is data for the CLI to print.
 */
import type { Logger } from 'pino';
import type { RunProgress } from './cli/interruption.js';
import type { Isolate } from './cli/isolated.js';
import { loadRules } from './cli/load-rules.js';
import { decide } from './core/decide.js';
import { type Env, readContext } from './core/read-context.js';
import type { RunResult } from './result.js';
import { runFired } from './run-fired.js';

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
  /** --allow-superseded: deploy a commit of a branch that a newer push superseded */
  allowSuperseded?: boolean;
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
  /** --repo-dir: the checkout rules with paths are compared in (default: the working directory) */
  repoDir?: string;
  /** --paths-base: the commit rules with paths compare with, and the option's name as given */
  pathsBase?: { sha: string; origin: string };
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
  /** runs the config check on another thread, so that a signal never waits for it */
  isolate?: Isolate;
  /** aborted when a signal stops the run: git, run for rules with paths, stops with it */
  signal?: AbortSignal;
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
  return runFired(decision, context, ruleSet, options, deps);
}
