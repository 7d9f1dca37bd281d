/**
 * The run once a rule fires: the plan, the config check, then the dry run's requests, or the
 * sending (send-planned.ts, loaded only then).
 */
import { userAgentOf } from './circleci/api-paths.js';
import { approveRequests, describeAction } from './circleci/describe-action.js';
import { planNodeWait } from './circleci/plan-node-wait.js';
import { checkBeforeSendingOn } from './cli/isolated.js';
import { renderRequest } from './cli/render-request.js';
import { checkedRules } from './config-check/checked-rules.js';
import type { Decision } from './core/decide.js';
import { type Action, planActions } from './core/plan-actions.js';
import type { BuildContext } from './core/read-context.js';
import type { RuleSet } from './core/rules.js';
import { UsageError } from './errors.js';
import type { RunResult, TriggerResult } from './result.js';
import type { RunDeps, RunOptions } from './run.js';

export async function runFired(
  decision: Extract<Decision, { action: 'fire' }>,
  context: BuildContext,
  ruleSet: RuleSet,
  options: RunOptions,
  deps: RunDeps,
): Promise<RunResult> {
  const { logger } = deps;
  const actions = planActions(decision.fired, decision.ref, context, ruleSet);
  const nodeWait = options.waitForNodes ? planNodeWait(context, options.node) : undefined;
  const header = { ref: decision.ref, sha: actions[0]?.sha ?? '' };
  const fired = decision.fired.map((evaluation) => evaluation.rule);
  if (options.config && checkedRules(fired).length > 0) {
    const source = options.config;
    // A config that is not there (and not named by --config) is not checked, and then the check
    // is not even loaded: the file is read first, once, and the check reads what was read.
    const text = source.explicit ? undefined : (async () => deps.readFile(source.path))();
    const missing = await text?.then(
      () => false,
      (error: NodeJS.ErrnoException) => error?.code === 'ENOENT',
    );
    if (missing) logger.debug(`${source.path} not checked against the rules (no such file)`);
    else if (deps.isolate) {
      const input = { source, ruleSet, fired, ref: decision.ref, rulesPath: options.rules };
      await checkBeforeSendingOn(deps.isolate, input, logger).catch((error: unknown) => {
        if (error instanceof UsageError) throw error;
        // The thread of the check failed (out of memory, say): the config is not checked.
        logger.warn(
          `${source.path} could not be checked against the rules (${(error as Error)?.message}); the config is not checked against the rules`,
        );
      });
    } else {
      // Loaded only here: the skip paths never load the YAML parser.
      const { checkBeforeSending } = await import('./config-check/before-sending.js');
      await checkBeforeSending(source, ruleSet, fired, decision.ref, {
        ...deps,
        readFile: (path) =>
          text !== undefined && path === source.path ? text : deps.readFile(path),
        rulesPath: options.rules,
      });
    }
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
