/**
 * The last successful deploy of a v2 rule's job on this branch: its `?branch=` list (on
 * `circleci/` projects, whose pipeline-definition runs `?branch=` may not list, the token user's
 * `pipeline/mine`), newest first. Each pipeline that shows the signs has its workflows and jobs
 * read, once a run, until one whose target job ended `success`.
 */
import { judgePipeline } from '../core/judge-signs.js';
import {
  gitOfPipeline,
  namePipeline,
  type PipelineSummary,
  type Signs,
} from '../core/trigger-signs.js';
import { apiPaths } from './api-paths.js';
import type { Found } from './last-deploy.js';
import { pipelinesUntil } from './list-pages.js';
import type { Lookups } from './lookups.js';
import { settleOnce } from './pipeline-runs.js';
import type { Action } from './plan-actions.js';
import type { RunTools } from './send-tools.js';

type V2Action = Extract<Action, { kind: 'v2' }>;

export async function deployedPipeline(
  action: V2Action,
  tools: RunTools,
  lookups: Lookups,
  signs: Signs,
): Promise<Found> {
  const { project, ref } = action;
  const pathOf =
    project.provider === 'circleci'
      ? (token: string | undefined) => apiPaths.v2MyPipelines(project, token)
      : (token: string | undefined) => apiPaths.v2ProjectPipelines(project, ref.name, token);
  let found: Found = 'none';
  const read = { pages: lookups.pages, fresh: false, ending: true };
  const end = await pipelinesUntil(tools, lookups.pages, pathOf, false, async (pipeline, path) => {
    if (typeof pipeline.id !== 'string' || lookups.claimed.has(pipeline.id)) return undefined;
    const judgement = judgePipeline(pipeline, signs);
    if (judgement.verdict === 'not-ours') return undefined;
    if (judgement.verdict === 'cannot-tell') {
      found = { unsure: `GET ${path}: ${namePipeline(pipeline)} ${judgement.why}` };
      return 'stop';
    }
    const settled = await settleOnce(action, pipeline, tools, read);
    if (settled.ending.end !== 'success') return undefined;
    found = { sha: gitOfPipeline(pipeline).revision ?? '', name: nameOf(pipeline) };
    return 'stop';
  });
  return end === 'more' ? 'beyond' : found;
}

/** `pipeline 12`, or its id when CircleCI named no number. */
function nameOf(pipeline: PipelineSummary): string {
  return typeof pipeline.number === 'number'
    ? `pipeline ${pipeline.number}`
    : `pipeline ${pipeline.id}`;
}
