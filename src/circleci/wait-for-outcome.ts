/**
 * --wait: follows each triggered build (v1.1) or pipeline (v2) to its end, one progress line per
 * state change, and records how it ended in the result's `outcome`.
 */

import { elapsedText } from '../core/elapsed.js';
import type { TriggerResult } from '../core/run-result.js';
import { namePipeline } from '../core/trigger-signs.js';
import { apiPaths } from './api-paths.js';
import type { RunTools } from './send-tools.js';
import { HEARTBEAT_MS, pipelineAppUrl, pollDelay } from './wait-pace.js';
import { type Look, lookAtPipeline, type WaitTarget } from './wait-pipeline.js';

type Outcome = NonNullable<TriggerResult['outcome']>;

/** Waits for every target within one shared deadline; true when any did not succeed. */
export async function waitForOutcomes(
  targets: readonly WaitTarget[],
  tools: RunTools,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = tools.now() + timeoutMs;
  let failed = false;
  for (const target of targets) {
    const outcome = await waitForOne(target, tools, deadline, timeoutMs);
    target.result.outcome = outcome;
    if (!outcome.success) failed = true;
  }
  return failed;
}

async function waitForOne(
  target: WaitTarget,
  tools: RunTools,
  deadline: number,
  timeoutMs: number,
): Promise<Outcome> {
  const { build, pipeline, project } = target.result;
  const name = build ? `build ${build.number}` : namePipeline(pipeline ?? { id: '' });
  const url = build
    ? build.url
    : pipeline?.number === undefined
      ? undefined
      : pipelineAppUrl(tools.host, project ?? '', pipeline.number);
  const look = build
    ? lookAtBuild(target, build.number, tools)
    : lookAtPipeline(target, tools, deadline);
  let last: string | undefined;
  let lastAt = tools.now();
  const started = lastAt;
  const after = () => `after ${elapsedText(tools.now() - started)}`;
  try {
    for (let poll = 0; ; poll++) {
      const seen = await look();
      if (seen.state !== last) {
        tools.logger.info(`${name}: ${seen.state} ${after()}${url ? ` ${url}` : ''}`);
        last = seen.state;
        lastAt = tools.now();
      } else if (tools.now() - lastAt >= HEARTBEAT_MS) {
        tools.logger.info(`${name}: still ${seen.state} ${after()}`);
        lastAt = tools.now();
      }
      if (seen.done) {
        if (!seen.done.success)
          tools.logger.error(`${name} ${seen.done.detail ?? `ended ${seen.done.status}`}`);
        return { ...seen.done, ...(url ? { url } : {}) };
      }
      const left = deadline - tools.now();
      if (left <= 0) {
        const detail = `still ${seen.state} after --wait-timeout ${timeoutMs / 1000} s`;
        tools.logger.error(`gave up waiting: ${name} ${detail}`);
        return { status: 'timed-out', success: false, detail, ...(url ? { url } : {}) };
      }
      await tools.sleep(Math.min(pollDelay(poll), left));
    }
  } catch (error) {
    const detail = `could not be followed: ${(error as Error).message}`;
    tools.logger.error(`${name} ${detail}`);
    return { status: 'unknown', success: false, detail, ...(url ? { url } : {}) };
  }
}

function lookAtBuild(target: WaitTarget, number: number, tools: RunTools): () => Promise<Look> {
  return async () => {
    const build = await tools.client.send<{
      lifecycle?: string;
      status?: string;
      outcome?: string | null;
    }>({ method: 'GET', path: apiPaths.v1Build(target.project, number) });
    const state = build.status ?? build.lifecycle ?? 'unknown';
    if (build.lifecycle === 'finished') {
      const status = build.outcome ?? state;
      return { state, done: { status, success: status === 'success' } };
    }
    // not_run: CircleCI decided not to run it (filters, a canceled workflow): it will not succeed.
    if (build.lifecycle === 'not_run')
      return { state, done: { status: 'not_run', success: false } };
    return { state };
  };
}
