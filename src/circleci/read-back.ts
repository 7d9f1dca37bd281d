/**
 * After a v2 trigger: CircleCI answers 201 before it has read the target config, so the new
 * pipeline is read until it leaves its setup states. Undeclared parameters only show up here.
 */

import { ApiError } from '../base/errors.js';
import { gitOfPipeline, namePipeline, type PipelineSummary } from '../core/trigger-signs.js';
import { apiPaths } from './api-paths.js';
import type { PipelineAnswer } from './lost-candidates.js';
import type { RunTools } from './send-tools.js';

interface PipelineState extends Partial<PipelineSummary> {
  /** an array of `{type, message}` when CircleCI is well; anything when it is not */
  errors?: unknown;
}

const SETUP_STATES = new Set(['setup-pending', 'setup', 'pending']);
/** Waits between reads: about 5 s in all, enough for setup on a normal day. */
const READ_DELAYS_MS = [500, 1000, 1500, 2000];

/** What the read-back learnt: the last known state, and the number when the answer lacked it. */
export interface ReadBack {
  state?: string;
  number?: number;
}

/**
 * Reads the pipeline until it is set up (a few seconds at most). Throws an ApiError when it
 * errored; returns its last known state. A read that fails only costs the check, not the trigger.
 */
export async function readBack(
  pipeline: PipelineAnswer,
  sha: string,
  tools: RunTools,
  /** a rule with paths: a pipeline of another commit fails the rule (it would count as its deploy) */
  pinned = false,
): Promise<ReadBack> {
  const { logger } = tools;
  const name = namePipeline(pipeline);
  let read: PipelineState | null | undefined;
  const known = (state: string | undefined): ReadBack => ({
    ...(state === undefined ? {} : { state }),
    ...(typeof read?.number === 'number' ? { number: read.number } : {}),
  });
  for (let i = 0; ; i++) {
    try {
      read = await tools.client.send<PipelineState | null>({
        method: 'GET',
        path: apiPaths.v2Pipeline(pipeline.id),
      });
    } catch (error) {
      logger.warn(`could not read ${name} back (${(error as Error).message}); not checking it`);
      return { ...(pipeline.state === undefined ? {} : { state: pipeline.state }) };
    }
    if (typeof read !== 'object' || read === null || Array.isArray(read)) {
      logger.warn(
        `could not read ${name} back (the answer was ${JSON.stringify(read) ?? 'empty'}); not checking it`,
      );
      return { ...(pipeline.state === undefined ? {} : { state: pipeline.state }) };
    }
    if (!SETUP_STATES.has(read.state ?? '')) break;
    const delay = READ_DELAYS_MS[i];
    if (delay === undefined) {
      if (pinned) checkPinned(name, read, sha);
      logger.info(`${name} is still in state ${read.state}; not waiting for its setup`);
      return known(read.state);
    }
    await tools.sleep(delay);
  }
  const errors = errorsOf(read.errors);
  if (read.state === 'errored' || errors.length > 0)
    throw new ApiError(erroredMessage(name, read.state, errors, tools));
  // Pipeline-definition runs may have no vcs block: their commit is in the git context.
  const revision = gitOfPipeline(read as PipelineSummary).revision;
  if (pinned) checkPinned(name, read, sha);
  if (revision && revision !== sha) {
    logger.warn(
      `${name} runs ${revision}, not ${sha}: the branch moved on (v2 runs the branch head); the target job should check out or verify << pipeline.parameters.${tools.ruleSet.shaParameter ?? 'target_sha'} >>`,
    );
  }
  return known(read.state);
}

/**
 * A rule with paths takes the commit of its last successful deploy as its next base: a pipeline
 * that runs another commit than this build's (the branch moved on) would count as a deploy of
 * that commit, which this rule never compared. It fails the rule (exit 1).
 */
function checkPinned(name: string, read: PipelineState, sha: string): void {
  const revision = gitOfPipeline(read as PipelineSummary).revision;
  if (revision === undefined || revision === sha) return;
  throw new ApiError(
    `${name} runs ${revision}, not this build's ${sha}: the branch moved on (v2 runs the branch head), and its deploy would count as one of ${revision}, whose paths this rule did not compare; failing the rule`,
  );
}

/** Each error as `type: message`; a malformed `errors` is still an error, quoted as it came. */
function errorsOf(errors: unknown): string[] {
  if (errors === undefined || errors === null) return [];
  if (!Array.isArray(errors)) return [cut(JSON.stringify(errors))];
  return errors.map((e: { type?: unknown; message?: unknown } | null) =>
    typeof e?.message === 'string'
      ? `${typeof e.type === 'string' ? `${e.type}: ` : ''}${e.message}`.trim()
      : cut(JSON.stringify(e) ?? String(e)),
  );
}

const cut = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text);

function erroredMessage(
  name: string,
  state: string | undefined,
  quoted: string[],
  tools: RunTools,
): string {
  const text =
    quoted.length > 0 ? quoted.map((q) => JSON.stringify(q)).join(', ') : 'no error given';
  const undeclared = quoted.some((q) =>
    /unexpected argument|undeclared|not declared|unknown parameter/i.test(q),
  );
  const { jobParameter, shaParameter } = tools.ruleSet;
  const names = shaParameter ? `${jobParameter} and ${shaParameter}` : jobParameter;
  const hint = undeclared
    ? `: declare ${names} (and any rule parameters) under \`parameters:\` in the target project's config`
    : '';
  return `${name} was created but ${state === 'errored' ? 'errored' : 'has errors'}: ${text}${hint}`;
}
