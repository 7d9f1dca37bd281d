/**
 * One run, in the contract's order: rules, decision, plan, then (unless --dry-run) the requests.
 * Every side effect comes in through `deps`; the result is data for the CLI to print.
 */
import type { Logger } from 'pino';
import { createClient } from './circleci-client.js';
import { decide, describeRef } from './decide.js';
import { ApiError, UsageError } from './errors.js';
import { describeAction, trigger } from './execute-action.js';
import { parseRules } from './parse-rules.js';
import { type Action, planActions } from './plan-actions.js';
import { type Env, readContext } from './read-context.js';
import { renderRequest } from './render-request.js';
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
}

export interface RunDeps {
  env: Env;
  readFile: (path: string) => Promise<string>;
  logger: Logger;
  /** called with the token once it is known, so every output can hide it */
  onSecret?: (secret: string) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export async function run(options: RunOptions, deps: RunDeps): Promise<RunResult> {
  const { logger } = deps;
  const ruleSet = parseRules(await readRules(options.rules, deps), options.rules);
  logger.debug(`read ${ruleSet.rules.length} rule(s) from ${options.rules}`);
  const context = readContext(deps.env);
  const decision = decide(context, ruleSet, { node: options.node });
  if (decision.action === 'skip') {
    logger.info(`skipped: ${decision.reason}`);
    return { decision: 'skipped', reason: decision.reason, skip: decision.kind, triggers: [] };
  }
  logger.info(decision.reason);
  const actions = planActions(decision.fired, decision.ref, context, ruleSet);
  const header = { ref: decision.ref, sha: actions[0]?.sha ?? '' };
  if (options.dryRun) {
    const triggers = actions.map((action): TriggerResult => dryRun(action, options.host));
    return { decision: 'dry-run', reason: `dry run: ${decision.reason}`, ...header, triggers };
  }
  const token = findToken(options.tokenEnv, deps.env);
  deps.onSecret?.(token.value);
  const client = createClient({
    host: options.host,
    token: token.value,
    tokenEnv: token.name,
    timeoutMs: options.timeoutSeconds * 1000,
    retries: options.retries,
    logger,
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    ...(deps.random ? { random: deps.random } : {}),
  });
  const triggers: TriggerResult[] = [];
  for (const action of actions) {
    if (action.kind === 'approve') throw new UsageError('approve rules are not supported yet');
    try {
      const result = await trigger(action, client);
      logger.info(describeTriggered(result, describeRef(action.ref)));
      triggers.push(result);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      logger.error(`rule "${action.rule.name}": ${error.message}`);
      triggers.push({ ...describeAction(action), status: 'failed', reason: error.message });
    }
  }
  const failed = triggers.filter((t) => t.status === 'failed');
  return {
    decision: failed.length > 0 ? 'failed' : 'triggered',
    reason: failed.length > 0 ? (failed.map((t) => t.reason).join('; ') ?? '') : decision.reason,
    ...header,
    triggers,
  };
}

async function readRules(path: string, deps: RunDeps): Promise<string> {
  try {
    return await deps.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : (code ?? (error as Error).message);
    throw new UsageError(`cannot read rules file ${path}: ${why} (set --rules)`);
  }
}

function dryRun(action: Action, host: string): TriggerResult {
  const base = describeAction(action);
  if (action.kind === 'approve') return { ...base, status: 'dry-run' };
  return { ...base, status: 'dry-run', requests: [renderRequest(action.request, host)] };
}

/** The token from --token-env, else CIRCLE_API_TOKEN, else CIRCLE_TOKEN. */
function findToken(tokenEnv: string | undefined, env: Env): { name: string; value: string } {
  const names = tokenEnv ? [tokenEnv] : ['CIRCLE_API_TOKEN', 'CIRCLE_TOKEN'];
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  throw new UsageError(
    tokenEnv
      ? `no API token: ${tokenEnv} (named by --token-env) is not set or empty`
      : 'no API token: set CIRCLE_API_TOKEN (or CIRCLE_TOKEN) to a personal API token in the project or a context, or name another variable with --token-env',
  );
}

function describeTriggered(result: TriggerResult, ref: string): string {
  const target = result.job ? `${result.job} ` : '';
  if (result.build)
    return `triggered ${target}on ${ref}: build ${result.build.number} ${result.build.url}`;
  if (result.pipeline)
    return `triggered ${target}on ${ref}: pipeline ${result.pipeline.number} (${result.pipeline.id})`;
  return `triggered ${target}on ${ref}`;
}
