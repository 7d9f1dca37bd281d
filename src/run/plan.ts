/**
 * The run once a rule fires: the plan, the checkout of rules with paths, the config check, then
 * the dry run's requests, or the sending (send.ts, loaded only then).
 */
import { approveRequests, describeAction } from '../circleci/describe-action.js';
import type { PathsGate } from '../circleci/paths-gate.js';
import { type Action, planActions } from '../circleci/plan-actions.js';
import { planNodeWait } from '../circleci/plan-node-wait.js';
import { renderRequest } from '../circleci/render-request.js';
import { userAgentOf } from '../circleci/request-headers.js';
import { checkedRules } from '../config-check/checked-rules.js';
import type { Decision } from '../core/decide.js';
import type { BuildContext } from '../core/read-context.js';
import type { RuleSet } from '../core/rules.js';
import { type RunResult, skippedForPaths, type TriggerResult } from '../core/run-result.js';
import { checkConfigOfRun } from './config-check.js';
import type { RunDeps, RunOptions } from './options.js';

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
  // Loaded only for rules with paths whose branch matched: no other run loads git's code.
  const withPaths = actions.some((a) => a.rule.paths !== undefined)
    ? await import('./paths.js')
    : undefined;
  const paths = withPaths && (await openPaths(withPaths, actions, options, deps));
  if (options.config && checkedRules(fired).length > 0) {
    await checkConfigOfRun(options.config, { ruleSet, fired, ref: decision.ref }, options, deps);
  }
  if (options.dryRun) {
    const userAgent = userAgentOf(deps.version);
    const render = (action: Action) => dryRun(action, options.host, userAgent);
    const triggers = !withPaths
      ? actions.map(render)
      : paths
        ? await withPaths.dryRunPaths(actions, paths, ruleSet, render)
        : withPaths.unevaluated(actions, ruleSet, render);
    const reason = `dry run: ${decision.reason}`;
    if (triggers.every(skippedForPaths))
      return { decision: 'skipped', reason, skip: 'paths', ...header, triggers };
    return { decision: 'dry-run', reason, ...header, triggers };
  }
  deps.progress?.planned(decision.reason, header, actions.map(describeAction));
  // Loaded only here: a dry run never loads the sending code.
  const { sendPlanned } = await import('./send.js');
  return sendPlanned(
    actions,
    decision.reason,
    { context, ruleSet, nodeWait, paths },
    options,
    deps,
  );
}

/**
 * The checkout of the fired rules with paths, opened before anything is read; a dry run opens it
 * only to compare with --paths-base.
 */
function openPaths(
  withPaths: typeof import('./paths.js'),
  actions: readonly Action[],
  options: RunOptions,
  deps: RunDeps,
): Promise<PathsGate> | undefined {
  const sha = actions[0]?.sha;
  if (sha === undefined || (options.dryRun && options.pathsBase === undefined)) return undefined;
  return withPaths.openPaths(actions, {
    dir: options.repoDir ?? '.',
    sha,
    env: deps.env,
    signal: deps.signal,
    logger: deps.logger,
    given: options.pathsBase,
  });
}

function dryRun(action: Action, host: string, userAgent: string): TriggerResult {
  const base = describeAction(action);
  const requests = action.kind === 'approve' ? approveRequests(action) : [action.request];
  const rendered = requests.map((request) => renderRequest(request, host, userAgent));
  return { ...base, status: 'dry-run', requests: rendered };
}
