/**
 * Deploy order on API v2: the branch's pipelines listed after the running one
 * ($CIRCLE_PIPELINE_ID), newest first, down to the running one. `?branch=` may not list
 * pipelines without `vcs` (pipeline-definition runs of `circleci/` projects): when it does not
 * show the running pipeline itself, it cannot show this branch's pushes, and the project's whole
 * list (which shows every pipeline, each with its branch in `vcs` or `trigger_parameters.git`) is
 * read instead, down to the running one. Pages are the run's own: --once and the loop guard
 * read the same ones.
 */
import { type Newer, orderOfPipeline, runningPipeline } from '../core/deploy-order.js';
import { gitOfPipeline, type PipelineSummary } from '../core/trigger-signs.js';
import { apiPaths } from './api-paths.js';
import { projectOfBuild } from './build-project.js';
import { walkPipelines } from './list-pages.js';
import type { Lookups } from './lookups.js';
import type { RunTools } from './send-tools.js';

/** The push that superseded this commit, nothing (undefined), or why this run cannot tell. */
export async function newerPipeline(
  branch: string,
  sha: string,
  tools: RunTools,
  lookups: Lookups,
): Promise<Newer | undefined | { unsure: string }> {
  const id = tools.context.pipelineId;
  const running = await lookups.running();
  if ('none' in running) return { unsure: 'CIRCLE_PIPELINE_ID is not set' };
  if ('error' in running)
    return { unsure: `this pipeline ${id} could not be read (${running.error})` };
  const point = runningPipeline(running.pipeline);
  if (typeof point === 'string') return { unsure: `this pipeline ${id} is shown without ${point}` };
  const project = projectOfBuild(tools.context);
  if (project === undefined) return { unsure: 'this project is not known' };
  for (const filter of [branch, undefined]) {
    let newer: PipelineSummary | undefined;
    let seen = false;
    const pathOf = (token: string | undefined) =>
      apiPaths.v2ProjectPipelines(project, filter, token);
    await walkPipelines(tools, lookups.pages, pathOf, false, (pipeline) => {
      if (typeof pipeline.id !== 'string') return undefined;
      seen ||= pipeline.id === point.id;
      const order = orderOfPipeline(point, pipeline, branch, sha);
      if (order === 'supersedes') newer = pipeline;
      return order === 'supersedes' || order === 'before' ? 'stop' : undefined;
    });
    if (newer !== undefined) {
      const since = newer.created_at as string;
      return {
        sha: gitOfPipeline(newer).revision as string,
        name: `pipeline ${newer.number}`,
        since,
      };
    }
    if (seen) return undefined;
    tools.logger.debug(
      `GET ${pathOf(undefined)} does not show this pipeline ${point.number}${filter === undefined ? '' : "; reading the project's whole list"}`,
    );
  }
  return {
    unsure: `neither ?branch= nor the project's list of pipelines shows this pipeline ${point.number}, so they cannot show the pushes after it`,
  };
}
