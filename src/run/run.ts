/**
 * One run, in order: the rules, the decision, then for a rule that fires the plan and (unless
 * --dry-run) the requests (plan.ts). Every side effect comes in through `deps`; the result is
 * data for the CLI to print.
 */
import { decide } from '../core/decide.js';
import { loadRules } from '../core/load-rules.js';
import { readContext } from '../core/read-context.js';
import type { RunResult } from '../core/run-result.js';
import type { RunDeps, RunOptions } from './options.js';
import { runFired } from './plan.js';

export type { RunDeps, RunOptions } from './options.js';

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
