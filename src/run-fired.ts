/**
 * The run once a rule fires: the plan, the config check, then the dry run's requests, or the
 * sending (send-planned.ts, loaded only then).
 */
import { userAgentOf } from './circleci/api-paths.js';
import { approveRequests, describeAction } from './circleci/describe-action.js';
import { planNodeWait } from './circleci/plan-node-wait.js';
import { renderRequest } from './cli/render-request.js';
import { checkedRules } from './config-check/checked-rules.js';
import type { Decision } from './core/decide.js';
import { type Action, planActions } from './core/plan-actions.js';
import type { BuildContext } from './core/read-context.js';
import type { RuleSet } from './core/rules.js';
import type { RunResult, TriggerResult } from './result.js';
import type { RunDeps, RunOptions } from './run.js';
import { checkConfigOfRun } from './run-config-check.js';

export async function runFired(
  decision: Extract<Decision, { action: 'fire' }>,
  context: BuildContext,
  ruleSet: RuleSet,
  options: RunOptions,
  deps: RunDeps,
): Promise<RunResult> {
  const actions = planActions(decision.fired, decision.ref, context, ruleSet);
  const nodeWait = options.waitForNodes ? planNodeWait(context, options.node) : undefined;
  const header = { ref: decision.ref, sha: actions[0]?.sha ?? '' };
  const fired = decision.fired.map((evaluation) => evaluation.rule);
  if (options.config && checkedRules(fired).length > 0) {
    await checkConfigOfRun(options.config, { ruleSet, fired, ref: decision.ref }, options, deps);
  }
  if (options.dryRun) {
    const userAgent = userAgentOf(deps.version);
    const triggers = actions.map(
      (action): TriggerResult => dryRun(action, options.host, userAgent),
    );
    return { decision: 'dry-run', reason: `dry run: ${decision.reason}`, ...header, triggers };
  }
  deps.progress?.planned(decision.reason, header, actions.map(describeAction));
  // Loaded only here: a dry run never loads the sending code.
  const { sendPlanned } = await import('./send-planned.js');
  return sendPlanned(actions, decision.reason, { context, ruleSet, nodeWait }, options, deps);
}

function dryRun(action: Action, host: string, userAgent: string): TriggerResult {
  const base = describeAction(action);
  const requests = action.kind === 'approve' ? approveRequests(action) : [action.request];
  const rendered = requests.map((request) => renderRequest(request, host, userAgent));
  return { ...base, status: 'dry-run', requests: rendered };
}
